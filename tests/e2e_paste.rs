//! End to end: pasted text is data. The terminal is asked for bracketed
//! paste, and a paste goes into the box it was pasted into as one edit,
//! never through the keymap.

mod common;

use common::{Sandbox, Tui};

/// What a terminal sends for a paste once bracketed paste is on.
fn paste(text: &str) -> String {
    format!("\x1b[200~{text}\x1b[201~")
}

fn select_task_1(tui: &mut Tui) {
    tui.wait_text("done 0/100");
    tui.send("1");
    tui.wait_for("task 1 selected", |s| {
        Tui::selected_line(s).is_some_and(|l| l.contains("   1 "))
    });
}

#[test]
fn the_terminal_is_asked_for_bracketed_paste_and_released_on_exit() {
    let sandbox = Sandbox::new();
    let mut tui = sandbox.start(80, 24, &[]);
    tui.wait_raw("bracketed paste on", |raw| {
        raw.windows(8).any(|w| w == b"\x1b[?2004h")
    });
    tui.wait_text("done 0/100");
    tui.send("q");
    assert!(tui.wait_exit().success());
    let raw = tui.raw();
    assert!(
        raw.windows(8).any(|w| w == b"\x1b[?2004l"),
        "not turned off"
    );
}

#[test]
fn a_paste_into_the_note_editor_is_the_note_and_presses_no_keys() {
    let sandbox = Sandbox::new();
    let mut tui = sandbox.start(80, 24, &[]);
    select_task_1(&mut tui);
    tui.send("e");
    tui.wait_text("Edit note");
    // Enter, then j j d: without bracketed paste this saved the note, moved
    // down twice and marked task 3 done.
    tui.send(&paste("已报送司局\r下一步 jjd"));
    tui.wait_text("已报送司局 下一步 jjd");
    tui.send("\r");
    tui.wait_text("saved");
    let progress = sandbox.progress();
    let keys: Vec<String> = progress.iter().map(|(k, _)| k.to_string()).collect();
    assert_eq!(keys, ["2020-ip-strategy:1"]);
    let key = plantrack::model::TaskKey::new("2020-ip-strategy", 1);
    assert_eq!(progress.note(&key), "已报送司局 下一步 jjd");
    assert_eq!(
        progress.status(&key),
        plantrack::progress::Status::NotStarted
    );
    assert!(tui.screen().contains("done 0/100"));
}

#[test]
fn a_paste_outside_a_text_box_is_ignored_not_read_as_keys() {
    let sandbox = Sandbox::new();
    let mut tui = sandbox.start(80, 24, &[]);
    select_task_1(&mut tui);
    // q would quit, d would mark task 1 done.
    tui.send(&paste("dq"));
    // Still running and unchanged: the help opens on the next key.
    tui.send("?");
    tui.wait_text("Keys (Esc closes)");
    assert!(tui.screen().contains("done 0/100"));
    assert!(!sandbox.state().exists(), "nothing may have been marked");
    tui.send("?");
    tui.wait_for("the help closed", |s| !s.contains("Keys (Esc closes)"));
    tui.send("q");
    assert!(tui.wait_exit().success());
}

#[test]
fn a_long_paste_into_the_search_is_one_query() {
    let sandbox = Sandbox::new();
    let mut tui = sandbox.start(80, 24, &[]);
    tui.wait_text("done 0/100");
    tui.send("/");
    tui.wait_text("Search");
    // 3,900 characters with a line break inside; the box gets them all as
    // one line, and an Enter inside the paste does not jump to a hit.
    let long = format!("专利审查\r{}", "知识产权".repeat(974));
    tui.send(&paste(&long));
    tui.wait_text("权知识产权知识产权 ");
    // Home shows the start of the query: the line break became a space.
    tui.send("\x1b[H");
    tui.wait_text("/ 专利审查 知识产权知识产权");
    tui.send("\x1b");
    tui.wait_for("the search closed", |s| !s.contains("/ 专利审查"));
    tui.send("q");
    assert!(tui.wait_exit().success());
}
