//! Search-analytics inputs: each adapter on its fixture (`fixtures/analytics/`), malformed
//! rows, truncation, BOM/CRLF, PII redaction, column mapping, and the DuckDB SQL.

#![allow(clippy::unwrap_used, clippy::disallowed_methods, clippy::print_stderr)] // test helpers; fixtures written directly

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use faqlint::analytics::{
    DUCKDB_SQL, PiiKind, QueryStat, ReadReport, SearchLog, normalize_query, read_searches,
    read_votes, redact,
};
use faqlint::config::AnalyticsConfig;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/analytics")
        .join(name)
}

fn read(names: &[&str]) -> SearchLog {
    read_with(names, &AnalyticsConfig::default())
}

fn read_with(names: &[&str], cfg: &AnalyticsConfig) -> SearchLog {
    let paths: Vec<PathBuf> = names.iter().map(|n| fixture(n)).collect();
    read_searches(&paths, cfg).unwrap()
}

fn stat<'a>(log: &'a SearchLog, locale: Option<&str>, query: &str) -> &'a QueryStat {
    log.queries
        .iter()
        .find(|q| q.query == query && q.locale.as_deref() == locale)
        .unwrap_or_else(|| panic!("no {query:?} ({locale:?}) in {:#?}", log.queries))
}

fn lines(report: &ReadReport) -> Vec<u64> {
    report.malformed.iter().map(|m| m.line).collect()
}

#[test]
fn events_csv_aggregates_spellings_clicks_and_zero_results() {
    let log = read(&["events.csv"]);
    let r = &log.reports[0];
    assert_eq!(r.format, "events-csv");
    assert_eq!(r.rows, 14);
    assert_eq!(r.malformed_count, 0, "{:?}", r.malformed);
    assert!(!r.truncated);

    let cp = stat(&log, Some("fr"), "conges payes");
    assert_eq!(cp.count, 3);
    assert_eq!(cp.zero_result, 0);
    assert_eq!(cp.nb_hits, Some(2), "the latest search had 2 hits");
    assert_eq!(cp.no_click, Some(1));
    assert_eq!(cp.clicks, vec![("conges-payes".to_string(), 2)]);
    // Three spellings, one search each: the first in byte order is shown.
    assert_eq!(cp.display, "Congés Payés");

    let pd = stat(&log, Some("fr"), "preavis demission");
    assert_eq!((pd.count, pd.zero_result, pd.nb_hits), (2, 2, Some(0)));
    assert_eq!(
        pd.no_click,
        Some(0),
        "zero-result searches are not no-click ones"
    );

    let emp = stat(&log, Some("fr"), "l'employeur peut il refuser");
    assert_eq!(emp.count, 2, "curly and straight apostrophes merge");

    let booster = stat(&log, Some("en"), "do i need a booster");
    assert_eq!(booster.count, 2);
    assert_eq!(booster.clicks, vec![("booster-dose".to_string(), 1)]);

    // No locale column value and no default: no locale.
    assert_eq!(stat(&log, None, "smic 2026").count, 1);

    // PII: replaced before anything is kept, counted per kind.
    assert_eq!(
        stat(&log, Some("fr"), "mon mail <email>").display,
        "mon mail <email>"
    );
    assert_eq!(stat(&log, Some("fr"), "rappeler le <phone>").count, 1);
    assert_eq!(r.redacted.get(&PiiKind::Email), Some(&1));
    assert_eq!(r.redacted.get(&PiiKind::Phone), Some(&1));
    let all = format!("{log:?}");
    assert!(!all.contains("dupont") && !all.contains("06 12"), "{all}");

    // Most searched first.
    assert_eq!(log.queries[0].query, "conges payes");
}

#[test]
fn default_locale_fills_rows_without_one() {
    let cfg = AnalyticsConfig {
        default_locale: Some("FR".into()),
        ..AnalyticsConfig::default()
    };
    let log = read_with(&["events.csv"], &cfg);
    assert_eq!(stat(&log, Some("fr"), "smic 2026").count, 1);
}

