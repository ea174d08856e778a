//! `plantrack show N`: one task in full.

use super::resolve::loaded_tasks;
use super::task_out::TaskOut;
use super::{CliError, output};
use crate::i18n::cli::{self as say, Field};
use crate::i18n::{self, Lang};
use crate::model::{Role, Task};
use crate::replica::Replica;
use std::io::Write;

#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// Task number (55) or PLAN:NUMBER.
    pub task: String,
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Replica, args: &ShowArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let indices = loaded_tasks(&ctx.catalog, ctx.lang, &args.task)?;
    let tasks: Vec<TaskOut> = indices.iter().map(|&t| TaskOut::new(ctx, t)).collect();
    if args.json {
        return Ok(output::write_json(out, &tasks)?);
    }
    for (i, (task, &at)) in tasks.iter().zip(&indices).enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        let model = ctx.catalog.tasks.get(at).map(|entry| &entry.task);
        write_task(out, ctx.lang, task, model)?;
    }
    Ok(())
}

fn write_task(
    out: &mut dyn Write,
    lang: Lang,
    task: &TaskOut,
    model: Option<&Task>,
) -> std::io::Result<()> {
    let notes = model
        .map(|t| t.extra().source_notes.as_slice())
        .unwrap_or_default();
    let mark = if notes.iter().any(|n| n.corrected.is_some()) {
        say::text_corrected(lang)
    } else if notes.is_empty() {
        ""
    } else {
        say::text_damaged(lang)
    };
    writeln!(
        out,
        "{}  [{}]{mark}",
        task.key,
        i18n::status(lang, task.status)
    )?;
    if !task.sections.is_empty() {
        writeln!(out, "{}", task.sections.join(" › "))?;
    }
    writeln!(out)?;
    writeln!(out, "{}", task.text)?;
    writeln!(out)?;
    let mut rows = Vec::new();
    let mut participating_labelled = false;
    for agency in &task.agencies {
        let label = match agency.role {
            Role::Lead => say::field(lang, Field::Lead),
            Role::Participating if participating_labelled => "",
            Role::Participating => {
                participating_labelled = true;
                say::field(lang, Field::Participating)
            }
        };
        let mut names = agency.full_name.clone().unwrap_or_default();
        if let Some(english) = agency.abbreviation.as_ref().or(agency.english.as_ref()) {
            names = format!("{names} ({english})");
        }
        rows.push(vec![label.to_string(), agency.name.clone(), names]);
    }
    if task.per_remit {
        rows.push(vec![
            String::new(),
            "按职责分别负责".into(),
            say::per_remit(lang).into(),
        ]);
    }
    if let Some(others) = &task.others {
        rows.push(vec![String::new(), others.clone(), String::new()]);
    }
    output::write_table(out, &rows, None)?;
    if !task.responsibility.is_empty() {
        writeln!(
            out,
            "{}{}",
            say::field(lang, Field::AsWritten),
            task.responsibility
        )?;
    }
    if let Some(model) = model {
        write_plan_details(out, lang, model)?;
    }
    if task.status.takes_reason() && !task.reason.is_empty() {
        writeln!(out, "{}{}", say::field(lang, Field::Reason), task.reason)?;
    }
    if !task.note.is_empty() {
        writeln!(out, "{}{}", say::field(lang, Field::Note), task.note)?;
    }
    Ok(())
}

/// What the plan says beyond the agencies: time limit, scope, whose list
/// each sentence carries, and every change made to the official wording.
fn write_plan_details(out: &mut dyn Write, lang: Lang, task: &Task) -> std::io::Result<()> {
    if let Some(number) = &task.extra().written_number {
        writeln!(out, "{}", say::written_number(lang, number))?;
    }
    if let Some(limit) = &task.extra().time_limit {
        writeln!(
            out,
            "{}",
            say::time_limit(
                lang,
                &limit.written,
                limit.date.as_ref().map(ToString::to_string)
            )
        )?;
    }
    if let Some(scope) = &task.extra().scope {
        writeln!(out, "{}", say::scope(lang, scope))?;
    }
    if task.lead_assumed {
        writeln!(out, "{}", say::lead_assumed(lang))?;
    }
    if !task.extra().lists.is_empty() {
        writeln!(out, "{}", say::agency_lists(lang))?;
        for (i, list) in task.extra().lists.iter().enumerate() {
            writeln!(out, "  {}. {}（{}）", i + 1, list.text, list.responsibility)?;
        }
    }
    for note in &task.extra().source_notes {
        writeln!(
            out,
            "{}",
            say::source_note(lang, &note.found, note.corrected.as_deref(), &note.reason)
        )?;
    }
    Ok(())
}
