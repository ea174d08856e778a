//! `plantrack validate FILE...`: check plan files and say what is wrong where.

use super::CliError;
use crate::agencies::Registry;
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
    args: &ValidateArgs,
    ctx: Option<&Replica>,
    out: &mut dyn Write,
) -> Result<ExitCode, CliError> {
    let mut failed = false;
    for path in &args.files {
        match plan_io::load_file(path) {
            Ok(plan) => {
                let sections: usize = plan.sections.len();
                writeln!(
                    out,
                    "ok  {}: plan \"{}\", {} tasks in {} parts",
                    path.display(),
                    plan.id,
                    plan.task_count(),
                    sections
                )?;
                for (_, task) in plan.walk() {
                    if task.agencies.is_empty() {
                        writeln!(
                            out,
                            "    warning: task {} names no responsible agency",
                            task.number
                        )?;
                    }
                }
                write_unknown_agencies(out, &plan)?;
            }
            Err(error) => {
                failed = true;
                writeln!(out, "bad {error}")?;
            }
        }
    }
    if let Some(ctx) = ctx {
        for (origin, plan) in ctx.origins.iter().zip(&ctx.catalog.plans) {
            writeln!(
                out,
                "ok  {origin}: plan \"{}\", {} tasks",
                plan.id,
                plan.tasks.len()
            )?;
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
            writeln!(
                out,
                "note: the state keeps marks for {} task(s) that no loaded plan has (kept, not deleted): {}",
                orphans.len(),
                orphans.join(", ")
            )?;
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
fn write_unknown_agencies(out: &mut dyn Write, plan: &Plan) -> std::io::Result<()> {
    let registry = Registry::builtin();
    let mut unknown: Vec<(String, Vec<u32>)> = Vec::new();
    for (_, task) in plan.walk() {
        for agency in &task.agencies {
            if registry.resolve(&agency.name).is_some() {
                continue;
            }
            match unknown.iter_mut().find(|(name, _)| *name == agency.name) {
                Some((_, tasks)) => tasks.push(task.number),
                None => unknown.push((agency.name.clone(), vec![task.number])),
            }
        }
    }
    for (name, tasks) in unknown {
        let near = registry.suggest(&name, &[]);
        let tasks: Vec<String> = tasks.iter().map(ToString::to_string).collect();
        writeln!(
            out,
            "    warning: agency “{name}” (task{} {}) is not in the agency registry; {}",
            if tasks.len() == 1 { "" } else { "s" },
            tasks.join(", "),
            if near.is_empty() {
                "no registered name is close".to_string()
            } else {
                format!("nearest registered: {}", near.join("、"))
            }
        )?;
    }
    Ok(())
}
