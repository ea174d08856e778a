//! End to end: finding task 55 by Chinese text and by pinyin initials.

mod common;

use common::{Sandbox, Tui};

#[test]
fn search_by_chinese_text_finds_task_55_and_enter_jumps_there() {
    let sandbox = Sandbox::new();
    let mut tui = sandbox.start(80, 24, &[]);
    tui.wait_text("深化知识产权领域改革");
    tui.send("/专利审查");
    tui.wait_for("task 55 among the hits", |s| {
        s.contains("found")
            && s.lines()
                .any(|l| l.contains(" 55 ") && l.contains("专利审查"))
    });
    // Two more characters leave 55 the only hit; once the box shows them
    // every key has been handled, so Enter acts on that one hit (an earlier
    // half-drawn frame cannot mislead a selection made by looking).
    tui.send("能力");
    tui.wait_for("55 as the only hit", |s| {
        s.contains("/ 专利审查能力") && s.contains("1 found")
    });
    tui.send("\r");
    // The tree row shows the text from its start (a hit row starts at the
    // match), under its group.
    tui.wait_for("the tree with 55 selected", |s| {
        s.contains("（一）提高知识产权审查质量和效率")
            && Tui::selected_line(s).is_some_and(|l| l.contains(" 55 加强专利审查"))
    });
}

#[test]
fn words_separated_by_a_space_must_all_match() {
    let sandbox = Sandbox::new();
    let mut tui = sandbox.start(80, 24, &[]);
    tui.wait_text("深化知识产权领域改革");
    tui.send("/专利 商标");
    // 5 tasks hold both words (`plantrack search 专利 商标`), against
    // dozens for 专利 alone; 42 holds them as 商标专利.
    tui.wait_for("the tasks with both words", |s| {
        s.contains("/ 专利 商标") && s.contains("5 found") && s.contains(" 42 ")
    });
    // C-w takes back the second word: all the 专利 tasks again.
    tui.send("\x17");
    tui.wait_for("the 专利 hits", |s| found(s).is_some_and(|n| n > 5));
}

#[test]
fn search_by_pinyin_initials_finds_the_chinese_text() {
    let sandbox = Sandbox::new();
    let mut tui = sandbox.start(80, 24, &[]);
    tui.wait_text("深化知识产权领域改革");
    tui.send("/zlsc");
    tui.wait_for("task 55 among the zlsc hits", |s| {
        s.lines()
            .any(|l| l.contains(" 55 ") && l.contains("专利审查"))
    });
    // Esc goes back to where the user was: the top of the tree.
    tui.send("\x1b");
    tui.wait_for("the tree again", |s| {
        Tui::selected_line(s).is_some_and(|l| l.contains("一、深化知识产权领域改革"))
    });
}

/// The hit count the search box shows ("21 found").
fn found(screen: &str) -> Option<usize> {
    let before = &screen[..screen.find(" found")?];
    let digits = before.rsplit(|c: char| !c.is_ascii_digit()).next()?;
    digits.parse().ok()
}
