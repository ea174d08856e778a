//! `plantrack search QUERY`: fuzzy matches, best first, matched characters marked.

use super::task_out::TaskOut;
use super::{CliError, output};
use crate::agencies::Registry;
use crate::i18n::cli as say;
use crate::replica::Replica;
use crate::search::{Field, Index};
use serde::Serialize;
use std::io::Write;

#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// Words, a task number, an agency name, or pinyin (zlsc, zhuanli). All
    /// words must match; 'word exactly, ^word at the start, word$ at the
    /// end, !word excludes; a capital makes a word case-sensitive.
    pub query: Vec<String>,
    /// At most this many results.
    #[arg(long, short = 'n', default_value_t = 20)]
    pub limit: usize,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Serialize)]
struct SearchHit {
    score: i64,
    /// number, text, agency or section.
    matched_in: &'static str,
    matched_text: String,
    /// Character positions in `matched_text`.
    positions: Vec<usize>,
    task: TaskOut,
}

pub fn run(ctx: &Replica, args: &SearchArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let query = args.query.join(" ");
    if query.trim().is_empty() {
        return Err(CliError::Usage(say::empty_query(ctx.lang)));
    }
    let registry = Registry::builtin();
    // Not freed, as the context (see `cli::run`).
    let index = std::mem::ManuallyDrop::new(Index::build_for(
        &ctx.catalog,
        |name| registry.names_of(name),
        &query,
    ));
    // Only the hits printed are ranked; the others are counted.
    let hits = index.search_top(&ctx.catalog, &query, None, args.limit);
    let shown = hits.ranked();
    if args.json {
        let rows: Vec<SearchHit> = shown
            .iter()
            .map(|hit| {
                let (matched_text, positions) = index.highlight(&ctx.catalog, hit, &query);
                SearchHit {
                    score: hit.score(),
                    matched_in: match hit.field() {
                        Field::Number => "number",
                        Field::Text => "text",
                        Field::Agency { .. } => "agency",
                        Field::Section(_) => "section",
                    },
                    matched_text,
                    positions,
                    task: TaskOut::new(ctx, hit.task()),
                }
            })
            .collect();
        return Ok(output::write_json(out, &rows)?);
    }
    if hits.is_empty() {
        writeln!(out, "{}", say::no_match(ctx.lang, &query))?;
        return Ok(());
    }
    let styled = output::styled();
    let several_plans = ctx.catalog.plans.len() > 1;
    let rows: Vec<Vec<String>> = shown
        .iter()
        .map(|hit| {
            let (matched, positions) = index.highlight(&ctx.catalog, hit, &query);
            let marked = output::mark_positions(&matched, &positions, styled);
            let entry = &ctx.catalog.tasks[hit.task()];
            let text = match hit.field() {
                Field::Text => marked,
                Field::Number => entry.task.text.to_string(),
                Field::Agency { .. } | Field::Section(_) => {
                    format!("{marked} · {}", entry.task.text)
                }
            };
            let key = ctx.catalog.key(hit.task());
            vec![
                if several_plans {
                    key.to_string()
                } else {
                    format!("{:>3}", key.number)
                },
                entry
                    .task
                    .lead()
                    .map(|a| a.name.to_string())
                    .unwrap_or_default(),
                text,
            ]
        })
        .collect();
    // Escape sequences have no width but would be counted: cut only plain text.
    output::write_table(out, &rows, if styled { None } else { output::line_width() })?;
    if hits.len() > shown.len() {
        writeln!(
            out,
            "{}",
            say::more_hits(ctx.lang, hits.len() - shown.len())
        )?;
    }
    Ok(())
}
