//! End to end: resizing, signals, the Chinese interface and full-width keys.

mod common;

use common::{Sandbox, Tui};

#[test]
fn resized_to_60x20_the_screen_is_still_usable() {
    let sandbox = Sandbox::new();
    let mut tui = sandbox.start(80, 24, &[]);
    // The whole first frame, down to the status bar, before resizing.
    tui.wait_for("the first frame", |s| {
        s.lines().nth(23).is_some_and(|l| l.starts_with("? help"))
    });
    tui.resize(60, 20);
    let screen = tui.wait_for("a 60×20 frame", |s| {
        s.lines().count() == 20
            && s.lines().all(|l| plantrack::text::display_width(l) <= 60)
            && s.lines().nth(1).is_some_and(|l| l.ends_with('┐'))
            && s.lines().last().is_some_and(|l| l.starts_with("? help"))
    });
    assert!(screen.contains("[ ]○   1 "), "{screen}");
    tui.resize(30, 8);
    tui.wait_text("Too small: needs 40×10");
    tui.resize(80, 24);
    tui.wait_text("done 0/100");
    tui.send("q");
    assert!(tui.wait_exit().success());
}

#[test]
fn sighup_ends_the_program_with_the_marks_saved() {
    let sandbox = Sandbox::new();
    let mut tui = sandbox.start(80, 24, &[]);
    tui.wait_text("done 0/100");
    tui.send("1d");
    tui.wait_text("done 1/100");
    let status = std::process::Command::new("kill")
        .args(["-HUP", &tui.pid().to_string()])
        .status()
        .expect("run kill");
    assert!(status.success());
    let exit = tui.wait_exit();
    assert!(!exit.success(), "ends by the signal: {exit:?}");
    let state = sandbox.state_text();
    assert!(
        state.contains(r#""plan":"2020-ip-strategy","task":1,"#),
        "{state}"
    );
}

#[test]
fn chinese_interface_takes_full_width_keys_from_an_input_method() {
    let sandbox = Sandbox::new();
    let mut tui = Tui::start(
        sandbox.path(),
        80,
        24,
        &[
            "--state",
            sandbox.state().to_str().expect("utf-8"),
            "--lang",
            "zh",
        ],
    );
    tui.wait_text("完成 0/100");
    // ｊ moves down, ？ opens the help, Esc closes it, ｑ quits.
    tui.send("ｊ");
    tui.wait_for("the selection on the first group", |s| {
        Tui::selected_line(s).is_some_and(|l| l.contains("（一）改革完善知识产权政策"))
    });
    tui.send("？");
    tui.wait_text("按键（Esc 关闭）");
    tui.send("\x1b");
    tui.wait_for("the help closed", |s| !s.contains("按键（Esc 关闭）"));
    tui.send("ｑ");
    assert!(tui.wait_exit().success());
}
