//! The command line: one module per subcommand, each writing human output or
//! `--json` to the writer it is given.

mod agencies;
mod feedback;
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
use crate::i18n::{self, Lang};
use crate::replica::{self, Replica};
use crate::store::{Location, StoreError, Writer};
use crate::terminal_text::TextOnly;
use clap::{Parser, Subcommand};

#[cfg(test)]
mod tests;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

mod due;
mod history;
mod mark;
mod me;
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
    /// Who records changes, for scripts: AGENCY or NAME@AGENCY (default:
    /// PLANTRACK_USER / PLANTRACK_AGENCY, else `[me]` in the configuration).
    #[arg(long = "as", value_name = "[NAME@]AGENCY", global = true)]
    pub as_who: Option<String>,
    /// Interface language; default from LC_ALL / LC_MESSAGES / LANG (zh* → Chinese).
    #[arg(long, value_enum, global = true)]
    pub lang: Option<Lang>,
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
    /// Record your agency's progress entry on a task: 进展情况, 存在问题, 下一步.
    Feedback(feedback::FeedbackArgs),
    /// Revert your own last change (refused if someone changed the task since).
    Undo(undo::UndoArgs),
    /// Keep the state in step with other offices through git (or a bundle on a disk).
    Sync(sync::SyncArgs),
    /// Progress by part and by agency, or the office form in the units' columns: Markdown, CSV, JSON, Word or Excel.
    Report(report::ReportArgs),
    /// Print a shell completion script (bash, zsh, fish) to stdout.
    Completions(shell::CompletionsArgs),
    /// Print the manual page (roff) to stdout.
    Man(shell::ManArgs),
}

impl Cli {
    /// The language of every output: `--lang`, else the configuration's
    /// `lang`, else the locale (C and en_US mean English).
    pub fn lang(&self) -> Lang {
        self.lang
            .or(self.config.lang)
            .unwrap_or_else(Lang::from_env)
    }
}

/// Loads plans and state as the command line asks, printing every problem
/// met to `warnings`. Fails only when no plan could be loaded; a state that
/// cannot be read leaves the replica read-only (lookups still work, marks
/// are refused with the reason).
pub fn load(cli: &Cli, warnings: &mut dyn Write) -> Result<Replica, CliError> {
    let mut replica = load_plans(cli, warnings)?;
    open_state(cli, &mut replica, warnings);
    Ok(replica)
}

