//! End to end: the summary screen's per-part progress, and `y` on task 55
//! sending the task to the clipboard as an OSC 52 sequence, seen in the raw
//! bytes (the terminal emulator swallows it); `P` prints it after exit.

mod common;

use common::{Sandbox, Tui};
use plantrack::agencies::Registry;
use plantrack::clipboard::{self, Passthrough};
use plantrack::model::Catalog;
use plantrack::plan_io::{self, EMBEDDED_PLAN, Origin};
use plantrack::progress::Progress;
use plantrack::report::TaskOut;

/// Task 55 of the built-in plan as `y` copies it, unmarked.
fn task_55_text() -> String {
    let plan = plan_io::parse(EMBEDDED_PLAN.as_bytes(), &Origin::Embedded).expect("plan");
    let catalog = Catalog::new(vec![plan]);
    let index = catalog.find_number(55)[0];
    let task = TaskOut::of(&catalog, &Progress::default(), Registry::builtin(), index);
    clipboard::task_text(&task)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn summary_shows_part_progress_and_y_sends_task_55_by_osc52() {
    let sandbox = Sandbox::new();
    let mut tui = sandbox.start(80, 24, &[]);
    tui.wait_text("深化知识产权领域改革");
    tui.send("r");
    let screen = tui.wait_for("the summary's parts", |s| {
        s.contains("[Summary]") && s.contains("By part and group") && s.contains("? help")
    });
    let part = screen
        .lines()
        .find(|l| l.contains("一、深化知识产权领域改革"))
        .unwrap_or_default();
    assert!(part.contains('░') && part.contains("0/21"), "{screen}");
    assert!(screen.contains("0/100"), "overall: {screen}");

    tui.send("t55");
    tui.wait_for("task 55 selected in the tree", |s| {
        Tui::selected_line(s).is_some_and(|l| l.contains(" 55 加强专利审查"))
    });
    tui.send("y");
    let text = task_55_text();
    let sequence = clipboard::osc52(&text, Passthrough::None);
    tui.wait_raw("the OSC 52 sequence of task 55", |raw| {
        contains(raw, sequence.as_bytes())
    });
    tui.wait_text(&format!("copied task 55 ({} bytes) via OSC 52", text.len()));

    // P: printed on the normal screen once the program has left.
    tui.send("P");
    tui.wait_text("printed when you quit");
    tui.send("q");
    assert!(tui.wait_exit().success());
    // The terminal is cooked again: each newline arrives as CR LF. The
    // last bytes may still be in the pty when the exit is seen: wait.
    let printed = text.replace('\n', "\r\n");
    tui.wait_raw(
        "the copy printed after leaving the alternate screen",
        |raw| after_leaving(raw).is_some_and(|after| contains(after, printed.as_bytes())),
    );
}

/// What came after the program left the alternate screen for the last time.
fn after_leaving(raw: &[u8]) -> Option<&[u8]> {
    let leave = b"\x1b[?1049l";
    raw.windows(leave.len())
        .rposition(|w| w == leave)
        .map(|at| &raw[at..])
}
