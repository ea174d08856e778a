//! The meeting features driven by actions: the summary, the focus view,
//! copying; and the loop's edge, where the OSC 52 bytes are written.

use crate::clipboard::{self, Passthrough};
use crate::i18n::Lang;
use crate::model::TaskKey;
use crate::progress::{Change, ChangeKind, Progress, Status};
use crate::report::{self, TaskOut};
use crate::tui::action::Action;
use crate::tui::app::Effect;
use crate::tui::data::Data;
use crate::tui::fixture::{LONG_TEXT, app, data, run, type_text};
use crate::tui::persist::Saver;
use crate::tui::state::{App, Overlay, Screen};
use crate::tui::summary::Row;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

fn number(app: &App, data: &Data) -> Option<u32> {
    app.current_task()
        .map(|t| data.catalog.tasks[t].task.number)
}

fn message(app: &App) -> String {
    app.message.clone().map(|m| m.0).unwrap_or_default()
}

/// 55 blocked with a note, 11 done, 1 in progress.
fn marked(lang: Lang) -> (Data, App) {
    let data = data(lang);
    let mut app = app(&data, 80, 24);
    let mut actions = vec![
        Action::Digit(5),
        Action::Digit(5),
        Action::SetStatus(Status::Blocked),
        Action::Submit,
        Action::EditNote,
    ];
    actions.extend(type_text("等待财政部意见"));
    actions.extend([
        Action::Submit,
        Action::Digit(1),
        Action::Digit(1),
        Action::SetStatus(Status::Done),
        Action::Digit(1),
        Action::SetStatus(Status::InProgress),
    ]);
    run(&mut app, &data, actions);
    (data, app)
}

fn task_row(app: &App, wanted: u32, data: &Data) -> usize {
    let summary = app.summary.as_ref().expect("summary shown");
    summary
        .rows
        .iter()
        .position(
            |r| matches!(r, Row::Task { at, .. } if data.catalog.tasks[*at].task.number == wanted),
        )
        .expect("task listed")
}

#[test]
fn the_summary_shows_the_reports_numbers_and_lists_with_notes() {
    let (data, mut app) = marked(Lang::En);
    run(&mut app, &data, [Action::ShowSummary]);
    assert_eq!(app.screen, Screen::Summary);
    let summary = app.summary.as_ref().expect("summary shown");
    let expected = report::report(
        &data.catalog,
        &app.progress,
        data.registry,
        &report::Options {
            day: Some(crate::deadline::Day {
                today: data.today(),
                rules: data.rules,
            }),
            ..report::Options::default()
        },
        data.today(),
    )
    .expect("report");
    assert_eq!(
        summary.report, expected,
        "the report, as the subcommand makes it"
    );
    assert_eq!(summary.report.overall.done, 1);
    let at_55 = task_row(&app, 55, &data);
    let summary = app.summary.as_ref().expect("summary shown");
    assert!(matches!(summary.rows[at_55 + 1], Row::Note { .. }));
    assert!(
        summary
            .rows
            .contains(&Row::Heading(crate::i18n::Label::ByPart))
    );
    assert!(summary.rows.iter().any(|r| matches!(r, Row::Agency(_))));
}

#[test]
fn the_summary_scrolls_over_its_rows_and_enter_jumps_to_the_task() {
    let (data, mut app) = marked(Lang::En);
    run(&mut app, &data, [Action::ShowSummary]);
    let selected = |app: &App| app.summary.as_ref().map(|s| s.cursor.selected);
    assert_eq!(selected(&app), Some(0));
    run(&mut app, &data, [Action::Down, Action::Down, Action::Down]);
    let row = app.summary.as_ref().and_then(|s| s.selected_row());
    assert_eq!(
        row,
        Some(Row::Heading(crate::i18n::Label::ByPart)),
        "the blank line is skipped"
    );
    run(&mut app, &data, [Action::Top]);
    assert_eq!(selected(&app), Some(0));
    app.dirty = false;
    run(&mut app, &data, [Action::Up]);
    assert!(!app.dirty, "nothing above the top");
    run(&mut app, &data, [Action::PageDown]);
    assert!(selected(&app) > Some(5), "half a page at once");
    run(&mut app, &data, [Action::Bottom]);
    // The second plan's task is the last one not started.
    assert_eq!(number(&app, &data), Some(1));
    let at_55 = task_row(&app, 55, &data);
    while selected(&app) != Some(at_55) {
        run(&mut app, &data, [Action::Up]);
    }
    run(&mut app, &data, [Action::Activate]);
    assert_eq!(app.screen, Screen::Tree);
    assert_eq!(number(&app, &data), Some(55));
}

