//! `plantrack agencies` and `plantrack agency NAME`.

use super::{CliError, list, output};
use crate::agencies::Registry;
use crate::i18n::cli::{self as say, Field};
use crate::progress::{Status, Tally};
use crate::replica::Replica;
use crate::roster::{self, AgencyTasks};
use serde::Serialize;
use std::io::Write;

#[derive(Debug, clap::Args)]
pub struct AgenciesArgs {
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Args)]
pub struct AgencyArgs {
    /// Any name of the agency: short (市场监管总局), full (国家市场监督管理总局), English, abbreviation (SAMR) or pinyin.
    pub name: String,
    /// Only tasks in this status.
    #[arg(long, value_parser = list::parse_status)]
    pub status: Option<Status>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Serialize)]
struct AgencySummary {
    name: String,
    full_name: Option<String>,
    english: Option<String>,
    abbreviation: Option<String>,
    lead: usize,
    participating: usize,
    lead_done: usize,
    participating_done: usize,
}

fn summary(ctx: &Replica, registry: &Registry, agency: &AgencyTasks) -> AgencySummary {
    let done = |tasks: &[usize]| {
        Tally::of(
            tasks
                .iter()
                .map(|&t| ctx.progress().status(&ctx.catalog.key(t))),
        )
        .done
    };
    let known = registry.resolve(&agency.name);
    AgencySummary {
        name: agency.name.clone(),
        full_name: known.map(|k| k.full.clone()),
        english: known.and_then(|k| k.english.clone()),
        abbreviation: known.and_then(|k| k.abbreviation.clone()),
        lead: agency.lead.len(),
        participating: agency.participating.len(),
        lead_done: done(&agency.lead),
        participating_done: done(&agency.participating),
    }
}

pub fn run_all(ctx: &Replica, args: &AgenciesArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let registry = Registry::builtin();
    let summaries: Vec<AgencySummary> = roster::roster(&ctx.catalog, registry)
        .iter()
        .map(|a| summary(ctx, registry, a))
        .collect();
    if args.json {
        return Ok(output::write_json(out, &summaries)?);
    }
    let mut rows = vec![
        [
            Field::Agency,
            Field::LeadCount,
            Field::ParticipatingCount,
            Field::DoneCount,
            Field::FullName,
        ]
        .map(|f| say::field(ctx.lang, f).to_string())
        .to_vec(),
    ];
    rows.extend(summaries.iter().map(|s| {
        vec![
            s.name.clone(),
            format!("{:>4}", s.lead),
            format!("{:>5}", s.participating),
            format!(
                "{:>3}/{}",
                s.lead_done + s.participating_done,
                s.lead + s.participating
            ),
            s.full_name.clone().unwrap_or_default(),
        ]
    }));
    output::write_table(out, &rows, output::line_width())?;
    Ok(())
}

pub fn run_one(ctx: &Replica, args: &AgencyArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let registry = Registry::builtin();
    let roster = roster::roster(&ctx.catalog, registry);
    let agency = roster::find(&roster, registry, &args.name)
        .map_err(|suggestions| super::no_such_agency(ctx.lang, &args.name, &suggestions))?;
    let keep = |tasks: &[usize]| -> Vec<usize> {
        tasks
            .iter()
            .copied()
            .filter(|&t| {
                args.status
                    .is_none_or(|s| ctx.progress().status(&ctx.catalog.key(t)) == s)
            })
            .collect()
    };
    let lead = keep(&agency.lead);
    let participating = keep(&agency.participating);
    if args.json {
        #[derive(Serialize)]
        struct AgencyDetail {
            #[serde(flatten)]
            summary: AgencySummary,
            lead_tasks: Vec<super::task_out::TaskOut>,
            participating_tasks: Vec<super::task_out::TaskOut>,
        }
        let to_out = |tasks: &[usize]| {
            tasks
                .iter()
                .map(|&t| super::task_out::TaskOut::new(ctx, t))
                .collect()
        };
        return Ok(output::write_json(
            out,
            &AgencyDetail {
                summary: summary(ctx, registry, agency),
                lead_tasks: to_out(&lead),
                participating_tasks: to_out(&participating),
            },
        )?);
    }
    let s = summary(ctx, registry, agency);
    let mut title = agency.name.clone();
    if let Some(full) = &s.full_name {
        title.push_str(&format!("  {full}"));
    }
    if let Some(english) = s.abbreviation.as_ref().or(s.english.as_ref()) {
        title.push_str(&format!(" ({english})"));
    }
    writeln!(out, "{title}")?;
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        say::agency_tasks(ctx.lang, Field::Lead, lead.len(), agency.lead.len())
    )?;
    list::write_tasks(ctx, &lead, false, out)?;
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        say::agency_tasks(
            ctx.lang,
            Field::Participating,
            participating.len(),
            agency.participating.len()
        )
    )?;
    list::write_tasks(ctx, &participating, false, out)?;
    Ok(())
}
