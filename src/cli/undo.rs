//! `plantrack undo`: revert your own last change, as the interface's `u` does.

use super::{Cli, CliError};
use crate::progress::{ChangeKind, due_words};
use crate::replica::UndoError;
use clap::Args;
use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct UndoArgs {}

pub fn run(
    cli: &Cli,
    _args: &UndoArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<ExitCode, CliError> {
    let mut replica = super::load_plans(cli, err)?;
    replica
        .open_state(
            super::location(cli),
            super::writer(cli, &replica)?,
            super::lock_timeout(cli),
        )
        .map_err(|e| CliError::NotSaved(e.to_string()))?;
    let undone = match replica.undo() {
        Ok(undone) => undone,
        Err(UndoError::Save(error)) => return Err(CliError::NotSaved(error.to_string())),
        Err(refused) => return Err(CliError::Refused(refused.to_string())),
    };
    let key = &undone.key;
    match &undone.change.what {
        ChangeKind::Status { from, to } => writeln!(out, "undone: {key}: {from} → {to}")?,
        ChangeKind::Note { from, to } => writeln!(out, "undone: {key}: note {from:?} → {to:?}")?,
        ChangeKind::Proposal { from, to } => {
            writeln!(out, "undone: {key}: proposal {from} → {to}")?
        }
        ChangeKind::Due { from, to } => writeln!(
            out,
            "undone: {key}: time limit {} → {}",
            due_words(*from),
            due_words(*to)
        )?,
        ChangeKind::Feedback { agency, to, .. } => writeln!(
            out,
            "undone: {key}: feedback of {agency} is now {:?}",
            to.summary()
        )?,
    }
    Ok(ExitCode::SUCCESS)
}
