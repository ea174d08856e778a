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

impl From<SyncError> for CliError {
    fn from(error: SyncError) -> Self {
        CliError::Sync(error.to_string())
    }
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
    let dir = replica
        .state_dir()
        .map(|d| d.display().to_string())
        .unwrap_or_default();
    if args.status {
        let status = replica.sync_status()?;
        match &status.remote {
            Some(url) if status.fetched => writeln!(out, "remote: {url}")?,
            Some(url) => writeln!(
                out,
                "remote: {url} (not reachable now; as of the last sync)"
            )?,
            None => writeln!(out, "remote: none (bundles only)")?,
        }
        if status.unsent.is_empty() {
            writeln!(out, "unsent: nothing")?;
        }
        for (log, n) in &status.unsent {
            writeln!(out, "unsent: {n} change(s) in {log}")?;
        }
        if status.incoming.is_empty() {
            writeln!(out, "to receive: nothing")?;
        }
        for (log, n) in &status.incoming {
            writeln!(out, "to receive: {n} change(s) in {log}")?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(file) = &args.bundle {
        let committed = replica.sync_bundle(file)?;
        writeln!(
            out,
            "wrote every change of {dir} to {} ({committed} new since the last sync)",
            file.display()
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let report = match (&args.init, &args.from_bundle) {
        (Some(url), _) => replica.sync_init(url)?,
        (_, Some(file)) => replica.sync_from_bundle(file)?,
        _ => replica.sync()?,
    };
    writeln!(out, "sent: {} change(s)", report.committed)?;
    if report.received.is_empty() {
        writeln!(out, "received: nothing new")?;
    }
    for (log, n) in &report.received {
        writeln!(out, "received: {n} change(s) in {log}")?;
    }
    writeln!(
        out,
        "{dir}: in step{}",
        if report.pushed {
            " with the remote"
        } else {
            ""
        }
    )?;
    Ok(ExitCode::SUCCESS)
}
