//! The pull-request body: a summary a reviewer reads in two minutes, then one collapsible
//! section per changed file.
//!
//! Every interpolated text (entry titles, tags, queries from search exports, paths) goes
//! through [`text`], [`code`], [`html`] or [`fenced`]: HTML is escaped, `@mentions` and
//! `#123` references are defused with U+200B, Markdown punctuation is backslash-escaped so a
//! query cannot open a link, a table cell, a heading or a comment, and diffs sit in fences
//! longer than any backtick run inside them. The body stays under GitHub's 65,536-character
//! limit by dropping whole sections, with a note.

use std::fmt::Write as _;

use sha2::{Digest, Sha256};

use super::plan::{Change, Evidence, MineSummary, Topic};
pub use crate::output::markdown::{code, fenced, text};

/// GitHub rejects pull-request bodies longer than this (characters).
pub const GITHUB_BODY_LIMIT: usize = 65_536;

/// The first line of every body: the bot finds its digest there on the next run.
pub const MARKER_PREFIX: &str = "<!-- faqlint-bot digest:";

/// How the body is rendered.
#[derive(Debug, Clone)]
pub struct BodyOptions {
    /// Base of the rule docs links: `<base><rule-id>.md`.
    pub docs_url: String,
    /// Cost of one contact (for the estimate).
    pub cost_per_contact: f64,
    /// Share of newly answered searches that would have become a contact.
    pub deflection_rate: f64,
    /// Maximum length in characters (GitHub's limit by default).
    pub limit: usize,
}

impl Default for BodyOptions {
    fn default() -> Self {
        BodyOptions {
            docs_url: "https://github.com/faqlint/faqlint/blob/main/rules/".into(),
            cost_per_contact: 6.0,
            deflection_rate: 0.1,
            limit: GITHUB_BODY_LIMIT,
        }
    }
}

/// Escapes text for HTML (inside `<summary>`): entities, defused `@` and `#`.
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '@' | '#' => {
                out.push(c);
                out.push('\u{200B}');
            }
            '\r' | '\n' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A rule message or help in Markdown: its `backticked` parts as code spans, the rest as
/// escaped text. Safe whatever the message holds: every part is either escaped or fenced.
pub fn rich(s: &str) -> String {
    let mut out = String::new();
    let parts: Vec<&str> = s.split('`').collect();
    // An odd number of backticks leaves the last part unpaired: escape it as text.
    let paired = parts.len() % 2 == 1;
    for (i, part) in parts.iter().enumerate() {
        let last = i == parts.len() - 1;
        if i % 2 == 1 && (paired || !last) {
            out.push_str(&code(part));
        } else {
            if i % 2 == 1 {
                // The unpaired backtick before the last part.
                out.push_str(&text("`"));
            }
            out.push_str(&text(part));
        }
    }
    out
}

