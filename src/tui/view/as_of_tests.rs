//! The read-only view of a past day, a suspended task, and the light
//! filter: on a history built with fixed times, at both sizes, with and
//! without colour.

use crate::deadline::Light;
use crate::i18n::Lang;
use crate::model::TaskKey;
use crate::progress::{Change, ChangeKind, Progress, Status};
use crate::tui::action::Action;
use crate::tui::app::{Effect, Save};
use crate::tui::data::Data;
use crate::tui::fixture::{data, run, screen, type_text};
use crate::tui::lists::Node;
use crate::tui::state::{App, Overlay};
use crate::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn at(text: &str) -> jiff::Timestamp {
    text.parse().expect("test time")
}

fn status(from: Status, to: Status, reason: &str) -> ChangeKind {
    ChangeKind::Status {
        from,
        to,
        reason: reason.into(),
    }
}

/// Task 1 done in November; task 11 blocked in May (waiting for a
/// countersignature), in progress again in July; task 55 suspended in June;
/// task 56 given 2020-06-15 as its limit in June.
fn history() -> Progress {
    let mut progress = Progress::default();
    let mut add = |n: u32, when: &str, what: ChangeKind| {
        let mut change = Change::new(at(when), "张三", what);
        change.id = format!("{n}-{when}");
        change.agency = Some("知识产权局".into());
        progress.record(TaskKey::new("p", n), change);
    };
    add(
        1,
        "2020-11-10T02:00:00Z",
        status(Status::NotStarted, Status::Done, ""),
    );
    add(
        11,
        "2020-05-20T02:00:00Z",
        status(Status::NotStarted, Status::Blocked, "等待会签"),
    );
    add(
        11,
        "2020-07-02T02:00:00Z",
        status(Status::Blocked, Status::InProgress, ""),
    );
    add(
        55,
        "2020-06-10T02:00:00Z",
        status(
            Status::InProgress,
            Status::Suspended,
            "职责已划转至市场监管总局",
        ),
    );
    add(
        56,
        "2020-06-20T02:00:00Z",
        ChangeKind::Due {
            from: None,
            to: Some(jiff::civil::date(2020, 6, 15)),
        },
    );
    progress
}

/// The session of 2020-12-20 on that history.
fn session(lang: Lang, color: bool, size: (u16, u16)) -> (App, Data) {
    let mut data = data(lang);
    data.theme = Theme::new(color);
    data.fixed_today = Some(jiff::civil::date(2020, 12, 20));
    let mut app = App::new(&data, history());
    run(&mut app, &data, [Action::Resize(size.0, size.1)]);
    (app, data)
}

fn open_as_of(app: &mut App, data: &Data, day: &str) {
    let mut actions = vec![Action::OpenAsOf];
    actions.extend(type_text(day));
    actions.push(Action::Submit);
    run(app, data, actions);
}

fn task(data: &Data, number: u32) -> usize {
    data.catalog.find_number(number)[0]
}

#[test]
fn the_as_of_view_is_the_fold_of_that_day_with_its_lights() {
    let (mut app, data) = session(Lang::Zh, false, (120, 40));
    assert_eq!(app.statuses[task(&data, 1)], Status::Done);
    open_as_of(&mut app, &data, "2020-06-30");
    assert_eq!(app.overlay, Overlay::None);
    let as_of = app.as_of.as_ref().expect("the view of June 30");
    assert_eq!(as_of.day, jiff::civil::date(2020, 6, 30));
    assert_eq!(
        app.statuses[task(&data, 1)],
        Status::NotStarted,
        "done in November"
    );
    assert_eq!(app.statuses[task(&data, 11)], Status::Blocked);
    assert_eq!(app.progress.reason(&TaskKey::new("p", 11)), "等待会签");
    assert_eq!(app.statuses[task(&data, 55)], Status::Suspended);
    assert_eq!(app.lights[task(&data, 55)], None);
    // Past its limit of June 15 on June 30; on December 20 every task not
    // done is past the plan's year-end default minus 15 days: yellow.
    assert_eq!(app.lights[task(&data, 56)], Some(Light::Red));
    assert_eq!(app.lights[task(&data, 20)], Some(Light::Green));
    let text = screen(&app, &data);
    assert!(text.contains("截至 2020年6月30日 · 只读"), "{text}");

    // The same key goes back to today.
    run(&mut app, &data, [Action::OpenAsOf]);
    assert!(app.as_of.is_none());
    assert_eq!(app.statuses[task(&data, 1)], Status::Done);
    assert_eq!(app.lights[task(&data, 20)], Some(Light::Yellow));
    // And Esc in the tree does too.
    open_as_of(&mut app, &data, "6月底");
    assert!(app.as_of.is_some(), "the Chinese forms of due work");
    run(&mut app, &data, [Action::Back]);
    assert!(app.as_of.is_none());
}

