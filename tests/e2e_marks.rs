//! End to end: marking a task, seeing the count change, and finding the
//! mark again after a restart.

mod common;

use common::{Sandbox, Tui};

fn mark_55_done(tui: &mut Tui) {
    tui.wait_text("done 0/100");
    tui.send("55");
    tui.wait_for("55 selected", |s| {
        Tui::selected_line(s).is_some_and(|l| l.contains(" 55 "))
    });
    tui.send("d");
    tui.wait_text("done 1/100");
    tui.wait_text("saved");
}

#[test]
fn marking_a_task_done_changes_the_counts() {
    let sandbox = Sandbox::new();
    let mut tui = sandbox.start(80, 24, &[]);
    mark_55_done(&mut tui);
    let screen = tui.screen();
    assert!(
        Tui::selected_line(&screen).is_some_and(|l| l.contains("[x]   55")),
        "{screen}"
    );
    assert!(screen.contains("三、促进知识产权创造运用"), "{screen}");
    let state = sandbox.state_text();
    assert!(
        state.contains(r#""plan":"2020-ip-strategy","task":55,"#),
        "{state}"
    );
    assert!(state.contains("\"tester\""), "{state}");
    // Undo records the way back.
    tui.send("u");
    tui.wait_text("done 0/100");
}

#[test]
fn a_mark_is_still_there_after_quitting_and_coming_back() {
    let sandbox = Sandbox::new();
    let mut tui = sandbox.start(80, 24, &[]);
    mark_55_done(&mut tui);
    tui.send("q");
    assert!(tui.wait_exit().success());
    drop(tui);

    let mut again = sandbox.start(80, 24, &[]);
    again.wait_text("done 1/100");
    again.send("55");
    again.wait_for("55 marked done", |s| {
        Tui::selected_line(s).is_some_and(|l| l.contains("[x]   55"))
    });
    again.send("\r");
    again.wait_text("tester not started → done");
}

#[test]
fn a_mark_made_in_another_terminal_appears_without_a_key() {
    let sandbox = Sandbox::new();
    let tui = sandbox.start(80, 24, &[]);
    tui.wait_text("done 0/100");
    let state = sandbox.state();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_plantrack"))
        .args([
            "--state",
            state.to_str().expect("utf-8 path"),
            "mark",
            "7",
            "done",
        ])
        .current_dir(sandbox.path())
        .output()
        .expect("mark runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The interface polls the state file about once a second.
    tui.wait_text("done 1/100");
}
