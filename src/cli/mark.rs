//! `plantrack mark [PLAN:]N [STATUS] [--note TEXT]`: record progress from a
//! script or a shell, saved the same way the interface saves it.

use super::resolve::loaded_task;
use super::{Cli, CliError};
use crate::i18n::{self, cli as say};
use crate::model::TaskKey;
use crate::progress::{Change, ChangeKind, Status};
use clap::Args;
use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, Args)]
#[command(
    override_usage = "plantrack mark <[PLAN:]N> [STATUS] [--reason <TEXT>] [--note <TEXT>] [--json]"
)]
#[command(group = clap::ArgGroup::new("what").required(true).multiple(true).args(["status", "note"]))]
pub struct MarkArgs {
    /// The task: PLAN:NUMBER, or just NUMBER when only one loaded plan has it.
    #[arg(value_name = "[PLAN:]N")]
    pub task: String,
    /// not_started, in_progress, done, blocked or suspended (also todo, doing, 进行中, 已完成, 受阻, 中止 …).
    pub status: Option<String>,
    /// Why the task is blocked or suspended (required with suspended).
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
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
    let lang = cli.lang();
    let status = args
        .status
        .as_deref()
        .map(|word| {
            Status::parse(word).ok_or_else(|| CliError::Usage(say::not_a_status(lang, word)))
        })
        .transpose()?;
    let reason = args.reason.as_deref().unwrap_or("").trim();
    match crate::replica::reason_refused(status, reason) {
        None => {}
        Some(crate::replica::Refusal::SuspendedNeedsReason) => {
            return Err(CliError::Usage(say::suspended_needs_reason(
                lang, &args.task,
            )));
        }
        Some(_) => return Err(CliError::Usage(say::reason_without_status(lang))),
    }
    let mut replica = super::load_plans(cli, err)?;
    let (key, _) = loaded_task(&replica.catalog, lang, &args.task)?;
    if let Err(error) = replica.open_state(
        super::location(cli),
        super::writer(cli, &replica)?,
        super::lock_timeout(cli),
    ) {
        return Err(CliError::NotSaved(i18n::store::describe(&error, lang)));
    }
    for notice in replica.take_notices() {
        let _ = writeln!(err, "plantrack: {notice}");
    }
    // The changes are worked out from the state as it is under the lock, so
    // that `from` is what was really replaced, even with a teammate marking
    // the same task at the same moment.
    let changes = replica
        .mark_waiting(&key, status, reason, args.note.as_deref(), &mut |waiting| {
            let _ = writeln!(err, "plantrack: {waiting}");
        })
        .map_err(|error| {
            // The change is printed, ready to run again, so nothing is lost.
            let mut what = status
                .map(|s| s.to_string())
                .into_iter()
                .collect::<Vec<_>>();
            if !reason.is_empty() {
                what.push(reason_arg(reason));
            }
            what.extend(args.note.as_deref().map(note_arg));
            let again = format!(
                "plantrack{} mark {} {}",
                replay_options(cli),
                shell_quote(&key.to_string()),
                what.join(" ")
            );
            CliError::NotSavedRetry(i18n::store::save_error(&error, lang), again)
        })?;
    let saved = replica.progress();
    let dir = super::output::state_dir(&replica);
    super::output::Written {
        fields: serde_json::json!({
            "task": key.to_string(),
            "status": saved.status(&key),
            "reason": saved.reason(&key),
            "note": saved.note(&key),
        }),
        changes: &changes,
        dir: &dir,
        already: say::already(
            lang,
            &key.to_string(),
            saved.status(&key),
            args.note.is_some(),
            &dir,
        ),
        confirmed: changes
            .iter()
            .map(|(_, change)| {
                let what = i18n::Confirmed::of(&change.what);
                i18n::confirmation(lang, &key.to_string(), what, false, true)
            })
            .collect(),
    }
    .write(out, args.json, lang)?;
    Ok(ExitCode::SUCCESS)
}

