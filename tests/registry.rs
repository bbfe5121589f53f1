//! Meta-test: the registry, `rules/<id>.toml`, `rules/<id>.md` and the files on disk agree.

use std::collections::BTreeSet;
use std::path::PathBuf;

use faqlint::rules::registry;

fn rules_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("rules")
}

const HEADINGS: [&str; 6] = [
    "## What it does",
    "## Why it matters",
    "## Example",
    "## Use instead",
    "## Fix safety",
    "## Options",
];

#[test]
fn every_registered_rule_has_valid_metadata_and_docs() {
    let all = registry::all();
    let ids: BTreeSet<&str> = all.iter().map(|r| r.id).collect();
    assert_eq!(ids.len(), all.len(), "duplicate rule ids in the registry");
    for r in all {
        assert_eq!(r.meta.id, r.id, "rules/{}.toml names another id", r.id);
        // Headings in order.
        let mut pos = 0;
        for h in HEADINGS {
            let found = r.docs[pos..]
                .find(h)
                .unwrap_or_else(|| panic!("rules/{}.md: missing or misplaced `{h}`", r.id));
            pos += found + h.len();
        }
        // Options documented as `rules.<id>.<key>`; "None." when there are none.
        let options_section = &r.docs[r.docs.find("## Options").unwrap()..];
        if r.meta.options.is_empty() {
            assert!(
                options_section.contains("None"),
                "rules/{}.md: Options must say None",
                r.id
            );
        }
        for key in r.meta.options.keys() {
            let needle = format!("rules.{}.{}", r.id, key);
            assert!(
                options_section.contains(&needle),
                "rules/{}.md: option `{key}` undocumented ({needle})",
                r.id
            );
        }
        // Fix safety names the applicability.
        let fix_section =
            &r.docs[r.docs.find("## Fix safety").unwrap()..r.docs.find("## Options").unwrap()];
        let word = match r.meta.fix.as_str() {
            "none" => "No automatic fix",
            "safe" => "Safe",
            "unsafe" => "Unsafe",
            _ => "Display-only",
        };
        assert!(
            fix_section.contains(word),
            "rules/{}.md: Fix safety must say `{word}`",
            r.id
        );
    }
}

#[test]
fn every_toml_is_parsed_and_registered() {
    // A malformed toml silently drops the rule from `registry::all()`: catch that here.
    let mut on_disk = BTreeSet::new();
    for entry in std::fs::read_dir(rules_dir()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name == "redirects.toml" {
            continue;
        }
        if let Some(id) = name.strip_suffix(".toml") {
            assert!(
                rules_dir().join(format!("{id}.md")).is_file(),
                "rules/{id}.md missing"
            );
            on_disk.insert(id.to_string());
        } else if let Some(id) = name.strip_suffix(".md") {
            assert!(
                rules_dir().join(format!("{id}.toml")).is_file(),
                "rules/{id}.toml missing"
            );
        }
    }
    let registered: BTreeSet<String> = registry::all().iter().map(|r| r.id.to_string()).collect();
    assert_eq!(
        on_disk, registered,
        "rules/*.toml and the registry disagree (or a toml does not parse)"
    );
}

#[test]
fn redirects_never_shadow_live_rules() {
    for (old, new) in registry::redirects() {
        assert!(
            registry::get(old).is_none(),
            "redirect `{old}` shadows a live rule"
        );
        assert!(
            registry::get(new).is_some(),
            "redirect `{old}` points at unknown `{new}`"
        );
    }
}

#[test]
fn rule_source_file_exists_per_rule() {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/rules");
    for r in registry::all() {
        let file = src.join(format!("{}.rs", r.id.replace('-', "_")));
        assert!(
            file.is_file(),
            "src/rules/{}.rs missing",
            r.id.replace('-', "_")
        );
    }
}
