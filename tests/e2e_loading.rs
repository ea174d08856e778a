//! End to end: a large plan draws its first screen before it has loaded,
//! keys typed while it loads are not lost, and quitting does not wait.

mod common;
#[path = "../benches/support/synth.rs"]
mod synth;

use common::{Sandbox, Tui};

/// Large enough that loading it (JSON, index, marks) in a debug build takes
/// far longer than a key takes to reach the program.
const TASKS: usize = 30_000;

fn large_plan(sandbox: &Sandbox) -> String {
    let vocabulary = synth::Vocabulary::from_source(synth::SOURCE);
    let plan = synth::generate(&vocabulary, TASKS, 7);
    let path = sandbox.path().join("large.json");
    std::fs::write(&path, plantrack::plan_io::to_json(&plan)).expect("writes the plan");
    path.to_str().expect("utf-8 path").to_string()
}

fn start(sandbox: &Sandbox, plan: &str) -> Tui {
    let state = sandbox.state();
    let args = [
        "--plan",
        plan,
        "--state",
        state.to_str().expect("utf-8 path"),
        "--lang",
        "en",
    ];
    Tui::start(sandbox.path(), 100, 30, &args)
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn the_first_screen_comes_first_and_keys_typed_meanwhile_are_kept() {
    let sandbox = Sandbox::new();
    let plan = large_plan(&sandbox);
    let mut tui = start(&sandbox, &plan);
    // The loading screen is always the first frame.
    tui.wait_raw("the loading screen", |raw| contains(raw, "Loading"));
    tui.send("/zlsc");
    let screen = tui.wait_for("the search typed while loading", |s| {
        s.contains("/ zlsc") && s.contains(" found")
    });
    // As many hits as the one-shot search finds: the search ran over the
    // whole index, with every key.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_plantrack"))
        .args([
            "--plan", &plan, "search", "--json", "--limit", "1000000", "zlsc",
        ])
        .env("HOME", sandbox.path())
        .env("XDG_DATA_HOME", sandbox.path().join("data"))
        .output()
        .expect("runs plantrack search");
    let hits = serde_json::from_slice::<serde_json::Value>(&out.stdout)
        .ok()
        .and_then(|v| v.as_array().map(Vec::len))
        .expect("a JSON list of hits");
    assert!(
        screen.contains(&format!("{hits} found")),
        "{hits} hits expected:\n{screen}"
    );
    tui.send("\x1b");
    // The header shows the count in every view; only the search box's going
    // says the Esc was read. A `q` sent sooner can arrive with the Esc in one
    // read, which the terminal decoder takes for Alt-q.
    tui.wait_for("the search closed", |s| {
        !s.contains("/ zlsc") && s.contains("done 0/30000")
    });
    tui.send("q");
    assert!(tui.wait_exit().success());
}

#[test]
fn q_on_the_loading_screen_quits_without_waiting_for_the_plan() {
    let sandbox = Sandbox::new();
    let plan = large_plan(&sandbox);
    let mut tui = start(&sandbox, &plan);
    tui.wait_raw("the loading screen", |raw| contains(raw, "Loading"));
    tui.send("q");
    assert!(tui.wait_exit().success());
    // The tree's header never came: the program did not wait for the plan.
    assert!(!contains(&tui.raw(), "done 0/"));
}
