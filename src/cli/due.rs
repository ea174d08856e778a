//! `plantrack due [PLAN:]N DATE`: set a task's time limit (完成时限), saved
//! and recorded in its history like any mark; `none` gives it back to the
//! plan's own limit.

use super::resolve::loaded_task;
use super::{Cli, CliError};
use crate::deadline::{self, Typed};
use crate::i18n::{Confirmed, Lang};
use clap::Args;
use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct DueArgs {
    /// The task: PLAN:NUMBER, or just NUMBER when only one loaded plan has it.
    #[arg(value_name = "[PLAN:]N")]
    pub task: String,
    /// 2020-09-30, 2020年9月30日, 9月底, 2020年三季度, Q3, 上半年, 年底 (a form
    /// without a year is in the plan's year); none: the plan's own limit again.
    #[arg(value_name = "DATE")]
    pub date: String,
    /// Print the result as JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(
    cli: &Cli,
    args: &DueArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<ExitCode, CliError> {
    let lang = cli.lang();
    let mut replica = super::load_plans(cli, err)?;
    let (key, index) = loaded_task(&replica.catalog, lang, &args.task)?;
    let plan = &replica.catalog.plans[replica.catalog.tasks[index].plan];
    let to = match deadline::parse(&args.date, deadline::plan_year(plan)) {
        Ok(Typed::Day(day)) => Some(day),
        Ok(Typed::PlanDefault) => None,
        Err(error) => return Err(CliError::Usage(crate::i18n::cli::date_error(lang, &error))),
    };
    if let Err(error) = replica.open_state(
        super::location(cli),
        super::writer(cli, &replica)?,
        super::lock_timeout(cli),
    ) {
        return Err(CliError::NotSaved(error.to_string()));
    }
    for notice in replica.take_notices() {
        let _ = writeln!(err, "plantrack: {notice}");
    }
    let changes = replica.set_due(&key, to).map_err(|error| {
        let again = format!(
            "plantrack{} due {key} {}",
            super::mark::replay_options(cli),
            to.map_or_else(|| "none".to_string(), |d| d.to_string())
        );
        CliError::NotSavedRetry(crate::i18n::store::save_error(&error, lang), again)
    })?;
    let entry = &replica.catalog.tasks[index];
    let plan = &replica.catalog.plans[entry.plan];
    let limit = deadline::limit_of(plan, &entry.task, replica.progress().get(&key));
    let in_force = describe(limit.as_ref(), lang);
    let dir = super::output::state_dir(&replica);
    let mut confirmed = vec![crate::i18n::confirmation(
        lang,
        &key.to_string(),
        Confirmed::Due { to },
        false,
        true,
    )];
    // Given back to the plan: say what that limit is.
    if to.is_none() {
        let label = crate::i18n::labelled(lang, crate::i18n::Label::TimeLimit);
        confirmed.push(format!("{label}{in_force}"));
    }
    super::output::Written {
        fields: serde_json::json!({
            "task": key.to_string(),
            "time_limit": limit.as_ref().map(|l| serde_json::json!({
                "date": l.date,
                "source": l.source,
                "written": l.written,
            })),
        }),
        changes: &changes,
        dir: &dir,
        already: match lang {
            Lang::Zh => format!("任务 {key} 的完成时限已是{in_force}；无需保存（{dir}）"),
            Lang::En => {
                format!("{key}: the time limit is already {in_force}; nothing to save ({dir})")
            }
        },
        confirmed,
    }
    .write(out, args.json, lang)?;
    Ok(ExitCode::SUCCESS)
}

/// The limit in force in words: the day, and where it comes from.
fn describe(limit: Option<&deadline::Limit>, lang: Lang) -> String {
    let Some(limit) = limit else {
        return match lang {
            Lang::Zh => "无（计划未规定）".into(),
            Lang::En => "none (the plan sets none)".into(),
        };
    };
    let day = limit.date.map(|d| deadline::display(d, lang));
    match (lang, limit.source, day) {
        (Lang::Zh, deadline::Source::Set, Some(day)) => format!("{day}（已调整）"),
        (Lang::En, deadline::Source::Set, Some(day)) => format!("{day} (set by staff)"),
        (Lang::Zh, deadline::Source::Default, Some(day)) => format!("{day}（计划默认，年底）"),
        (Lang::En, deadline::Source::Default, Some(day)) => {
            format!("{day} (the plan's default: its year's end)")
        }
        (Lang::Zh, _, day) => format!(
            "{}（计划规定）",
            day.or(limit.written.clone()).unwrap_or_default()
        ),
        (Lang::En, _, day) => format!(
            "{} (as the plan writes it)",
            day.or(limit.written.clone()).unwrap_or_default()
        ),
    }
}
