//! Resident memory per task after loading a plan and building the search
//! index, beyond the task texts themselves: `cargo bench --bench memory`.
//!
//! Reads the resident set size from /proc/self/statm (Linux) before the
//! plan JSON is parsed and after the catalog and index are built, with the
//! JSON text freed. It is what the system sees, allocator slack included.

#[path = "support/synth.rs"]
mod synth;

use plantrack::agencies::Registry;
use plantrack::model::Catalog;
use plantrack::plan_io::{self, Origin};
use plantrack::search::Index;
use std::hint::black_box;

fn resident_bytes() -> Option<usize> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: usize = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096)
}

/// In a fresh process, so that memory freed by the generator or by a
/// previous size cannot be reused and hide what loading takes.
fn measure_one(path: &str) {
    let before = resident_bytes().unwrap_or(0);
    let json = std::fs::read(path).expect("the parent wrote the plan");
    let plan = plan_io::parse(&json, &Origin::Embedded).expect("generated plans are valid");
    drop(json);
    let catalog = Catalog::new(vec![plan]);
    let index = Index::build(&catalog, |name| Registry::builtin().names_of(name));
    let after = resident_bytes().unwrap_or(0);
    let tasks = catalog.tasks.len().max(1);
    let text: usize = catalog.tasks.iter().map(|e| e.task.text.len()).sum();
    let grown = after.saturating_sub(before);
    println!(
        "{tasks:>7}  {:>8.1} MB  {:>8} B  {:>13} B  {:>11} B",
        grown as f64 / 1e6,
        grown / tasks,
        text / tasks,
        grown.saturating_sub(text) / tasks
    );
    black_box((catalog, index));
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--one") {
        measure_one(&args[i + 1]);
        return;
    }
    let sizes: Vec<usize> = std::env::var("PLANTRACK_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000, 100_000]);
    let vocabulary = synth::Vocabulary::from_source(synth::SOURCE);
    let dir = tempfile::tempdir().expect("a temporary directory");
    let me = std::env::current_exe().expect("own path");
    println!("  tasks  resident grew  per task  text per task  beyond text");
    for tasks in sizes {
        let path = dir.path().join(format!("{tasks}.json"));
        std::fs::write(
            &path,
            plan_io::to_json(&synth::generate(&vocabulary, tasks, 7)),
        )
        .expect("writable temporary directory");
        let status = std::process::Command::new(&me)
            .arg("--one")
            .arg(&path)
            .status()
            .expect("can run itself");
        assert!(status.success());
    }
}

/// The allocator the binary uses (src/main.rs), so that what is measured here is what runs.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
