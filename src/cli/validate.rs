//! `plantrack validate FILE...`: check plan files and say what is wrong where.

use super::CliError;
use crate::agencies::Registry;
use crate::i18n::{Lang, validate as say};
use crate::model::Plan;
use crate::plan_io;
use crate::replica::Replica;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// Plan files to check; without any, checks the loaded plans and the state file.
    pub files: Vec<PathBuf>,
}

pub fn run(
    lang: Lang,
    args: &ValidateArgs,
    ctx: Option<&Replica>,
    out: &mut dyn Write,
) -> Result<ExitCode, CliError> {
    let mut failed = false;
    for path in &args.files {
        match plan_io::load_file(path) {
            Ok(plan) => {
                let shown = path.display().to_string();
                let parts = Some(plan.sections.len());
                let ok = say::plan_ok(lang, &shown, &plan.id, plan.task_count(), parts);
                writeln!(out, "{ok}")?;
                for (_, task) in plan.walk() {
                    if task.agencies.is_empty() {
                        writeln!(out, "{}", say::no_agency(lang, task.number))?;
                    }
                }
                write_unknown_agencies(lang, out, &plan)?;
            }
            Err(error) => {
                failed = true;
                writeln!(out, "bad {}", say::load_error(&error, lang))?;
            }
        }
    }
    if let Some(ctx) = ctx {
        for (origin, plan) in ctx.origins.iter().zip(&ctx.catalog.plans) {
            let ok = say::plan_ok(lang, &origin.to_string(), &plan.id, plan.tasks.len(), None);
            writeln!(out, "{ok}")?;
        }
        if let Some(why) = ctx.read_only() {
            failed = true;
            writeln!(out, "bad {why}")?;
        }
        let orphans: Vec<String> = ctx
            .progress()
            .orphans(&ctx.catalog)
            .map(ToString::to_string)
            .collect();
        // Each was reported as it was met.
        failed |= ctx.plan_errors > 0;
        if !orphans.is_empty() {
            writeln!(out, "{}", say::orphans(lang, &orphans))?;
        }
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Agency names the registry does not know, each once with the tasks that
/// name it and the nearest registered names: a misspelt or damaged name
/// would otherwise split an agency's tasks in two.
fn write_unknown_agencies(lang: Lang, out: &mut dyn Write, plan: &Plan) -> std::io::Result<()> {
    let registry = Registry::builtin();
    let mut unknown: Vec<(String, Vec<u32>)> = Vec::new();
    for (_, task) in plan.walk() {
        for agency in &task.agencies {
            if registry.resolve(&agency.name).is_some() {
                continue;
            }
            match unknown.iter_mut().find(|(name, _)| **name == *agency.name) {
                Some((_, tasks)) => tasks.push(task.number),
                None => unknown.push((agency.name.to_string(), vec![task.number])),
            }
        }
    }
    for (name, tasks) in unknown {
        let near = registry.suggest(&name, &[]);
        let tasks: Vec<String> = tasks.iter().map(ToString::to_string).collect();
        writeln!(out, "{}", say::unknown_agency(lang, &name, &tasks, &near))?;
    }
    Ok(())
}
