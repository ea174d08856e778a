//! End to end: setting a time limit with the interface's key and seeing
//! the task's light turn, in the real binary on a terminal.

mod common;

use common::{Sandbox, Tui};

#[test]
fn a_time_limit_set_with_d_turns_the_light_red_and_is_recorded() {
    let sandbox = Sandbox::new();
    // The harness fixes the day at 2020-06-01: every task on track (○).
    let mut tui = sandbox.start(100, 30, &[]);
    tui.wait_text("done 0/100");
    tui.send("55");
    tui.wait_for("55 selected and on track", |s| {
        Tui::selected_line(s).is_some_and(|l| l.contains("[ ]○  55"))
    });
    tui.send("D");
    tui.wait_text("Time limit · Task 55");
    // A form the parser refuses keeps the box open and says why.
    tui.send("Q7\r");
    tui.wait_text("is not a time limit");
    tui.send("\x7f\x7f5月底\r");
    tui.wait_for("55 overdue", |s| {
        Tui::selected_line(s).is_some_and(|l| l.contains("[ ]●  55"))
    });
    tui.wait_text("saved");
    tui.send("\r");
    tui.wait_text("overdue");
    tui.wait_text("2020-05-31 (set by staff)");
    let state = sandbox.state_text();
    assert!(
        state.contains(r#""change":{"due":{"from":null,"to":"2020-05-31"}}"#),
        "{state}"
    );
    tui.send("q");
}
