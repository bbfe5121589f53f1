//! A tolerant reader of the object and array literals in a JavaScript or TypeScript module
//! (`sidebars.js`, `docusaurus.config.ts`), and of JSON, which is one.
//!
//! It never runs anything: literals (strings, numbers, booleans, objects, arrays) become
//! values with spans; anything else (a call, an identifier, a spread, a function) becomes
//! `Kind::Code`, so that a reader can say what it could not see. TypeScript's `as X` and
//! `satisfies X` after a literal are skipped.

use std::ops::Range;

use super::tree::{Entry, Kind, Value};

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Str { value: String, subst: bool },
    Ident(String),
    Num(String),
    Punct(u8),
    Spread,
    Arrow,
    Regex,
}

#[derive(Debug, Clone)]
struct Token {
    tok: Tok,
    span: Range<usize>,
    /// A line break between the previous token and this one.
    newline_before: bool,
}

/// Nesting deeper than this is read as code rather than recursed into.
const MAX_DEPTH: usize = 200;

pub(crate) struct Reader<'a> {
    text: &'a str,
    toks: Vec<Token>,
    pos: usize,
    depth: usize,
}

/// What a module makes visible: the value it exports, the constants it declares and the
/// object literals its functions return.
#[derive(Debug, Default)]
pub(crate) struct Module {
    /// `module.exports = …` / `export default …`, when a literal.
    pub exported: Option<Value>,
    /// `module.exports = name` / `export default name`.
    pub export_name: Option<String>,
    /// `const name = …`, `let`, `var`, in file order.
    pub named: Vec<(String, Value)>,
    /// `return …` of an object literal (a config built by a function).
    pub returned: Vec<Value>,
}

impl Module {
    /// The exported value, following `export default name` to `const name = …`.
    pub(crate) fn export(&self) -> Option<&Value> {
        if let Some(v) = &self.exported {
            return Some(v);
        }
        let name = self.export_name.as_deref()?;
        self.named.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }
}

/// Reads the module-level literals of a JavaScript/TypeScript file.
pub(crate) fn read_module(text: &str) -> Module {
    let mut r = Reader::new(text);
    let mut m = Module::default();
    let mut i = 0;
    while i < r.toks.len() {
        let next = i + 1;
        let ident = |k: usize, name: &str| matches!(r.toks.get(k), Some(Token { tok: Tok::Ident(n), .. }) if n == name);
        let punct = |k: usize, p: u8| matches!(r.toks.get(k), Some(Token { tok: Tok::Punct(c), .. }) if *c == p);
        let mut value_at = None;
        let mut slot = Slot::Export;
        if ident(i, "module") && punct(i + 1, b'.') && ident(i + 2, "exports") && punct(i + 3, b'=')
        {
            value_at = Some(i + 4);
        } else if ident(i, "export") && ident(i + 1, "default") {
            value_at = Some(i + 2);
        } else if (ident(i, "const") || ident(i, "let") || ident(i, "var"))
            && let Some(Tok::Ident(name)) = r.toks.get(i + 1).map(|t| &t.tok)
        {
            let mut k = i + 2;
            if punct(k, b':') {
                // A type annotation: skip to the `=`.
                k += 1;
                while k < r.toks.len() && !punct(k, b'=') && !punct(k, b';') {
                    k += 1;
                }
            }
            if punct(k, b'=') {
                value_at = Some(k + 1);
                slot = Slot::Named(name.clone());
            }
        } else if ident(i, "return") && (punct(i + 1, b'{') || punct(i + 1, b'(')) {
            value_at = Some(i + 1);
            slot = Slot::Returned;
        }
        let Some(at) = value_at else {
            i = next;
            continue;
        };
        r.pos = at;
        let v = r.value();
        let end = r.pos;
        let literal = matches!(v.kind, Kind::Map(_) | Kind::Seq(_));
        match slot {
            Slot::Export => {
                if literal {
                    m.exported = Some(v);
                } else if let Some(Tok::Ident(name)) = r.toks.get(at).map(|t| &t.tok)
                    && end == at + 1
                {
                    m.export_name = Some(name.clone());
                }
            }
            Slot::Named(name) => m.named.push((name, v)),
            Slot::Returned => {
                if literal {
                    m.returned.push(v);
                }
            }
        }
        // Skip over a literal just read; step into code (a function body may return one).
        i = if literal { end.max(next) } else { next };
    }
    m
}

enum Slot {
    Export,
    Named(String),
    Returned,
}

