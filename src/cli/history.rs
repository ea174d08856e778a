//! `plantrack history [PLAN:]N`: every change recorded for a task.

use super::resolve::task_key;
use super::{Cli, CliError};
use crate::i18n::cli as say;
use crate::progress::ChangeKind;
use crate::store::Writer;
use crate::text::{display_width, pad_to_width, truncate_to_width};
use clap::Args;
use jiff::tz::TimeZone;
use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The task: PLAN:NUMBER, or just NUMBER when only one loaded plan has it.
    #[arg(value_name = "[PLAN:]N")]
    pub task: String,
    /// Print the history as JSON (times in UTC, RFC 3339).
    #[arg(long)]
    pub json: bool,
}

pub fn run(
    cli: &Cli,
    args: &HistoryArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<ExitCode, CliError> {
    let mut context = super::load_plans(cli, err)?;
    let lang = cli.lang();
    let (key, index) = task_key(&context.catalog, lang, &args.task)?;
    let opened = context.open_state(
        super::location(cli),
        super::writer(cli, &context).unwrap_or_else(|_| Writer::current()),
        super::lock_timeout(cli),
    );
    opened.map_err(CliError::Store)?;
    for notice in context.take_notices() {
        let _ = writeln!(err, "plantrack: {notice}");
    }
    let progress = context.progress();
    let history = context.history(&key);
    if index.is_none() && history.is_empty() {
        return Err(CliError::Usage(say::no_such_task_nor_marks(
            lang,
            &key.to_string(),
            &super::resolve::plan_list(&context.catalog, lang),
        )));
    }

    if args.json {
        let report = serde_json::json!({
            "task": key.to_string(),
            "in_loaded_plan": index.is_some(),
            "status": progress.status(&key),
            "note": progress.note(&key),
            "history": history,
            "state_file": context.state_dir(),
        });
        writeln!(out, "{report}")?;
        return Ok(ExitCode::SUCCESS);
    }

    match index {
        Some(i) => writeln!(
            out,
            "{key}  {}",
            truncate_to_width(&context.catalog.tasks[i].task.text, 60)
        )?,
        None => writeln!(out, "{key}  {}", say::not_in_loaded_plan(lang))?,
    }
    if history.is_empty() {
        writeln!(out, "{}", say::no_changes(lang, progress.status(&key)))?;
        return Ok(ExitCode::SUCCESS);
    }
    let zone = TimeZone::system();
    let who = |c: &crate::progress::Change| match &c.agency {
        Some(agency) => format!("{} ({agency})", c.by),
        None => c.by.clone(),
    };
    let who_width = history
        .iter()
        .map(|c| display_width(&who(c)))
        .max()
        .unwrap_or(0);
    for change in history {
        let when = change
            .at
            .to_zoned_datetime(zone.clone())
            .strftime("%Y-%m-%d %H:%M:%S %:z")
            .to_string();
        let what = match &change.what {
            ChangeKind::Status { from, to, reason } => {
                say::status_change_because(lang, *from, *to, reason)
            }
            ChangeKind::Note { from, to } => say::note_change(lang, from, to),
            ChangeKind::Proposal { from, to, reason } => format!(
                "{} ({})",
                say::status_change_because(lang, *from, *to, reason),
                crate::i18n::tr(lang, crate::i18n::Label::ProposalSent)
            ),
            ChangeKind::Due { from, to } => {
                let day = |d: &Option<jiff::civil::Date>| {
                    d.map_or_else(
                        || crate::i18n::tr(lang, crate::i18n::Label::PlanDefault).to_string(),
                        |d| crate::deadline::display(d, lang),
                    )
                };
                format!(
                    "{}{} → {}",
                    crate::i18n::labelled(lang, crate::i18n::Label::TimeLimit),
                    day(from),
                    day(to)
                )
            }
            ChangeKind::Feedback { agency, to, .. } => {
                crate::i18n::feedback_change(lang, agency, to)
            }
        };
        writeln!(
            out,
            "{when}  {}  {what}",
            pad_to_width(&who(change), who_width)
        )?;
    }
    writeln!(
        out,
        "{}",
        say::now(lang, progress.status(&key), progress.note(&key))
    )?;
    Ok(ExitCode::SUCCESS)
}
