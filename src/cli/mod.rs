//! The command line: one module per subcommand, each writing human output or
//! `--json` to the writer it is given.

mod agencies;
mod import;
mod list;
pub mod output;
mod report;
mod search;
mod shell;
mod show;
mod sync;
mod task_out;
mod undo;
mod validate;

use crate::config::{self, Config};
use crate::deadline::{self, DUE_SOON_DAYS, Day, Rules};
use crate::replica::{self, Replica};
use crate::store::{Location, StoreError, Writer};
use crate::terminal_text::TextOnly;
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

mod due;
mod history;
mod mark;
mod resolve;

#[derive(Debug, Parser)]
#[command(
    name = "plantrack",
    version,
    about = "Follow a government work plan: browse tasks, find them fast, mark progress.",
    long_about = "Follow a government work plan: browse tasks, find them fast, mark progress.\n\n\
        Without a subcommand, opens the terminal interface on every loaded plan \
        (the built-in 2020 IP-strategy plan when none is on disk)."
)]
pub struct Cli {
    /// Load this plan file (repeatable); replaces the default plan locations.
    #[arg(long = "plan", value_name = "FILE", global = true)]
    pub plan_files: Vec<PathBuf>,
    /// Load every *.json in this directory (repeatable); replaces the default plan locations.
    #[arg(long = "plans", value_name = "DIR", global = true)]
    pub plan_dirs: Vec<PathBuf>,
    /// The progress state file (a team can share one).
    #[arg(long, value_name = "PATH", env = "PLANTRACK_STATE", global = true)]
    pub state: Option<PathBuf>,
    /// The configuration file (default ~/.config/plantrack/config.toml).
    #[arg(
        long = "config",
        value_name = "PATH",
        env = "PLANTRACK_CONFIG",
        global = true
    )]
    pub config_file: Option<PathBuf>,
    /// The settings read from the configuration file (filled in by `main`).
    #[arg(skip)]
    pub config: Config,
    /// Seconds a save waits for another process's lock on the state file
    /// before giving up (default 10, or `lock_timeout` in the configuration).
    #[arg(
        long = "lock-timeout",
        value_name = "SECONDS",
        env = "PLANTRACK_LOCK_TIMEOUT",
        global = true
    )]
    pub lock_timeout: Option<u64>,
    /// Interface language; default from LC_ALL / LC_MESSAGES / LANG (zh* → Chinese).
    #[arg(long, value_enum, global = true)]
    pub lang: Option<crate::i18n::Lang>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// One task in full: text, part and group, lead and participating agencies.
    Show(show::ShowArgs),
    /// Tasks one per line, optionally of one agency, part or status.
    List(list::ListArgs),
    /// Every agency with its lead / participating counts.
    Agencies(agencies::AgenciesArgs),
    /// One agency's tasks, lead tasks first.
    Agency(agencies::AgencyArgs),
    /// Fuzzy search over numbers, text, agencies and headings (pinyin too).
    Search(search::SearchArgs),
    /// Check plan files (or, without files, the loaded plans and state).
    Validate(validate::ValidateArgs),
    /// Turn an official plan (text, web page, Word, Excel or CSV 分工 table) into plan JSON, listing every repair, doubt and unknown agency.
    Import(import::ImportArgs),
    /// Record a task's status and/or note in the state file.
    Mark(mark::MarkArgs),
    /// Set a task's time limit (2020-09-30, 9月底, 2020年三季度, Q3, 年底; none: the plan's own).
    Due(due::DueArgs),
    /// Show every change recorded for a task: when, who, from → to.
    History(history::HistoryArgs),
    /// Revert your own last change (refused if someone changed the task since).
    Undo(undo::UndoArgs),
    /// Keep the state in step with other offices through git (or a bundle on a disk).
    Sync(sync::SyncArgs),
    /// Progress by part and by agency, blocked and not-started tasks: Markdown, CSV or JSON.
    Report(report::ReportArgs),
    /// Print a shell completion script (bash, zsh, fish) to stdout.
    Completions(shell::CompletionsArgs),
    /// Print the manual page (roff) to stdout.
    Man(shell::ManArgs),
}

/// Loads plans and state as the command line asks, printing every problem
/// met to `warnings`. Fails only when no plan could be loaded; a state that
/// cannot be read leaves the replica read-only (lookups still work, marks
/// are refused with the reason).
pub fn load(cli: &Cli, warnings: &mut dyn Write) -> Result<Replica, CliError> {
    let mut replica = load_plans(cli, warnings)?;
    match replica.open_state(location(cli), Writer::current(), lock_timeout(cli)) {
        Ok(notices) => {
            for notice in notices {
                let _ = writeln!(warnings, "plantrack: {notice}");
            }
        }
        Err(error) => {
            let _ = writeln!(warnings, "plantrack: {error}; statuses are not shown");
        }
    }
    Ok(replica)
}

