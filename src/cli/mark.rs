//! `plantrack mark [PLAN:]N [STATUS] [--note TEXT]`: record progress from a
//! script or a shell, saved the same way the interface saves it.

use super::resolve::loaded_task;
use super::{Cli, CliError, Context};
use crate::progress::{Change, ChangeKind, Status};
use crate::store::{self, Store};
use clap::Args;
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
    let context = Context::load(cli, err)?;
    let (key, _) = loaded_task(&context.catalog, &args.task)?;
    let path = state_path(cli)?;
    let (mut store, progress) = Store::open(path).map_err(CliError::NotSaved)?;

    // One timestamp for both changes of one command: they are one act.
    let now = store::change_now(ChangeKind::Note {
        from: String::new(),
        to: String::new(),
    });
    let mut changes = Vec::new();
    if let Some(to) = status {
        let from = progress.status(&key);
        if from != to {
            changes.push(ChangeKind::Status { from, to });
        }
    }
    if let Some(to) = &args.note {
        let from = progress.note(&key);
        if from != to {
            changes.push(ChangeKind::Note {
                from: from.to_string(),
                to: to.clone(),
            });
        }
    }
    let changes: Vec<_> = changes
        .into_iter()
        .map(|what| {
            (
                key.clone(),
                Change {
                    what,
                    ..now.clone()
                },
            )
        })
        .collect();
    let saved = if changes.is_empty() {
        progress
    } else {
        store.commit(&changes).map_err(CliError::NotSaved)?
    };

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

/// `--state`, else `PLANTRACK_STATE` (clap reads both), else the data directory.
pub(crate) fn state_path(cli: &Cli) -> Result<std::path::PathBuf, CliError> {
    cli.state
        .clone()
        .or_else(store::default_state_path)
        .ok_or(CliError::NotSaved(store::StoreError::NoDefaultLocation))
}
