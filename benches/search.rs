//! Search benchmarks on synthetic plans of 1k, 10k and 100k tasks:
//! - `load_index`: plan JSON bytes → Plan → Catalog → search Index;
//! - `keystroke`: one keystroke of a query typed character by character,
//!   narrowing the previous keystroke's hits as the TUI does, then
//!   highlighting the rows a screen shows. Each keystroke is its own
//!   benchmark (its `within` hits are computed outside the timing).
//!
//! `cargo bench --bench search`; `PLANTRACK_BENCH_SIZES=1000,10000` picks sizes.

#[path = "support/synth.rs"]
mod synth;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use plantrack::agencies::Registry;
use plantrack::model::Catalog;
use plantrack::plan_io::{self, Origin};
use plantrack::search::{Hit, Index};
use std::hint::black_box;
use std::time::Duration;

/// Rows a 24-line terminal shows in the results list.
const VISIBLE_ROWS: usize = 20;

/// Chinese words, pinyin initials, ASCII (upper case: fuzzy only, found in
/// texts and agency names) and the one-character first keystroke.
const QUERIES: [&str; 4] = ["专利审查", "zlsc", "TISC", "专"];

fn sizes() -> Vec<usize> {
    std::env::var("PLANTRACK_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000, 100_000])
}

fn names_of(name: &str) -> Vec<String> {
    Registry::builtin().names_of(name)
}

fn plan_json(tasks: usize) -> String {
    let vocabulary = synth::Vocabulary::from_source(synth::SOURCE);
    plan_io::to_json(&synth::generate(&vocabulary, tasks, 7))
}

fn load(json: &str) -> (Catalog, Index) {
    let plan =
        plan_io::parse(json.as_bytes(), &Origin::Embedded).expect("generated plans are valid");
    let catalog = Catalog::new(vec![plan]);
    let index = Index::build(&catalog, names_of);
    (catalog, index)
}

/// What the TUI does per keystroke: search (narrowing `within`) and prepare
/// the visible rows.
fn keystroke(catalog: &Catalog, index: &Index, typed: &str, within: Option<&[Hit]>) -> Vec<Hit> {
    let hits = index.search(catalog, typed, within);
    for hit in hits.iter().take(VISIBLE_ROWS) {
        black_box(index.highlight(catalog, hit, typed));
    }
    hits
}

/// Every prefix of `query` that ends on a character boundary.
fn prefixes(query: &str) -> Vec<&str> {
    query
        .char_indices()
        .map(|(i, c)| &query[..i + c.len_utf8()])
        .collect()
}

fn bench_load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load_index");
    group.sample_size(10).warm_up_time(Duration::from_secs(1));
    for tasks in sizes() {
        let json = plan_json(tasks);
        group.bench_with_input(BenchmarkId::from_parameter(tasks), &json, |b, json| {
            b.iter(|| load(json));
        });
    }
    group.finish();
}

fn bench_keystrokes(c: &mut Criterion) {
    let mut group = c.benchmark_group("keystroke");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    for tasks in sizes() {
        let (catalog, index) = load(&plan_json(tasks));
        for query in QUERIES {
            let mut previous: Option<Vec<Hit>> = None;
            for typed in prefixes(query) {
                let id = BenchmarkId::new(format!("{tasks}/{query}"), typed);
                group.bench_function(id, |b| {
                    b.iter(|| keystroke(&catalog, &index, typed, previous.as_deref()));
                });
                previous = Some(keystroke(&catalog, &index, typed, previous.as_deref()));
            }
        }
    }
    group.finish();
}

criterion_group!(benches, bench_load, bench_keystrokes);
criterion_main!(benches);

/// The allocator the binary uses (src/main.rs), so that what is measured here is what runs.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
