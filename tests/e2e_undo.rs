//! End to end: undo takes back only your own last change, and not once a
//! teammate has changed the task after it.

mod common;

use common::{Sandbox, Tui};

fn mark_as(sandbox: &Sandbox, user: &str, args: &[&str]) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_plantrack"))
        .args(["--state", sandbox.state().to_str().expect("utf-8"), "mark"])
        .args(args)
        .current_dir(sandbox.path())
        .env("PLANTRACK_USER", user)
        .output()
        .expect("mark runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn status_of_1(sandbox: &Sandbox) -> String {
    sandbox
        .progress()
        .status(&plantrack::model::TaskKey::new("2020-ip-strategy", 1))
        .to_string()
}

#[test]
fn undo_refuses_once_a_teammate_changed_the_task_and_names_them() {
    let sandbox = Sandbox::new();
    let mut tui = sandbox.start(120, 40, &[]);
    tui.wait_text("done 0/100");
    tui.send("1");
    tui.wait_for("task 1 selected", |s| {
        Tui::selected_line(s).is_some_and(|l| l.contains("   1 "))
    });
    tui.send("d");
    tui.wait_text("saved");
    // A teammate marks the same task blocked; the interface reads it.
    mark_as(&sandbox, "bob", &["1", "blocked"]);
    tui.wait_for("bob's mark shown", |s| {
        Tui::selected_line(s).is_some_and(|l| l.contains("[!]"))
    });
    tui.send("u");
    tui.wait_text("not undone: task 1 was changed by bob at");
    assert_eq!(status_of_1(&sandbox), "blocked");
    tui.send("q");
    assert!(tui.wait_exit().success());
    assert_eq!(status_of_1(&sandbox), "blocked");
}

#[test]
fn undo_after_your_own_later_changes_still_works() {
    let sandbox = Sandbox::new();
    let mut tui = sandbox.start(120, 40, &[]);
    tui.wait_text("done 0/100");
    tui.send("1");
    tui.wait_for("task 1 selected", |s| {
        Tui::selected_line(s).is_some_and(|l| l.contains("   1 "))
    });
    tui.send("d");
    tui.wait_text("done 1/100");
    // Blocked asks why first; Enter with no reason marks it.
    tui.send("b");
    tui.wait_text("Why blocked");
    tui.send("\r");
    tui.wait_for("blocked", |s| {
        Tui::selected_line(s).is_some_and(|l| l.contains("[!]"))
    });
    tui.send("u");
    tui.wait_text("done 1/100");
    tui.send("u");
    tui.wait_text("done 0/100");
    tui.send("q");
    assert!(tui.wait_exit().success());
    assert_eq!(status_of_1(&sandbox), "not_started");
}