/// The plans only.
pub fn load_plans(cli: &Cli, warnings: &mut dyn Write) -> Result<Replica, CliError> {
    let sources = replica::plan_sources(
        &cli.plan_files,
        &cli.plan_dirs,
        &cli.config.plan_dirs,
        data_dir().as_deref(),
    );
    let mut problems = Vec::new();
    let loaded = Replica::load_plans(&sources, &mut problems);
    for problem in &problems {
        let _ = writeln!(warnings, "plantrack: {problem}");
    }
    let mut replica = loaded.ok_or(CliError::NoPlans)?;
    replica.set_policy(cli.config.policy.unwrap_or_default());
    replica.set_day(day(cli)?);
    Ok(replica)
}

/// The day the lights are for: today where the user is, unless
/// `PLANTRACK_TODAY` (YYYY-MM-DD) says otherwise (demonstrations, tests,
/// a report prepared ahead); the due-soon days from the configuration.
pub fn day(cli: &Cli) -> Result<Day, CliError> {
    let today = match std::env::var("PLANTRACK_TODAY") {
        Ok(text) if !text.trim().is_empty() => text.trim().parse().map_err(|_| {
            CliError::Usage(format!(
                "PLANTRACK_TODAY is \"{text}\"; it must be a date like 2020-06-30, or unset"
            ))
        })?,
        _ => jiff::ZonedDateTime::now().date(),
    };
    Ok(Day {
        today,
        rules: Rules {
            due_soon_days: cli.config.due_soon_days.unwrap_or(DUE_SOON_DAYS),
        },
    })
}

/// `--as-of DATE`: the end of that day where the user is, as a time every
/// change up to it is before.
pub fn end_of_day(text: &str) -> Result<(jiff::civil::Date, jiff::Timestamp), CliError> {
    let date = match deadline::parse(text, None) {
        Ok(deadline::Typed::Day(date)) => date,
        Ok(deadline::Typed::PlanDefault) | Err(_) => {
            return Err(CliError::Usage(format!(
                "--as-of \"{text}\" is not a date; write it like 2020-06-30"
            )));
        }
    };
    let end = date
        .tomorrow()
        .and_then(|d| d.to_zoned_datetime(jiff::tz::TimeZone::system()))
        .map(|z| z.timestamp() - jiff::SignedDuration::from_nanos(1))
        .map_err(|e| CliError::Usage(format!("--as-of \"{text}\": {e}")))?;
    Ok((date, end))
}

/// Where the state lives: `--state`, else `PLANTRACK_STATE` (clap reads
/// both), else the configuration's `state`, else the default; the rule
/// itself is the replica's.
pub fn location(cli: &Cli) -> Result<Location, StoreError> {
    Replica::locate(cli.state.as_deref().or(cli.config.state.as_deref()))
}

/// How long a write waits for another process's lock: `--lock-timeout`
/// (or `PLANTRACK_LOCK_TIMEOUT`), else the configuration's `lock_timeout`,
/// else the store's default.
pub fn lock_timeout(cli: &Cli) -> std::time::Duration {
    cli.lock_timeout
        .or(cli.config.lock_timeout)
        .map_or(crate::store::LOCK_TIMEOUT, std::time::Duration::from_secs)
}

fn no_such_agency(query: &str, suggestions: &[String]) -> CliError {
    let hint = if suggestions.is_empty() {
        "run plantrack agencies to see them all".to_string()
    } else {
        format!("did you mean {}?", suggestions.join(", "))
    };
    CliError::Usage(format!(
        "no agency in the loaded plans is called \"{query}\"; {hint}"
    ))
}

