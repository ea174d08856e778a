//! Bytes the interface writes to the terminal: `cargo bench --bench tui_bytes`.
//!
//! ratatui diffs each frame against the previous one and sends only the
//! cells that changed, so a keystroke costs what its second frame writes:
//! each row below draws the view first, applies one action through
//! `update`, and counts the bytes of the frame drawn after it. "full redraw"
//! is the first frame of a view on a blank terminal (start-up, or after a
//! resize, which clears the screen). No timing: these are exact counts.
//! `PLANTRACK_BENCH_SIZES=100000` picks the synthetic sizes (0: none).

#[path = "support/screens.rs"]
mod screens;
#[path = "support/synth.rs"]
mod synth;

use plantrack::tui::action::Action;
use plantrack::tui::app::update;

/// Keystrokes measured, each from the state a view opens in.
const STEPS: [(&str, &str, &[Action], Action); 5] = [
    (
        "tree",
        "cursor move (j)",
        &[Action::Down, Action::Down],
        Action::Down,
    ),
    (
        "agencies",
        "cursor move (j)",
        &[Action::ShowAgencies],
        Action::Down,
    ),
    (
        "search",
        "first keystroke (专)",
        &[Action::OpenSearch],
        Action::Input('专'),
    ),
    (
        "search",
        "next keystroke (利)",
        &[Action::OpenSearch, Action::Input('专')],
        Action::Input('利'),
    ),
    (
        "search",
        "result cursor move (↓)",
        &[Action::OpenSearch, Action::Input('专'), Action::Input('利')],
        Action::Down,
    ),
];

fn main() {
    // criterion passes --bench; nothing to parse.
    let sizes: Vec<usize> = std::env::var("PLANTRACK_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![100_000]);
    let plans = std::iter::once(None).chain(sizes.into_iter().filter(|&n| n > 0).map(Some));
    println!(
        "{:8} {:9} {:8} {:24} {:>7}",
        "plan", "view", "size", "action", "bytes"
    );
    for tasks in plans {
        let data = screens::data(tasks);
        let plan = screens::label(tasks);
        for size in screens::SIZES {
            let dims = format!("{}x{}", size.0, size.1);
            for (view, actions) in screens::VIEWS {
                let mut app = screens::app(&data, size, actions);
                let (mut term, sink) = screens::byte_terminal(size);
                let bytes = screens::draw(&mut term, &sink, &mut app, &data).len();
                println!("{plan:8} {view:9} {dims:8} {:24} {bytes:>7}", "full redraw");
            }
            for (view, what, actions, action) in STEPS {
                let mut app = screens::app(&data, size, actions);
                let (mut term, sink) = screens::byte_terminal(size);
                screens::draw(&mut term, &sink, &mut app, &data);
                update(&mut app, &data, action);
                let bytes = screens::draw(&mut term, &sink, &mut app, &data);
                println!("{plan:8} {view:9} {dims:8} {what:24} {:>7}", bytes.len());
                if std::env::var_os("PLANTRACK_SHOW_BYTES").is_some() {
                    println!("{}", String::from_utf8_lossy(&bytes).escape_debug());
                }
            }
        }
    }
}
