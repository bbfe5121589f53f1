//! Hugo menus declared in site configuration (TOML, YAML or JSON): `[[menus.main]]` in
//! `hugo.toml`, the legacy `[[menu.main]]`, per-language `[[languages.fr.menus.main]]`, and
//! the split files of a config directory (`config/_default/menus.en.toml` holding
//! `[[main]]`, `languages.toml` holding `[fr.menus]`).
//!
//! ```toml
//! [[menus.main]]
//! name = 'Billing'
//! pageRef = '/billing'
//! weight = 10
//! [[menus.main]]
//! name = 'Status'
//! url = 'https://status.example.com/'
//! ```
//!
//! Hugo reads config keys case-insensitively (`pageref`, `pageRef`); so does this.

use super::tree::{self, Format, Kind, Value};
use super::{NavFile, NavTarget};

/// What the root of a config file holds, from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Root {
    /// `hugo.toml`, `config.yaml`, `config/_default/hugo.toml`: the whole config.
    Config,
    /// `config/_default/menus.toml`, `menus.fr.yaml`: the menus table itself.
    Menus,
    /// `config/_default/languages.toml`: the languages table.
    Languages,
}

impl Root {
    pub(crate) fn of_path(path: &str) -> Root {
        let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
        match name.split('.').next().unwrap_or("") {
            "menus" | "menu" => Root::Menus,
            "languages" => Root::Languages,
            _ => Root::Config,
        }
    }
}

/// Parses the menus of a Hugo config file; the format comes from the extension, what the
/// root holds from the name: `menus.*` and `languages.*` files hold those tables, any
/// other name a whole config.
pub fn parse_menus(path: &str, text: &str) -> NavFile {
    let mut nav = NavFile::new(path);
    let format = match Format::of_path(path) {
        Some(f @ (Format::Toml | Format::Yaml | Format::Json)) => f,
        _ => {
            nav.note(format!(
                "`{path}` is not a TOML, YAML or JSON file: its menus are not read"
            ));
            return nav;
        }
    };
    let kind = match format {
        Format::Toml => "TOML",
        Format::Json => "JSON",
        _ => "YAML",
    };
    match tree::parse(format, text) {
        Ok(Some(root)) => read(&mut nav, &root, Root::of_path(path)),
        Ok(None) => {}
        Err(e) => nav.syntax(kind, e),
    }
    nav
}

/// The menus of an already parsed config file.
pub(crate) fn menus_from_tree(path: &str, root: &Value, what: Root) -> NavFile {
    let mut nav = NavFile::new(path);
    read(&mut nav, root, what);
    nav
}

fn read(nav: &mut NavFile, root: &Value, what: Root) {
    match what {
        Root::Menus => menus(nav, root),
        Root::Languages => languages(nav, root),
        Root::Config => {
            for key in ["menus", "menu"] {
                if let Some(m) = root.get_ci(key) {
                    menus(nav, m);
                }
            }
            if let Some(langs) = root.get_ci("languages") {
                languages(nav, langs);
            }
        }
    }
    nav.refs.sort_by_key(|r| r.span.start);
}

fn languages(nav: &mut NavFile, langs: &Value) {
    for lang in langs.as_map().unwrap_or_default() {
        for key in ["menus", "menu"] {
            if let Some(m) = lang.value.get_ci(key) {
                menus(nav, m);
            }
        }
    }
}

/// `{main: [entries], footer: [entries]}`.
fn menus(nav: &mut NavFile, table: &Value) {
    let Some(menus) = table.as_map() else {
        if !matches!(table.kind, Kind::Null) {
            nav.problem(
                table.span.clone(),
                format!(
                    "menus must be a table of menus, found a {}",
                    table.kind_name()
                ),
            );
        }
        return;
    };
    for menu in menus {
        match &menu.value.kind {
            Kind::Seq(entries) => entries.iter().for_each(|e| entry(nav, e)),
            Kind::Map(_) => entry(nav, &menu.value),
            Kind::Null => {}
            _ => nav.problem(
                menu.value.span.clone(),
                format!(
                    "menu `{}` must be a list of entries, found a {}",
                    menu.key,
                    menu.value.kind_name()
                ),
            ),
        }
    }
}

