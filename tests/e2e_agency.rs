//! End to end: an agency's tasks, the lead ones first.

mod common;

use common::{Sandbox, Tui};

#[test]
fn agency_view_shows_market_regulation_lead_tasks_first() {
    let sandbox = Sandbox::new();
    let mut tui = sandbox.start(80, 24, &[]);
    tui.wait_text("深化知识产权领域改革");
    tui.send("a");
    tui.wait_text("Agencies (");
    for _ in 0..60 {
        let screen = tui.screen();
        if Tui::selected_line(&screen).is_some_and(|l| l.contains("市场监管总局")) {
            break;
        }
        let before = Tui::selected_line(&screen).map(String::from);
        tui.send("j");
        tui.wait_for("the selection to move", |s| {
            Tui::selected_line(s).map(String::from) != before
        });
    }
    tui.send("\r");
    // The whole new frame: the agency list's bars are gone.
    let screen = tui.wait_for("the agency's tasks", |s| {
        s.contains("市场监管总局 · lead") && !s.contains('░') && s.contains("? help")
    });
    let rows: Vec<&str> = screen.lines().filter(|l| l.contains("[ ]")).collect();
    let leads = rows.iter().take_while(|l| l.contains(" lead ")).count();
    assert!(leads > 0, "{screen}");
    assert!(rows.len() > leads, "participating tasks follow: {screen}");
    assert!(
        rows[leads..].iter().all(|l| !l.contains(" lead ")),
        "no lead task after the others:\n{screen}"
    );
    // Esc goes back to the list.
    tui.send("\x1b");
    tui.wait_text("Agencies (");
}
