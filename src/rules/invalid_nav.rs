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
    }
}