/// The first string literal inside `text[span]` (`require.resolve('./sidebars.js')`).
pub(crate) fn first_string(text: &str, span: Range<usize>) -> Option<(String, Range<usize>)> {
    let r = Reader::new(text.get(span.clone())?);
    r.toks.iter().find_map(|t| match &t.tok {
        Tok::Str {
            value,
            subst: false,
        } => {
            let inner = string_inner(r.text, &t.span);
            Some((
                value.clone(),
                span.start + inner.start..span.start + inner.end,
            ))
        }
        _ => None,
    })
}

impl<'a> Reader<'a> {
    pub(crate) fn new(text: &'a str) -> Reader<'a> {
        Reader {
            text,
            toks: tokenize(text),
            pos: 0,
            depth: 0,
        }
    }

    /// The value the text starts with (JSON).
    pub(crate) fn value_at_start(&mut self) -> Value {
        self.pos = 0;
        self.value()
    }

    fn peek(&self) -> Option<&Token> {
        self.toks.get(self.pos)
    }

    fn at_punct(&self, p: u8) -> bool {
        matches!(self.peek(), Some(Token { tok: Tok::Punct(c), .. }) if *c == p)
    }

    fn end_of_prev(&self) -> usize {
        self.pos
            .checked_sub(1)
            .and_then(|k| self.toks.get(k))
            .map_or(0, |t| t.span.end)
    }

    /// At a token that ends a value: `,` `;` a closer, or the end.
    fn at_delimiter(&self) -> bool {
        match self.peek() {
            None => true,
            Some(t) => matches!(t.tok, Tok::Punct(b',' | b';' | b'}' | b']' | b')')),
        }
    }

    fn value(&mut self) -> Value {
        let Some(first) = self.peek().cloned() else {
            let end = self.text.len();
            return Value::new(end..end, Kind::Code);
        };
        if self.depth >= MAX_DEPTH {
            let end = self.skip_expr();
            return Value::new(first.span.start..end, Kind::Code);
        }
        let v = match &first.tok {
            Tok::Punct(b'{') => {
                self.depth += 1;
                let v = self.object();
                self.depth -= 1;
                v
            }
            Tok::Punct(b'[') => {
                self.depth += 1;
                let v = self.array();
                self.depth -= 1;
                v
            }
            Tok::Punct(b'(') => return self.parenthesized(),
            Tok::Punct(b',' | b';' | b'}' | b']' | b')') => {
                return Value::new(first.span.start..first.span.start, Kind::Code);
            }
            Tok::Str {
                value,
                subst: false,
            } => {
                self.pos += 1;
                let inner = string_inner(self.text, &first.span);
                Value::new(inner, Kind::Str(value.clone()))
            }
            Tok::Num(n) => {
                self.pos += 1;
                Value::new(first.span.clone(), Kind::Num(n.clone()))
            }
            Tok::Punct(b'-')
                if matches!(
                    self.toks.get(self.pos + 1),
                    Some(Token {
                        tok: Tok::Num(_),
                        ..
                    })
                ) =>
            {
                let num = self.toks.get(self.pos + 1).map(|t| t.span.end);
                self.pos += 2;
                let end = num.unwrap_or(first.span.end);
                Value::new(
                    first.span.start..end,
                    Kind::Num(self.text[first.span.start..end].to_string()),
                )
            }
            Tok::Ident(name)
                if matches!(name.as_str(), "true" | "false" | "null" | "undefined") =>
            {
                self.pos += 1;
                let kind = match name.as_str() {
                    "true" => Kind::Bool(true),
                    "false" => Kind::Bool(false),
                    _ => Kind::Null,
                };
                Value::new(first.span.clone(), kind)
            }
            _ => {
                let end = self.skip_expr();
                return Value::new(first.span.start..end, Kind::Code);
            }
        };
        self.postfix(v)
    }

    /// After a literal: TypeScript `as X` / `satisfies X` keep it; any other continuation
    /// (`.map(…)`, `+ 'x'`) makes the whole expression code.
    fn postfix(&mut self, v: Value) -> Value {
        if self.at_delimiter() || self.asi_break() {
            return v;
        }
        if let Some(Token {
            tok: Tok::Ident(n), ..
        }) = self.peek()
            && (n == "as" || n == "satisfies")
        {
            self.skip_expr();
            return v;
        }
        let end = self.skip_expr();
        Value::new(v.span.start..end, Kind::Code)
    }

    /// A new line starting with a word or literal ends the statement before it.
    fn asi_break(&self) -> bool {
        match self.peek() {
            Some(t) if t.newline_before => {
                matches!(t.tok, Tok::Ident(_) | Tok::Str { .. } | Tok::Num(_))
                    && !matches!(&t.tok, Tok::Ident(n) if n == "as" || n == "satisfies")
            }
            _ => false,
        }
    }

    fn parenthesized(&mut self) -> Value {
        let start_pos = self.pos;
        let start = self.peek().map_or(0, |t| t.span.start);
        self.pos += 1;
        let inner = self.value();
        if self.at_punct(b')') {
            self.pos += 1;
            if !matches!(
                self.peek(),
                Some(Token {
                    tok: Tok::Arrow,
                    ..
                })
            ) {
                return self.postfix(inner);
            }
        }
        self.pos = start_pos;
        let end = self.skip_expr();
        Value::new(start..end, Kind::Code)
    }

    /// Consumes an expression up to the `,` `;` or closer that ends it (not consumed), and
    /// returns the end offset of what was consumed.
    fn skip_expr(&mut self) -> usize {
        let mut depth = 0usize;
        let mut end = self.end_of_prev();
        let start = self.pos;
        while let Some(t) = self.peek() {
            match t.tok {
                Tok::Punct(b'{' | b'[' | b'(') => depth += 1,
                Tok::Punct(b'}' | b']' | b')') => {
                    if depth == 0 {
                        break;
                    }
                    depth -= 1;
                }
                Tok::Punct(b',' | b';') if depth == 0 => break,
                _ if depth == 0 && self.pos > start && self.asi_break() => {
                    let prev_closes = self.toks.get(self.pos - 1).is_some_and(|p| {
                        matches!(
                            p.tok,
                            Tok::Punct(b'}' | b']' | b')')
                                | Tok::Ident(_)
                                | Tok::Str { .. }
                                | Tok::Num(_)
                                | Tok::Regex
                        )
                    });
                    if prev_closes {
                        break;
                    }
                }
                _ => {}
            }
            end = t.span.end;
            self.pos += 1;
        }
        end
    }

    fn object(&mut self) -> Value {
        let start = self.peek().map_or(0, |t| t.span.start);
        self.pos += 1;
        let mut entries = Vec::new();
        loop {
            let Some(t) = self.peek().cloned() else {
                return Value::new(start..self.text.len(), Kind::Map(entries));
            };
            match &t.tok {
                Tok::Punct(b'}') => {
                    self.pos += 1;
                    return Value::new(start..t.span.end, Kind::Map(entries));
                }
                Tok::Punct(b']' | b')') => {
                    return Value::new(start..self.end_of_prev(), Kind::Map(entries));
                }
                Tok::Punct(b',' | b';') => {
                    self.pos += 1;
                    continue;
                }
                Tok::Spread => {
                    self.pos += 1;
                    let end = self.skip_expr();
                    entries.push(Entry {
                        key: "...".into(),
                        key_span: t.span.clone(),
                        value: Value::new(t.span.start..end, Kind::Code),
                    });
                    continue;
                }
                _ => {}
            }
            let (key, key_span) = match &t.tok {
                Tok::Ident(n) | Tok::Num(n) => (n.clone(), t.span.clone()),
                Tok::Str {
                    value,
                    subst: false,
                } => (value.clone(), string_inner(self.text, &t.span)),
                _ => {
                    // A computed key, a method, something else: read it as code.
                    let end = self.skip_expr();
                    entries.push(Entry {
                        key: String::new(),
                        key_span: t.span.clone(),
                        value: Value::new(t.span.start..end, Kind::Code),
                    });
                    continue;
                }
            };
            self.pos += 1;
            let value = if self.at_punct(b':') {
                self.pos += 1;
                self.value()
            } else if self.at_punct(b',') || self.at_punct(b'}') {
                // Shorthand `{ name }`: a reference to a variable.
                Value::new(key_span.clone(), Kind::Code)
            } else {
                // A method `name() {…}`, `get x() {…}`, `async name() {…}`.
                let end = self.skip_expr();
                Value::new(t.span.start..end, Kind::Code)
            };
            entries.push(Entry {
                key,
                key_span,
                value,
            });
            if !self.at_delimiter() {
                self.skip_expr();
            }
        }
    }

    fn array(&mut self) -> Value {
        let start = self.peek().map_or(0, |t| t.span.start);
        self.pos += 1;
        let mut items = Vec::new();
        loop {
            let Some(t) = self.peek().cloned() else {
                return Value::new(start..self.text.len(), Kind::Seq(items));
            };
            match &t.tok {
                Tok::Punct(b']') => {
                    self.pos += 1;
                    return Value::new(start..t.span.end, Kind::Seq(items));
                }
                Tok::Punct(b'}' | b')') => {
                    return Value::new(start..self.end_of_prev(), Kind::Seq(items));
                }
                Tok::Punct(b',' | b';') => {
                    self.pos += 1;
                }
                Tok::Spread => {
                    self.pos += 1;
                    let end = self.skip_expr();
                    items.push(Value::new(t.span.start..end, Kind::Code));
                }
                _ => {
                    items.push(self.value());
                    if !self.at_delimiter() {
                        self.skip_expr();
                    }
                }
            }
        }
    }
}

/// The span of a string token's content: inside its quotes, or to its end when unclosed.
fn string_inner(text: &str, span: &Range<usize>) -> Range<usize> {
    let bytes = text.as_bytes();
    let closed = span.end >= span.start + 2 && bytes.get(span.end - 1) == bytes.get(span.start);
    let start = (span.start + 1).min(span.end);
    start..if closed { span.end - 1 } else { span.end }
}

fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut toks: Vec<Token> = Vec::new();
    let mut i = 0;
    let mut newline = false;
    if text.starts_with("#!") {
        i = text.find('\n').unwrap_or(text.len());
    }
    while i < bytes.len() {
        let b = bytes[i];
        let start = i;
        let tok = match b {
            b'\n' | b'\r' => {
                newline = true;
                i += 1;
                continue;
            }
            b' ' | b'\t' => {
                i += 1;
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = text[i..].find('\n').map_or(bytes.len(), |n| i + n);
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let close = text[i + 2..]
                    .find("*/")
                    .map_or(bytes.len(), |n| i + 2 + n + 2);
                if text[i..close].contains('\n') {
                    newline = true;
                }
                i = close;
                continue;
            }
            b'/' if regex_allowed(toks.last()) => match scan_regex(bytes, i) {
                Some(end) => {
                    i = end;
                    Tok::Regex
                }
                None => {
                    i += 1;
                    Tok::Punct(b'/')
                }
            },
            b'\'' | b'"' => {
                let (value, end) = scan_string(text, i, b);
                i = end;
                Tok::Str {
                    value,
                    subst: false,
                }
            }
            b'`' => {
                let (value, subst, end) = scan_template(text, i);
                i = end;
                Tok::Str { value, subst }
            }
            b'.' if text[i..].starts_with("...") => {
                i += 3;
                Tok::Spread
            }
            b'=' if bytes.get(i + 1) == Some(&b'>') => {
                i += 2;
                Tok::Arrow
            }
            b'0'..=b'9' => {
                i = scan_number(bytes, i);
                Tok::Num(text[start..i].to_string())
            }
            b'.' if bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                i = scan_number(bytes, i);
                Tok::Num(text[start..i].to_string())
            }
            _ if b == b'_' || b == b'$' || b.is_ascii_alphabetic() || b >= 0x80 => {
                i = scan_ident(text, i);
                if i == start {
                    // Not an identifier char (a stray non-ASCII symbol): skip it.
                    i = start + text[start..].chars().next().map_or(1, char::len_utf8);
                    continue;
                }
                Tok::Ident(text[start..i].to_string())
            }
            _ => {
                i += 1;
                Tok::Punct(b)
            }
        };
        toks.push(Token {
            tok,
            span: start..i,
            newline_before: newline,
        });
        newline = false;
    }
    toks
}