#[test]
fn every_key_that_changes_something_refuses_in_the_past() {
    let (mut app, data) = session(Lang::En, false, (120, 40));
    open_as_of(&mut app, &data, "2020-06-30");
    run(&mut app, &data, [Action::Digit(2), Action::Digit(0)]);
    let twenty = task(&data, 20);
    let before = app.progress.clone();
    for action in [
        Action::SetStatus(Status::Done),
        Action::SetStatus(Status::Blocked),
        Action::SetStatus(Status::Suspended),
        Action::CycleStatus,
        Action::EditNote,
        Action::EditDue,
        Action::EditFeedback,
        Action::Undo,
    ] {
        let effects = run(&mut app, &data, [action.clone()]);
        assert!(effects.is_empty(), "{action:?} wrote {effects:?}");
        assert_eq!(app.overlay, Overlay::None, "{action:?} opened a box");
        let (message, error) = app.message.clone().expect("a refusal");
        assert!(
            error && message.contains("read-only"),
            "{action:?}: {message}"
        );
    }
    assert_eq!(app.progress, before);
    assert_eq!(app.statuses[twenty], Status::NotStarted);
    // What another writer saves meanwhile waits for the way back.
    let mut theirs = history();
    theirs.record(
        TaskKey::new("p", 20),
        Change::new(
            at("2020-12-01T00:00:00Z"),
            "bob",
            status(Status::NotStarted, Status::Done, ""),
        ),
    );
    run(&mut app, &data, [Action::Reloaded(theirs)]);
    assert_eq!(
        app.statuses[twenty],
        Status::NotStarted,
        "not done on June 30"
    );
    run(&mut app, &data, [Action::OpenAsOf]);
    assert_eq!(app.statuses[twenty], Status::Done, "done now");
}

#[test]
fn a_day_that_is_no_day_keeps_the_box_open() {
    let (mut app, data) = session(Lang::En, false, (80, 24));
    let mut actions = vec![Action::OpenAsOf];
    actions.extend(type_text("someday"));
    actions.push(Action::Submit);
    let effects = run(&mut app, &data, actions);
    assert!(effects.is_empty());
    assert!(matches!(app.overlay, Overlay::Note(_)));
    assert!(app.as_of.is_none());
    assert_eq!(app.message.as_ref().map(|m| m.1), Some(true));
    run(&mut app, &data, [Action::Back]);
    assert_eq!(app.overlay, Overlay::None);
}

#[test]
fn as_of_view_and_suspended_task_screens() {
    for (name, lang, then) in [
        ("as_of_tree", Lang::Zh, vec![]),
        (
            "as_of_suspended_detail",
            Lang::Zh,
            vec![Action::Digit(5), Action::Digit(5), Action::Activate],
        ),
        ("as_of_summary", Lang::En, vec![Action::ShowSummary]),
    ] {
        for size in SIZES {
            let shown = |color: bool| {
                let (mut app, data) = session(lang, color, size);
                open_as_of(&mut app, &data, "2020-06-30");
                run(&mut app, &data, then.clone());
                screen(&app, &data)
            };
            let mono = shown(false);
            insta::assert_snapshot!(format!("{name}_{}x{}", size.0, size.1), mono);
            assert_eq!(shown(true), mono, "{name} in colour: the same characters");
        }
    }
}

