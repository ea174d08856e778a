//! `plantrack show N`: one task in full.

use super::resolve::loaded_tasks;
use super::task_out::TaskOut;
use super::{CliError, Context, output};
use crate::i18n::cli::{self as say, Field};
use crate::i18n::{self, Lang};
use crate::model::Role;
use std::io::Write;

#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// Task number (55) or PLAN:NUMBER.
    pub task: String,
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Context, args: &ShowArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let tasks: Vec<TaskOut> = loaded_tasks(&ctx.catalog, ctx.lang, &args.task)?
        .into_iter()
        .map(|t| TaskOut::new(ctx, t))
        .collect();
    if args.json {
        return Ok(output::write_json(out, &tasks)?);
    }
    for (i, task) in tasks.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        write_task(out, ctx.lang, task)?;
    }
    Ok(())
}

fn write_task(out: &mut dyn Write, lang: Lang, task: &TaskOut) -> std::io::Result<()> {
    writeln!(out, "{}  [{}]", task.key, i18n::status(lang, task.status))?;
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
    if !task.note.is_empty() {
        writeln!(out, "{}{}", say::field(lang, Field::Note), task.note)?;
    }
    Ok(())
}