fn regex_allowed(prev: Option<&Token>) -> bool {
    match prev.map(|t| &t.tok) {
        None => true,
        Some(Tok::Punct(p)) => b"(,=:[!&|?{};+-*%<>~^".contains(p),
        Some(Tok::Arrow | Tok::Spread) => true,
        Some(Tok::Ident(w)) => matches!(
            w.as_str(),
            "return"
                | "typeof"
                | "instanceof"
                | "in"
                | "of"
                | "new"
                | "delete"
                | "void"
                | "throw"
                | "case"
                | "do"
                | "else"
                | "yield"
                | "await"
        ),
        _ => false,
    }
}

/// The end of a regex literal starting at `start` (`/`), or `None` if it is not one.
fn scan_regex(bytes: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    let mut class = false;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'\n' | b'\r' => return None,
            b'[' => {
                class = true;
                i += 1;
            }
            b']' => {
                class = false;
                i += 1;
            }
            b'/' if !class => {
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                    i += 1;
                }
                return Some(i);
            }
            _ => i += 1,
        }
    }
    None
}

fn scan_number(bytes: &[u8], start: usize) -> usize {
    let hex = bytes.get(start) == Some(&b'0') && matches!(bytes.get(start + 1), Some(b'x' | b'X'));
    let mut i = start;
    while i < bytes.len() {
        let b = bytes[i];
        let exp_sign =
            (b == b'+' || b == b'-') && !hex && i > start && matches!(bytes[i - 1], b'e' | b'E');
        if b.is_ascii_alphanumeric() || b == b'.' || b == b'_' || exp_sign {
            i += 1;
        } else {
            break;
        }
    }
    i
}

