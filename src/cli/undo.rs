//! `plantrack undo`: revert your own last change, as the interface's `u` does.

use super::{Cli, CliError};
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
        .map_err(|e| CliError::NotSaved(crate::i18n::store::describe(&e, cli.lang())))?;
    let zone = jiff::tz::TimeZone::system();
    let undone = match replica.undo() {
        Ok(undone) => undone,
        Err(error @ UndoError::Save(_)) => {
            return Err(CliError::NotSaved(crate::i18n::store::undo_error(
                &error,
                cli.lang(),
                &zone,
            )));
        }
        Err(refused) => {
            return Err(CliError::Refused(crate::i18n::store::undo_error(
                &refused,
                cli.lang(),
                &zone,
            )));
        }
    };
    let what = crate::i18n::Confirmed::of(&undone.change.what);
    let line = crate::i18n::confirmation(cli.lang(), &undone.key.to_string(), what, true, true);
    writeln!(out, "{line}")?;
    Ok(ExitCode::SUCCESS)
}
