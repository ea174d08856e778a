//! `plantrack validate FILE...`: check plan files and say what is wrong where.

use super::{CliError, Context};
use crate::plan_io;
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
    ctx: Option<&Context>,
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
        let orphans: Vec<String> = ctx
            .progress
            .orphans(&ctx.catalog)
            .map(ToString::to_string)
            .collect();
        if let Some(error) = &ctx.state_error {
            failed = true;
            writeln!(out, "bad {error}")?;
        }
        // Each was reported as it was met.
        failed |= ctx.plan_errors > 0;
        if !orphans.is_empty() {
            writeln!(
                out,
                "note: the state file keeps marks for {} task(s) that no loaded plan has (kept, not deleted): {}",
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