#[test]
fn enter_on_an_agency_of_the_summary_opens_its_tasks() {
    let (data, mut app) = marked(Lang::En);
    run(&mut app, &data, [Action::ShowSummary]);
    while !matches!(
        app.summary.as_ref().and_then(|s| s.selected_row()),
        Some(Row::Agency(_))
    ) {
        run(&mut app, &data, [Action::Down]);
    }
    run(&mut app, &data, [Action::Activate]);
    assert_eq!(app.screen, Screen::AgencyTasks);
    assert_eq!(data.agencies[app.agency_tasks.agency].name, "知识产权局");
    run(&mut app, &data, [Action::ShowSummary, Action::Back]);
    assert_eq!(
        app.screen,
        Screen::Tree,
        "Esc leaves the summary for the tree"
    );
}

#[test]
fn enter_on_a_group_of_the_summary_shows_it_opened_in_the_tree() {
    let (data, mut app) = marked(Lang::En);
    // Fold the first part, then ask for its second group.
    run(
        &mut app,
        &data,
        [Action::Top, Action::Collapse, Action::ShowSummary],
    );
    while !matches!(
        app.summary.as_ref().and_then(|s| s.selected_row()),
        Some(Row::Part(2))
    ) {
        run(&mut app, &data, [Action::Down]);
    }
    run(&mut app, &data, [Action::Activate]);
    assert_eq!(app.screen, Screen::Tree);
    let Some(crate::tui::lists::Node::Section(index)) = app.selected_row().map(|r| r.node()) else {
        panic!("a section is selected");
    };
    assert_eq!(
        data.catalog.sections[index].heading(),
        "（二）深化知识产权领域“放管服”改革"
    );
    assert!(app.tree.collapsed.is_empty(), "its part is opened");
}

#[test]
fn the_summary_follows_marks_from_other_terminals() {
    let (data, mut app) = marked(Lang::En);
    run(&mut app, &data, [Action::ShowSummary, Action::Down]);
    let mut theirs = app.progress.clone();
    theirs.record(
        TaskKey::new("p", 56),
        Change::new(
            jiff::Timestamp::from_second(1_700_000_100).expect("time"),
            "bob",
            ChangeKind::Status {
                from: Status::NotStarted,
                to: Status::Done,
                reason: String::new(),
            },
        ),
    );
    run(&mut app, &data, [Action::Reloaded(theirs)]);
    let summary = app.summary.as_ref().expect("summary shown");
    assert_eq!(summary.report.overall.done, 2);
    assert_eq!(summary.cursor.selected, 1, "the place is kept");
}

fn task_55_text() -> String {
    format!("55. {LONG_TEXT}\n牵头部门：知识产权局\n参与部门：市场监管总局、公安部\n状态：未开始\n")
}

#[test]
fn y_copies_the_selected_task_and_says_so_with_its_size() {
    let data = data(Lang::En);
    let mut app = app(&data, 80, 24);
    let effects = run(
        &mut app,
        &data,
        [Action::Digit(5), Action::Digit(5), Action::CopyTask],
    );
    let text = task_55_text();
    assert_eq!(effects, [Effect::Copy(text.clone())]);
    assert_eq!(
        message(&app),
        format!(
            "copied task 55 ({} bytes) via OSC 52 · nothing? P prints it on exit",
            text.len()
        )
    );
    let zh = self::data(Lang::Zh);
    let mut app = self::app(&zh, 80, 24);
    run(
        &mut app,
        &zh,
        [Action::Digit(5), Action::Digit(5), Action::CopyTask],
    );
    assert!(
        message(&app).starts_with("已用 OSC 52 复制任务 55（"),
        "{}",
        message(&app)
    );
}

#[test]
fn inside_a_tmux_that_drops_the_copy_y_says_how_to_let_it_through() {
    let mut data = data(Lang::En);
    data.tmux_blocks_copy = true;
    let mut app = app(&data, 80, 24);
    let effects = run(
        &mut app,
        &data,
        [Action::Digit(5), Action::Digit(5), Action::CopyTask],
    );
    // Still sent: the user may turn the option on and press y again.
    assert_eq!(effects, [Effect::Copy(task_55_text())]);
    assert!(
        message(&app).contains("set -g allow-passthrough on"),
        "{}",
        message(&app)
    );
}

#[test]
fn y_on_a_section_copies_nothing_and_says_why() {
    let data = data(Lang::En);
    let mut app = app(&data, 80, 24);
    assert!(run(&mut app, &data, [Action::CopyTask]).is_empty());
    assert_eq!(app.message.as_ref().map(|m| m.1), Some(true));
}

