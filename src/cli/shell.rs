//! `plantrack completions SHELL` and `plantrack man`: fitting into the shell.
//! Both are generated from the clap definition, so they cannot fall behind
//! the commands they describe.

use super::{Cli, CliError};
use clap::CommandFactory;
use clap_complete::Shell;
use std::io::Write;

#[derive(Debug, clap::Args)]
#[command(after_help = "Install, e.g.:\n  \
    plantrack completions bash > ~/.local/share/bash-completion/completions/plantrack\n  \
    plantrack completions zsh > ~/.zfunc/_plantrack   (with fpath+=~/.zfunc)\n  \
    plantrack completions fish > ~/.config/fish/completions/plantrack.fish")]
pub struct CompletionsArgs {
    /// bash, zsh or fish (elvish and powershell work too).
    #[arg(value_enum)]
    pub shell: Shell,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Install, e.g.: plantrack man > ~/.local/share/man/man1/plantrack.1")]
pub struct ManArgs {}

pub fn completions(args: &CompletionsArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let mut command = with_candidates(Cli::command());
    clap_complete::generate(args.shell, &mut command, "plantrack", out);
    Ok(())
}

/// The status words (both languages) the commands take.
const STATUS_WORDS: &[&str] = &[
    "not_started",
    "in_progress",
    "done",
    "blocked",
    "suspended",
    "未开始",
    "进行中",
    "已完成",
    "受阻",
    "中止",
];

/// The command as completion scripts see it: status arguments offer the
/// status words, agency arguments the registry's short names, task
/// arguments the built-in plan's task numbers, instead of file names.
/// Only the scripts get these lists; parsing keeps its own checks (which
/// take more spellings and say what is wrong in the user's language).
fn with_candidates(command: clap::Command) -> clap::Command {
    use clap::builder::{PossibleValue, PossibleValuesParser};
    let statuses = PossibleValuesParser::new(STATUS_WORDS.iter().map(|w| PossibleValue::new(*w)));
    let agencies: Vec<PossibleValue> = crate::agencies::Registry::builtin()
        .all()
        .iter()
        .map(|a| PossibleValue::new(a.short.as_str()))
        .collect();
    let numbers: Vec<PossibleValue> = crate::plan_io::parse(
        crate::plan_io::EMBEDDED_PLAN.as_bytes(),
        &crate::plan_io::Origin::Embedded,
    )
    .map(|plan| {
        crate::model::Catalog::new(vec![plan])
            .tasks
            .iter()
            // clap takes &'static str here (without its "string" feature);
            // the process ends once the script is written.
            .map(|t| PossibleValue::new(&*Box::leak(t.task.number.to_string().into_boxed_str())))
            .collect()
    })
    .unwrap_or_default();
    command.mut_subcommands(|sub| {
        let name = sub.get_name().to_string();
        sub.mut_args(|arg| match (name.as_str(), arg.get_id().as_str()) {
            (_, "status") => arg.value_parser(statuses.clone()),
            ("agency", "name") | (_, "agency") => {
                arg.value_parser(PossibleValuesParser::new(agencies.clone()))
            }
            ("show" | "mark" | "history", "task") => {
                arg.value_parser(PossibleValuesParser::new(numbers.clone()))
            }
            _ => arg,
        })
    })
}

/// What a script can rely on; the same words are in README.md and
/// docs/json-output.md.
const EXIT_STATUS: &str = r#".SH "EXIT STATUS"
.TP
\fB0\fR
Success.
.TP
\fB1\fR
Failure: no plan could be loaded, a state file that cannot be read, a change
not saved, problems found by \fBvalidate\fR, an output that cannot be written.
.TP
\fB2\fR
Usage: an unknown option or subcommand, a task, agency, part or status that
does not exist.
.SH ENVIRONMENT
.TP
\fBPLANTRACK_STATE\fR
The progress state file, as \fB\-\-state\fR.
.TP
\fBPLANTRACK_CONFIG\fR
The configuration file, as \fB\-\-config\fR.
.TP
\fBPLANTRACK_USER\fR
The name recorded as the author of a change (else \fBUSER\fR).
.TP
\fBNO_COLOR\fR
No colours.
.SH FILES
.TP
\fI~/.config/plantrack/config.toml\fR
Configuration: \fBstate\fR, \fBlang\fR (zh or en), \fBplan_dirs\fR, \fBtheme\fR (dark or light).
.TP
\fI~/.local/share/plantrack/state.json\fR
Progress marks with their history.
.TP
\fI./plans/*.json\fR, \fI~/.local/share/plantrack/plans/*.json\fR
Plans; the 2020 IP\-strategy plan is built in.
"#;

pub fn man(out: &mut dyn Write) -> Result<(), CliError> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut page)?;
    let page = String::from_utf8_lossy(&page);
    // The exit status, environment and files (which clap knows nothing of)
    // go where man pages keep them: after the commands, before the version.
    let at = page.find(".SH VERSION").unwrap_or(page.len());
    out.write_all(page[..at].as_bytes())?;
    out.write_all(EXIT_STATUS.as_bytes())?;
    out.write_all(page[at..].as_bytes())?;
    Ok(())
}
