//! `plantrack sync`: keep this server's state in step with other offices
//! through git, or carry it on a disk as a bundle.

use super::{Cli, CliError};
use crate::sync::SyncError;
use clap::Args;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("how").multiple(false).args(["init", "status", "bundle", "from_bundle"]))]
pub struct SyncArgs {
    /// Set the state directory up to sync with the git remote URL (any URL git takes), then sync.
    #[arg(long, value_name = "URL")]
    pub init: Option<String>,
    /// Show what is not sent yet and what the remote has that is not here yet.
    #[arg(long)]
    pub status: bool,
    /// Write every change here to FILE (a git bundle), to carry to an office without a network path.
    #[arg(long, value_name = "FILE")]
    pub bundle: Option<PathBuf>,
    /// Take in the changes of a bundle another office wrote with --bundle.
    #[arg(long, value_name = "FILE")]
    pub from_bundle: Option<PathBuf>,
}

pub fn run(
    cli: &Cli,
    args: &SyncArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<ExitCode, CliError> {
    let mut replica = super::load_plans(cli, err)?;
    replica.open_state(
        super::location(cli),
        super::writer(cli, &replica)?,
        super::lock_timeout(cli),
    )?;
    for notice in replica.take_notices() {
        let _ = writeln!(err, "plantrack: {notice}");
    }
    let dir = super::output::state_dir(&replica);
    let lang = cli.lang();
    let words = |error: SyncError| CliError::Sync(crate::i18n::sync::error(&error, lang));
    if args.status {
        let status = replica.sync_status().map_err(words)?;
        for line in crate::i18n::sync::status(&status, lang) {
            writeln!(out, "{line}")?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(file) = &args.bundle {
        let committed = replica.sync_bundle(file).map_err(words)?;
        let line =
            crate::i18n::sync::bundle_written(&dir, &file.display().to_string(), committed, lang);
        writeln!(out, "{line}")?;
        return Ok(ExitCode::SUCCESS);
    }
    let report = match (&args.init, &args.from_bundle) {
        (Some(url), _) => replica.sync_init(url),
        (_, Some(file)) => replica.sync_from_bundle(file),
        _ => replica.sync(),
    }
    .map_err(words)?;
    for line in crate::i18n::sync::report(&report, &dir, lang) {
        writeln!(out, "{line}")?;
    }
    Ok(ExitCode::SUCCESS)
}