/// Reads the state into `replica`, printing every problem to `warnings`.
pub fn open_state(cli: &Cli, replica: &mut Replica, warnings: &mut dyn Write) {
    // Only writes need to know who writes: a lookup with a mistyped
    // agency still runs, with the reason said once.
    let writer = writer(cli, replica).unwrap_or_else(|error| {
        let _ = writeln!(warnings, "plantrack: {error}");
        Writer::current()
    });
    match replica.open_state(location(cli), writer, lock_timeout(cli)) {
        Ok(notices) => {
            for notice in notices {
                let _ = writeln!(warnings, "plantrack: {notice}");
            }
        }
        Err(error) => {
            let why = i18n::store::describe(&error, cli.lang());
            let text = i18n::cli::statuses_not_shown(cli.lang(), &why);
            let _ = writeln!(warnings, "plantrack: {text}");
        }
    }
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
    let first = cli.config.first_plan.as_deref();
    let loaded = Replica::load_plans(&sources, first, &mut problems);
    for problem in &problems {
        let _ = writeln!(warnings, "plantrack: {problem}");
    }
    let mut replica = loaded.ok_or(CliError::NoPlans(cli.lang()))?;
    if let Some(first) = first
        && replica.catalog.plans.first().is_none_or(|p| p.id != first)
    {
        let text = i18n::cli::no_first_plan(cli.lang(), first);
        let _ = writeln!(warnings, "plantrack: {text}");
    }
    replica.set_policy(cli.config.policy.unwrap_or_default());
    replica.set_day(day(cli)?);
    replica.lang = cli.lang();
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
pub fn end_of_day(
    text: &str,
    lang: Lang,
) -> Result<(jiff::civil::Date, jiff::Timestamp), CliError> {
    let date = match deadline::parse(text, None) {
        Ok(deadline::Typed::Day(date)) => date,
        Ok(deadline::Typed::PlanDefault) | Err(_) => {
            return Err(CliError::Usage(crate::i18n::cli::not_a_date(
                lang, "--as-of", text,
            )));
        }
    };
    let end = crate::progress::Progress::end_of_day(date, &jiff::tz::TimeZone::system())
        .ok_or_else(|| CliError::Usage(crate::i18n::cli::not_a_date(lang, "--as-of", text)))?;
    Ok((date, end))
}

/// Where the state lives: `--state`, else `PLANTRACK_STATE` (clap reads
/// both), else the configuration's `state`, else the default; the rule
/// itself is the replica's.
pub fn location(cli: &Cli) -> Result<Location, StoreError> {
    Replica::locate(cli.state.as_deref().or(cli.config.state.as_deref()))
}

/// Who records changes: the person and the agency from `--as`, else
/// `PLANTRACK_USER` / `PLANTRACK_AGENCY`, else `[me]` in the configuration,
/// else the login name and no agency. The agency is resolved against the
/// registry (any of its names, stored as the short name) or the loaded
/// plans' own agency names; anything else is refused with suggestions.
pub fn writer(cli: &Cli, replica: &Replica) -> Result<Writer, CliError> {
    let env = |name: &str| {
        std::env::var(name)
            .ok()
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let (as_name, as_agency) = match cli.as_who.as_deref().map(str::trim) {
        Some(who) => match who.rsplit_once('@') {
            Some((name, agency)) => (Some(name.trim().to_string()), Some(agency.to_string())),
            None => (None, Some(who.to_string())),
        },
        None => (None, None),
    };
    let mut writer = Writer::current();
    if let Some(name) = as_name
        .filter(|n| !n.is_empty())
        .or_else(|| env("PLANTRACK_USER"))
        .or_else(|| cli.config.me_name.clone())
    {
        writer.person = name;
    }
    let agency = as_agency
        .filter(|a| !a.trim().is_empty())
        .or_else(|| env("PLANTRACK_AGENCY"))
        .or_else(|| cli.config.me_agency.clone());
    writer.agency = match agency {
        Some(agency) => Some(resolve_agency(replica, agency.trim(), cli.lang())?),
        None => None,
    };
    Ok(writer)
}

/// The short name of the agency `name` stands for: known to the registry,
/// or named so in a loaded plan.
pub fn resolve_agency(replica: &Replica, name: &str, lang: Lang) -> Result<String, CliError> {
    let registry = crate::agencies::Registry::builtin();
    if let Some(agency) = registry.resolve(name) {
        return Ok(agency.short.clone());
    }
    if replica.agencies().iter().any(|a| a.name == name) {
        return Ok(name.to_string());
    }
    let in_use: Vec<&str> = replica.agencies().iter().map(|a| a.name.as_str()).collect();
    let suggestions = registry.suggest(name, &in_use);
    Err(CliError::Usage(crate::i18n::cli::no_such_agency_acted_for(
        lang,
        name,
        &suggestions,
    )))
}

/// How long a write waits for another process's lock: `--lock-timeout`
/// (or `PLANTRACK_LOCK_TIMEOUT`), else the configuration's `lock_timeout`,
/// else the store's default.
pub fn lock_timeout(cli: &Cli) -> std::time::Duration {
    cli.lock_timeout
        .or(cli.config.lock_timeout)
        .map_or(crate::store::LOCK_TIMEOUT, std::time::Duration::from_secs)
}

fn no_such_agency(lang: Lang, query: &str, suggestions: &[String]) -> CliError {
    CliError::Usage(i18n::cli::no_such_agency(lang, query, suggestions))
}

/// The user's data directory (`~/.local/share/plantrack` on Linux).
pub fn data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "plantrack").map(|d| d.data_dir().to_path_buf())
}

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("{}", i18n::cli::no_plans(*.0))]
    NoPlans(Lang),
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

/// The command line as clap parses it, with its `--help` in `lang`.
pub fn command(lang: Lang) -> clap::Command {
    let command = <Cli as clap::CommandFactory>::command();
    match lang {
        Lang::En => command,
        Lang::Zh => in_chinese(command, None),
    }
}

/// `command` and its subcommands with the help of `i18n::help`, and clap's
/// own words (usage, headings, -h, -V) in Chinese.
fn in_chinese(command: clap::Command, name: Option<&str>) -> clap::Command {
    use clap::{Arg, ArgAction};
    let mut command = command;
    if name.is_none() {
        let (short, _) = i18n::help::PROGRAM
            .split_once('\n')
            .unwrap_or((i18n::help::PROGRAM, ""));
        command = command
            .about(short)
            .long_about(i18n::help::PROGRAM)
            .disable_version_flag(true)
            .arg(
                Arg::new("version")
                    .short('V')
                    .long("version")
                    .action(ArgAction::Version)
                    .help(i18n::help::arg(None, "version")),
            )
            // clap's own `help` subcommand would list itself in English;
            // `-h` after any subcommand does the same.
            .disable_help_subcommand(true);
    } else if let Some(about) = i18n::help::about(name) {
        command = command.about(about).long_about(None::<&str>);
    }
    command
        .help_template("{before-help}{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}")
        .subcommand_help_heading("命令")
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(i18n::help::arg(name, "help")),
        )
        .mut_args(|arg| {
            let heading = if arg.is_positional() {
                "参数"
            } else {
                "选项"
            };
            let help = i18n::help::arg(name, arg.get_id().as_str());
            let arg = arg.help_heading(heading);
            match help {
                Some(help) => arg.help(help).long_help(None::<&str>),
                None => arg,
            }
        })
        .mut_subcommands(|sub| {
            let sub_name = sub.get_name().to_string();
            in_chinese(sub, Some(&sub_name))
        })
}

