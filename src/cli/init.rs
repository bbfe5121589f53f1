//! `faqlint init`: a commented starter config, with the site profile detected from the
//! generator's marker files (or forced with `--profile`).

use std::io::Write;
use std::path::Path;

use anyhow::Context as _;

use super::InitArgs;
use crate::ExitStatus;
use crate::config::{CONFIG_FILE, Loaded, Profile};
use crate::site::{self, ProfileSource};

pub const STARTER: &str = include_str!("starter.toml");

pub fn run(args: &InitArgs) -> anyhow::Result<ExitStatus> {
    let path = Path::new(CONFIG_FILE);
    if path.exists() && !args.force {
        anyhow::bail!("{CONFIG_FILE} already exists (use --force to overwrite)");
    }
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    let mut loaded = Loaded::defaults();
    let prepared = site::prepare(&cwd, &mut loaded, args.profile);
    let mut err = std::io::stderr().lock();
    match &prepared.source {
        ProfileSource::Detected(d) => {
            let root = if d.site_root.is_empty() {
                "the repository root".to_string()
            } else {
                format!("`{}/`", d.site_root)
            };
            writeln!(
                err,
                "detected {} from `{}` (site root: {root})",
                d.profile, d.marker
            )?;
        }
        ProfileSource::Configured => {
            writeln!(err, "profile {} (from --profile)", prepared.profile)?
        }
        ProfileSource::Fallback => writeln!(
            err,
            "no site generator found (hugo.toml, _config.yml, docusaurus.config.js, mkdocs.yml, docfx.json): using faqlint's own layout"
        )?,
    }
    for n in &prepared.generator.notes {
        writeln!(err, "note: {n}")?;
    }
    let text = starter(&prepared);
    crate::fix::write_atomic(path, text.as_bytes())?;
    writeln!(err, "wrote {CONFIG_FILE}")?;
    Ok(ExitStatus::Clean)
}

/// The starter config: the profile line and what it inferred (commented, for the user to
/// override), then the generic starter.
pub fn starter(prepared: &site::Prepared) -> String {
    let mut out = String::new();
    if prepared.profile == Profile::Default {
        return STARTER.to_string();
    }
    let from = match &prepared.source {
        ProfileSource::Detected(d) => format!("detected from `{}`", d.marker),
        _ => "chosen with --profile".to_string(),
    };
    out.push_str(&format!(
        "# faqlint configuration for a {} site ({from}).\n# Every key is optional: the profile infers the values shown commented below;\n# uncomment one to override it. Rules: `faqlint rules`, `faqlint explain RULE`.\n\n[repo]\nprofile = \"{}\"\n",
        prepared.profile, prepared.profile
    ));
    for line in &prepared.inferred {
        out.push_str(&format!("# {line}\n"));
    }
    let g = &prepared.generator;
    out.push_str("\n[site]\n");
    if !prepared.site_root.is_empty() {
        out.push_str(&format!("root = \"{}\"\n", prepared.site_root));
    }
    let mut commented = |key: &str, value: Option<String>| {
        if let Some(v) = value {
            out.push_str(&format!("# {key} = {v:?}\n"));
        }
    };
    commented("content-dir", g.content_dir.clone());
    commented("base-path", g.base_path.clone());
    if prepared.profile == Profile::Docusaurus {
        commented(
            "route-base-path",
            Some(g.route_base_path.clone().unwrap_or_else(|| "docs".into())),
        );
    }
    if prepared.profile == Profile::Mkdocs {
        out.push_str(&format!(
            "# use-directory-urls = {}\n",
            g.use_directory_urls
        ));
    }
    out.push_str(
        "\n[links]\n# URL prefixes of this site, and of other sites served on the same host (never judged):\n# own-prefixes = [\"/help/\"]\n# other-sites = [\"/dotnet/api/\", \"https://learn.microsoft.com/\"]\n# base-urls = [\"https://help.example.com/\"]\n",
    );
    out.push_str(
        "\n[rules.review-overdue]\n# interval = \"365d\"\n# git-fallback = true               # the profile's default: pages without a review date use their last commit\n",
    );
    out
}
