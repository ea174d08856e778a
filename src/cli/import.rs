//! `plantrack import SOURCE.txt -o plans/NAME.json`: official text → plan JSON.

use super::CliError;
use crate::import;
use crate::plan_io;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The plan's text as extracted from the publishing web site (UTF-8).
    pub source: PathBuf,
    /// Where to write the plan JSON; standard output when not given.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The plan id (part of every task key); defaults to the output file's name.
    #[arg(long)]
    pub id: Option<String>,
}

pub fn run(args: &ImportArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), CliError> {
    let bytes = std::fs::read(&args.source)
        .map_err(|e| CliError::Usage(format!("cannot read {}: {e}", args.source.display())))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        CliError::Usage(format!(
            "{}: not UTF-8 text at byte {}; convert it first (e.g. iconv -f GB18030 -t UTF-8)",
            args.source.display(),
            e.utf8_error().valid_up_to()
        ))
    })?;
    let id = args
        .id
        .clone()
        .or_else(|| args.output.as_deref().and_then(stem))
        .or_else(|| stem(&args.source))
        .unwrap_or_else(|| "plan".to_string());
    // A plan with a bad id would be written, then refused on every load.
    plan_io::check_plan_id(&id)
        .map_err(|e| CliError::Usage(format!("{e}; choose one with --id")))?;
    let imported = import::import_text(&text, &id)
        .map_err(|e| CliError::Usage(format!("{}: {e}", args.source.display())))?;
    let json = plan_io::to_json(&imported.plan);
    write!(err, "{}", imported.report)?;
    writeln!(
        err,
        "{}: plan \"{}\": {} tasks; {} repairs, {} doubts (listed above by line)",
        args.source.display(),
        id,
        imported.plan.task_count(),
        imported.report.repairs.len(),
        imported.report.doubts.len()
    )?;
    match &args.output {
        Some(path) => {
            std::fs::write(path, json)
                .map_err(|e| CliError::Usage(format!("cannot write {}: {e}", path.display())))?;
            writeln!(err, "written to {}", path.display())?;
        }
        None => out.write_all(json.as_bytes())?,
    }
    Ok(())
}

fn stem(path: &Path) -> Option<String> {
    path.file_stem()
        .and_then(|s| s.to_str())
        .map(|s| s.trim_end_matches("-plan").to_string())
}
