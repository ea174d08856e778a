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
//! `--texts-per-task N` gives each task N generated texts one after the
//! other (54 characters a task become about 110 with 2): a pinyin
//! keystroke reads every text's masks, so its cost grows with them.

#[path = "../benches/support/synth.rs"]
mod synth;

use plantrack::model::{Plan, Section, Task};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

struct Args {
    tasks: usize,
    seed: u64,
    out: PathBuf,
    lines: Option<PathBuf>,
    compact: bool,
    texts_per_task: usize,
}

const USAGE: &str = "usage: gen_plan --tasks N [--seed S] --out PLAN.json [--lines TASKS.txt] [--compact] [--texts-per-task N]";

fn parse_args() -> Result<Args, String> {
    let mut tasks = None;
    let mut seed = 7;
    let mut out = None;
    let mut lines = None;
    let mut compact = false;
    let mut texts_per_task = 1;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or(format!("{flag} needs a value\n{USAGE}"));
        match flag.as_str() {
            "--tasks" => tasks = Some(value()?.parse().map_err(|e| format!("--tasks: {e}"))?),
            "--seed" => seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--out" => out = Some(PathBuf::from(value()?)),
            "--lines" => lines = Some(PathBuf::from(value()?)),
            "--compact" => compact = true,
            "--texts-per-task" => {
                texts_per_task = value()?
                    .parse()
                    .map_err(|e| format!("--texts-per-task: {e}"))?;
            }
            _ => return Err(format!("unknown argument {flag}\n{USAGE}")),
        }
    }
    Ok(Args {
        tasks: tasks.ok_or(USAGE)?,
        seed,
        out: out.ok_or(USAGE)?,
        lines,
        compact,
        texts_per_task,
    })
}

fn run(args: &Args) -> Result<(), String> {
    let vocabulary = synth::Vocabulary::from_source(synth::SOURCE);
    let mut plan = synth::generate(&vocabulary, args.tasks, args.seed);
    if args.texts_per_task > 1 {
        lengthen(&mut plan, args.texts_per_task);
    }
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

/// Gives each task `count` texts: its own, then those of tasks spread
/// through the plan (the same generated clauses, so no new vocabulary).
fn lengthen(plan: &mut Plan, count: usize) {
    fn tasks(sections: &mut [Section]) -> Vec<&mut Task> {
        sections
            .iter_mut()
            .flat_map(|s| s.tasks.iter_mut().chain(tasks(&mut s.sections)))
            .collect()
    }
    let texts: Vec<String> = plan
        .walk()
        .into_iter()
        .map(|(_, task)| task.text.to_string())
        .collect();
    let top = plan.tasks.iter_mut();
    for (i, task) in top.chain(tasks(&mut plan.sections)).enumerate() {
        let mut text = task.text.to_string();
        for k in 1..count {
            let other = (i + k * 7_919) % texts.len();
            text.push_str(&texts[other]);
        }
        task.text = text.into();
    }
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
