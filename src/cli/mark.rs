//! `plantrack mark [PLAN:]N [STATUS] [--note TEXT]`: record progress from a
//! script or a shell, saved the same way the interface saves it.

use super::resolve::loaded_task;
use super::{Cli, CliError, Context};
use crate::i18n::{self, cli as say};
use crate::model::TaskKey;
use crate::progress::{Change, ChangeKind, Progress, Status};
use crate::store::{self, Store};
use clap::Args;
use jiff::Timestamp;
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
    let lang = cli.lang();
    let status = args
        .status
        .as_deref()
        .map(|word| {
            Status::parse(word).ok_or_else(|| CliError::Usage(say::not_a_status(lang, word)))
        })
        .transpose()?;
    let context = Context::load_plans(cli, err)?;
    let (key, _) = loaded_task(&context.catalog, lang, &args.task)?;
    let path = state_path(cli)?;
    let notice: store::WaitNotice = Box::new(|message| {
        let mut err = crate::terminal_text::TextOnly::new(std::io::stderr());
        let _ = writeln!(err, "plantrack: {message}");
    });
    let mut store = Store::at(path).with_lock_wait(super::lock_timeout(cli), Some(notice));
    // The changes are worked out from the file as it is under the lock, so
    // that `from` is what was really replaced, even with a teammate marking
    // the same task at the same moment.
    let (saved, changes) = store
        .commit_with(|current| changes_for(&key, current, status, args.note.as_deref()))
        .map_err(|error| {
            // The change is printed, ready to run again, so nothing is lost.
            let mut what = status
                .map(|s| s.to_string())
                .into_iter()
                .collect::<Vec<_>>();
            what.extend(args.note.as_deref().map(note_arg));
            let again = format!(
                "plantrack{} mark {} {}",
                replay_options(cli),
                shell_quote(&key.to_string()),
                what.join(" ")
            );
            CliError::NotSavedRetry(error, again)
        })?;

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
            "{}",
            say::already(
                lang,
                &key.to_string(),
                saved.status(&key),
                args.note.is_some(),
                &store.path().display().to_string()
            )
        )?;
    } else {
        for (_, change) in &changes {
            match &change.what {
                ChangeKind::Status { from, to } => writeln!(
                    out,
                    "{key}: {} → {}",
                    i18n::status(lang, *from),
                    i18n::status(lang, *to)
                )?,
                ChangeKind::Note { from, to } => {
                    writeln!(out, "{key}: {}", say::note_set(lang, from, to))?;
                }
            }
        }
        writeln!(
            out,
            "{}",
            say::saved_to(lang, &store.path().display().to_string())
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// What `mark` records: a status change and/or a note change (both at the
/// same time, being one act), leaving out what is already so.
fn changes_for(
    key: &TaskKey,
    current: &Progress,
    status: Option<Status>,
    note: Option<&str>,
) -> Vec<(TaskKey, Change)> {
    let mut kinds = Vec::new();
    if let Some(to) = status {
        let from = current.status(key);
        if from != to {
            kinds.push(ChangeKind::Status { from, to });
        }
    }
    if let Some(to) = note {
        let from = current.note(key);
        if from != to {
            kinds.push(ChangeKind::Note {
                from: from.to_string(),
                to: to.to_string(),
            });
        }
    }
    let at = current.next_time(key, Timestamp::now());
    let by = store::current_user();
    kinds
        .into_iter()
        .map(|what| {
            let change = Change {
                at,
                by: by.clone(),
                what,
            };
            (key.clone(), change)
        })
        .collect()
}

/// `--state`, else `PLANTRACK_STATE` (clap reads both), else the
/// configuration file's `state`, else the data directory.
pub(crate) fn state_path(cli: &Cli) -> Result<std::path::PathBuf, CliError> {
    cli.state
        .clone()
        .or_else(|| cli.config.state.clone())
        .or_else(store::default_state_path)
        .ok_or(CliError::NotSaved(store::StoreError::NoDefaultLocation))
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
    if let Ok(state) = state_path(cli) {
        options.push_str(&format!(" --state {}", shell_quote(&absolute(&state))));
    }
    options
}

/// `--note=TEXT`, quoted: with the `=` a note starting with `-` is still
/// the note, not an option.
fn note_arg(note: &str) -> String {
    format!("--note={}", shell_quote(note))
}

/// `plantrack mark` command lines that record `changes` again, for marks the
/// interface could not write before it exited; `options` from
/// [`replay_options`].
pub(crate) fn recovery_commands(options: &str, changes: &[(TaskKey, Change)]) -> Vec<String> {
    changes
        .iter()
        .map(|(key, change)| {
            let what = match &change.what {
                ChangeKind::Status { to, .. } => to.to_string(),
                ChangeKind::Note { to, .. } => note_arg(to),
            };
            format!(
                "plantrack{options} mark {} {what}",
                shell_quote(&key.to_string())
            )
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
                Change {
                    at,
                    by: "ann".into(),
                    what: ChangeKind::Status {
                        from: Status::NotStarted,
                        to: Status::Done,
                    },
                },
            ),
            (
                TaskKey::new("2020-ip-strategy", 55),
                Change {
                    at,
                    by: "ann".into(),
                    what: ChangeKind::Note {
                        from: String::new(),
                        to: "等财政部 it's late".into(),
                    },
                },
            ),
        ];
        assert_eq!(
            recovery_commands(" --state '/srv/team state.json'", &changes),
            [
                "plantrack --state '/srv/team state.json' mark 2020-ip-strategy:55 done",
                r"plantrack --state '/srv/team state.json' mark 2020-ip-strategy:55 --note='等财政部 it'\''s late'",
            ]
        );
    }
}
