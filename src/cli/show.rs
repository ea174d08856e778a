//! `plantrack show N`: one task in full.

use super::resolve::loaded_tasks;
use super::task_out::TaskOut;
use super::{CliError, Context, output};
use crate::model::{Role, Task};
use std::io::Write;

#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// Task number (55) or PLAN:NUMBER.
    pub task: String,
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Context, args: &ShowArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let indices = loaded_tasks(&ctx.catalog, &args.task)?;
    let tasks: Vec<TaskOut> = indices.iter().map(|&t| TaskOut::new(ctx, t)).collect();
    if args.json {
        return Ok(output::write_json(out, &tasks)?);
    }
    for (i, (task, &at)) in tasks.iter().zip(&indices).enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        let model = ctx.catalog.tasks.get(at).map(|entry| &entry.task);
        write_task(out, task, model)?;
    }
    Ok(())
}

fn write_task(out: &mut dyn Write, task: &TaskOut, model: Option<&Task>) -> std::io::Result<()> {
    let notes = model.map(|t| t.source_notes.as_slice()).unwrap_or_default();
    let mark = if notes.iter().any(|n| n.corrected.is_some()) {
        "  [text corrected]"
    } else if notes.is_empty() {
        ""
    } else {
        "  [source text damaged]"
    };
    writeln!(out, "{}  [{}]{mark}", task.key, task.status)?;
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
            Role::Lead => "lead",
            Role::Participating if participating_labelled => "",
            Role::Participating => {
                participating_labelled = true;
                "participating"
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
            "each within its own remit".into(),
        ]);
    }
    if let Some(others) = &task.others {
        rows.push(vec![String::new(), others.clone(), String::new()]);
    }
    output::write_table(out, &rows, None)?;
    if !task.responsibility.is_empty() {
        writeln!(out, "as written: {}", task.responsibility)?;
    }
    if let Some(model) = model {
        write_plan_details(out, model)?;
    }
    if !task.note.is_empty() {
        writeln!(out, "note: {}", task.note)?;
    }
    Ok(())
}

/// What the plan says beyond the agencies: time limit, scope, whose list
/// each sentence carries, and every change made to the official wording.
fn write_plan_details(out: &mut dyn Write, task: &Task) -> std::io::Result<()> {
    if let Some(number) = &task.written_number {
        writeln!(out, "numbered in the document: {number}")?;
    }
    if let Some(limit) = &task.time_limit {
        match &limit.date {
            Some(date) => writeln!(out, "time limit: {} (by {date})", limit.written)?,
            None => writeln!(out, "time limit: {}", limit.written)?,
        }
    }
    if let Some(scope) = &task.scope {
        writeln!(out, "scope: {scope}")?;
    }
    if task.lead_assumed {
        writeln!(
            out,
            "lead: the plan names no lead for this task; the first agency listed is taken as lead"
        )?;
    }
    if !task.lists.is_empty() {
        writeln!(out, "agency lists, each after the sentences it covers:")?;
        for (i, list) in task.lists.iter().enumerate() {
            writeln!(out, "  {}. {}（{}）", i + 1, list.text, list.responsibility)?;
        }
    }
    for note in &task.source_notes {
        match &note.corrected {
            Some(new) => writeln!(
                out,
                "corrected: “{}” → “{new}” ({})",
                note.found, note.reason
            )?,
            None => writeln!(
                out,
                "damaged in the source: “{}” ({})",
                note.found, note.reason
            )?,
        }
    }
    Ok(())
}
