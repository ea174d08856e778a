//! No control sequence from data reaches the terminal: a note written by a
//! teammate and a plan file from outside, both full of escape sequences,
//! through every command that prints them, and through the interface.

mod cli_support;
mod common;

use cli_support::plantrack;
use std::path::Path;

/// Sets the window title, writes the clipboard, and a C1 CSI (U+009B).
const ATTACK: &str = "\x1b]0;HACKED\x07\x1b]52;c;cGF3bmVk\x07\u{9b}2J\r";

/// A plan whose title, heading, task text and agency carry the attack.
fn hostile_plan(dir: &Path) -> std::path::PathBuf {
    let plan = serde_json::json!({
        "format_version": 1,
        "id": "evil",
        "title": format!("标题{ATTACK}"),
        "sections": [{
            "number": "一",
            "title": format!("部分{ATTACK}"),
            "tasks": [{
                "number": 1,
                "text": format!("任务{ATTACK}"),
                "agencies": [{"name": format!("知识产权局{ATTACK}"), "role": "lead"}]
            }]
        }]
    });
    let path = dir.join("evil.json");
    std::fs::write(&path, plan.to_string()).expect("write plan");
    path
}

/// The offending characters: ESC, BEL, CR and the C1 controls; output that
/// is not UTF-8 at all (a lone 0x9b byte is CSI to an 8-bit terminal) fails
/// on its own.
fn controls(bytes: &[u8]) -> Vec<(usize, char)> {
    let text = std::str::from_utf8(bytes).expect("output is UTF-8");
    text.char_indices()
        .filter(|&(_, c)| matches!(c, '\x1b' | '\x07' | '\r' | '\u{80}'..='\u{9f}'))
        .collect()
}

#[test]
fn no_command_prints_control_bytes_from_notes_or_plan_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plan = hostile_plan(dir.path());
    let plan = plan.to_str().expect("utf-8");
    let with_plan = |args: &[&str]| {
        let mut all = vec!["--plan", plan];
        all.extend_from_slice(args);
        all.into_iter().map(String::from).collect::<Vec<_>>()
    };
    let marked = plantrack(
        dir.path(),
        &with_plan(&["mark", "1", "blocked", "--note", ATTACK])
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    )
    .output()
    .expect("runs");
    assert!(
        marked.status.success(),
        "{}",
        String::from_utf8_lossy(&marked.stderr)
    );
    let commands: [&[&str]; 17] = [
        &["mark", "1", "done", "--note", "改过"],
        &["mark", "1", "blocked", "--note", ATTACK],
        &["show", "1"],
        &["show", "1", "--json"],
        &["history", "1"],
        &["history", "1", "--json"],
        &["list"],
        &["list", "--json"],
        &["search", "任务"],
        &["search", "任务", "--json"],
        &["agencies"],
        &["agency", "知识产权局"],
        &["report"],
        &["report", "--format", "csv"],
        &["report", "--format", "json"],
        &["validate"],
        &["validate", plan],
    ];
    for args in commands {
        let args = with_plan(args);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = plantrack(dir.path(), &args).output().expect("runs");
        assert!(
            !String::from_utf8_lossy(&out.stdout).is_empty() || !out.stderr.is_empty(),
            "{args:?} printed nothing"
        );
        assert_eq!(controls(&out.stdout), [], "stdout of {args:?}");
        assert_eq!(controls(&out.stderr), [], "stderr of {args:?}");
    }
    // The note itself is kept exactly as written.
    let out = plantrack(
        dir.path(),
        &with_plan(&["show", "1", "--json"])
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    )
    .output()
    .expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let note = json
        .as_array()
        .and_then(|a| a[0]["note"].as_str())
        .unwrap_or_default()
        .to_string();
    assert!(note.contains("]52;c;cGF3bmVk"), "{note:?}");
}

#[test]
fn the_interface_draws_and_prints_on_exit_no_control_bytes_from_data() {
    let sandbox = common::Sandbox::new();
    let plan = hostile_plan(sandbox.path());
    let state = sandbox.state();
    let marked = std::process::Command::new(env!("CARGO_BIN_EXE_plantrack"))
        .args(["--state", state.to_str().expect("utf-8"), "--plan"])
        .arg(&plan)
        .args(["mark", "1", "blocked", "--note", ATTACK])
        .output()
        .expect("runs");
    assert!(
        marked.status.success(),
        "{}",
        String::from_utf8_lossy(&marked.stderr)
    );
    let plan = plan.to_str().expect("utf-8");
    let mut tui = sandbox.start(120, 40, &["--plan", plan]);
    tui.wait_text("done 0/1");
    tui.send("j");
    tui.send("j");
    tui.wait_for("task 1 selected", |s| {
        common::Tui::selected_line(s).is_some_and(|l| l.contains("任务"))
    });
    // Copy the task, print the copy on exit, quit.
    tui.send("y");
    tui.wait_text("opied");
    tui.send("P");
    tui.send("q");
    assert!(tui.wait_exit().success());
    let raw = tui.raw();
    let text = String::from_utf8_lossy(&raw);
    assert!(
        !text.contains("\x1b]0;HACKED"),
        "title sequence reached the terminal"
    );
    assert!(
        !text.contains("\x1b]52;c;cGF3"),
        "clipboard sequence reached the terminal"
    );
    assert!(!text.contains('\u{9b}'), "C1 CSI reached the terminal");
    // The print on exit happened, with the attack shown as text.
    assert!(text.contains("␛]52;c;cGF3bmVk"), "{text}");
}