#[test]
fn events_jsonl_reads_objects_and_reports_bad_lines() {
    let log = read(&["events.jsonl"]);
    let r = &log.reports[0];
    assert_eq!(r.format, "events-jsonl");
    let cp = stat(&log, Some("fr"), "conges payes");
    assert_eq!((cp.count, cp.nb_hits), (2, Some(3)));
    assert_eq!(cp.clicks, vec![("conges-payes".to_string(), 1)]);
    let vc = stat(&log, Some("en"), "vaccine cost");
    assert_eq!(
        (vc.count, vc.zero_result),
        (1, 1),
        "nb_hits given as a string"
    );
    // Line 6: nb_hits "zero"; 7: not JSON; 8: no query; 9: cut short (no newline).
    assert_eq!(lines(r), vec![6, 7, 8, 9], "{:?}", r.malformed);
    assert!(r.truncated);
    assert!(
        r.malformed[0].message.contains("nb_hits"),
        "{:?}",
        r.malformed
    );
}

#[test]
fn counts_csv_bom_and_crlf() {
    let log = read(&["counts.csv"]);
    assert_eq!(log.reports[0].format, "counts-csv");
    let f = stat(&log, None, "formation");
    assert_eq!((f.count, f.zero_result, f.nb_hits), (160, 0, Some(25)));
    assert_eq!(f.display, "formation");
    let n = stat(
        &log,
        None,
        "negociation d'un accord collectif dans une entreprise sans delegue syndical",
    );
    assert_eq!((n.count, n.zero_result), (135, 135));

    let log = read(&["counts-bom.csv"]);
    let r = &log.reports[0];
    assert_eq!(
        r.format, "counts-csv",
        "the BOM is not part of the first column name"
    );
    assert_eq!(stat(&log, None, "formation").count, 158);

    let log = read(&["events-crlf.csv"]);
    let r = &log.reports[0];
    assert_eq!((r.rows, r.malformed_count), (2, 0), "{:?}", r.malformed);
    let a = stat(&log, Some("fr"), "arret maladie indemnites");
    assert_eq!(a.display, "arrêt maladie, indemnités", "no stray \\r");
    assert_eq!(
        stat(&log, Some("fr"), "conges payes").clicks[0].0,
        "conges-payes"
    );
}

#[test]
fn ga4_report_skips_comments_and_not_set() {
    let log = read(&["ga4.csv"]);
    let r = &log.reports[0];
    assert_eq!(r.format, "ga4");
    assert_eq!(r.rows, 5);
    assert_eq!(r.empty, 77, "(not set) is no query");
    let cp = stat(&log, None, "conges payes");
    assert_eq!(cp.count, 1216, "\"1,204\" + 12");
    assert_eq!(cp.nb_hits, None, "GA4 does not know hits");
    assert_eq!(cp.display, "congés payés");
    assert_eq!(stat(&log, None, "smic 2026").count, 412);
}

#[test]
fn algolia_exports() {
    let log = read(&["algolia-no-results.json"]);
    let r = &log.reports[0];
    assert_eq!(r.format, "algolia-no-results");
    assert_eq!((r.rows, r.malformed_count), (8, 0));
    let d = stat(&log, None, "duree maximale du cdd");
    assert_eq!((d.count, d.zero_result, d.nb_hits), (27, 27, Some(0)));

    let log = read(&["algolia-top-searches.json"]);
    let r = &log.reports[0];
    assert_eq!(r.format, "algolia-top-searches");
    let s = stat(&log, None, "conges sans solde");
    assert_eq!((s.count, s.zero_result, s.nb_hits), (4018, 0, Some(64)));
    // clickThroughRate 0.05: 95 % of 4,018 searches without a click.
    assert_eq!(s.no_click, Some(3817));
}

#[test]
fn algolia_exports_of_the_same_searches_do_not_add_up() {
    let dir = tempfile::tempdir().unwrap();
    let top = dir.path().join("top.json");
    let none = dir.path().join("none.json");
    std::fs::write(
        &top,
        r#"{"searches": [{"search": "calcul des congés", "count": 9, "nbHits": 0},
                         {"search": "formation", "count": 5, "nbHits": 3}]}"#,
    )
    .unwrap();
    std::fs::write(
        &none,
        r#"{"searches": [{"search": "calcul des congés", "count": 9, "withFilterCount": 0}]}"#,
    )
    .unwrap();
    let log = read_searches(&[top, none], &AnalyticsConfig::default()).unwrap();
    let c = stat(&log, None, "calcul des conges");
    assert_eq!((c.count, c.zero_result), (9, 9));
    assert_eq!(stat(&log, None, "formation").count, 5);
}

