//! `plantrack feedback [PLAN:]N --progress TEXT [--problems TEXT] [--next TEXT]`:
//! your agency's own progress entry on a task, as the interface's feedback
//! editor records it. Each agency keeps its own entry; this replaces only
//! yours.

use super::resolve::loaded_task;
use super::{Cli, CliError};
use crate::i18n::Lang;
use crate::progress::Feedback;
use crate::replica::SaveError;
use clap::Args;
use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, Args)]
#[command(
    override_usage = "plantrack [--as [NAME@]AGENCY] feedback <[PLAN:]N> --progress <TEXT> [--problems <TEXT>] [--next <TEXT>] [--json]"
)]
pub struct FeedbackArgs {
    /// The task: PLAN:NUMBER, or just NUMBER when only one loaded plan has it.
    #[arg(value_name = "[PLAN:]N")]
    pub task: String,
    /// 进展情况: what your agency has done (required; line breaks are kept, e.g. $'one\ntwo' in bash).
    #[arg(long, value_name = "TEXT")]
    pub progress: String,
    /// 存在问题: what stands in the way.
    #[arg(long, value_name = "TEXT", default_value = "")]
    pub problems: String,
    /// 下一步: what your agency does next.
    #[arg(long, value_name = "TEXT", default_value = "")]
    pub next: String,
    /// Print the result as JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(
    cli: &Cli,
    args: &FeedbackArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<ExitCode, CliError> {
    let lang = cli.lang();
    let mut replica = super::load_plans(cli, err)?;
    let (key, _) = loaded_task(&replica.catalog, lang, &args.task)?;
    let writer = super::writer(cli, &replica)?;
    if let Err(error) = replica.open_state(super::location(cli), writer, super::lock_timeout(cli)) {
        return Err(CliError::NotSaved(error.to_string()));
    }
    for notice in replica.take_notices() {
        let _ = writeln!(err, "plantrack: {notice}");
    }
    let entry = Feedback {
        progress: text_arg(&args.progress),
        problems: text_arg(&args.problems),
        next: text_arg(&args.next),
    };
    let changes = match replica.feedback(&key, entry) {
        Ok(changes) => changes,
        Err(SaveError::Refused(why)) => {
            return Err(CliError::Usage(crate::i18n::store::refusal(&why, lang)));
        }
        Err(error) => {
            return Err(CliError::NotSaved(crate::i18n::store::save_error(
                &error, lang,
            )));
        }
    };
    let agency = replica
        .writer()
        .and_then(|w| w.agency.clone())
        .unwrap_or_default();
    let dir = super::output::state_dir(&replica);
    let entry = replica
        .progress()
        .get(&key)
        .map(|t| t.feedback_of(&agency))
        .unwrap_or_default();
    let what = crate::i18n::Confirmed::Feedback {
        agency: &agency,
        to: &entry,
    };
    super::output::Written {
        fields: serde_json::json!({
            "task": key.to_string(),
            "agency": agency,
        }),
        changes: &changes,
        dir: &dir,
        already: match lang {
            Lang::Zh => format!("任务 {key} 的{agency}反馈已是如此；无需保存（{dir}）"),
            Lang::En => {
                format!("{key}: the feedback of {agency} is already so; nothing to save ({dir})")
            }
        },
        confirmed: vec![crate::i18n::confirmation(
            lang,
            &key.to_string(),
            what,
            false,
            true,
        )],
    }
    .write(out, args.json, lang)?;
    Ok(ExitCode::SUCCESS)
}

/// Trimmed, with Windows line ends made plain; line breaks are kept.
fn text_arg(text: &str) -> String {
    text.replace("\r\n", "\n").trim().to_string()
}
