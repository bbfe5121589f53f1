use super::*;
use crate::analytics::{EntryVotes, QueryStat};
use crate::testing::corpus_of;

const TAX: &str = "locales:\n  fr:\n    tags: [conges, maternite, demission, preavis, paie, duree, convention]\n    synonyms:\n      congés: conges\n";

fn corpus() -> Corpus {
    corpus_of(&[
        ("taxonomy.yml", TAX),
        (
            "fr/conges/maternite.md",
            "---\nid: maternite\ntitle: Quelle est la durée du congé de maternité ?\nlocale: fr\ntags: [duree]\n---\nLe congé de maternité dure 16 semaines.\n",
        ),
        (
            "fr/contrat/preavis.md",
            "---\nid: preavis\ntitle: Quel préavis après une démission ?\nlocale: fr\ntags: [preavis]\n---\nLe préavis de démission dépend de la convention collective.\n",
        ),
        (
            "fr/paie/bulletin.md",
            "---\nid: bulletin\ntitle: Quand le bulletin de salaire est-il remis ?\nlocale: fr\ntags: [paie]\n---\nAvec la paie, chaque mois.\n",
        ),
    ])
}

fn q(query: &str, count: u64) -> QueryStat {
    QueryStat {
        query: query.into(),
        display: query.into(),
        locale: Some("fr".into()),
        count,
        zero_result: count,
        ..QueryStat::default()
    }
}

fn input(queries: Vec<QueryStat>) -> MineInput {
    MineInput {
        searches: SearchLog {
            queries,
            reports: Vec::new(),
        },
        votes: None,
        settings: MineSettings::default(),
    }
}

fn id(c: &Corpus, s: &Suggestion) -> String {
    s.entry.map(|i| c.entries[i].id.clone()).unwrap_or_default()
}

#[test]
fn a_variant_of_a_title_word_that_is_a_tag_becomes_a_synonym() {
    let c = corpus();
    // `conge` is a variant of `conges`… no: the entry's title has `conge` itself; the
    // query misses `maternite`'s variant `maternites`.
    let r = mine(&c, &input(vec![q("conge maternites", 7)]));
    let s = &r.suggestions.first().unwrap_or_else(|| panic!("{r:?}"));
    assert_eq!(s.kind, Kind::AddSynonym, "{s:?}");
    assert_eq!(
        s.synonyms,
        [("maternites".to_string(), "maternite".to_string())]
    );
    assert_eq!(id(&c, s), "maternite");
    assert_eq!((s.before, s.after), (Some(7), Some(0)));
    assert_eq!(r.summary.zero_result_searches_after, 0);
}

#[test]
fn a_taxonomy_tag_missing_from_the_entry_is_added() {
    let c = corpus();
    // `preavis demission` is answered already; `preavis convention`: `convention` is a
    // taxonomy tag that the answer uses. `duree preavis`: the preavis entry never speaks
    // of a duration, so no tag is forced on it.
    let r = mine(
        &c,
        &input(vec![
            q("preavis demission", 3),
            q("preavis convention", 2),
            q("duree preavis", 1),
        ]),
    );
    assert_eq!(r.summary.zero_result_searches_before, 3);
    let tags: Vec<_> = r
        .suggestions
        .iter()
        .filter(|s| s.kind == Kind::AddTag)
        .collect();
    assert_eq!(tags.len(), 1, "{tags:?}");
    assert_eq!(id(&c, tags[0]), "preavis");
    assert_eq!(tags[0].tags, ["convention"]);
    assert!(tags[0].new_tags.is_empty());
    assert_eq!((tags[0].before, tags[0].after), (Some(3), Some(1)));
}

#[test]
fn new_tags_only_when_allowed_and_supported_by_the_text() {
    let c = corpus();
    let mut i = input(vec![q("preavis convention collective", 5)]);
    let r = mine(&c, &i);
    assert!(
        r.suggestions.iter().all(|s| s.kind != Kind::AddTag),
        "{:?}",
        r.suggestions
    );
    i.settings.new_tags = true;
    let r = mine(&c, &i);
    let s = &r.suggestions[0];
    assert_eq!(s.kind, Kind::AddTag);
    assert_eq!(id(&c, s), "preavis");
    assert_eq!(s.tags, ["convention", "collective"]);
    assert_eq!(s.new_tags, ["collective"]);
    // Three missing words would be stuffing: none proposed.
    i.settings.max_missing_words = 1;
    let r = mine(&c, &i);
    assert!(r.suggestions.iter().all(|s| s.kind != Kind::AddTag));
}

#[test]
fn unanswerable_queries_are_content_gaps() {
    let c = corpus();
    let r = mine(&c, &input(vec![q("teletravail indemnite internet", 9)]));
    let gap = r
        .suggestions
        .iter()
        .find(|s| s.kind == Kind::ContentGap)
        .expect("a content gap");
    assert_eq!(gap.searches, 9);
    assert_eq!(gap.queries, ["teletravail indemnite internet"]);
    assert_eq!(gap.entry, None);
}

#[test]
fn clusters_group_order_and_typo_variants() {
    let c = corpus();
    let r = mine(
        &c,
        &input(vec![
            q("teletravail indemnite", 4),
            q("indemnite teletravail", 3),
            q("indemnite teletravaill", 1),
        ]),
    );
    let gaps: Vec<_> = r
        .suggestions
        .iter()
        .filter(|s| s.kind == Kind::ContentGap)
        .collect();
    assert_eq!(gaps.len(), 1, "{gaps:?}");
    assert_eq!(gaps[0].searches, 8);
    assert_eq!(r.summary.clusters, 1);
}

#[test]
fn poor_votes_ask_for_a_review_with_reasons() {
    let c = corpus();
    let mut i = input(vec![]);
    i.votes = Some(VoteTable {
        votes: vec![
            EntryVotes {
                key: "preavis".into(),
                up: 2,
                down: 8,
                reasons: vec![("obsolète".into(), 5)],
            },
            EntryVotes {
                key: "bulletin".into(),
                up: 20,
                down: 3,
                reasons: vec![],
            },
            EntryVotes {
                key: "maternite".into(),
                up: 0,
                down: 2,
                reasons: vec![],
            },
        ],
        reports: Vec::new(),
    });
    let r = mine(&c, &i);
    let reviews: Vec<_> = r
        .suggestions
        .iter()
        .filter(|s| s.kind == Kind::ReviewEntry)
        .collect();
    assert_eq!(reviews.len(), 1);
    assert_eq!(id(&c, reviews[0]), "preavis");
    assert_eq!(reviews[0].searches, 8);
    assert_eq!(
        reviews[0].votes.as_ref().unwrap().reasons,
        [("obsolète".to_string(), 5)]
    );
}

#[test]
fn no_click_queries_are_reported_when_the_export_tells() {
    let c = corpus();
    let mut stat = q("preavis", 10);
    stat.zero_result = 0;
    stat.no_click = Some(9);
    let r = mine(&c, &input(vec![stat]));
    assert_eq!(r.suggestions.len(), 1);
    assert_eq!(r.suggestions[0].kind, Kind::NoClick);
    assert_eq!(r.suggestions[0].searches, 9);
}