#[test]
fn algolia_pages_concatenated_and_malformed_items() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("top.json");
    std::fs::write(
        &path,
        "{\"searches\": [\n  {\"search\": \"a\", \"count\": 1, \"nbHits\": 2}\n]}\n\
         {\"searches\": [\n  {\"search\": \"a\", \"count\": 2, \"nbHits\": 2},\n  {\"search\": \"b\", \"count\": -1, \"nbHits\": 0}\n]}\n",
    )
    .unwrap();
    let log = read_searches(&[path], &AnalyticsConfig::default()).unwrap();
    assert_eq!(stat(&log, None, "a").count, 3);
    assert_eq!(lines(&log.reports[0]), vec![6]);
}

#[test]
fn gzip_and_truncated_gzip() {
    let plain = read(&["events.csv"]);
    let gz = read(&["events.csv.gz"]);
    assert_eq!(gz.queries, plain.queries);
    assert!(!gz.reports[0].truncated);

    let t = read(&["truncated.csv.gz"]);
    let r = &t.reports[0];
    assert!(r.truncated, "{r:?}");
    assert!(
        r.rows > 0 && r.rows < 14,
        "what was read before the cut is kept: {r:?}"
    );
}

/// A file of several read chunks (1 MiB each), with quoted fields holding newlines,
/// commas and quotes: counts add up and line numbers stay exact across chunks.
#[test]
fn large_file_read_in_chunks_keeps_counts_and_lines() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.csv");
    let mut text = String::from("timestamp,query,nb_hits,clicked_entry,locale\n");
    let mut line = 2u64; // line of the next row
    let mut expected: BTreeMap<String, u64> = BTreeMap::new();
    let mut bad_lines = Vec::new();
    for i in 0..60_000u64 {
        let k = i % 37;
        let (cell, key) = match i % 5 {
            0 => (
                format!("\"démarche {k}\nsuite, \"\"urgent\"\"\""),
                format!("demarche {k} suite urgent"),
            ),
            1 => (format!("Démarche {k}"), format!("demarche {k}")),
            _ => (
                format!("question {k} sur le contrat de travail"),
                format!("question {k} sur le contrat de travail"),
            ),
        };
        if i % 9_999 == 9_998 {
            text.push_str(&format!("2026-11-01T08:00:00Z,{cell},beaucoup,,fr\n"));
            bad_lines.push(line);
        } else {
            text.push_str(&format!("2026-11-01T08:00:00Z,{cell},{},,fr\n", i % 3));
            *expected.entry(key).or_insert(0) += 1;
        }
        line += 1 + cell.matches('\n').count() as u64;
    }
    assert!(text.len() > 3 << 20, "several chunks");
    std::fs::write(&path, &text).unwrap();
    let log = read_searches(&[path], &AnalyticsConfig::default()).unwrap();
    let r = &log.reports[0];
    assert_eq!(r.rows, 60_000);
    assert_eq!(lines(r), bad_lines);
    let got: BTreeMap<String, u64> = log
        .queries
        .iter()
        .map(|q| (q.query.clone(), q.count))
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn malformed_rows_have_their_line_and_are_not_fatal() {
    let log = read(&["malformed.csv"]);
    let r = &log.reports[0];
    // 3: nb_hits "beaucoup"; 4: one field; 5: nb_hits -1; 8: cut short (no newline).
    assert_eq!(lines(r), vec![3, 4, 5, 8], "{:?}", r.malformed);
    assert_eq!(r.malformed_count, 4);
    assert!(r.truncated);
    assert_eq!(r.empty, 1);
    assert_eq!(stat(&log, Some("fr"), "conges payes").count, 1);
    assert_eq!(stat(&log, Some("fr"), "preavis").count, 1);
    assert!(
        r.malformed[0].message.contains("beaucoup"),
        "{:?}",
        r.malformed
    );
}

