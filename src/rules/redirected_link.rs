//! `redirected-link`: a link to an address that moved (Jekyll `redirect_from`, Hugo
//! `aliases`, DocFX redirection files, Docusaurus redirects). The page is still reached
//! through a redirect; the safe fix writes its current address in the link's own style.

use super::broken_link::dest_edit;
use super::{Context, Options, Sink};
use crate::diagnostic::{Applicability, Fix};
use crate::site::Resolution;
use crate::site::redirects::Target;
use crate::site::resolve;

pub struct Rule;

impl super::Rule for Rule {
    fn check_corpus(&self, ctx: &Context, _opts: &Options, sink: &mut Sink) {
        let corpus = ctx.corpus;
        for (i, entry) in corpus.entries.iter().enumerate() {
            for (j, link) in entry.body.links.iter().enumerate() {
                let Some(r) = corpus.site.link(i, j) else {
                    continue;
                };
                let Resolution::Redirected { target, .. } = &r.resolution else {
                    continue;
                };
                let (shown, new_dest) = match target {
                    Target::Entry(t) => {
                        let shown = corpus
                            .site
                            .url_of(*t)
                            .map(str::to_string)
                            .or_else(|| corpus.entries.get(*t).map(|e| e.path.clone()))
                            .unwrap_or_default();
                        (shown, resolve::rewrite(&corpus.site, corpus, entry, r, *t))
                    }
                    Target::Url(u) => (u.clone(), None),
                };
                let mut b = sink
                    .diag(
                        entry.file,
                        link.span.clone(),
                        format!(
                            "link `{}` goes through a redirect to `{shown}`",
                            super::shown_dest(&link.dest)
                        ),
                    )
                    .entry(&entry.id);
                match new_dest.filter(|d| d != &link.dest) {
                    Some(d) => {
                        b = b.help(format!("link to `{d}` directly"));
                        if let Some(edit) = dest_edit(corpus, entry, link, &d) {
                            b = b.fix(Fix::new(
                                format!("link to `{d}`"),
                                Applicability::Safe,
                                vec![edit],
                            ));
                        }
                    }
                    None => {
                        b = b.help(format!(
                            "link to the page's current address (`{shown}`): redirects break when the old address is reused or the redirect file is cleaned up"
                        ));
                    }
                }
                sink.push(b);
            }
        }
    }
}