fn scan_ident(text: &str, start: usize) -> usize {
    let mut end = start;
    for (k, c) in text[start..].char_indices() {
        if c == '_' || c == '$' || c.is_alphanumeric() {
            end = start + k + c.len_utf8();
        } else {
            break;
        }
    }
    end
}

/// A quoted string: its value and the offset after its closing quote (or the end of the
/// line, for an unclosed one).
fn scan_string(text: &str, start: usize, quote: u8) -> (String, usize) {
    let mut value = String::new();
    let mut chars = text[start + 1..].char_indices();
    while let Some((k, c)) = chars.next() {
        let at = start + 1 + k;
        match c {
            c if c as u32 == quote as u32 => return (value, at + 1),
            '\n' | '\r' => return (value, at),
            '\\' => {
                if let Some((_, e)) = chars.next() {
                    escape(e, &mut chars, &mut value);
                }
            }
            c => value.push(c),
        }
    }
    (value, text.len())
}

fn escape(e: char, chars: &mut std::str::CharIndices<'_>, value: &mut String) {
    match e {
        'n' => value.push('\n'),
        't' => value.push('\t'),
        'r' => value.push('\r'),
        'b' => value.push('\u{8}'),
        'f' => value.push('\u{c}'),
        'v' => value.push('\u{b}'),
        '0' => value.push('\0'),
        '\n' | '\r' => {}
        'x' => {
            let hex: String = chars.by_ref().take(2).map(|(_, c)| c).collect();
            push_code(&hex, value);
        }
        'u' => {
            let rest = chars.as_str();
            if let Some(body) = rest.strip_prefix('{') {
                let len = body.find('}').unwrap_or(body.len());
                let hex = body[..len].to_string();
                for _ in 0..len + 2 {
                    chars.next();
                }
                push_code(&hex, value);
            } else {
                let hex: String = chars.by_ref().take(4).map(|(_, c)| c).collect();
                push_code(&hex, value);
            }
        }
        other => value.push(other),
    }
}

