//! `invalid-nav`: the navigation file does not parse, or is not shaped as faqlint reads it.

use super::invalid_taxonomy::report_yaml_file;
use super::{Context, Options, Sink};
use crate::source::FileKind;

pub struct Rule;

impl super::Rule for Rule {
    fn check_corpus(&self, ctx: &Context, _opts: &Options, sink: &mut Sink) {
        report_yaml_file(
            ctx,
            sink,
            FileKind::Nav,
            "navigation",
            "write `categories:` as a list of `{ id, locale, title, entries: [entry ids] }`",
        );
        // The site generator's own navigation (`toc.yml`, `sidebars.js`, `mkdocs.yml`
        // `nav:`, menus, `_data` navigation).
        for n in &ctx.corpus.site.navs {
            let Some(file) = n.file else { continue };
            let text = ctx.corpus.text(file);
            for p in &n.nav.problems {
                let span = p.span.start.min(text.len())..p.span.end.min(text.len());
                sink.push(
                    sink.diag(file, span, super::one_line(&p.message))
                        .help("the generator cannot read this part of its navigation: pages it lists may be unreachable"),
                );
            }
        }
    }
}