#[test]
fn column_mapping_and_case_insensitive_names() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export.csv");
    std::fs::write(
        &path,
        "When;Terme;Résultats;Langue\n2026-11-01;Congés payés;0;FR_fr\n2026-11-02;congés payés;4;fr-FR\n",
    )
    .unwrap();
    let mut columns = BTreeMap::new();
    columns.insert("timestamp".to_string(), "when".to_string());
    columns.insert("query".to_string(), "TERME".to_string());
    columns.insert("nb_hits".to_string(), "résultats".to_string());
    let cfg = AnalyticsConfig {
        columns,
        ..AnalyticsConfig::default()
    };
    let log = read_searches(std::slice::from_ref(&path), &cfg).unwrap();
    assert_eq!(log.reports[0].format, "events-csv");
    let s = stat(&log, Some("fr-fr"), "conges payes");
    assert_eq!((s.count, s.zero_result, s.nb_hits), (2, 1, Some(4)));

    // Without the mapping the query column is not found: an error naming the header.
    let err = read_searches(&[path], &AnalyticsConfig::default()).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("no `query` column") && msg.contains("terme"),
        "{msg}"
    );

    let mut bad = BTreeMap::new();
    bad.insert("querry".to_string(), "q".to_string());
    let cfg = AnalyticsConfig {
        columns: bad,
        ..AnalyticsConfig::default()
    };
    assert!(read_searches(&[], &cfg).is_err());
}