fn entry(nav: &mut NavFile, e: &Value) {
    if e.as_map().is_none() {
        nav.problem(
            e.span.clone(),
            format!(
                "a menu entry must be a table with `name` and `pageRef` or `url`, found a {}",
                e.kind_name()
            ),
        );
        return;
    }
    let title = e
        .get_ci("name")
        .or_else(|| e.get_ci("identifier"))
        .and_then(Value::as_text);
    for (key, make) in [
        ("pageRef", NavTarget::PageRef as fn(String) -> NavTarget),
        ("url", NavTarget::Url),
    ] {
        let Some(v) = e.get_ci(key) else { continue };
        match &v.kind {
            Kind::Str(s) if !s.trim().is_empty() => {
                nav.push(v.span.clone(), make(s.trim().to_string()), title.clone());
            }
            Kind::Str(_) | Kind::Null => {}
            _ => nav.problem(
                v.span.clone(),
                format!("`{key}` must be a string, found a {}", v.kind_name()),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn got(nav: &NavFile, text: &str) -> Vec<(NavTarget, String)> {
        nav.refs
            .iter()
            .map(|r| (r.target.clone(), text[r.span.clone()].to_string()))
            .collect()
    }

    #[test]
    fn toml_menus_with_legacy_and_language_menus() {
        let text = "\
baseURL = 'https://help.example.com/'
title = 'Help Center'

[[menus.main]]
name = 'Billing'
pageRef = '/billing'
weight = 10
[[menus.main]]
name = 'Status'
url = \"https://status.example.com/\"
weight = 20
[[menus.footer]]
name = 'Privacy'
pageref = 'legal/privacy.md'

[[menu.docs]]
identifier = 'faq'
url = '/faq/'

[languages.fr]
weight = 2
[[languages.fr.menus.main]]
name = 'Facturation'
pageRef = '/facturation'
";
        let nav = parse_menus("hugo.toml", text);
        assert!(nav.problems.is_empty(), "{:?}", nav.problems);
        use NavTarget::*;
        assert_eq!(
            got(&nav, text),
            vec![
                (PageRef("/billing".into()), "/billing".into()),
                (
                    Url("https://status.example.com/".into()),
                    "https://status.example.com/".into()
                ),
                (
                    PageRef("legal/privacy.md".into()),
                    "legal/privacy.md".into()
                ),
                (Url("/faq/".into()), "/faq/".into()),
                (PageRef("/facturation".into()), "/facturation".into()),
            ]
        );
        assert_eq!(nav.refs[0].title.as_deref(), Some("Billing"));
        assert_eq!(nav.refs[3].title.as_deref(), Some("faq"));
    }

    #[test]
    fn yaml_and_json_menus() {
        let text = "menus:\n  main:\n  - name: Home\n    pageRef: /\n    weight: 10\n  - name: Products\n    pageRef: '/products'\n";
        let nav = parse_menus("hugo.yaml", text);
        assert_eq!(
            got(&nav, text)
                .into_iter()
                .map(|(_, s)| s)
                .collect::<Vec<_>>(),
            ["/", "/products"]
        );
        let text = "{\"menus\": {\"main\": [{\"name\": \"Home\", \"pageRef\": \"/\"}, {\"name\": \"Hugo\", \"url\": \"https://gohugo.io\"}]}}";
        let nav = parse_menus("hugo.json", text);
        assert_eq!(
            got(&nav, text)
                .into_iter()
                .map(|(_, s)| s)
                .collect::<Vec<_>>(),
            ["/", "https://gohugo.io"]
        );
    }

    #[test]
    fn config_dir_menu_and_language_files() {
        let text = "[[main]]\nname = 'Aide'\npageRef = '/aide'\n";
        let nav = parse_menus("config/_default/menus.fr.toml", text);
        assert_eq!(got(&nav, text)[0].0, NavTarget::PageRef("/aide".into()));
        let text = "en:\n  weight: 1\nfr:\n  menus:\n    main:\n      - name: Aide\n        url: /fr/aide/\n";
        let nav = parse_menus("config/_default/languages.yaml", text);
        assert_eq!(got(&nav, text)[0].1, "/fr/aide/");
    }

    #[test]
    fn broken_and_wrong_shapes() {
        let nav = parse_menus("hugo.toml", "[[menus.main]]\nname = 'x\n");
        assert_eq!(nav.problems.len(), 1);
        assert!(nav.problems[0].message.starts_with("invalid TOML"));
        let nav = parse_menus(
            "hugo.toml",
            "[menus]\nmain = 'x'\n[[menus.footer]]\nurl = 3\n",
        );
        assert_eq!(nav.problems.len(), 2, "{:?}", nav.problems);
        let nav = parse_menus("hugo.json", "{\"menus\": ");
        assert_eq!(nav.problems.len(), 1);
        let nav = parse_menus("config.xml", "<x/>");
        assert_eq!(nav.notes.len(), 1);
    }
}
