//! End to end: a user on a server whose locale is C, who has set nothing,
//! gets English and is told in both languages how to switch; once they
//! have marked something, the hint is gone.

mod common;

use common::{Sandbox, Tui};

#[test]
fn the_first_start_says_in_both_languages_how_to_switch() {
    let sandbox = Sandbox::new();
    let state = sandbox.state();
    let args = ["--state", state.to_str().expect("utf-8 path")];
    let mut tui = Tui::start(sandbox.path(), 80, 24, &args);
    // LANG=C.UTF-8 (see Tui::start): English labels.
    tui.wait_for("English and the hint", |s| {
        s.contains("Agencies") && s.contains("中文界面：--lang zh · English: --lang en")
    });
    // Task 1, two rows down, marked done.
    tui.send("jjd");
    tui.wait_for("the mark saved", |s| s.contains("done 1/100"));
    tui.send("q");
    tui.wait_exit();
    let mut tui = Tui::start(sandbox.path(), 80, 24, &args);
    let screen = tui.wait_text("Agencies");
    assert!(!screen.contains("--lang zh"), "{screen}");
    tui.send("q");
    tui.wait_exit();
}