/// `1930` → `1,930`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The digest of a body's content (without the marker line): compared on the next run to
/// decide whether the body changed.
pub fn digest(content: &str) -> String {
    let hash = Sha256::digest(content.as_bytes());
    hash.iter().take(16).fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// The digest recorded in a body's marker line, if any.
pub fn digest_of(body: &str) -> Option<&str> {
    let line = body.lines().next()?;
    let rest = line.strip_prefix(MARKER_PREFIX)?;
    rest.strip_suffix("-->").map(str::trim)
}

/// Renders a topic's body. Deterministic: the same topic gives the same bytes (no dates),
/// so an unchanged night changes nothing.
pub fn render(topic: &Topic, opts: &BodyOptions) -> String {
    let mut head = String::new();
    let files = topic.changes.len();
    let fixes: usize = topic.changes.iter().map(|c| c.evidence.len()).sum();
    let _ = writeln!(
        head,
        "faqlint proposes {} in {}. Safe fixes cannot change meaning; fixes marked **review** \
         (mined tags and synonyms, `duplicate_of`, review dates…) need a human eye.\n",
        plural(fixes, "fix", "fixes"),
        plural(files, "file", "files"),
    );
    head.push_str("| family | safe fixes | proposed for review | left for a human |\n");
    head.push_str("| --- | ---: | ---: | ---: |\n");
    for (family, row) in &topic.rows {
        let _ = writeln!(
            head,
            "| {} | {} | {} | {} |",
            family.as_str(),
            row.safe,
            row.proposed,
            row.remaining
        );
    }
    head.push('\n');
    head.push_str(&search_table(topic.mine, opts));
    head.push('\n');

    let sections: Vec<(String, String)> = topic
        .changes
        .iter()
        .map(|c| (section(c, opts, true), section(c, opts, false)))
        .collect();

    // Budget: the limit, minus the marker line and room for the truncation note.
    let marker_len = MARKER_PREFIX.len() + 32 + 5;
    let note_room = 400;
    let budget = opts.limit.saturating_sub(marker_len + note_room);
    let mut body = head;
    let mut used = body.chars().count();
    let mut omitted = 0usize;
    let mut without_diff = 0usize;
    for (full, compact) in &sections {
        if omitted > 0 {
            omitted += 1;
            continue;
        }
        let n = full.chars().count();
        if used + n <= budget {
            body.push_str(full);
            used += n;
            continue;
        }
        let n = compact.chars().count();
        if used + n <= budget {
            body.push_str(compact);
            used += n;
            without_diff += 1;
            continue;
        }
        omitted += 1;
    }
    if without_diff > 0 || omitted > 0 {
        body.push_str("\n> [!NOTE]\n> This description is shortened to stay under GitHub's 65,536-character limit: ");
        let mut parts = Vec::new();
        if without_diff > 0 {
            parts.push(format!(
                "{} shown without {}",
                plural(without_diff, "change", "changes"),
                if without_diff == 1 {
                    "its diff"
                } else {
                    "their diffs"
                }
            ));
        }
        if omitted > 0 {
            parts.push(format!(
                "{} not shown",
                plural(omitted, "more change", "more changes")
            ));
        }
        let _ = writeln!(
            body,
            "{}. Every change is in **Files changed**.",
            parts.join(", ")
        );
    }
    body.push_str("\n<sub>Opened by `faqlint bot`: re-runs update this pull request in place. \
                   A commit pushed here by a person stops the bot until the branch is merged or deleted.</sub>\n");
    format!("{MARKER_PREFIX} {} -->\n{body}", digest(&body))
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{} {many}", thousands(n as u64))
    }
}

/// The closed-loop rows: zero-result searches before → after, contacts and cost avoided.
fn search_table(mine: Option<MineSummary>, opts: &BodyOptions) -> String {
    let mut out = String::from("| search analytics | |\n| --- | --- |\n");
    match mine {
        Some(m) => {
            let answered = m.zero_result_before.saturating_sub(m.zero_result_after);
            let contacts = answered as f64 * opts.deflection_rate;
            let cost = contacts * opts.cost_per_contact;
            let _ = writeln!(
                out,
                "| zero-result searches (before → after) | {} → {} of {} ({} answered) |",
                thousands(m.zero_result_before),
                thousands(m.zero_result_after),
                thousands(m.searches),
                thousands(answered)
            );
            let _ = writeln!(
                out,
                "| contacts avoided (estimate) | ≈ {} (≈ {} €): {} % of newly answered searches × {} € per contact |",
                thousands(contacts.round() as u64),
                thousands(cost.round() as u64),
                trim_float(opts.deflection_rate * 100.0),
                trim_float(opts.cost_per_contact)
            );
        }
        None => {
            out.push_str("| zero-result searches (before → after) | — |\n");
            out.push_str("| contacts avoided (estimate) | — |\n");
        }
    }
    out
}

