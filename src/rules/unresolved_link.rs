//! `unresolved-link`: a link the profile cannot judge (another site's root-absolute path
//! on the same host, a template faqlint does not expand). Listed at info level so a team
//! can declare its URL space in `[links]`; never an error.

use super::{Context, Options, Sink};
use crate::site::Resolution;

pub struct Rule;

impl super::Rule for Rule {
    fn check_corpus(&self, ctx: &Context, _opts: &Options, sink: &mut Sink) {
        let corpus = ctx.corpus;
        for (i, entry) in corpus.entries.iter().enumerate() {
            for (j, link) in entry.body.links.iter().enumerate() {
                let Some(Resolution::Unresolved { reason }) =
                    corpus.site.link(i, j).map(|r| &r.resolution)
                else {
                    continue;
                };
                sink.push(
                    sink.diag(
                        entry.file,
                        link.span.clone(),
                        format!("link `{}` cannot be judged: {reason}", super::shown_dest(&link.dest)),
                    )
                    .entry(&entry.id)
                    .help(
                        "if it is another site's, list its prefix in `[links] other-sites`; if it is this site's, in `[links] own-prefixes` so broken ones are reported",
                    ),
                );
            }
        }
    }
}