/// The language before the command line is parsed, for `--help` and
/// clap's errors: `--lang` as typed, else the configuration's, else the
/// locale.
fn early_lang(args: &[std::ffi::OsString]) -> Lang {
    let args: Vec<&str> = args.iter().filter_map(|a| a.to_str()).collect();
    let value_of = |flag: &str| {
        args.iter().enumerate().find_map(|(i, arg)| {
            if *arg == flag {
                args.get(i + 1).copied()
            } else {
                arg.strip_prefix(flag)?.strip_prefix('=')
            }
        })
    };
    let from_flag = value_of("--lang").and_then(|v| match v {
        "zh" => Some(Lang::Zh),
        "en" => Some(Lang::En),
        _ => None,
    });
    from_flag
        .or_else(|| {
            let path = value_of("--config")
                .map(PathBuf::from)
                .or_else(|| std::env::var_os("PLANTRACK_CONFIG").map(PathBuf::from))
                .or_else(config::default_path)?;
            // Its warnings are printed once, after parsing.
            config::load(&path, false).0.lang
        })
        .unwrap_or_else(Lang::from_env)
}

pub fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = early_lang(&args);
    let matches = match command(lang).try_get_matches_from(args) {
        Ok(matches) => matches,
        Err(error) => {
            // let-chains need Rust 1.88; rust-version is going to 1.85.
            let chinese = (lang == Lang::Zh)
                .then(|| i18n::clap_zh::render(&error))
                .flatten();
            match chinese {
                Some(text) => {
                    let _ = std::io::stderr().write_all(text.as_bytes());
                    return ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2));
                }
                None => error.exit(),
            }
        }
    };
    let mut cli = match <Cli as clap::FromArgMatches>::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(error) => error.exit(),
    };
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
    let lang = cli.lang();
    match run(cli, &mut out, &mut err) {
        Ok(code) => code,
        // `plantrack list | head` closes the pipe early: that is not a failure.
        Err(CliError::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            let _ = writeln!(err, "plantrack: {}", error.describe(lang));
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
        None => run_tui(cli, err),
        Some(Command::Mark(args)) => mark::run(&cli, args, out, err),
        Some(Command::History(args)) => history::run(&cli, args, out, err),
        Some(Command::Due(args)) => due::run(&cli, args, out, err),
        Some(Command::Sync(args)) => sync::run(&cli, args, out, err),
        Some(Command::Undo(args)) => undo::run(&cli, args, out, err),
        Some(Command::Feedback(args)) => feedback::run(&cli, args, out, err),
        Some(Command::Import(args)) => import::run(cli.lang(), args, out, err).and(done),
        Some(Command::Completions(args)) => shell::completions(args, out).and(done),
        Some(Command::Man(_)) => shell::man(out).and(done),
        Some(Command::Validate(args)) if !args.files.is_empty() => {
            validate::run(cli.lang(), args, None, out)
        }
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
                let (date, end) = end_of_day(text, cli.lang())?;
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
                Command::Validate(args) => validate::run(cli.lang(), args, Some(&ctx), out),
                Command::Report(args) => report::run(&ctx, args, out).and(done),
                Command::Import(_)
                | Command::Mark(_)
                | Command::History(_)
                | Command::Due(_)
                | Command::Sync(_)
                | Command::Undo(_)
                | Command::Feedback(_)
                | Command::Completions(_)
                | Command::Man(_) => {
                    unreachable!("handled before loading plans")
                }
            }
        }
    }
}

