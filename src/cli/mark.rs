//! `plantrack mark [PLAN:]N [STATUS] [--note TEXT]`: record progress from a
//! script or a shell, saved the same way the interface saves it.

use super::resolve::loaded_task;
use super::{Cli, CliError, Context};
use crate::model::TaskKey;
use crate::progress::{Change, ChangeKind, Progress, Status};
use crate::store::{self, Store};
use clap::Args;
use jiff::Timestamp;
use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, Args)]
#[command(override_usage = "plantrack mark <[PLAN:]N> [STATUS] [--note <TEXT>] [--json]")]
#[command(group = clap::ArgGroup::new("what").required(true).multiple(true).args(["status", "note"]))]
pub struct MarkArgs {
    /// The task: PLAN:NUMBER, or just NUMBER when only one loaded plan has it.
    #[arg(value_name = "[PLAN:]N")]
    pub task: String,
    /// not_started, in_progress, done or blocked (also todo, doing, 进行中, 已完成, 受阻 …).
    pub status: Option<String>,
    /// Set the task's note (an empty text clears it).
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// Print the result as JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(
    cli: &Cli,
    args: &MarkArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<ExitCode, CliError> {
    let status = args
        .status
        .as_deref()
        .map(|word| {
            Status::parse(word).ok_or_else(|| {
                CliError::Usage(format!(
                    "\"{word}\" is not a status; use not_started, in_progress, done or blocked (or 未开始, 进行中, 已完成, 受阻)"
                ))
            })
        })
        .transpose()?;
    let context = Context::load_plans(cli, err)?;
    let (key, _) = loaded_task(&context.catalog, &args.task)?;
    let path = state_path(cli)?;
    let mut store = Store::at(path);
    // The changes are worked out from the file as it is under the lock, so
    // that `from` is what was really replaced, even with a teammate marking
    // the same task at the same moment.
    let (saved, changes) = store
        .commit_with(|current| changes_for(&key, current, status, args.note.as_deref()))
        .map_err(CliError::NotSaved)?;

    if args.json {
        let report = serde_json::json!({
            "task": key.to_string(),
            "status": saved.status(&key),
            "note": saved.note(&key),
            "changes": changes.iter().map(|(_, c)| c).collect::<Vec<_>>(),
            "state_file": store.path(),
        });
        writeln!(out, "{report}")?;
    } else if changes.is_empty() {
        writeln!(
            out,
            "{key} is already {}{}; nothing to save ({})",
            saved.status(&key),
            if args.note.is_some() {
                " with that note"
            } else {
                ""
            },
            store.path().display()
        )?;
    } else {
        for (_, change) in &changes {
            match &change.what {
                ChangeKind::Status { from, to } => writeln!(out, "{key}: {from} → {to}")?,
                ChangeKind::Note { from, to } => writeln!(out, "{key}: note {from:?} → {to:?}")?,
            }
        }
        writeln!(out, "saved to {}", store.path().display())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// What `mark` records: a status change and/or a note change (both at the
/// same time, being one act), leaving out what is already so.
fn changes_for(
    key: &TaskKey,
    current: &Progress,
    status: Option<Status>,
    note: Option<&str>,
) -> Vec<(TaskKey, Change)> {
    let mut kinds = Vec::new();
    if let Some(to) = status {
        let from = current.status(key);
        if from != to {
            kinds.push(ChangeKind::Status { from, to });
        }
    }
    if let Some(to) = note {
        let from = current.note(key);
        if from != to {
            kinds.push(ChangeKind::Note {
                from: from.to_string(),
                to: to.to_string(),
            });
        }
    }
    let at = Timestamp::now();
    let by = store::current_user();
    kinds
        .into_iter()
        .map(|what| {
            let change = Change {
                at,
                by: by.clone(),
                what,
            };
            (key.clone(), change)
        })
        .collect()
}

/// `--state`, else `PLANTRACK_STATE` (clap reads both), else the data directory.
pub(crate) fn state_path(cli: &Cli) -> Result<std::path::PathBuf, CliError> {
    cli.state
        .clone()
        .or_else(store::default_state_path)
        .ok_or(CliError::NotSaved(store::StoreError::NoDefaultLocation))
}
