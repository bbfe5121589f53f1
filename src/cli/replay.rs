//! `faqlint replay`: runs a search log through the model of the site search and reports how
//! many searches it answers.

use std::io::Write;
use std::path::PathBuf;

use serde::Serialize;

use super::ConfigArgs;
use super::mine::{ModelFlags, load_input};
use crate::ExitStatus;
use crate::lint::Selection;
use crate::mine::model::{ModelSettings, ReplayCounts, SearchModel};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReplayFormat {
    Human,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct ReplayArgs {
    /// Search exports (repeatable or comma-separated; default: `[analytics] searches`).
    #[arg(long, value_name = "FILE", value_delimiter = ',')]
    pub searches: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReplayFormat::Human)]
    pub format: ReplayFormat,
    /// With `--format json`: every query with the ids of the entries it finds.
    #[arg(long)]
    pub hits: bool,
    #[command(flatten)]
    pub model: ModelFlags,
    #[command(flatten)]
    pub config: ConfigArgs,
}

/// `--format json`, `version` 1.
#[derive(Serialize)]
struct ReplayJson<'a> {
    version: u32,
    model: ModelJson<'a>,
    #[serde(flatten)]
    counts: &'a ReplayCounts,
    zero_result_rate: f64,
    /// Zero-result searches according to the export itself, when it tells.
    export_zero_result_searches: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    queries_detail: Option<Vec<QueryJson<'a>>>,
}

#[derive(Serialize)]
struct ModelJson<'a> {
    fields: &'a [String],
    stemming: bool,
    stop_words: bool,
    typos: u8,
    synonyms: bool,
}

#[derive(Serialize)]
struct QueryJson<'a> {
    query: &'a str,
    locale: Option<&'a str>,
    count: u64,
    hits: Vec<&'a str>,
}

pub fn run(args: &ReplayArgs) -> anyhow::Result<ExitStatus> {
    let selection = Selection {
        select: vec!["zero-result-query".into()],
        ignore: Vec::new(),
    };
    let mut ws = super::check::Workspace::open(&[], &args.config, &selection, None)?;
    args.model.apply(&mut ws.loaded.config.analytics.model);
    let input = load_input(&ws, &args.searches, &[])?;
    let cfg = &ws.loaded.config.analytics.model;
    let model = SearchModel::build(&ws.corpus, ModelSettings::from_config(cfg));
    let mut counts = ReplayCounts::default();
    let mut export_zero = 0;
    let mut detail = Vec::new();
    for q in &input.searches.queries {
        let hits = model.hits(&model.parse(&q.query, q.locale.as_deref()));
        counts.add(q.count, !hits.is_empty());
        export_zero += q.zero_result;
        if args.hits {
            detail.push(QueryJson {
                query: &q.query,
                locale: q.locale.as_deref(),
                count: q.count,
                hits: hits
                    .iter()
                    .map(|&i| ws.corpus.entries[i].id.as_str())
                    .collect(),
            });
        }
    }
    let mut out = std::io::stdout().lock();
    match args.format {
        ReplayFormat::Json => {
            let json = ReplayJson {
                version: 1,
                model: ModelJson {
                    fields: &cfg.fields,
                    stemming: cfg.stemming,
                    stop_words: cfg.stop_words,
                    typos: cfg.typos,
                    synonyms: cfg.synonyms,
                },
                counts: &counts,
                zero_result_rate: counts.zero_result_rate(),
                export_zero_result_searches: export_zero,
                queries_detail: args.hits.then_some(detail),
            };
            serde_json::to_writer_pretty(&mut out, &json)?;
            writeln!(out)?;
        }
        ReplayFormat::Human => {
            writeln!(
                out,
                "{} searches ({} distinct queries): {} answered, {} without results ({:.1} %)",
                counts.searches,
                counts.queries,
                counts.answered_searches,
                counts.zero_result_searches,
                counts.zero_result_rate() * 100.0
            )?;
            writeln!(
                out,
                "distinct queries: {} answered, {} without results",
                counts.answered_queries, counts.zero_result_queries
            )?;
            writeln!(
                out,
                "model: fields {}; stemming {}; stop words {}; typos {}; synonyms {}",
                cfg.fields.join(", "),
                on(cfg.stemming),
                if cfg.stop_words { "dropped" } else { "kept" },
                cfg.typos,
                on(cfg.synonyms)
            )?;
            if export_zero > 0 {
                writeln!(
                    out,
                    "the export itself counts {export_zero} searches without results"
                )?;
            }
        }
    }
    out.flush()?;
    Ok(ExitStatus::Clean)
}

fn on(b: bool) -> &'static str {
    if b { "on" } else { "off" }
}
