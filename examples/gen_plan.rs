//! Writes a synthetic plan of N tasks built from the 2020 plan's vocabulary
//! and agency lists, and optionally the same tasks as text lines (number,
//! text, agencies) for tools such as `fzf --filter`.
//!
//! ```text
//! cargo run --release --example gen_plan -- --tasks 100000 --seed 7 \
//!     --out /tmp/p100k.json --lines /tmp/p100k.txt
//! ```
//!
//! The plan is written indented, as `plantrack import` writes plans;
//! `--compact` writes it without whitespace (the same format, 42 % smaller
//! at 100k tasks) to measure what the whitespace costs in loading.

#[path = "../benches/support/synth.rs"]
mod synth;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

struct Args {
    tasks: usize,
    seed: u64,
    out: PathBuf,
    lines: Option<PathBuf>,
    compact: bool,
}

const USAGE: &str =
    "usage: gen_plan --tasks N [--seed S] --out PLAN.json [--lines TASKS.txt] [--compact]";

fn parse_args() -> Result<Args, String> {
    let mut tasks = None;
    let mut seed = 7;
    let mut out = None;
    let mut lines = None;
    let mut compact = false;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or(format!("{flag} needs a value\n{USAGE}"));
        match flag.as_str() {
            "--tasks" => tasks = Some(value()?.parse().map_err(|e| format!("--tasks: {e}"))?),
            "--seed" => seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--out" => out = Some(PathBuf::from(value()?)),
            "--lines" => lines = Some(PathBuf::from(value()?)),
            "--compact" => compact = true,
            _ => return Err(format!("unknown argument {flag}\n{USAGE}")),
        }
    }
    Ok(Args {
        tasks: tasks.ok_or(USAGE)?,
        seed,
        out: out.ok_or(USAGE)?,
        lines,
        compact,
    })
}

fn run(args: &Args) -> Result<(), String> {
    let vocabulary = synth::Vocabulary::from_source(synth::SOURCE);
    let plan = synth::generate(&vocabulary, args.tasks, args.seed);
    let json = if args.compact {
        serde_json::to_string(&plan).map_err(|e| e.to_string())? + "\n"
    } else {
        plantrack::plan_io::to_json(&plan)
    };
    std::fs::write(&args.out, &json).map_err(|e| format!("{}: {e}", args.out.display()))?;
    if let Some(path) = &args.lines {
        let mut text = String::new();
        for (_, task) in plan.walk() {
            text.push_str(&synth::text_line(task));
            text.push('\n');
        }
        std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let _ = writeln!(
        std::io::stderr(),
        "{}: {} tasks, {} bytes ({} clauses and {} agency lists from the 2020 plan)",
        args.out.display(),
        args.tasks,
        json.len(),
        vocabulary.clauses.len(),
        vocabulary.agency_lists.len()
    );
    Ok(())
}

fn main() -> ExitCode {
    match parse_args().and_then(|args| run(&args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            let _ = writeln!(std::io::stderr(), "gen_plan: {message}");
            ExitCode::FAILURE
        }
    }
}
