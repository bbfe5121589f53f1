//! Column names of the tabular exports: our names, the usual aliases, and the user's
//! mapping (`[analytics.columns]`). Matching ignores case, and treats spaces, dashes and
//! underscores alike (`Search term` = `search_term`).

use std::collections::BTreeMap;

use super::InputError;

/// A logical column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Col {
    Timestamp,
    Query,
    NbHits,
    ClickedEntry,
    Locale,
    Count,
    ZeroResult,
    NoClick,
    Clicks,
    LastSeen,
    EntryId,
    Up,
    Down,
    Reasons,
}

impl Col {
    pub(crate) const ALL: [Col; 14] = [
        Col::Timestamp,
        Col::Query,
        Col::NbHits,
        Col::ClickedEntry,
        Col::Locale,
        Col::Count,
        Col::ZeroResult,
        Col::NoClick,
        Col::Clicks,
        Col::LastSeen,
        Col::EntryId,
        Col::Up,
        Col::Down,
        Col::Reasons,
    ];

    /// The key in `[analytics.columns]`, and our own column name.
    pub(crate) fn key(self) -> &'static str {
        match self {
            Col::Timestamp => "timestamp",
            Col::Query => "query",
            Col::NbHits => "nb_hits",
            Col::ClickedEntry => "clicked_entry",
            Col::Locale => "locale",
            Col::Count => "count",
            Col::ZeroResult => "zero_result",
            Col::NoClick => "no_click",
            Col::Clicks => "clicks",
            Col::LastSeen => "last_seen",
            Col::EntryId => "entry_id",
            Col::Up => "up",
            Col::Down => "down",
            Col::Reasons => "reasons",
        }
    }

    /// Names recognised without a mapping (canonical form: see [`canonical`]).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Col::Timestamp => &[
                "timestamp",
                "time",
                "ts",
                "date",
                "datetime",
                "event_time",
                "event_timestamp",
                "created_at",
            ],
            Col::Query => &[
                "query",
                "search",
                "search_term",
                "search_query",
                "searchterm",
                "q",
                "term",
                "terme_de_recherche",
                "requete",
                "requête",
            ],
            Col::NbHits => &[
                "nb_hits",
                "nbhits",
                "hits",
                "nb_results",
                "results",
                "result_count",
                "search_results_count",
            ],
            Col::ClickedEntry => &[
                "clicked_entry",
                "clicked",
                "click",
                "clicked_id",
                "clicked_entry_id",
                "clicked_object_id",
                "clicked_url",
            ],
            Col::Locale => &["locale", "lang", "language", "langue"],
            Col::Count => &[
                "count",
                "searches",
                "nb_searches",
                "search_count",
                "event_count",
                "events",
                "nombre_d'événements",
                "nombre_d'evenements",
            ],
            Col::ZeroResult => &[
                "zero_result",
                "zero_results",
                "no_results",
                "without_results",
            ],
            Col::NoClick => &["no_click", "no_clicks", "without_click"],
            Col::Clicks => &["clicks"],
            Col::LastSeen => &["last_seen"],
            Col::EntryId => &["entry_id", "entry", "id", "article_id", "page", "object_id"],
            Col::Up => &[
                "up",
                "upvotes",
                "up_votes",
                "helpful",
                "yes",
                "positive",
                "thumbs_up",
            ],
            Col::Down => &[
                "down",
                "downvotes",
                "down_votes",
                "not_helpful",
                "no",
                "negative",
                "thumbs_down",
            ],
            Col::Reasons => &["reasons", "reason", "down_reasons", "feedback"],
        }
    }
}

/// A header name in comparable form: trimmed, lower case, spaces and dashes as `_`.
pub(crate) fn canonical(name: &str) -> String {
    name.trim()
        .chars()
        .map(|c| match c {
            ' ' | '-' | '\u{a0}' => '_',
            c => c.to_lowercase().next().unwrap_or(c),
        })
        .collect()
}

/// The user's column mapping.
#[derive(Debug, Clone, Default)]
pub(crate) struct Columns {
    mapped: BTreeMap<&'static str, String>,
}

impl Columns {
    /// Validates `[analytics.columns]`: every key must be one of ours.
    pub(crate) fn from_config(map: &BTreeMap<String, String>) -> Result<Columns, InputError> {
        let mut mapped = BTreeMap::new();
        for (k, v) in map {
            let Some(col) = Col::ALL.iter().find(|c| c.key() == canonical(k)) else {
                let keys: Vec<&str> = Col::ALL.iter().map(|c| c.key()).collect();
                return Err(InputError::Config(format!(
                    "unknown key `{k}` in [analytics.columns]; one of: {}",
                    keys.join(", ")
                )));
            };
            mapped.insert(col.key(), canonical(v));
        }
        Ok(Columns { mapped })
    }

    /// The index of `col` among the (canonical) header names: the mapped name only when
    /// the user mapped it, else the first alias present.
    pub(crate) fn find(&self, header: &[String], col: Col) -> Option<usize> {
        if let Some(name) = self.mapped.get(col.key()) {
            return header.iter().position(|h| h == name);
        }
        col.aliases()
            .iter()
            .find_map(|a| header.iter().position(|h| h == a))
    }

    /// How the user named `col`, for messages.
    pub(crate) fn name(&self, col: Col) -> String {
        self.mapped
            .get(col.key())
            .cloned()
            .unwrap_or_else(|| col.key().to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_and_mapping() {
        let header: Vec<String> = ["Search Term", "Event-Count", "q"]
            .iter()
            .map(|h| canonical(h))
            .collect();
        let cols = Columns::default();
        assert_eq!(cols.find(&header, Col::Query), Some(0));
        assert_eq!(cols.find(&header, Col::Count), Some(1));
        let mut map = BTreeMap::new();
        map.insert("query".to_string(), "Q".to_string());
        let cols = Columns::from_config(&map).unwrap();
        assert_eq!(cols.find(&header, Col::Query), Some(2));
        map.insert("querry".to_string(), "x".to_string());
        assert!(Columns::from_config(&map).is_err());
    }

    #[test]
    fn every_alias_is_canonical() {
        for c in Col::ALL {
            for a in c.aliases() {
                assert_eq!(canonical(a), *a);
            }
        }
    }
}
