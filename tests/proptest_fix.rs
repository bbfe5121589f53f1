//! Property test of the safe fixes: random front matter (key order, comments, quoting,
//! flow/block tags, CRLF/LF, BOM, bodies with `---` and tabs) with random synonym, deprecated
//! and duplicate tags. After `fix`: the file parses, the tags are the expected set with no
//! repeat, every byte outside the tags field is unchanged, and a second run changes nothing.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers outside #[test] fns

use std::ops::Range;
use std::path::PathBuf;

use faqlint::config::{Config, Loaded};
use faqlint::fix::{self, FixOutcome, FixRequest};
use faqlint::lint::{RunOptions, Selection, Settings};
use faqlint::source::{Corpus, front_matter, yaml};
use proptest::prelude::*;

const TAXONOMY: &str = "locales:\n  en:\n    tags: [password, login, account, billing]\n    synonyms: { pwd: password }\n    deprecated: { signon: login }\n";
const POOL: [&str; 6] = ["password", "login", "account", "billing", "pwd", "signon"];

#[derive(Debug, Clone)]
struct Doc {
    order: Vec<usize>,
    comment_before: Vec<bool>,
    trailing_comment: Vec<bool>,
    quotes: Vec<u8>,
    tags: Vec<(usize, u8, bool)>,
    flow: bool,
    indent: usize,
    crlf: bool,
    bom: bool,
    body: usize,
}

fn quote(style: u8, s: &str) -> String {
    match style % 3 {
        0 => s.to_string(),
        1 => format!("'{s}'"),
        _ => format!("\"{s}\""),
    }
}

impl Doc {
    fn text(&self) -> String {
        let scalars = [
            ("id", "pw-1"),
            ("title", "How do I reset my password?"),
            ("category", "account"),
            ("last_reviewed", "2024-11-02"),
            ("owner", "ana"),
        ];
        let mut fm = String::new();
        for (pos, &k) in self.order.iter().enumerate() {
            if self.comment_before[pos] {
                fm.push_str("# a comment line\n");
            }
            let trailing = if self.trailing_comment[pos] {
                "  # note"
            } else {
                ""
            };
            if k == scalars.len() {
                if self.flow {
                    let items: Vec<String> = self
                        .tags
                        .iter()
                        .map(|(t, q, _)| quote(*q, POOL[*t]))
                        .collect();
                    fm.push_str(&format!("tags: [{}]{trailing}\n", items.join(", ")));
                } else {
                    fm.push_str(&format!("tags:{trailing}\n"));
                    for (t, q, c) in &self.tags {
                        let c = if *c { " # why" } else { "" };
                        fm.push_str(&format!(
                            "{}- {}{c}\n",
                            " ".repeat(self.indent),
                            quote(*q, POOL[*t])
                        ));
                    }
                }
            } else {
                let (key, value) = scalars[k];
                fm.push_str(&format!(
                    "{key}: {}{trailing}\n",
                    quote(self.quotes[k], value)
                ));
            }
        }
        let body = [
            "Body.\n",
            "Intro.\n\n---\n\ntags: [x]\n---\n",
            "\tTabbed\tbody.\n",
            "No final newline",
        ][self.body];
        let text = format!("---\n{fm}---\n{body}");
        if self.crlf {
            text.replace('\n', "\r\n")
        } else {
            text
        }
    }

    fn bytes(&self) -> Vec<u8> {
        let mut b = if self.bom {
            "\u{feff}".as_bytes().to_vec()
        } else {
            Vec::new()
        };
        b.extend_from_slice(self.text().as_bytes());
        b
    }

    /// The tags after the safe fixes, as a sorted set.
    fn expected_tags(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .tags
            .iter()
            .map(|(t, _, _)| match POOL[*t] {
                "pwd" => "password".to_string(),
                "signon" => "login".to_string(),
                other => other.to_string(),
            })
            .collect();
        out.sort();
        out.dedup();
        out
    }
}