#[test]
fn unreadable_and_unknown_files_are_errors() {
    let missing = fixture("no-such-file.csv");
    let err = read_searches(&[missing], &AnalyticsConfig::default()).unwrap_err();
    assert!(err.to_string().contains("cannot open"), "{err}");
    let err = read_searches(
        &[fixture("zendesk-articles.json")],
        &AnalyticsConfig::default(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("votes"), "{err}");
    let cfg = AnalyticsConfig {
        format: "splunk".into(),
        ..AnalyticsConfig::default()
    };
    assert!(read_searches(&[fixture("events.csv")], &cfg).is_err());
}

#[test]
fn forced_format() {
    let cfg = AnalyticsConfig {
        format: "events-csv".into(),
        ..AnalyticsConfig::default()
    };
    let log = read_with(&["counts.csv"], &cfg);
    assert_eq!(log.reports[0].format, "events-csv");
    assert_eq!(
        stat(&log, None, "formation").count,
        160,
        "a count column still counts"
    );
}

#[test]
fn votes_csv_and_zendesk() {
    let paths = [fixture("votes.csv"), fixture("zendesk-articles.json")];
    let table = read_votes(&paths, &AnalyticsConfig::default()).unwrap();
    let v = |k: &str| table.votes.iter().find(|v| v.key == k).unwrap();
    let cp = v("conges-payes");
    assert_eq!((cp.up, cp.down), (23, 5));
    assert_eq!(
        cp.reasons,
        vec![
            ("ne répond pas à ma question".to_string(), 3),
            ("incomplet".to_string(), 2)
        ]
    );
    assert_eq!(
        v("rupture-conventionnelle").reasons,
        vec![("obsolète".to_string(), 2)]
    );
    // vote_sum -7, vote_count 23: 8 up, 15 down.
    let z = v("360012345671");
    assert_eq!((z.up, z.down), (8, 15));
    let z = v("360012345672");
    assert_eq!((z.up, z.down), (33, 2));
    assert_eq!(table.reports[0].format, "votes-csv");
    assert_eq!(table.reports[1].format, "zendesk-articles");
    assert_eq!(lines(&table.reports[0]), vec![6], "up is `x`");
}

/// Real-looking but fake values: every positive passes its checksum (Luhn, mod 97, NIR
/// key), computed by hand; the negatives are what a labour-law FAQ's visitors type.
#[test]
fn pii_table() {
    let positive: &[(&str, &str, PiiKind)] = &[
        (
            "écrire à jean.dupont@example.fr",
            "écrire à <email>",
            PiiKind::Email,
        ),
        (
            "J.Doe+faq@mail.example.co.uk ?",
            "<email> ?",
            PiiKind::Email,
        ),
        ("06 12 34 56 78", "<phone>", PiiKind::Phone),
        ("+33 6 12 34 56 78", "<phone>", PiiKind::Phone),
        ("tel 0612345678 svp", "tel <phone> svp", PiiKind::Phone),
        ("01.23.45.67.89", "<phone>", PiiKind::Phone),
        ("06-12-34-56-78", "<phone>", PiiKind::Phone),
        ("0033 1 23 45 67 89", "<phone>", PiiKind::Phone),
        ("bureau +44 20 7946 0958", "bureau <phone>", PiiKind::Phone),
        ("+1 202 555 0143", "<phone>", PiiKind::Phone),
        (
            "FR76 3000 6000 0112 3456 7890 189 merci",
            "<iban> merci",
            PiiKind::Iban,
        ),
        ("FR7630006000011234567890189", "<iban>", PiiKind::Iban),
        ("fr76 3000 6000 0112 3456 7890 189", "<iban>", PiiKind::Iban),
        ("GB82 WEST 1234 5698 7654 32", "<iban>", PiiKind::Iban),
        ("DE89 3704 0044 0532 0130 00", "<iban>", PiiKind::Iban),
        (
            "carte 4111 1111 1111 1111 bloquée",
            "carte <card> bloquée",
            PiiKind::Card,
        ),
        ("5555-5555-5555-4444", "<card>", PiiKind::Card),
        ("4111111111111111", "<card>", PiiKind::Card),
        ("amex 3782 822463 10005", "amex <card>", PiiKind::Card),
        ("sécu 1 85 05 78 006 084 91", "sécu <nir>", PiiKind::Nir),
        ("185057800608491", "<nir>", PiiKind::Nir),
        ("1 85 05 2A 006 084 35", "<nir>", PiiKind::Nir),
        ("185052B00608462", "<nir>", PiiKind::Nir),
        ("2 69 02 99 341 732 85", "<nir>", PiiKind::Nir),
    ];
    for (input, expected, kind) in positive {
        let (out, found) = redact(input);
        assert_eq!(&out, expected, "{input:?}");
        assert_eq!(found, vec![*kind], "{input:?}");
    }
    let negative = [
        "smic 2024",
        "prime de 1500 euros",
        "1 500 euros",
        "article L1234-5 du code du travail",
        "article 1226-2",
        "articles L. 3121-1 à L. 3121-3",
        "mairie 75001",
        "75001 Paris",
        "congés 2023-2024",
        "01/02/2024",
        "le 01.02.2024 à 10:30",
        "13eme mois",
        "35 heures",
        "siret 73282932000074",
        "4111 1111 1111 1112",
        "FR76 3000 6000 0112 3456 7890 188",
        "185057800608492",
        "06 12 34 56",
        "arobase @ dans une question",
        "convention collective 3248",
        "idcc 1486",
        "cerfa 10170*04",
        "123456789",
    ];
    for input in negative {
        let (out, found) = redact(input);
        assert_eq!(out, input, "{input:?} was redacted as {found:?}");
    }
    // Several in one query, all counted.
    let (out, found) = redact("jean@example.fr 06 12 34 56 78 4111111111111111");
    assert_eq!(out, "<email> <phone> <card>");
    assert_eq!(found, vec![PiiKind::Email, PiiKind::Phone, PiiKind::Card]);
}

#[test]
fn pii_fixture_counts_per_kind() {
    let log = read(&["pii.csv"]);
    let r = &log.reports[0];
    let n = |k| r.redacted.get(&k).copied().unwrap_or(0);
    assert_eq!(n(PiiKind::Email), 2, "one query searched twice");
    assert_eq!(n(PiiKind::Phone), 5);
    assert_eq!(n(PiiKind::Iban), 2);
    assert_eq!(n(PiiKind::Card), 2);
    assert_eq!(n(PiiKind::Nir), 2);
    assert_eq!(stat(&log, None, "iban <iban> merci").count, 1);
    assert_eq!(stat(&log, None, "smic 2024").count, 5);
    assert_eq!(
        stat(&log, None, "article l1234 5 du code du travail").count,
        3
    );
    assert_eq!(stat(&log, None, "mairie 75001").count, 2);
    let all = format!("{log:?}");
    for leak in ["dupont", "4111", "5555", "0958", "3000 6000", "006 084"] {
        assert!(!all.contains(leak), "{leak} leaked");
    }
}

#[test]
fn normalisation_examples() {
    assert_eq!(
        normalize_query("  L’Employeur  peut-il REFUSER ? "),
        "l'employeur peut il refuser"
    );
    assert_eq!(
        normalize_query("Congés payés"),
        normalize_query("conges   PAYES!")
    );
}

/// The warehouse path: the DuckDB SQL over the raw events gives a table that faqlint
/// reads to the same aggregates as the raw events themselves.
#[test]
fn duckdb_sql_gives_the_same_aggregates_as_raw_events() {
    let duckdb = std::env::var_os("FAQLINT_DUCKDB")
        .map(PathBuf::from)
        .or_else(|| which("duckdb"));
    let Some(duckdb) = duckdb else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have the duckdb CLI (FAQLINT_DUCKDB or duckdb on PATH): .ci/run installs it"
        );
        eprintln!("skipped: no duckdb CLI (set FAQLINT_DUCKDB or put duckdb on PATH)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("aggregated.csv");
    let events = fixture("events-warehouse.csv");
    let script = format!(
        "CREATE VIEW events AS SELECT * FROM read_csv('{}', header = true, \
         types = {{'nb_hits': 'BIGINT', 'clicked_entry': 'VARCHAR', 'locale': 'VARCHAR'}});\n\
         COPY ({}) TO '{}' (HEADER, DELIMITER ',');\n",
        events.display(),
        DUCKDB_SQL.trim().trim_end_matches(';'),
        out.display()
    );
    let mut child = std::process::Command::new(&duckdb)
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(script.as_bytes())
        .unwrap();
    assert!(child.wait().unwrap().success(), "duckdb failed");

    let cfg = AnalyticsConfig::default();
    let raw = read_searches(&[events], &cfg).unwrap();
    let table = read_searches(&[out], &cfg).unwrap();
    assert_eq!(table.reports[0].format, "counts-csv");
    assert_eq!(
        table.reports[0].malformed_count, 0,
        "{:?}",
        table.reports[0]
    );
    assert!(raw.queries.len() > 10);
    assert_eq!(table.queries, raw.queries);
}

fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(name))
            .find(|p| p.is_file())
    })
}