fn copied_numbers(effects: &[Effect]) -> Vec<u32> {
    let [Effect::Copy(text)] = effects else {
        panic!("one copy, got {effects:?}");
    };
    text.split("\n\n")
        .filter_map(|task| task.split('.').next()?.parse().ok())
        .collect()
}

#[test]
fn capital_y_copies_the_list_on_screen() {
    let (data, mut app) = marked(Lang::En);
    // The tree: the tasks in view, a folded group's left out.
    run(
        &mut app,
        &data,
        [Action::Top, Action::Down, Action::Collapse],
    );
    let effects = run(&mut app, &data, [Action::CopyList]);
    assert_eq!(copied_numbers(&effects), [20, 55, 56, 60]);
    assert!(
        message(&app).starts_with("copied 4 tasks ("),
        "{}",
        message(&app)
    );
    // An agency's tasks, lead first.
    run(
        &mut app,
        &data,
        [Action::ShowAgencies, Action::Down, Action::Activate],
    );
    let effects = run(&mut app, &data, [Action::CopyList]);
    assert_eq!(copied_numbers(&effects), [11, 20, 55, 60]);
    // The search results, with Ctrl keys there (letters are text).
    run(&mut app, &data, [Action::OpenSearch]);
    run(&mut app, &data, type_text("审查"));
    let Overlay::Search(search) = &app.overlay else {
        panic!("search is open");
    };
    let hits: Vec<u32> = search
        .hits
        .ranked()
        .iter()
        .map(|h| data.catalog.tasks[h.task()].task.number)
        .collect();
    assert!(hits.len() > 1 && hits[0] == 55, "{hits:?}");
    let effects = run(&mut app, &data, [Action::CopyList]);
    assert_eq!(copied_numbers(&effects), hits);
    let effects = run(&mut app, &data, [Action::Down, Action::CopyTask]);
    assert_eq!(copied_numbers(&effects), [hits[1]]);
    assert!(
        matches!(app.overlay, Overlay::Search(_)),
        "the search stays open"
    );
    // The summary: blocked, then not started.
    run(&mut app, &data, [Action::Back, Action::ShowSummary]);
    let effects = run(&mut app, &data, [Action::CopyList]);
    assert_eq!(copied_numbers(&effects), [55, 20, 56, 60, 1]);
    let [Effect::Copy(text)] = effects.as_slice() else {
        panic!("one copy");
    };
    assert!(text.contains("备注：等待财政部意见"), "notes go along");
}

#[test]
fn p_queues_the_last_copy_for_printing_on_exit() {
    let data = data(Lang::En);
    let mut app = app(&data, 80, 24);
    run(&mut app, &data, [Action::PrintOnExit]);
    assert_eq!(message(&app), "nothing copied yet: press y first");
    assert_eq!(app.clip.print_on_exit, None);
    run(
        &mut app,
        &data,
        [Action::Digit(5), Action::Digit(5), Action::CopyTask],
    );
    run(&mut app, &data, [Action::PrintOnExit]);
    let text = task_55_text();
    assert_eq!(app.clip.print_on_exit.as_deref(), Some(text.as_str()));
    assert!(
        message(&app).contains("printed when you quit"),
        "{}",
        message(&app)
    );
    let mut out = Vec::new();
    super::print_queued(&app, &mut out).expect("print");
    assert_eq!(out, text.as_bytes());
}

#[test]
fn a_failed_copy_is_reported() {
    let data = data(Lang::En);
    let mut app = app(&data, 80, 24);
    run(&mut app, &data, [Action::CopyFailed("broken pipe".into())]);
    assert_eq!(
        app.message,
        Some(("could not send to the clipboard: broken pipe".into(), true))
    );
}

#[test]
fn the_focus_view_steps_through_the_list_it_came_from() {
    let (data, mut app) = marked(Lang::En);
    run(
        &mut app,
        &data,
        [Action::Digit(5), Action::Digit(5), Action::OpenFocus],
    );
    assert_eq!(app.screen, Screen::Focus);
    assert_eq!(app.mode(), crate::tui::keymap::Mode::Focus);
    assert_eq!(number(&app, &data), Some(55));
    run(&mut app, &data, [Action::NextTask]);
    assert_eq!(number(&app, &data), Some(56));
    run(&mut app, &data, [Action::NextTask]);
    app.dirty = false;
    run(&mut app, &data, [Action::NextTask]);
    assert_eq!(number(&app, &data), Some(60), "the last task stays");
    assert!(!app.dirty);
    run(
        &mut app,
        &data,
        [Action::PrevTask, Action::SetStatus(Status::Done)],
    );
    assert_eq!(
        app.statuses[4],
        Status::Done,
        "marks work in the focus view"
    );
    run(&mut app, &data, [Action::Down, Action::Down]);
    assert_eq!(app.spotlight.scroll, 2);
    run(&mut app, &data, [Action::NextTask]);
    assert_eq!(app.spotlight.scroll, 0, "a new task starts at its top");
    run(&mut app, &data, [Action::Back]);
    assert_eq!(app.screen, Screen::Tree);
    assert_eq!(number(&app, &data), Some(60), "the tree follows n / p");
}

