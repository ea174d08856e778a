//! `plantrack report`: progress for a meeting or the periodic report, as
//! Markdown (default), CSV or JSON, to stdout or to a file.

use super::{CliError, list};
use crate::agencies::Registry;
use crate::i18n::Lang;
use crate::progress::Status;
use crate::replica::Replica;
use crate::report::{self, By, Options, ReportError};
use jiff::civil::Date;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Markdown,
    Csv,
    Json,
    /// A Word document (the office form; needs -o FILE).
    Docx,
    /// An Excel workbook (the office form; needs -o FILE).
    Xlsx,
}

/// Which report: the office's table in the units' columns, or the summary
/// of counts and lists for a meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Form {
    /// 序号 | 工作任务 | 牵头单位 | 参与单位 | 完成时限 | 进展情况 | 存在问题及下一步 | 状态.
    Office,
    /// Progress by part and by agency, and the tasks that need attention.
    Summary,
}

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// Markdown (tables, to paste into a document), CSV (for spreadsheets), JSON,
    /// or, for the office form, docx (Word) and xlsx (Excel).
    #[arg(long, value_enum, default_value_t = Format::Markdown)]
    pub format: Format,
    /// Same as --format json.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// office: the table an office submits, in the units' columns (with --agency:
    /// its lead tasks, then those it takes part in); summary: counts by part and
    /// agency and the tasks needing attention. Default: summary.
    #[arg(long, value_enum)]
    pub form: Option<Form>,
    /// Only progress by part and group, or only by agency (default: both; summary form).
    #[arg(long, value_enum)]
    pub by: Option<By>,
    /// Report one agency's tasks only, lead and participating apart (any of its names).
    #[arg(long, value_name = "NAME")]
    pub agency: Option<String>,
    /// List tasks in this status (repeatable); default blocked and not started,
    /// or every status with --agency.
    #[arg(long, value_name = "S", value_parser = list::parse_status)]
    pub status: Vec<Status>,
    /// Start the CSV with a byte order mark, so that Excel shows Chinese correctly.
    #[arg(long)]
    pub bom: bool,
    /// Write the report to FILE (replaced as a whole, never half-written) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Progress as it stood at the end of this day (YYYY-MM-DD), rebuilt from the history; also the report's date.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<String>,
    /// Add the part 本期进展: every task (of the report) whose status, note, feedback or time limit changed from this day on, with who and when.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<String>,
    /// Only the date printed on the report (default: the --as-of day, else today); progress is still today's unless --as-of is given.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
}

/// A date option's value, read where the language is known.
fn parse_date(ctx: &Replica, option: &str, text: Option<&str>) -> Result<Option<Date>, CliError> {
    text.map(|text| {
        text.trim()
            .parse()
            .map_err(|_| CliError::Usage(crate::i18n::cli::not_a_date(ctx.lang, option, text)))
    })
    .transpose()
}

pub fn run(ctx: &Replica, args: &ReportArgs, out: &mut dyn Write) -> Result<(), CliError> {
    // A report must not look normal on a state that could not be read.
    if let Some(error) = ctx.read_only() {
        return Err(CliError::StateUnreadable(error.to_string()));
    }
    let format = if args.json { Format::Json } else { args.format };
    if args.bom && format != Format::Csv {
        return Err(CliError::Usage(
            "--bom is for --format csv (JSON and Markdown are read as UTF-8 without one)".into(),
        ));
    }
    // The clock is read at the edge (the replica's day: today, or the
    // --as-of day), so that the report itself is a function of its inputs.
    let day = ctx.day();
    let options = Options {
        by: args.by,
        agency: args.agency.clone(),
        statuses: args.status.clone(),
        day,
        zone: jiff::tz::TimeZone::system(),
    };
    let since = parse_date(ctx, "--since", args.since.as_deref())?;
    let today = parse_date(ctx, "--date", args.date.as_deref())?
        .or(day.map(|d| d.today))
        .unwrap_or_else(|| jiff::ZonedDateTime::now().date());
    let binary = matches!(format, Format::Docx | Format::Xlsx);
    if binary && args.form == Some(Form::Summary) {
        return Err(CliError::Usage(
            "--format docx and xlsx write the office form; leave out --form summary, or use markdown, csv or json".into(),
        ));
    }
    if binary && args.output.is_none() {
        return Err(CliError::Usage(format!(
            "a {} file is not text for the terminal: add -o FILE, e.g. -o 进展.{}",
            if format == Format::Docx {
                "Word"
            } else {
                "Excel"
            },
            if format == Format::Docx {
                "docx"
            } else {
                "xlsx"
            },
        )));
    }
    let refused = |error| match error {
        ReportError::NoSuchAgency { query, suggestions } => {
            super::no_such_agency(ctx.lang, &query, &suggestions)
        }
    };
    if binary || args.form == Some(Form::Office) {
        if args.by.is_some() {
            return Err(CliError::Usage(
                "--by is for --form summary; the office form is by part and group, or by agency with --agency".into(),
            ));
        }
        let mut built = report::office::office(
            &ctx.catalog,
            ctx.progress(),
            Registry::builtin(),
            &options,
            today,
        )
        .map_err(refused)?;
        if let Some(period) = period(ctx, since, &options.zone)? {
            built = built.with_period(period);
        }
        let bytes = match format {
            Format::Markdown => report::office::markdown(&built).into_bytes(),
            Format::Csv => report::office::csv(&built, args.bom).into_bytes(),
            Format::Json => {
                (serde_json::to_string_pretty(&built).unwrap_or_default() + "\n").into_bytes()
            }
            Format::Docx => report::docx::render(&built)
                .map_err(|e| unmade(ctx.lang, "Word", &e.to_string()))?,
            Format::Xlsx => report::xlsx::render(&built)
                .map_err(|e| unmade(ctx.lang, "Excel", &e.to_string()))?,
        };
        return emit(args, &bytes, out, ctx.lang);
    }
    let mut built = report::report(
        &ctx.catalog,
        ctx.progress(),
        Registry::builtin(),
        &options,
        today,
    )
    .map_err(refused)?;
    if let Some(period) = period(ctx, since, &options.zone)? {
        built = built.with_period(period);
    }
    let text = match format {
        Format::Markdown => report::markdown::render(&built),
        Format::Csv => report::csv::render(&built, args.bom),
        Format::Json => report::json::render(&built),
        Format::Docx | Format::Xlsx => unreachable!("written in the office form above"),
    };
    emit(args, text.as_bytes(), out, ctx.lang)
}