/// The global options a `mark` run later needs to find the same task and
/// state file: `--plan` / `--plans` as given, and the state file, all as
/// absolute paths (the command may be run from anywhere).
pub(crate) fn replay_options(cli: &Cli) -> String {
    let absolute = |p: &std::path::Path| {
        std::path::absolute(p)
            .unwrap_or_else(|_| p.to_path_buf())
            .display()
            .to_string()
    };
    let mut options = String::new();
    for file in &cli.plan_files {
        options.push_str(&format!(" --plan {}", shell_quote(&absolute(file))));
    }
    for dir in &cli.plan_dirs {
        options.push_str(&format!(" --plans {}", shell_quote(&absolute(dir))));
    }
    if let Some(state) = cli.state.as_ref().or(cli.config.state.as_ref()) {
        options.push_str(&format!(" --state {}", shell_quote(&absolute(state))));
    }
    options
}

/// `--note=TEXT`, quoted: with the `=` a note starting with `-` is still
/// the note, not an option.
fn note_arg(note: &str) -> String {
    format!("--note={}", shell_quote(note))
}

/// `--reason=TEXT`, quoted like the note.
fn reason_arg(reason: &str) -> String {
    format!("--reason={}", shell_quote(reason))
}

/// `plantrack mark` command lines that record `changes` again, for marks the
/// interface could not write before it exited; `options` from
/// [`replay_options`].
pub(crate) fn recovery_commands(options: &str, changes: &[(TaskKey, Change)]) -> Vec<String> {
    changes
        .iter()
        .map(|(key, change)| {
            let key = shell_quote(&key.to_string());
            match &change.what {
                ChangeKind::Status { to, reason, .. } | ChangeKind::Proposal { to, reason, .. }
                    if !reason.is_empty() =>
                {
                    format!("plantrack{options} mark {key} {to} {}", reason_arg(reason))
                }
                ChangeKind::Status { to, .. } | ChangeKind::Proposal { to, .. } => {
                    format!("plantrack{options} mark {key} {to}")
                }
                ChangeKind::Note { to, .. } => {
                    format!("plantrack{options} mark {key} {}", note_arg(to))
                }
                ChangeKind::Due { to, .. } => format!(
                    "plantrack{options} due {key} {}",
                    to.map_or_else(|| "none".to_string(), |d| d.to_string())
                ),
                ChangeKind::Feedback { agency, to, .. } => format!(
                    "plantrack{options} --as {} feedback {key} --progress={} --problems={} --next={}",
                    shell_quote(agency),
                    shell_quote(&to.progress),
                    shell_quote(&to.problems),
                    shell_quote(&to.next)
                ),
            }
        })
        .collect()
}

/// Single-quoted for POSIX shells; a quote inside becomes '\''.
fn shell_quote(text: &str) -> String {
    if !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || "-_.:/".contains(c))
    {
        return text.to_string();
    }
    format!("'{}'", text.replace('\'', r"'\''"))
}

#[cfg(test)]
mod recovery_tests {
    use super::*;
    use crate::progress::Status;

    #[test]
    fn unsaved_marks_become_commands_that_record_them() {
        let at = jiff::Timestamp::from_second(0).expect("time");
        let changes = vec![
            (
                TaskKey::new("2020-ip-strategy", 55),
                Change::new(
                    at,
                    "ann",
                    ChangeKind::Status {
                        from: Status::NotStarted,
                        to: Status::Done,
                        reason: String::new(),
                    },
                ),
            ),
            (
                TaskKey::new("2020-ip-strategy", 55),
                Change::new(
                    at,
                    "ann",
                    ChangeKind::Note {
                        from: String::new(),
                        to: "等财政部 it's late".into(),
                    },
                ),
            ),
            (
                TaskKey::new("2020-ip-strategy", 56),
                Change::new(
                    at,
                    "ann",
                    ChangeKind::Status {
                        from: Status::InProgress,
                        to: Status::Suspended,
                        reason: "职责划转".into(),
                    },
                ),
            ),
        ];
        assert_eq!(
            recovery_commands(" --state '/srv/team state.json'", &changes),
            [
                "plantrack --state '/srv/team state.json' mark 2020-ip-strategy:55 done",
                r"plantrack --state '/srv/team state.json' mark 2020-ip-strategy:55 --note='等财政部 it'\''s late'",
                "plantrack --state '/srv/team state.json' mark 2020-ip-strategy:56 suspended --reason=职责划转",
            ]
        );
    }
}
