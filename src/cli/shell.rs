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
    let mut command = Cli::command();
    clap_complete::generate(args.shell, &mut command, "plantrack", out);
    Ok(())
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