/// 本期进展 from `since` (local midnight) to the end of the --as-of day, or
/// to now.
fn period(
    ctx: &Replica,
    since: Option<Date>,
    zone: &jiff::tz::TimeZone,
) -> Result<Option<report::Period>, CliError> {
    let Some(since) = since else {
        return Ok(None);
    };
    let from = since
        .to_zoned_datetime(zone.clone())
        .map(|z| z.timestamp())
        .map_err(|e| CliError::Usage(format!("--since {since}: {e}")))?;
    let until = ctx.as_of().unwrap_or(jiff::Timestamp::MAX);
    if until < from {
        return Err(CliError::Usage(crate::i18n::cli::since_after_as_of(
            ctx.lang, since,
        )));
    }
    Ok(Some(report::period::period(
        &ctx.catalog,
        ctx.progress(),
        Registry::builtin(),
        (since, zone),
        (from, until),
        ctx.day(),
    )))
}

/// The Word or Excel writer failed: not the user's doing, so not a usage
/// error.
fn unmade(lang: Lang, kind: &str, why: &str) -> CliError {
    CliError::Output(std::io::Error::other(match lang {
        Lang::Zh => format!("无法生成 {kind} 文件：{why}"),
        Lang::En => format!("cannot make the {kind} file: {why}"),
    }))
}

/// To `--output` (whole or not at all), else to stdout.
fn emit(args: &ReportArgs, bytes: &[u8], out: &mut dyn Write, lang: Lang) -> Result<(), CliError> {
    match &args.output {
        None => out.write_all(bytes)?,
        Some(path) => {
            write_file(path, bytes)?;
            let path = path.display();
            match lang {
                Lang::Zh => writeln!(out, "报告已写入 {path}")?,
                Lang::En => writeln!(out, "report written to {path}")?,
            }
        }
    }
    Ok(())
}

/// Temp file in the same directory, fsync, rename: whoever has the old
/// report open (or a sync client) never sees half of the new one.
fn write_file(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    // A write failure is not a usage error (exit 1, not 2). Name the file
    // the user gave: tempfile appends "at path <temporary file>" to its
    // messages, which would only confuse.
    let failed = |e: std::io::Error| {
        let kind = e.kind();
        let e = e.to_string();
        let reason = e.split(" at path ").next().unwrap_or_default();
        CliError::Output(std::io::Error::new(
            kind,
            format!("{}: {reason}", path.display()),
        ))
    };
    // tempfile creates 0600; a report is for sharing, so it gets the mode
    // any new file gets (0666 less the umask), or keeps the one it had.
    let mut builder = tempfile::Builder::new();
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(dir).map_err(failed)?;
    if let Ok(old) = std::fs::metadata(path) {
        let _ = temp.as_file().set_permissions(old.permissions());
    }
    temp.write_all(bytes).map_err(failed)?;
    temp.as_file().sync_all().map_err(failed)?;
    temp.persist(path).map_err(|e| failed(e.error))?;
    Ok(())
}
