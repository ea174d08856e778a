//! A driver for profiling the search: loads a plan file, then types each
//! query character by character (narrowing, and ranking only the first
//! thousand hits, as the interface does) a number of times, printing the
//! time per keystroke.
//!
//! With `--ahead` it looks ahead after each keystroke as the interface
//! does (`Index::look_ahead`) and waits for that before the next; without
//! it a Chinese term's second character finds its occurrences by reading
//! every text. The index keeps a term's occurrences, so every repetition
//! after the first of a keystroke reuses them: for those keys, time one
//! repetition (`1`) in separate runs.
//!
//! ```text
//! cargo build --release --example search_driver
//! valgrind --tool=callgrind target/release/examples/search_driver /tmp/p20k.json 1 zlsc
//! target/release/examples/search_driver /tmp/p100k.json 20 zlsc TISC
//! target/release/examples/search_driver --ahead /tmp/p100k.json 1 知识产权局
//! ```

use plantrack::agencies::Registry;
use plantrack::model::Catalog;
use plantrack::plan_io;
use plantrack::search::{Hits, Index, syntax};
use std::time::Instant;

/// As many as the interface ranks (`tui::search_box::RANKED_AHEAD`).
const RANKED_AHEAD: usize = 1_000;

fn main() -> std::process::ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let ahead = args.first().is_some_and(|a| a == "--ahead");
    if ahead {
        args.remove(0);
    }
    // As a user types: the caches and the cores cool down between keys.
    let mut pause = std::time::Duration::ZERO;
    if args.first().is_some_and(|a| a == "--pause") && args.len() > 1 {
        let ms = args[1].parse().unwrap_or(0);
        pause = std::time::Duration::from_millis(ms);
        args.drain(..2);
    }
    let (Some(path), Some(repeat)) = (args.first(), args.get(1).and_then(|n| n.parse().ok()))
    else {
        eprintln!("usage: search_driver [--ahead] [--pause MS] PLAN.json REPEAT QUERY...");
        return std::process::ExitCode::FAILURE;
    };
    let started = Instant::now();
    let plan = match plan_io::load_file(path.as_ref()) {
        Ok(plan) => plan,
        Err(error) => {
            eprintln!("search_driver: {error}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let catalog = Catalog::new(vec![plan]);
    let index = Index::build(&catalog, |name| Registry::builtin().names_of(name));
    eprintln!(
        "load + index: {:.1} ms",
        started.elapsed().as_secs_f64() * 1e3
    );
    // As the interface has them once it has been open a moment.
    let started = Instant::now();
    index.read_pairs();
    eprintln!("pairs: {:.1} ms", started.elapsed().as_secs_f64() * 1e3);
    let repeat: usize = repeat;
    for query in &args[2..] {
        let mut previous: Option<Hits> = None;
        let mut searched = "";
        for (i, c) in query.char_indices() {
            let typed = &query[..i + c.len_utf8()];
            let within = previous
                .as_ref()
                .map(Hits::unordered)
                .filter(|_| syntax::narrows(searched, typed));
            let mut times = Vec::new();
            let mut hits = Hits::default();
            for _ in 0..repeat.max(1) {
                std::thread::sleep(pause);
                let start = Instant::now();
                hits = index.search_top(&catalog, typed, within, RANKED_AHEAD);
                for hit in hits.ranked().iter().take(20) {
                    std::hint::black_box(index.highlight(&catalog, hit, typed));
                }
                times.push(start.elapsed());
            }
            times.sort();
            println!(
                "{typed:12} {:>7} hits  median {:>7.2} ms",
                hits.len(),
                times[times.len() / 2].as_secs_f64() * 1e3
            );
            if ahead {
                let start = Instant::now();
                index.look_ahead(typed);
                index.wait_for_look_ahead();
                println!(
                    "{:12} look-ahead {:>7.2} ms",
                    "",
                    start.elapsed().as_secs_f64() * 1e3
                );
            }
            previous = Some(hits);
            searched = typed;
        }
    }
    std::process::ExitCode::SUCCESS
}

/// The allocator the binary uses (src/main.rs), so that what is measured here is what runs.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
