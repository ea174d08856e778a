//! The load path alone, timed step by step: the plan read from its cache
//! entry (or parsed, when the cache does not hold it; the first run fills
//! it), then the catalog built from it. For checking that each step grows
//! linearly with the plan (100k against 1M tasks).
//!
//! ```text
//! cargo build --release --example load_driver
//! target/release/examples/load_driver /tmp/p100k.json /tmp/plan-cache 5
//! target/release/examples/load_driver /tmp/p1m.json /tmp/plan-cache 5
//! ```
//!
//! Prints each run and the medians, in ms.

use plantrack::model::Catalog;
use plantrack::plan_io;
use std::path::Path;
use std::time::Instant;

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(plan), Some(cache), Some(runs)) = (
        args.first(),
        args.get(1),
        args.get(2).and_then(|n| n.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: load_driver PLAN.json CACHE_DIR RUNS");
        return std::process::ExitCode::FAILURE;
    };
    let mut loads = Vec::new();
    let mut builds = Vec::new();
    for run in 0..=runs {
        let started = Instant::now();
        let loaded = match plan_io::load_file_cached(Path::new(plan), Some(Path::new(cache))) {
            Ok(plan) => plan,
            Err(error) => {
                eprintln!("load_driver: {error}");
                return std::process::ExitCode::FAILURE;
            }
        };
        let read = started.elapsed().as_secs_f64() * 1e3;
        let started = Instant::now();
        let catalog = Catalog::new(vec![loaded]);
        let built = started.elapsed().as_secs_f64() * 1e3;
        let tasks = catalog.tasks.len();
        drop(catalog);
        // The first run may have filled the cache: not counted.
        if run == 0 {
            eprintln!("{tasks} tasks; first run (fills the cache): read {read:.1} ms");
            continue;
        }
        println!("run {run}: read {read:.1} ms, catalog {built:.1} ms");
        loads.push(read);
        builds.push(built);
    }
    println!(
        "median: read {:.1} ms, catalog {:.1} ms",
        median(&mut loads),
        median(&mut builds)
    );
    std::process::ExitCode::SUCCESS
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

/// The allocator the binary uses (src/main.rs), so that what is measured here is what runs.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
