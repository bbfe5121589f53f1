//! `unused-suppression`: the logic lives in [`crate::suppression`], which runs after every rule (a
//! suppression is only known to be unused, or to name an unknown rule, once all
//! diagnostics exist). This module registers the rule so it has metadata, docs and
//! fixtures like every other rule.

pub struct Rule;

impl super::Rule for Rule {}