fn push_code(hex: &str, value: &mut String) {
    if let Some(c) = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) {
        value.push(c);
    }
}

/// A template literal: its text, whether it has `${…}`, and its end.
fn scan_template(text: &str, start: usize) -> (String, bool, usize) {
    let bytes = text.as_bytes();
    let mut value = String::new();
    let mut subst = false;
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'`' => return (value, subst, i + 1),
            b'\\' => {
                let mut chars = text[i + 1..].char_indices();
                if let Some((_, e)) = chars.next() {
                    escape(e, &mut chars, &mut value);
                }
                i += 1 + chars.offset();
            }
            b'$' if bytes.get(i + 1) == Some(&b'{') => {
                subst = true;
                i = skip_substitution(text, i + 2);
            }
            _ => {
                let c = text[i..].chars().next().unwrap_or('\u{fffd}');
                value.push(c);
                i += c.len_utf8().max(1);
            }
        }
    }
    (value, subst, text.len())
}

/// From inside `${`, the offset after its closing `}`.
fn skip_substitution(text: &str, mut i: usize) -> usize {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => {
                depth += 1;
                i += 1;
            }
            b'}' => {
                if depth == 0 {
                    return i + 1;
                }
                depth -= 1;
                i += 1;
            }
            q @ (b'\'' | b'"') => i = scan_string(text, i, q).1,
            b'`' => i = scan_template(text, i).2,
            _ => i += 1,
        }
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s<'a>(src: &'a str, v: &Value) -> &'a str {
        &src[v.span.clone()]
    }

    #[test]
    fn reads_literals_with_spans() {
        let src = "module.exports = {\n  a: ['x', \"y\", `z`],\n  'b-c': {d: true, e: -1.5},\n  // c\n  f: /* c */ null,\n};\n";
        let m = read_module(src);
        let v = m.export().unwrap();
        let a = v.get("a").unwrap().as_seq().unwrap();
        assert_eq!(
            a.iter().map(|x| s(src, x)).collect::<Vec<_>>(),
            ["x", "y", "z"]
        );
        let bc = v.get("b-c").unwrap();
        assert_eq!(bc.get("d").unwrap().as_bool(), Some(true));
        assert_eq!(bc.get("e").unwrap().kind, Kind::Num("-1.5".into()));
        assert_eq!(v.get("f").unwrap().kind, Kind::Null);
    }

    #[test]
    fn code_is_marked_and_skipped() {
        let src = "const x = require('./x');\nconst sidebars = {\n  a: [...x.items, 'k', foo('b', {c: 1}), `t${y}`],\n  b: x,\n  m() { return {z: 1}; },\n  [k]: 2,\n  re: /a[/]b/g,\n} satisfies Config;\nexport default sidebars;\n";
        let m = read_module(src);
        assert_eq!(m.export_name.as_deref(), Some("sidebars"));
        let v = m.export().unwrap();
        let a = v.get("a").unwrap().as_seq().unwrap();
        assert!(a[0].is_code());
        assert_eq!(a[1].as_str(), Some("k"));
        assert!(a[2].is_code());
        assert!(a[3].is_code());
        assert!(v.get("b").unwrap().is_code());
        assert!(v.get("m").unwrap().is_code());
        assert!(v.get("re").unwrap().is_code());
    }

    #[test]
    fn typescript_annotations_and_parenthesized_objects() {
        let src = "import type {Config} from '@docusaurus/types';\nconst config: Config = {\n  presets: [\n    [\n      'classic',\n      /** @type {import('@docusaurus/preset-classic').Options} */\n      ({\n        docs: {routeBasePath: '/'},\n      }),\n    ],\n  ],\n};\nexport default config;\n";
        let m = read_module(src);
        let v = m.export().unwrap();
        let preset = &v.get("presets").unwrap().as_seq().unwrap()[0];
        let opts = &preset.as_seq().unwrap()[1];
        let rbp = opts.get("docs").unwrap().get("routeBasePath").unwrap();
        assert_eq!(s(src, rbp), "/");
    }

    #[test]
    fn function_configs_are_found_through_return() {
        let src = "export default async function createConfig() {\n  const x = await load();\n  return {\n    baseUrl: '/help/',\n  };\n}\n";
        let m = read_module(src);
        assert!(m.export().is_none());
        assert_eq!(
            m.returned[0].get("baseUrl").unwrap().as_str(),
            Some("/help/")
        );
    }

    #[test]
    fn asi_without_semicolons() {
        let src = "const a = {x: 1}\nconst b = ['y']\nmodule.exports = {a, b}\n";
        let m = read_module(src);
        assert_eq!(m.named.len(), 2);
        assert_eq!(m.named[1].1.as_seq().unwrap()[0].as_str(), Some("y"));
        let v = m.export().unwrap();
        assert!(v.get("a").unwrap().is_code());
    }

    #[test]
    fn escapes_and_unicode() {
        let src = "x = ['caf\\u00e9', 'it\\'s', \"\\u{1F600}\", 'été']";
        let mut r = Reader::new(src);
        r.pos = 2;
        let v = r.value();
        let items = v.as_seq().unwrap();
        assert_eq!(items[0].as_str(), Some("café"));
        assert_eq!(items[1].as_str(), Some("it's"));
        assert_eq!(items[2].as_str(), Some("😀"));
        assert_eq!(s(src, &items[3]), "été");
    }

    #[test]
    fn broken_input_never_panics() {
        for src in [
            "",
            "module.exports = {",
            "module.exports = {a: [1, 2",
            "export default {a: 'unclosed",
            "export default {a: `x${",
            "const x = ((((",
            "}}}]]])))",
            "module.exports = {a: ) }",
            "export default [,,,]",
            "/* unclosed",
            "x = /unclosed",
            "é = {ü: 'ö'}",
        ] {
            let m = read_module(src);
            let _ = m.export();
            let _ = first_string(src, 0..src.len());
        }
    }

    #[test]
    fn first_string_in_a_call() {
        let src = "sidebarPath: require.resolve('./sidebars.js'),";
        let (v, span) = first_string(src, 13..src.len() - 1).unwrap();
        assert_eq!(v, "./sidebars.js");
        assert_eq!(&src[span], "./sidebars.js");
    }
}