#[test]
fn the_mark_of_the_past_stands_out_with_and_without_colour() {
    for color in [false, true] {
        let (mut app, data) = session(Lang::Zh, color, (80, 24));
        open_as_of(&mut app, &data, "2020-06-30");
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
        terminal
            .draw(|frame| super::render(frame, &app, &data))
            .expect("draws");
        let buffer = terminal.backend().buffer();
        // The first cell of the banner in the header: "截".
        let cell = buffer
            .content
            .iter()
            .take(80)
            .find(|c| c.symbol() == "截")
            .expect("the banner is in the header");
        if color {
            assert_eq!(cell.bg, Color::Yellow);
        } else {
            assert!(cell.modifier.contains(Modifier::REVERSED), "{cell:?}");
        }
    }
}

#[test]
fn the_light_filter_cycles_and_narrows_the_tree_and_the_search() {
    let (mut app, data) = session(Lang::En, false, (120, 40));
    open_as_of(&mut app, &data, "2020-06-30");
    let tasks = |app: &App| -> Vec<u32> {
        app.tree
            .rows
            .iter()
            .filter_map(|r| match r.node() {
                Node::Task(t) => Some(data.catalog.tasks[t].task.number),
                Node::Section(_) => None,
            })
            .collect()
    };
    run(&mut app, &data, [Action::CycleLightFilter]);
    assert_eq!(app.light_filter, Some(Light::Red));
    assert_eq!(tasks(&app), [56]);
    assert!(screen(&app, &data).contains("●overdue"));
    run(&mut app, &data, [Action::CycleLightFilter]);
    assert_eq!(app.light_filter, Some(Light::Yellow));
    assert!(tasks(&app).is_empty(), "{:?}", tasks(&app));
    run(&mut app, &data, [Action::CycleLightFilter]);
    assert_eq!(app.light_filter, Some(Light::Green));
    assert!(!tasks(&app).contains(&55), "suspended: no light");
    assert!(!tasks(&app).contains(&56));
    // The search shows only what the filter lets through.
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
    assert!(!hits.contains(&55) && !hits.contains(&56), "{hits:?}");
    run(&mut app, &data, [Action::Back, Action::CycleLightFilter]);
    assert_eq!(app.light_filter, None);
    assert_eq!(tasks(&app).len(), 6);
}

#[test]
fn marking_suspended_in_the_live_view_asks_why_and_writes_it() {
    let (mut app, data) = session(Lang::Zh, false, (80, 24));
    run(&mut app, &data, [Action::Digit(2), Action::Digit(0)]);
    let mut actions = vec![Action::SetStatus(Status::Suspended)];
    actions.extend(type_text("并入第11项"));
    actions.push(Action::Submit);
    let effects = run(&mut app, &data, actions);
    assert_eq!(
        effects,
        [Effect::Save(Save::Mark {
            key: TaskKey::new("p", 20),
            status: Some(Status::Suspended),
            reason: "并入第11项".into(),
            note: None,
        })]
    );
    let text = screen(&app, &data);
    assert!(text.contains("[-]   20"), "{text}");
    // Its group has no other task: it says so rather than 0/0.
    let group = text
        .lines()
        .find(|l| l.contains("放管服"))
        .expect("the group's row");
    assert!(
        group.trim_end_matches('│').trim_end().ends_with(" 中止"),
        "{group}"
    );
}

#[test]
fn the_summary_lists_suspended_tasks_last_with_their_reason_in_view() {
    let (mut app, data) = session(Lang::Zh, false, (80, 24));
    run(&mut app, &data, [Action::ShowSummary, Action::Bottom]);
    let text = screen(&app, &data);
    assert!(text.contains("中止任务（1项，不计入完成情况）"), "{text}");
    assert!(text.contains("原因：职责已划转至市场监管总局"), "{text}");
    assert_eq!(app.current_task(), Some(task(&data, 55)));
}