/// A chunk without quotes is split directly (the fast path); one quote anywhere sends it
/// through the csv parser. Both must read the same rows, counts, malformed lines and
/// truncation: the same log written with and without a (meaningless) quoted cell.
#[test]
fn plain_and_quoted_chunks_read_the_same() {
    let body = "timestamp,query,nb_hits,clicked_entry,locale\r\n\
                2026-11-01T08:00:00Z,Congés payés,2,conges-payes,fr\r\n\
                \r\n\
                2026-11-01T08:00:01Z,conges payes,0,,fr\r\n\
                2026-11-01T08:00:02Z,only two\r\n\
                2026-11-01T08:00:03Z,preavis,x,,fr\r\n\
                2026-11-01T08:00:04Z,rupture,3,,fr,extra\n\
                   \n\
                2026-11-01T08:00:05Z,Préavis démission,1,preavis,fr\n\
                2026-11-01T08:00:06Z,jean@example.fr,0,,en\n\
                2026-11-01T08:00:07Z,cut";
    let quoted = body.replacen(",conges payes,0,,fr", ",conges payes,0,,\"fr\"", 1);
    assert_ne!(body, quoted);
    let dir = tempfile::tempdir().unwrap();
    let read_one = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        let mut log = read_searches(&[p], &AnalyticsConfig::default()).unwrap();
        for r in &mut log.reports {
            r.path.clear();
        }
        log
    };
    let plain = read_one("plain.csv", body);
    let csv = read_one("quoted.csv", &quoted);
    assert_eq!(plain, csv);
    let r = &plain.reports[0];
    assert_eq!(r.rows, 6, "{r:?}");
    assert!(r.truncated);
    assert_eq!(lines(r), vec![5, 6, 11], "{:?}", r.malformed);
    assert_eq!(stat(&plain, Some("fr"), "conges payes").count, 2);
    assert_eq!(stat(&plain, Some("fr"), "rupture").count, 1);
    assert_eq!(stat(&plain, Some("en"), "<email>").zero_result, 1);
}

/// A binary file given as a search export is refused with a message that says so, not with
/// its bytes echoed as a "header".
#[test]
fn a_binary_export_is_refused_as_not_text() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("searches.csv");
    let bytes: Vec<u8> = (0u8..=255).cycle().take(3000).collect();
    std::fs::write(&p, bytes).unwrap();
    let err = read_searches(&[p], &AnalyticsConfig::default()).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("not a text export"), "{text}");
    assert!(!text.contains('\u{fffd}'), "{text}");
}