fn doc() -> impl Strategy<Value = Doc> {
    (
        Just((0..6).collect::<Vec<usize>>()).prop_shuffle(),
        prop::collection::vec(any::<bool>(), 6),
        prop::collection::vec(any::<bool>(), 6),
        prop::collection::vec(0u8..3, 5),
        prop::collection::vec((0usize..POOL.len(), 0u8..3, any::<bool>()), 1..6),
        any::<bool>(),
        prop_oneof![Just(0usize), Just(2), Just(4)],
        any::<bool>(),
        any::<bool>(),
        0usize..4,
    )
        .prop_map(
            |(
                order,
                comment_before,
                trailing_comment,
                quotes,
                tags,
                flow,
                indent,
                crlf,
                bom,
                body,
            )| Doc {
                order,
                comment_before,
                trailing_comment,
                quotes,
                tags,
                flow,
                indent,
                crlf,
                bom,
                body,
            },
        )
}

fn run(files: Vec<(String, Vec<u8>)>) -> FixOutcome {
    let loaded = Loaded::defaults();
    let selection = Selection {
        select: vec![
            "synonym-tag".into(),
            "deprecated-tag".into(),
            "duplicate-tag".into(),
        ],
        ignore: Vec::new(),
    };
    let settings = Settings::resolve(&loaded, &selection).unwrap();
    let corpus = Corpus::from_memory(PathBuf::from("/repo"), files, &Config::default());
    let req = FixRequest {
        settings: &settings,
        config: &loaded.config,
        today: chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
        run: RunOptions::default(),
        unsafe_fixes: false,
        writable: None,
        analytics: None,
    };
    fix::fix_corpus(corpus, &req).unwrap()
}

/// The tags field's bytes: from its key's line start to the end of its value's last line.
fn tags_region(text: &str) -> Range<usize> {
    let split = front_matter::split(text).unwrap();
    let root = yaml::parse(text, split.yaml).unwrap().unwrap();
    let (k, v) = root.get_entry("tags").unwrap();
    let start = text[..k.span.start].rfind('\n').map_or(0, |i| i + 1);
    let end = text[v.span.end..]
        .find('\n')
        .map_or(text.len(), |i| v.span.end + i + 1);
    start..end
}

fn outside(text: &str, r: Range<usize>) -> String {
    format!("{}{}", &text[..r.start], &text[r.end..])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn safe_fixes_keep_everything_else(doc in doc()) {
        let files = vec![
            ("taxonomy.yml".to_string(), TAXONOMY.as_bytes().to_vec()),
            ("en/account/pw.md".to_string(), doc.bytes()),
        ];
        let out = run(files);
        let original = doc.text();
        let (after, bytes) = match out.changed.first() {
            Some(c) => (c.after.clone(), c.bytes()),
            None => (original.clone(), doc.bytes()),
        };
        // It parses, with no problem.
        let file = &out.corpus.files[1];
        prop_assert!(file.problems.is_empty(), "{:?}\n{}", file.problems, after);
        let entry = &out.corpus.entries[0];
        prop_assert!(entry.problems.is_empty(), "{:?}", entry.problems);
        // The tags: the expected set, no repeat.
        let mut tags: Vec<String> = entry.tags.iter().map(|t| t.value.clone()).collect();
        let n = tags.len();
        tags.sort();
        tags.dedup();
        prop_assert_eq!(n, tags.len(), "a repeated tag survived:\n{}", after);
        prop_assert_eq!(tags, doc.expected_tags(), "\n{}", after);
        // Everything outside the tags field is byte-identical (keys, comments, body).
        prop_assert_eq!(outside(&original, tags_region(&original)), outside(&after, tags_region(&after)));
        // BOM and line endings.
        prop_assert_eq!(bytes.starts_with("\u{feff}".as_bytes()), doc.bom);
        if doc.crlf {
            prop_assert!(!after.match_indices('\n').any(|(i, _)| i == 0 || after.as_bytes()[i - 1] != b'\r'));
        } else {
            prop_assert!(!after.contains('\r'));
        }
        // Idempotent: a second run on the result changes nothing.
        let again = run(vec![
            ("taxonomy.yml".to_string(), TAXONOMY.as_bytes().to_vec()),
            ("en/account/pw.md".to_string(), bytes),
        ]);
        prop_assert!(again.changed.is_empty(), "second run changed:\n{}", again.changed[0].after);
    }
}
