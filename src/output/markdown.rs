//! Markdown for places where user text (search queries, entry titles) lands in a document
//! a person reads on GitHub: pull-request bodies, `mine --format markdown`.

/// Escapes text for a Markdown paragraph or list item (not a code span): HTML special
/// characters become entities, Markdown punctuation is backslash-escaped, `@` and `#` get a
/// zero-width space so they neither mention nor link, line breaks become spaces, and `://`
/// is broken so a query cannot become an autolink.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\r' | '\n' | '\t' => out.push(' '),
            '@' | '#' => {
                out.push('\\');
                out.push(c);
                out.push('\u{200B}');
            }
            ':' if chars.peek() == Some(&'/') => out.push_str(":\u{200B}"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '(' | ')' | '{' | '}' | '!' | '|' | '~' | '+'
            | '-' | '=' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// The longest run of backticks in `s`.
fn longest_backtick_run(s: &str) -> usize {
    let mut best = 0;
    let mut run = 0;
    for c in s.chars() {
        if c == '`' {
            run += 1;
            best = best.max(run);
        } else {
            run = 0;
        }
    }
    best
}

/// A Markdown code span holding `s` verbatim: delimited by more backticks than any run
/// inside, padded with spaces when `s` starts or ends with a backtick. Code spans render
/// no HTML, links or mentions. Line breaks become spaces and `|` is escaped (a table would
/// split on it even inside a code span).
pub fn code(s: &str) -> String {
    let one_line: String = s
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .filter(|c| !c.is_control())
        .collect();
    let one_line = one_line.replace('|', "\\|");
    let fence = "`".repeat(longest_backtick_run(&one_line) + 1);
    let pad = if one_line.starts_with('`') || one_line.ends_with('`') || one_line.is_empty() {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{one_line}{pad}{fence}")
}

/// A fenced code block holding `s` verbatim: the fence is longer than any backtick run
/// inside (at least three).
pub fn fenced(lang: &str, s: &str) -> String {
    let fence = "`".repeat((longest_backtick_run(s) + 1).max(3));
    let mut out = format!("{fence}{lang}\n{s}");
    if !s.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&fence);
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_defuses_mentions_html_and_markdown() {
        let t = text("@team <script>alert(1)</script> [x](https://evil) | # h <!-- c --> `b`");
        assert!(!t.contains("@team"));
        assert!(!t.contains('<'));
        assert!(!t.contains("]("));
        assert!(!t.contains("https://"));
        assert!(t.contains("\\|"));
        assert!(!t.contains("<!--"));
        assert!(t.contains("\\`b\\`"));
        assert!(!t.contains('\n'));
        assert_eq!(text("a\nb"), "a b");
    }

    #[test]
    fn leading_hash_cannot_make_a_heading() {
        assert!(text("# Title").starts_with("\\#"));
        assert!(text("#123").starts_with("\\#\u{200B}"));
    }

    #[test]
    fn code_spans_outgrow_backtick_runs() {
        assert_eq!(code("tag"), "`tag`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x`"), "`` `x` ``");
        assert_eq!(code("a|b"), "`a\\|b`");
        assert_eq!(code("a\nb"), "`a b`");
    }

    #[test]
    fn fences_outgrow_backtick_runs() {
        let f = fenced("diff", "+ ```\n+ ````x\n");
        assert!(f.starts_with("`````diff\n"));
        assert!(f.ends_with("\n`````\n"));
        assert_eq!(fenced("", "x"), "```\nx\n```\n");
    }
}
