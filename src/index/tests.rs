//! Tokens of real phrases (titles from `../shared/data`), checked by hand, and the index on a
//! small in-memory corpus.

use super::*;
use crate::config::Config;

fn fr(text: &str) -> Vec<String> {
    analyze(Some("fr"), text)
}

fn en(text: &str) -> Vec<String> {
    analyze(Some("en"), text)
}

// --- French: code-du-travail/faq.json and service-public-vdd titles -------------------------

#[test]
fn fr_elision_accents_plural_stop_words() {
    // code-du-travail: `j'` elided, `est-ce que` and `des` are stop words, `congés payés` stemmed.
    assert_eq!(
        fr("Je suis en arrêt maladie ordinaire, est-ce que j'acquiers des congés payés?"),
        ["arret", "malad", "ordinair", "acquier", "cong", "pai"]
    );
}

#[test]
fn fr_ete_is_kept_and_plurals_singular() {
    // `d'été` keeps `ete` (summer); `jours`/`droits` lose their plural.
    assert_eq!(
        fr(
            "Mon employeur ne me permet que 15 jours pour les congés d'été, quels sont mes droits ?"
        ),
        ["employeur", "permet", "15", "jour", "cong", "ete", "droit"]
    );
}

#[test]
fn fr_question_made_only_of_stop_words_and_elisions() {
    assert_eq!(
        fr("qu'est ce que la période d'adaptation?"),
        ["period", "adapt"]
    );
}

#[test]
fn fr_feminine_plural_participle_meets_masculine() {
    assert_eq!(
        fr("Comment sont payées les heures supplémentaires ?"),
        ["pai", "heur", "supplementair"]
    );
    assert_eq!(fr("payées"), fr("payés"));
    assert_eq!(fr("payées"), fr("payé"));
}

#[test]
fn fr_hyphenated_inversion_and_parentheses() {
    assert_eq!(
        fr(
            "L'employeur peut-il faire travailler un salarié le samedi et le dimanche (convention collective de la boulangerie artisanale) ?"
        ),
        [
            "employeur",
            "peut",
            "fair",
            "travaill",
            "salari",
            "samed",
            "dimanch",
            "convent",
            "collect",
            "boulanger",
            "artisanal"
        ]
    );
}

#[test]
fn fr_meme_and_puis_je() {
    assert_eq!(
        fr(
            "Je fais garder mes deux enfants par le même assistant maternel, puis-je établir un seul contrat ?"
        ),
        [
            "fais", "gard", "deux", "enfant", "assist", "maternel", "puis", "etabl", "seul",
            "contrat"
        ]
    );
}

#[test]
fn fr_curly_apostrophes_elide() {
    // service-public-vdd writes `l’allocation` with U+2019.
    assert_eq!(
        fr("Qui peut bénéficier de l’allocation d’aide au retour à l’emploi (ARE) ?"),
        [
            "peut", "benefici", "alloc", "aid", "retour", "emploi", "are"
        ]
    );
    assert_eq!(
        fr("Le salarié peut-il s’absenter pour rechercher un emploi pendant son préavis ?"),
        [
            "salari", "peut", "absent", "recherch", "emploi", "pend", "preav"
        ]
    );
}

#[test]
fn fr_accents_and_plurals_meet() {
    for form in ["congé", "congés", "conges", "Congé", "CONGÉS"] {
        assert_eq!(fr(form), ["cong"], "{form}");
    }
    assert_eq!(fr("salariés"), fr("salarié"));
    assert_eq!(
        fr(
            "En cas de licenciement pour inaptitude est ce que je bénéficie d'une indemnisation spécifique ? (Boulangerie)"
        ),
        [
            "cas",
            "licenci",
            "inaptitud",
            "benefic",
            "indemnis",
            "specif",
            "boulanger"
        ]
    );
}

// --- English: covid-faq-stanford/faq_db.csv questions ---------------------------------------

#[test]
fn en_plurals_and_stop_words() {
    assert_eq!(
        en("Are COVID-19 vaccines being held to the same safety standards as other vaccines?"),
        [
            "covid", "19", "vaccin", "held", "same", "safeti", "standard", "other", "vaccin"
        ]
    );
    assert_eq!(en("Are mRNA vaccines safe?"), ["mrna", "vaccin", "safe"]);
}

#[test]
fn en_contraction_is_a_stop_word() {
    assert_eq!(
        en("Can I contract COVID-19 after I'm vaccinated?"),
        ["contract", "covid", "19", "after", "vaccin"]
    );
    assert_eq!(en("I’m vaccinated"), ["vaccin"]);
}