fn trim_float(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// One changed file: a `<details>` with the evidence and, when `with_diff`, the diff.
fn section(change: &Change, opts: &BodyOptions, with_diff: bool) -> String {
    let mut rules: Vec<&str> = change.evidence.iter().map(|e| e.rule).collect();
    rules.dedup();
    let mut uniq = Vec::new();
    for r in rules {
        if !uniq.contains(&r) {
            uniq.push(r);
        }
    }
    let review = change
        .evidence
        .iter()
        .any(|e| e.applicability != crate::diagnostic::Applicability::Safe);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<details><summary><code>{}</code>: {}{}</summary>\n",
        html(&change.path),
        html(&uniq.join(", ")),
        if review { " (review)" } else { "" }
    );
    for e in &change.evidence {
        out.push_str(&evidence(e, opts));
    }
    out.push('\n');
    if with_diff {
        out.push_str(&fenced("diff", &change.diff));
    } else {
        out.push_str("*Diff not shown (length limit): see **Files changed**.*\n");
    }
    out.push_str("\n</details>\n\n");
    out
}

fn evidence(e: &Evidence, opts: &BodyOptions) -> String {
    let mut out = String::new();
    let kind = match e.applicability {
        crate::diagnostic::Applicability::Safe => "safe",
        _ => "**review**",
    };
    let family = e.family.map_or("", |f| f.as_str());
    let _ = write!(
        out,
        "- [{}]({}{}.md) ({family}, {kind}), line {}",
        code(e.rule),
        opts.docs_url,
        e.rule,
        e.line
    );
    if let Some(entry) = &e.entry {
        let _ = write!(out, ", entry {}", code(entry));
    }
    let _ = write!(out, ": {}", rich(&e.message));
    if let Some(help) = &e.help {
        let _ = write!(out, " — {}", rich(help));
    }
    if !e.fix_title.is_empty() {
        let _ = write!(out, "<br>fix: {}", rich(&e.fix_title));
    }
    out.push('\n');
    for r in &e.related {
        let _ = write!(out, "  - {}:{}", code(&r.path), r.line);
        if let Some(entry) = &r.entry {
            let _ = write!(out, " ({})", code(entry));
        }
        if !r.message.is_empty() {
            let _ = write!(out, ": {}", rich(&r.message));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bot::plan::{FamilyRow, RelatedEvidence};
    use crate::diagnostic::{Applicability, Family};

    #[test]
    fn rich_keeps_code_spans_and_escapes_the_rest() {
        assert_eq!(
            rich("tag `tarif` is deprecated"),
            "tag `tarif` is deprecated"
        );
        assert_eq!(rich("use `@x` <b>"), "use `@x` &lt;b&gt;");
        // An unpaired backtick is text.
        let r = rich("a `b` c `d");
        assert!(r.starts_with("a `b` c \\`d"), "{r}");
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1930), "1,930");
        assert_eq!(thousands(1234567), "1,234,567");
    }

    fn evidence(message: &str) -> Evidence {
        Evidence {
            rule: "synonym-tag",
            family: Some(Family::Tagging),
            applicability: Applicability::Safe,
            message: message.into(),
            help: Some("use `prix`".into()),
            fix_title: "replace with `prix`".into(),
            path: "fr/a.md".into(),
            line: 3,
            entry: Some("a".into()),
            related: vec![RelatedEvidence {
                path: "taxonomy.yml".into(),
                line: 2,
                message: "synonym declared here".into(),
                entry: None,
            }],
        }
    }

    fn topic(n: usize, diff_len: usize) -> Topic {
        let changes = (0..n)
            .map(|i| Change {
                path: format!("fr/entry-{i}.md"),
                bytes: Vec::new(),
                diff: format!(
                    "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+{}\n",
                    "b".repeat(diff_len)
                ),
                evidence: vec![evidence("tag `tarif` is a synonym of `prix`")],
                owners: Vec::new(),
            })
            .collect();
        Topic {
            family: None,
            branch: "faqlint/bot".into(),
            title: "t".into(),
            changes,
            rows: vec![(
                Family::Tagging,
                FamilyRow {
                    safe: n,
                    proposed: 0,
                    remaining: 2,
                },
            )],
            mine: None,
        }
    }

    #[test]
    fn body_has_table_sections_docs_link_and_dash_without_mine() {
        let b = render(&topic(2, 10), &BodyOptions::default());
        assert!(b.starts_with(MARKER_PREFIX));
        assert!(b.contains("| tagging | 2 | 0 | 2 |"));
        assert!(b.contains("| zero-result searches (before → after) | — |"));
        assert_eq!(b.matches("<details>").count(), 2);
        assert!(b.contains(
            "[`synonym-tag`](https://github.com/faqlint/faqlint/blob/main/rules/synonym-tag.md)"
        ));
        assert!(b.contains("```diff\n--- a/x"));
        // The digest in the marker is the digest of the rest.
        let (first, rest) = b.split_once('\n').unwrap();
        assert_eq!(digest_of(first), Some(digest(rest).as_str()));
    }

    #[test]
    fn mine_summary_renders_before_after_and_an_estimate() {
        let mut t = topic(1, 1);
        t.mine = Some(MineSummary {
            searches: 10_000,
            zero_result_before: 1_930,
            zero_result_after: 1_518,
        });
        let b = render(&t, &BodyOptions::default());
        assert!(b.contains("1,930 → 1,518 of 10,000 (412 answered)"), "{b}");
        assert!(b.contains("contacts avoided (estimate) | ≈ 41 (≈ 247 €): 10 % of newly answered searches × 6 € per contact"), "{b}");
    }

    #[test]
    fn long_bodies_drop_whole_sections_with_a_note() {
        let t = topic(100, 2_000);
        let b = render(&t, &BodyOptions::default());
        assert!(b.chars().count() <= GITHUB_BODY_LIMIT);
        let opened = b.matches("<details>").count();
        assert_eq!(opened, b.matches("</details>").count());
        assert!(opened < 100 && opened > 10, "{opened}");
        // Sections that did not fit whole are shown without their diff, then dropped.
        let with_diff = b.matches("```diff").count();
        assert!(
            with_diff > 10 && with_diff < opened,
            "{with_diff} of {opened}"
        );
        assert!(
            b.contains(&format!("{} more changes not shown", 100 - opened)),
            "{b}"
        );
        let compact = opened - with_diff;
        let said = if compact == 1 {
            "1 change shown without its diff".to_string()
        } else {
            format!("{compact} changes shown without their diffs")
        };
        assert!(b.contains(&said), "{said}");
    }

    #[test]
    fn a_single_huge_diff_is_shown_without_it() {
        let t = topic(1, 80_000);
        let b = render(&t, &BodyOptions::default());
        assert!(b.chars().count() <= GITHUB_BODY_LIMIT);
        assert!(b.contains("Diff not shown"));
        assert!(b.contains("1 change shown without its diff"));
    }

    #[test]
    fn hostile_evidence_stays_inert() {
        let mut t = topic(1, 1);
        t.changes[0].path = "fr/<img src=x>@admin.md".into();
        t.changes[0].evidence[0].message =
            "query `x` then @everyone </details><!-- [a](javascript:x) | # x".into();
        t.changes[0].diff = "+ ``` \n+ </details>\n".into();
        let b = render(&t, &BodyOptions::default());
        assert!(!b.contains("<img"));
        assert!(!b.contains("@admin"));
        assert!(!b.contains("@everyone"));
        assert_eq!(
            b.matches("</details>").count(),
            2,
            "one ours, one in the fenced diff"
        );
        assert!(b.contains("````diff\n+ ``` \n+ </details>\n````"));
        assert!(!b.contains("<!-- ["));
        assert!(!b.contains("](javascript"));
    }
}
