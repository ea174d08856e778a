//! Time to draw one frame of each main view (tree, detail, search results,
//! agencies, summary) at 80×24 and 120×40, on the shipped plan and a
//! synthetic 100k-task plan: `cargo bench --bench tui`.
//!
//! One iteration is what the loop does per frame: `view::render` into
//! ratatui's buffer, the diff against the previous frame, and writing the
//! diff through the Crossterm backend into memory. The state does not change
//! between iterations, so the diff is empty: the figure is the cost of
//! building a frame, not of sending one (`--bench tui_bytes` counts those).
//! `PLANTRACK_BENCH_SIZES=100000` picks the synthetic sizes (0: none).

#[path = "support/screens.rs"]
mod screens;
#[path = "support/synth.rs"]
mod synth;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use std::time::Duration;

fn plans() -> Vec<Option<usize>> {
    let sizes: Vec<usize> = std::env::var("PLANTRACK_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![100_000]);
    std::iter::once(None)
        .chain(sizes.into_iter().filter(|&n| n > 0).map(Some))
        .collect()
}

fn bench_frames(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame");
    group
        .sample_size(30)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1));
    for tasks in plans() {
        let data = screens::data(tasks);
        for (view, actions) in screens::VIEWS {
            for size in screens::SIZES {
                let mut app = screens::app(&data, size, actions);
                let (mut term, sink) = screens::byte_terminal(size);
                screens::draw(&mut term, &sink, &mut app, &data);
                let id = BenchmarkId::new(
                    format!("{}/{view}", screens::label(tasks)),
                    format!("{}x{}", size.0, size.1),
                );
                group.bench_function(id, |b| {
                    b.iter(|| screens::draw(&mut term, &sink, &mut app, &data));
                });
            }
        }
    }
    group.finish();
}

criterion_group!(benches, bench_frames);
criterion_main!(benches);