#[test]
fn the_focus_view_from_a_section_or_the_summary() {
    let (data, mut app) = marked(Lang::En);
    run(&mut app, &data, [Action::Top, Action::OpenFocus]);
    assert_eq!(
        number(&app, &data),
        Some(1),
        "the first task under the part"
    );
    run(
        &mut app,
        &data,
        [Action::Back, Action::ShowSummary, Action::Bottom],
    );
    run(&mut app, &data, [Action::OpenFocus]);
    assert_eq!(app.spotlight.from, Screen::Summary);
    let listed: Vec<u32> = app
        .spotlight
        .tasks
        .iter()
        .map(|&t| data.catalog.tasks[t].task.number)
        .collect();
    assert_eq!(listed, [55, 20, 56, 60, 1]);
    run(&mut app, &data, [Action::PrevTask, Action::Back]);
    assert_eq!(app.screen, Screen::Summary);
    assert_eq!(number(&app, &data), Some(60));
    // A mark made in the focus view is in the summary on the way back.
    run(
        &mut app,
        &data,
        [
            Action::OpenFocus,
            Action::SetStatus(Status::Done),
            Action::Back,
        ],
    );
    let summary = app.summary.as_ref().expect("summary shown");
    assert_eq!(summary.report.overall.done, 2);
    assert!(!summary.listed().contains(&5), "60 is no longer listed");
    // The agency view has no task to show alone.
    run(&mut app, &data, [Action::ShowAgencies, Action::OpenFocus]);
    assert_eq!(app.screen, Screen::Agencies);
}

/// The loop's edge: the copy effect of `y` on task 55 becomes exactly
/// these bytes on the terminal, in one OSC 52 sequence (wrapped for tmux).
#[test]
fn the_loop_writes_the_exact_osc52_bytes() {
    let data = data(Lang::En);
    let (results, receiver) = std::sync::mpsc::channel();
    let replica = crate::replica::Replica::new(crate::tui::fixture::catalog(), Vec::new());
    let saver = Saver::spawn(replica, results, receiver).expect("saver thread");
    for (passthrough, head, tail) in [
        (Passthrough::None, "\x1b]52;c;", "\x07"),
        (Passthrough::Tmux, "\x1bPtmux;\x1b\x1b]52;c;", "\x07\x1b\\"),
    ] {
        let mut app = app(&data, 80, 24);
        run(&mut app, &data, [Action::Digit(5), Action::Digit(5)]);
        let mut out: Vec<u8> = Vec::new();
        let quit = crate::tui::perform(
            &mut app,
            &data,
            &saver,
            (&mut out, passthrough),
            &mut None,
            Action::CopyTask,
        );
        assert!(!quit);
        let expected = format!("{head}{}{tail}", STANDARD.encode(task_55_text()));
        assert_eq!(String::from_utf8(out).expect("ascii"), expected);
    }
    // The same text the `report` module's TaskOut gives the clipboard module.
    let progress = Progress::default();
    let out = TaskOut::of(&data.catalog, &progress, data.registry, 3);
    assert_eq!(clipboard::task_text(&out), task_55_text());
}

#[test]
fn t_copies_the_list_as_tab_separated_rows_in_the_units_columns() {
    let data = data(Lang::Zh);
    let mut app = app(&data, 120, 40);
    run(
        &mut app,
        &data,
        [Action::ShowAgencies, Action::Down, Action::Activate],
    );
    let effects = run(&mut app, &data, [Action::CopyTable]);
    let [Effect::Copy(text)] = effects.as_slice() else {
        panic!("one copy: {effects:?}");
    };
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows[0], crate::report::office::COLUMNS);
    let numbers: Vec<&str> = rows[1..].iter().map(|r| r[0]).collect();
    assert_eq!(
        numbers,
        ["11", "20", "55", "60"],
        "the list's tasks, lead first"
    );
    assert!(rows.iter().all(|r| r.len() == 8), "{rows:?}");
    assert_eq!(rows[3][7], "未开始");
}
