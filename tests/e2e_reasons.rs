//! End to end: blocking a task asks why and keeps the answer, and the view
//! of a past day is read-only, in the real binary on a terminal.

mod common;

use common::{Sandbox, Tui};

#[test]
fn blocked_asks_why_and_the_past_day_is_read_only() {
    let sandbox = Sandbox::new();
    let mut tui = sandbox.start(100, 30, &[]);
    tui.wait_text("done 0/100");
    tui.send("55");
    tui.wait_for("55 selected", |s| {
        Tui::selected_line(s).is_some_and(|l| l.contains("[ ]○  55"))
    });
    // b asks first; Esc marks nothing.
    tui.send("b");
    tui.wait_text("Why blocked · Task 55");
    tui.send("\x1b");
    tui.wait_for("the box closed", |s| !s.contains("Why blocked"));
    assert!(
        Tui::selected_line(&tui.screen()).is_some_and(|l| l.contains("[ ]○  55")),
        "Esc left the task as it was"
    );
    tui.send("b");
    tui.wait_text("Why blocked · Task 55");
    tui.send("等待财政部会签\r");
    tui.wait_for("55 blocked", |s| {
        Tui::selected_line(s).is_some_and(|l| l.contains("[!]○  55"))
    });
    tui.wait_text("(reason: 等待财政部会签)");
    tui.wait_text("saved");
    tui.send("\r");
    tui.wait_text("Reason: 等待财政部会签");
    let state = sandbox.state_text();
    assert!(
        state.contains(
            r#""change":{"status":{"from":"not_started","to":"blocked","reason":"等待财政部会签"}}"#
        ),
        "{state}"
    );

    // The mark was made today (the real clock), so on 2020-06-30 the task
    // had not been touched; the view says what it is and refuses marks.
    tui.send("\t@");
    tui.wait_text("The plan as of a day");
    tui.send("2020-06-30\r");
    tui.wait_text("as of 2020-06-30 · read-only");
    tui.wait_for("55 as it was", |s| {
        Tui::selected_line(s).is_some_and(|l| l.contains("[ ]○  55"))
    });
    tui.send("d");
    tui.wait_text("read-only: this is the plan as of a past day");
    tui.send("@");
    tui.wait_for("back to now", |s| {
        !s.contains("as of 2020-06-30")
            && Tui::selected_line(s).is_some_and(|l| l.contains("[!]○  55"))
    });
    tui.send("q");
}