/// The first start without an agency named anywhere, at a terminal: asks
/// who the user is and saves it as `[me]` in the configuration file, once.
fn ask_who_i_am(cli: &mut Cli, err: &mut dyn Write) -> Result<(), CliError> {
    use std::io::IsTerminal;
    let named = cli.config.me_agency.is_some()
        || cli.as_who.is_some()
        || std::env::var("PLANTRACK_AGENCY").is_ok_and(|a| !a.trim().is_empty());
    if named || !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Ok(());
    }
    let Some(path) = cli.config_file.clone().or_else(config::default_path) else {
        return Ok(());
    };
    let replica = load_plans(cli, err)?;
    let zh = cli.lang() == Lang::Zh;
    let _ = writeln!(
        err,
        "{}",
        if zh {
            format!(
                "plantrack：请填写您的姓名和所在单位，记入每一项更改和反馈（保存到 {}，只问一次）",
                path.display()
            )
        } else {
            format!(
                "plantrack: who are you? Your name and agency are recorded with every change and feedback (saved to {}, asked once)",
                path.display()
            )
        }
    );
    let login = crate::store::current_user();
    let stdin = std::io::stdin();
    let Some((name, agency)) = me::ask(&mut stdin.lock(), err, &replica, &login, zh) else {
        return Ok(());
    };
    match config::save_me(&path, &name, &agency) {
        Ok(()) => {
            let _ = writeln!(
                err,
                "plantrack: [me] name = {name:?}, agency = {agency:?} → {}",
                path.display()
            );
        }
        Err(why) => {
            let _ = writeln!(err, "plantrack: {why}; this time only");
        }
    }
    cli.config.me_name = Some(name);
    cli.config.me_agency = Some(agency);
    Ok(())
}

impl CliError {
    /// The message in the user's language where it is more than a string
    /// made earlier in that language.
    fn describe(&self, lang: Lang) -> String {
        let nothing_saved = i18n::cli::nothing_saved(lang);
        match self {
            CliError::Store(error) => i18n::store::describe(error, lang),
            CliError::NotSaved(why) => format!("{why}\nplantrack: {nothing_saved}"),
            CliError::NotSavedRetry(why, again) => format!(
                "{why}\nplantrack: {nothing_saved}{}\n  {again}",
                i18n::cli::to_record_later(lang)
            ),
            CliError::Output(error) if lang == Lang::Zh => format!("无法写出：{error}"),
            other => other.to_string(),
        }
    }
}

/// No subcommand: the terminal interface on every loaded plan.
fn run_tui(mut cli: Cli, err: &mut dyn Write) -> Result<ExitCode, CliError> {
    use std::io::IsTerminal;
    // Without this, a cron job or a pipe met "No such device or address",
    // and TERM=dumb (Emacs shells, some CI) a screen of escape sequences.
    let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
    if dumb || !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(CliError::Usage(i18n::cli::needs_terminal(cli.lang(), dumb)));
    }
    ask_who_i_am(&mut cli, err)?;
    let options = crate::tui::Options {
        lang: cli.lang(),
        background: cli.config.theme.unwrap_or(crate::config::Theme::Dark),
        first_start: cli.lang.is_none()
            && cli.config.lang.is_none()
            && location(&cli).is_ok_and(|l| !l.dir.exists() && l.v1.is_none()),
        sync_every: cli.config.sync_interval.map(std::time::Duration::from_secs),
        recovery: {
            let options = mark::replay_options(&cli);
            Box::new(move |changes| mark::recovery_commands(&options, changes))
        },
        // The user's own data directory first: a shared state directory
        // may be readable by others, and is likely the one that failed.
        keep_dirs: data_dir()
            .into_iter()
            .chain(location(&cli).ok().map(|l| l.dir))
            .collect(),
        day: day(&cli)?,
        fixed_today: std::env::var("PLANTRACK_TODAY")
            .ok()
            .and_then(|t| t.trim().parse().ok()),
    };
    let replay = mark::replay_options(&cli);
    // The interface is on screen while this runs on the loading thread.
    let load = move |tasks: &dyn Fn(usize)| {
        let mut warnings = Vec::new();
        let mut replica = load_plans(&cli, &mut warnings)?;
        tasks(replica.catalog.tasks.len());
        open_state(&cli, &mut replica, &mut warnings);
        let warnings = String::from_utf8_lossy(&warnings)
            .lines()
            .map(String::from)
            .collect();
        Ok::<_, CliError>(crate::tui::Loaded { replica, warnings })
    };
    let ended = crate::tui::run(load, options)?;
    // Shown in the status bar, and printed now for the scrollback, which
    // the alternate screen kept them out of.
    for warning in &ended.warnings {
        let _ = writeln!(err, "{warning}");
    }
    let unsaved = ended.unsaved;
    if !unsaved.is_empty() {
        // The marks are not lost: they are handed back as commands that
        // record them once the state can be written again.
        let _ = writeln!(
            err,
            "plantrack: {} change(s) could not be written to the state; run these to record them:",
            unsaved.len()
        );
        for line in mark::recovery_commands(&replay, &unsaved) {
            let _ = writeln!(err, "  {line}");
        }
    }
    if let Some(error) = ended.failed {
        return Err(error.into());
    }
    Ok(if unsaved.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
