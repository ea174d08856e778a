//! `plantrack import SOURCE -o plans/NAME.json`: an official document (text,
//! web page, Word, Excel, CSV or Markdown 分工 table) → plan JSON.

use super::CliError;
use crate::i18n::Lang;
use crate::i18n::import as say;
use crate::import::{self, Imported, Reading};
use crate::plan_io;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The plan document: text (UTF-8, UTF-16 or GB18030), a saved web page,
    /// a .docx or .xlsx file, CSV/TSV or a Markdown table; `-` reads standard input.
    pub source: String,
    /// Where to write the plan JSON; standard output when not given.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The plan id (part of every task key); defaults to the output file's name.
    #[arg(long)]
    pub id: Option<String>,
    /// Write the plan even when some numbered measures carry no agency list.
    #[arg(long)]
    pub allow_partial: bool,
    /// A corrections file for the source's damaged text (default: the
    /// output's name with `.corrections.toml`, when it exists).
    #[arg(long, value_name = "FILE")]
    pub corrections: Option<PathBuf>,
}

pub fn run(
    lang: Lang,
    args: &ImportArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), CliError> {
    let from_stdin = args.source == "-";
    let shown = if from_stdin {
        say::standard_input(lang).to_string()
    } else {
        args.source.clone()
    };
    let bytes = if from_stdin {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| CliError::Usage(say::cannot_read(lang, &shown, &e)))?;
        bytes
    } else {
        std::fs::read(&args.source)
            .map_err(|e| CliError::Usage(say::cannot_read(lang, &shown, &e)))?
    };
    let source_path = (!from_stdin).then(|| PathBuf::from(&args.source));
    let id = args
        .id
        .clone()
        .or_else(|| args.output.as_deref().and_then(stem))
        .or_else(|| source_path.as_deref().and_then(stem))
        .unwrap_or_else(|| "plan".to_string());
    // A plan with a bad id would be written, then refused on every load.
    plan_io::check_plan_id(&id).map_err(|e| CliError::Usage(say::bad_plan_id(lang, &e)))?;
    let (mut imported, reading) =
        import::import_document(&bytes, (!from_stdin).then_some(args.source.as_str()), &id)
            .map_err(|e| {
                CliError::Usage(say::located(lang, &shown, &say::import_error(lang, &e)))
            })?;
    let corrections = args.corrections.clone().or_else(|| {
        args.output
            .as_deref()
            .map(import::corrections::beside)
            .filter(|p| p.exists())
    });
    if let Some(path) = &corrections {
        let text = std::fs::read_to_string(path).map_err(|e| {
            CliError::Usage(say::cannot_read(lang, &path.display().to_string(), &e))
        })?;
        import::corrections::apply_file(&text, &mut imported).map_err(|e| {
            let path = path.display().to_string();
            CliError::Usage(say::located(lang, &path, &say::corrections_error(lang, &e)))
        })?;
    }
    write_report(
        lang,
        err,
        &shown,
        &id,
        &imported,
        &reading,
        corrections.as_deref(),
    )?;
    if !imported.is_complete() && !args.allow_partial {
        let without = imported.coverage.without_list.len();
        return Err(CliError::Usage(say::nothing_written(lang, &shown, without)));
    }
    let json = plan_io::to_json(&imported.plan);
    match &args.output {
        Some(path) => {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|e| {
                    CliError::Usage(say::cannot_create(lang, &dir.display().to_string(), &e))
                })?;
            }
            std::fs::write(path, json).map_err(|e| {
                CliError::Usage(say::cannot_write(lang, &path.display().to_string(), &e))
            })?;
            writeln!(
                err,
                "{}",
                say::written_to(lang, &path.display().to_string())
            )?;
            writeln!(
                err,
                "{}",
                where_it_loads(lang, path, &id, super::data_dir().as_deref())
            )?;
        }
        None => out.write_all(json.as_bytes())?,
    }
    Ok(())
}

fn write_report(
    lang: Lang,
    err: &mut dyn Write,
    shown: &str,
    id: &str,
    imported: &Imported,
    reading: &Reading,
    corrections: Option<&Path>,
) -> std::io::Result<()> {
    writeln!(err, "{}", say::reading(lang, shown, reading))?;
    if let Some(path) = corrections {
        let path = path.display().to_string();
        writeln!(err, "{}", say::corrections_applied(lang, &path))?;
    }
    let r = &imported.report;
    for line in r.lines(lang) {
        writeln!(err, "{line}")?;
    }
    let c = &imported.coverage;
    let tasks = imported.plan.task_count();
    let without = c.without_list.len();
    let coverage = say::coverage(lang, c.numbered, tasks, c.unnumbered_tasks, without);
    writeln!(err, "{coverage}")?;
    for (line, label) in &c.without_list {
        writeln!(err, "{}", say::without_list(lang, *line, label))?;
    }
    let counts = [r.repairs.len(), r.doubts.len(), r.notes.len()];
    writeln!(err, "{}", say::summary(lang, shown, id, tasks, counts))
}

/// Which directory and id the written plan is loaded from, or how to load it.
fn where_it_loads(lang: Lang, path: &Path, id: &str, data_dir: Option<&Path>) -> String {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
    let in_plans = dir.is_some_and(|d| {
        d == Path::new("plans")
            || d.ends_with("plans") && Some(d) == data_dir.map(|x| x.join("plans")).as_deref()
    });
    let dir_shown = dir.map_or_else(|| ".".to_string(), |d| d.display().to_string());
    let path = path.display().to_string();
    if in_plans {
        say::loads_from(lang, id, &dir_shown, &path)
    } else {
        let data_plans = data_dir.map(|d| d.join("plans").display().to_string());
        say::does_not_load_from(lang, id, &dir_shown, data_plans.as_deref(), &path)
    }
}

fn stem(path: &Path) -> Option<String> {
    path.file_stem()
        .and_then(|s| s.to_str())
        .map(|s| s.trim_end_matches("-plan").to_string())
}
