//! `plantrack list`: tasks one per line, optionally of one agency or part.

use super::task_out::TaskOut;
use super::{CliError, output};
use crate::agencies::Registry;
use crate::deadline::Light;
use crate::i18n::{Lang, cli as say};
use crate::progress::Status;
use crate::replica::Replica;
use crate::roster;
use std::io::Write;

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Only tasks of this agency (any of its names: 市场监管总局, 国家市场监督管理总局, SAMR, scjgzj).
    #[arg(long)]
    pub agency: Option<String>,
    /// Only tasks of this part: its number (3) or numeral (三).
    #[arg(long)]
    pub part: Option<String>,
    /// Only tasks in this status (not_started, in_progress, done, blocked, suspended; 未开始, 进行中, 已完成, 受阻, 中止).
    #[arg(long, value_parser = parse_status)]
    pub status: Option<Status>,
    /// Only tasks with this light today (red: overdue, yellow: due soon or behind, green: on track).
    #[arg(long, value_parser = parse_light)]
    pub light: Option<Light>,
    /// The tasks as they stood at the end of this day (YYYY-MM-DD), rebuilt from the history.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    #[arg(long)]
    pub json: bool,
}

pub fn parse_light(text: &str) -> Result<Light, String> {
    Light::parse(text)
        .ok_or_else(|| format!("\"{text}\" is not a light; use red, yellow or green (红, 黄, 绿)"))
}

/// Before the language is known (clap parses the options together), so
/// the message names the words of both.
pub fn parse_status(text: &str) -> Result<Status, String> {
    Status::parse(text).ok_or_else(|| say::not_a_status(Lang::En, text))
}

pub fn run(ctx: &Replica, args: &ListArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let mut tasks: Vec<usize> = (0..ctx.catalog.tasks.len()).collect();
    if let Some(query) = &args.agency {
        let registry = Registry::builtin();
        let roster = roster::roster(&ctx.catalog, registry);
        let agency = roster::find(&roster, registry, query)
            .map_err(|suggestions| super::no_such_agency(ctx.lang, query, &suggestions))?;
        tasks = agency.tasks().map(|(t, _)| t).collect();
    }
    if let Some(part) = &args.part {
        let ranges = part_ranges(ctx, part)?;
        tasks.retain(|t| ranges.iter().any(|r| r.contains(t)));
    }
    if let Some(status) = args.status {
        tasks.retain(|&t| ctx.progress().status(&ctx.catalog.key(t)) == status);
    }
    if let Some(light) = args.light {
        let lights = ctx.lights();
        tasks.retain(|&t| lights[t] == Some(light));
    }
    write_tasks(ctx, &tasks, args.json, out)
}

/// One line per task: key, status marker, lead agency, text cut to the terminal.
pub fn write_tasks(
    ctx: &Replica,
    tasks: &[usize],
    json: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    if json {
        let rows: Vec<TaskOut> = tasks.iter().map(|&t| TaskOut::new(ctx, t)).collect();
        return Ok(output::write_json(out, &rows)?);
    }
    let several_plans = ctx.catalog.plans.len() > 1;
    let lights = ctx.lights();
    let rows: Vec<Vec<String>> = tasks
        .iter()
        .map(|&t| {
            let entry = &ctx.catalog.tasks[t];
            let key = ctx.catalog.key(t);
            let status = ctx.progress().status(&key);
            vec![
                if several_plans {
                    key.to_string()
                } else {
                    format!("{:>3}", key.number)
                },
                format!(
                    "[{}]{}",
                    status.marker(),
                    lights[t].map_or(' ', crate::deadline::Light::symbol)
                ),
                entry
                    .task
                    .lead()
                    .map(|a| a.name.to_string())
                    .unwrap_or_default(),
                entry.task.text.to_string(),
            ]
        })
        .collect();
    output::write_table(out, &rows, output::line_width())?;
    Ok(())
}

/// The task ranges of the top-level sections numbered `part` in each plan.
fn part_ranges(ctx: &Replica, part: &str) -> Result<Vec<std::ops::Range<usize>>, CliError> {
    let part = part.trim();
    let wanted = part.parse::<usize>().ok().and_then(|n| n.checked_sub(1));
    let ranges: Vec<_> = ctx
        .catalog
        .plans
        .iter()
        .filter_map(|plan| {
            let found = match wanted {
                Some(position) => plan.top_sections.get(position).copied(),
                None => plan
                    .top_sections
                    .iter()
                    .copied()
                    .find(|&s| ctx.catalog.sections[s].number == part),
            };
            found.map(|s| ctx.catalog.sections[s].all_tasks.clone())
        })
        .collect();
    if ranges.is_empty() {
        return Err(CliError::Usage(say::no_such_part(ctx.lang, part)));
    }
    Ok(ranges)
}