/// The user's data directory (`~/.local/share/plantrack` on Linux).
pub fn data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "plantrack").map(|d| d.data_dir().to_path_buf())
}

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(
        "no plan could be loaded; fix the files named above, or run without --plan/--plans to use the built-in plan"
    )]
    NoPlans,
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Store(#[from] crate::store::StoreError),
    #[error("{0}\nplantrack: nothing was saved")]
    NotSaved(String),
    #[error("{0}")]
    Sync(String),
    /// A change that was not made because the state says no (exit 1).
    #[error("{0}")]
    Refused(String),
    #[error("{0}\nplantrack: nothing was saved; to record it later, run:\n  {1}")]
    NotSavedRetry(String, String),
    #[error("{0}\nplantrack: no report was made, since it would show wrong progress")]
    StateUnreadable(String),
    #[error("cannot write output: {0}")]
    Output(#[from] std::io::Error),
}

pub fn main() -> ExitCode {
    let mut cli = Cli::parse();
    let stdout = std::io::stdout();
    // Every byte for the terminal passes the one filter that keeps control
    // sequences in notes and plan files from reaching it.
    let mut out = TextOnly::new(stdout.lock());
    let mut err = TextOnly::new(std::io::stderr());
    // A bad configuration file is reported and worked around, never fatal.
    let location = cli.config_file.clone().map(|p| (p, true));
    if let Some((path, explicit)) = location.or_else(|| config::default_path().map(|p| (p, false)))
    {
        let (config, warnings) = config::load(&path, explicit);
        for warning in warnings {
            let _ = writeln!(err, "plantrack: {warning}");
        }
        cli.config = config;
    }
    match run(cli, &mut out, &mut err) {
        Ok(code) => code,
        // `plantrack list | head` closes the pipe early: that is not a failure.
        Err(CliError::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            let _ = writeln!(err, "plantrack: {error}");
            ExitCode::from(match error {
                CliError::Usage(_) => 2,
                _ => 1,
            })
        }
    }
}

pub fn run(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> Result<ExitCode, CliError> {
    let done = Ok(ExitCode::SUCCESS);
    match &cli.command {
        None => run_tui(&cli, err),
        Some(Command::Mark(args)) => mark::run(&cli, args, out, err),
        Some(Command::History(args)) => history::run(&cli, args, out, err),
        Some(Command::Due(args)) => due::run(&cli, args, out, err),
        Some(Command::Sync(args)) => sync::run(&cli, args, out, err),
        Some(Command::Undo(args)) => undo::run(&cli, args, out, err),
        Some(Command::Import(args)) => import::run(args, out, err).and(done),
        Some(Command::Completions(args)) => shell::completions(args, out).and(done),
        Some(Command::Man(_)) => shell::man(out).and(done),
        Some(Command::Validate(args)) if !args.files.is_empty() => validate::run(args, None, out),
        Some(command) => {
            // Freeing 100k tasks one by one takes longer than the search
            // itself; the process ends right after, and the OS frees it all
            // at once.
            let mut ctx = std::mem::ManuallyDrop::new(load(&cli, err)?);
            let as_of = match command {
                Command::List(args) => args.as_of.as_deref(),
                Command::Report(args) => args.as_of.as_deref(),
                _ => None,
            };
            if let Some(text) = as_of {
                let (date, end) = end_of_day(text)?;
                ctx.view_as_of(end);
                if let Some(day) = ctx.day() {
                    ctx.set_day(Day { today: date, ..day });
                }
            }
            match command {
                Command::Show(args) => show::run(&ctx, args, out).and(done),
                Command::List(args) => list::run(&ctx, args, out).and(done),
                Command::Agencies(args) => agencies::run_all(&ctx, args, out).and(done),
                Command::Agency(args) => agencies::run_one(&ctx, args, out).and(done),
                Command::Search(args) => search::run(&ctx, args, out).and(done),
                Command::Validate(args) => validate::run(args, Some(&ctx), out),
                Command::Report(args) => report::run(&ctx, args, out).and(done),
                Command::Import(_)
                | Command::Mark(_)
                | Command::History(_)
                | Command::Due(_)
                | Command::Sync(_)
                | Command::Undo(_)
                | Command::Completions(_)
                | Command::Man(_) => {
                    unreachable!("handled before loading plans")
                }
            }
        }
    }
}

/// No subcommand: the terminal interface on every loaded plan.
fn run_tui(cli: &Cli, err: &mut dyn Write) -> Result<ExitCode, CliError> {
    let mut warnings = Vec::new();
    let replica = load(cli, &mut warnings)?;
    let warnings = String::from_utf8_lossy(&warnings).into_owned();
    // Printed now for the scrollback, and shown in the status bar too,
    // since the alternate screen hides this output at once.
    let _ = err.write_all(warnings.as_bytes());

    let options = crate::tui::Options {
        lang: cli
            .lang
            .or(cli.config.lang)
            .unwrap_or_else(crate::i18n::Lang::from_env),
        background: cli.config.theme.unwrap_or(crate::config::Theme::Dark),
        warnings: warnings.lines().map(String::from).collect(),
        sync_every: cli.config.sync_interval.map(std::time::Duration::from_secs),
        recovery: {
            let options = mark::replay_options(cli);
            Box::new(move |changes| mark::recovery_commands(&options, changes))
        },
        // The user's own data directory first: a shared state directory
        // may be readable by others, and is likely the one that failed.
        keep_dirs: data_dir()
            .into_iter()
            .chain(location(cli).ok().map(|l| l.dir))
            .collect(),
        day: day(cli)?,
        fixed_today: std::env::var("PLANTRACK_TODAY")
            .ok()
            .and_then(|t| t.trim().parse().ok()),
    };
    let unsaved = crate::tui::run(replica, options)?;
    if !unsaved.is_empty() {
        // The marks are not lost: they are handed back as commands that
        // record them once the state can be written again.
        let _ = writeln!(
            err,
            "plantrack: {} change(s) could not be written to the state; run these to record them:",
            unsaved.len()
        );
        for line in mark::recovery_commands(&mark::replay_options(cli), &unsaved) {
            let _ = writeln!(err, "  {line}");
        }
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}