#[test]
fn en_question_words_are_stop_words() {
    assert_eq!(
        en("Why do some vaccines require one shot and others require 2?"),
        [
            "some", "vaccin", "requir", "one", "shot", "other", "requir", "2"
        ]
    );
    assert_eq!(
        en("What are the side effects of the COVID-19 vaccine?"),
        ["side", "effect", "covid", "19", "vaccin"]
    );
}

#[test]
fn en_derivations_share_a_stem() {
    assert_eq!(
        en("Do I have to show proof of citizenship to get a vaccine?"),
        ["show", "proof", "citizenship", "get", "vaccin"]
    );
    assert_eq!(
        en("Will the vaccine cause bruising to my arm at the injection site?"),
        ["vaccin", "caus", "bruis", "arm", "inject", "site"]
    );
    assert_eq!(
        en("What happens if not enough people get vaccinated?"),
        ["happen", "enough", "peopl", "get", "vaccin"]
    );
    assert_eq!(
        en(
            "Should I be concerned if I or a loved one received the Johnson & Johnson COVID-19 vaccine?"
        ),
        [
            "concern", "love", "one", "receiv", "johnson", "johnson", "covid", "19", "vaccin"
        ]
    );
}

// --- the index ---------------------------------------------------------------------------

fn corpus() -> Corpus {
    let files = vec![
        (
            "taxonomy.yml".to_string(),
            b"locales:\n  fr:\n    tags: [conges-payes]\n    synonyms: { vacances: conges-payes }\n".to_vec(),
        ),
        (
            "fr/conges/jours.md".to_string(),
            "---\nid: jours\ntitle: Combien de jours de congés payés ?\nlocale: fr\ntags: [conges-payes]\n---\n\nDeux jours et demi par mois.\n".as_bytes().to_vec(),
        ),
        (
            "fr/paie/bulletin.md".to_string(),
            "---\nid: bulletin\ntitle: Où trouver mon bulletin de paie ?\nlocale: fr\n---\n\nDans l'espace salarié, rubrique congés.\n".as_bytes().to_vec(),
        ),
        (
            "fr/paie/brouillon.md".to_string(),
            "---\nid: brouillon\ntitle: Congés (brouillon)\nlocale: fr\ndraft: true\n---\n\nCongés.\n".as_bytes().to_vec(),
        ),
        (
            "en/leave/days.md".to_string(),
            "---\nid: days\ntitle: How many days of paid leave?\nlocale: en\n---\n\nTwo and a half days a month.\n".as_bytes().to_vec(),
        ),
    ];
    Corpus::from_memory(std::path::PathBuf::from("/kb"), files, &Config::default())
}

fn hit_paths(corpus: &Corpus, hits: &[Hit]) -> Vec<String> {
    hits.iter()
        .map(|h| corpus.entries[h.entry].path.clone())
        .collect()
}

#[test]
fn index_skips_drafts_and_ranks_title_over_body() {
    let c = corpus();
    let index = EntryIndex::build(&c).unwrap();
    assert_eq!(index.len(), 3);
    let hits = index.search("congé", Some("fr"), 10).unwrap();
    assert_eq!(
        hit_paths(&c, &hits),
        ["fr/conges/jours.md", "fr/paie/bulletin.md"]
    );
    assert!(hits[0].score > hits[1].score);
    assert_eq!(hits[0].matched, ["cong"]);
}

#[test]
fn index_expands_taxonomy_synonyms() {
    let c = corpus();
    let index = EntryIndex::build(&c).unwrap();
    let hits = index.search("vacances", None, 10).unwrap();
    assert_eq!(hit_paths(&c, &hits), ["fr/conges/jours.md"]);
    assert_eq!(hits[0].matched, ["vacanc"]);
}

#[test]
fn index_locale_filter_and_all_locales() {
    let c = corpus();
    let index = EntryIndex::build(&c).unwrap();
    assert_eq!(
        hit_paths(&c, &index.search("days", Some("en"), 10).unwrap()),
        ["en/leave/days.md"]
    );
    assert!(index.search("days", Some("fr"), 10).unwrap().is_empty());
    // Without a locale each analyzer analyses the query: French `jours`, English `days`.
    let both = index.search("jours days", None, 10).unwrap();
    assert_eq!(both.len(), 2);
    assert!(
        index
            .search("le la les", Some("fr"), 10)
            .unwrap()
            .is_empty()
    );
    assert_eq!(index.search("jours", None, 1).unwrap().len(), 1);
}
