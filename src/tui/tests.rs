//! The interface driven by actions, without a terminal.

use super::action::Action;
use super::app::{Effect, Save, update};
use super::fixture::{self, app, data, run, type_text};
use super::lists::{Filter, Node};
use super::state::{Overlay, Pane, SaveState, Screen};
use crate::i18n::Lang;
use crate::model::{Role, TaskKey};
use crate::progress::{Change, ChangeKind, Progress, Status};

fn selected_number(app: &super::state::App, data: &super::data::Data) -> Option<u32> {
    app.current_task()
        .map(|t| data.catalog.tasks[t].task.number)
}

#[test]
fn opens_on_the_first_plan_with_every_section_open() {
    let data = data(Lang::En);
    let app = app(&data, 80, 24);
    assert_eq!(app.screen, Screen::Tree);
    // 一 (一) 1 11 (二) 20 三 (一) 55 56 60
    assert_eq!(app.tree.rows.len(), 11);
    // Sized once for the open tree, not grown by doubling.
    assert_eq!(app.tree.rows.capacity(), 11);
    assert_eq!(app.selected_row().map(|r| r.node()), Some(Node::Section(0)));
}

#[test]
fn moving_collapsing_and_going_up_to_the_parent() {
    let data = data(Lang::En);
    let mut app = app(&data, 80, 24);
    run(&mut app, &data, [Action::Down, Action::Down]);
    assert_eq!(selected_number(&app, &data), Some(1));
    run(&mut app, &data, [Action::Collapse]);
    assert_eq!(app.selected_row().map(|r| r.node()), Some(Node::Section(1)));
    run(&mut app, &data, [Action::Collapse]);
    assert_eq!(app.tree.rows.len(), 9);
    run(&mut app, &data, [Action::Expand]);
    assert_eq!(app.tree.rows.len(), 11);
    run(&mut app, &data, [Action::Bottom]);
    assert_eq!(selected_number(&app, &data), Some(60));
    run(&mut app, &data, [Action::Top, Action::Activate]);
    assert_eq!(app.tree.rows.len(), 6, "Enter on a part folds it");
}

#[test]
fn nothing_to_redraw_when_nothing_moved() {
    let data = data(Lang::En);
    let mut app = app(&data, 80, 24);
    app.dirty = false;
    run(&mut app, &data, [Action::Up]);
    assert!(!app.dirty, "already at the top");
    run(&mut app, &data, [Action::Down]);
    assert!(app.dirty);
}

#[test]
fn typed_digits_jump_to_that_task_number() {
    let data = data(Lang::En);
    let mut app = app(&data, 80, 24);
    run(&mut app, &data, [Action::Collapse]);
    run(&mut app, &data, [Action::Digit(5), Action::Digit(5)]);
    assert_eq!(selected_number(&app, &data), Some(55));
    assert_eq!(app.digits, "55");
    run(&mut app, &data, [Action::Down]);
    assert_eq!(app.digits, "", "any other key starts a new number");
    run(&mut app, &data, [Action::Digit(9), Action::Digit(9)]);
    assert_eq!(app.message.as_ref().map(|m| m.1), Some(true));
}

#[test]
fn a_pause_between_digits_starts_a_new_number() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicI64, Ordering};
    let mut data = data(Lang::En);
    let seconds = Arc::new(AtomicI64::new(1_700_000_000));
    let now = Arc::clone(&seconds);
    data.clock = Box::new(move || {
        jiff::Timestamp::from_second(now.load(Ordering::SeqCst)).expect("a valid time")
    });
    let mut app = app(&data, 80, 24);
    run(&mut app, &data, [Action::Collapse]);
    run(&mut app, &data, [Action::Digit(5), Action::Digit(5)]);
    assert_eq!(selected_number(&app, &data), Some(55));
    // Less than a second later: still the same number (55 → 5 would be 555).
    run(&mut app, &data, [Action::Digit(1)]);
    assert_eq!(app.digits, "551");
    // A pause, then 1 1: task 11, not 55111.
    seconds.fetch_add(2, Ordering::SeqCst);
    run(&mut app, &data, [Action::Digit(1), Action::Digit(1)]);
    assert_eq!(app.digits, "11");
    assert_eq!(selected_number(&app, &data), Some(11));
    assert_eq!(
        app.message
            .as_ref()
            .map(|(text, error)| (text.as_str(), *error)),
        Some(("go to task 11", false)),
        "the number typed shows in the status bar"
    );
}

#[test]
fn a_message_goes_when_the_view_changes_and_saved_only_follows_a_save() {
    let data = data(Lang::En);
    let mut app = app(&data, 80, 24);
    run(
        &mut app,
        &data,
        [Action::Collapse, Action::Digit(5), Action::Digit(5)],
    );
    assert!(app.message.is_some());
    run(&mut app, &data, [Action::ShowAgencies]);
    assert_eq!(app.message, None, "a message of the tree, gone with it");
    app.save = SaveState::Saved;
    run(
        &mut app,
        &data,
        [Action::ShowTree, Action::Digit(5), Action::Digit(6)],
    );
    assert_eq!(app.save, SaveState::Idle, "a jump is not a save");
}

#[test]
fn search_shows_hits_per_keystroke_and_enter_jumps_to_the_task() {
    let data = data(Lang::En);
    let mut app = app(&data, 80, 24);
    run(&mut app, &data, [Action::OpenSearch]);
    run(&mut app, &data, type_text("专利审查"));
    let Overlay::Search(search) = &app.overlay else {
        panic!("search is open");
    };
    assert_eq!(search.hits.ranked().first().map(|h| h.task()), Some(3));
    run(&mut app, &data, [Action::Activate]);
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(selected_number(&app, &data), Some(55));
}

#[test]
fn search_by_pinyin_initials_and_escape_restores_the_place() {
    let data = data(Lang::En);
    let mut app = app(&data, 80, 24);
    run(&mut app, &data, [Action::Down, Action::Down, Action::Down]);
    let before = app.tree.cursor.selected;
    run(&mut app, &data, [Action::OpenSearch]);
    run(&mut app, &data, type_text("zlsc"));
    let Overlay::Search(search) = &app.overlay else {
        panic!("search is open");
    };
    assert!(search.hits.ranked().iter().any(|h| h.task() == 3));
    run(&mut app, &data, [Action::Down, Action::Back]);
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(app.tree.cursor.selected, before);
}

#[test]
fn narrowing_search_still_finds_longer_numbers() {
    let data = data(Lang::En);
    let mut app = app(&data, 80, 24);
    run(
        &mut app,
        &data,
        [Action::OpenSearch, Action::Input('5'), Action::Input('6')],
    );
    let Overlay::Search(search) = &app.overlay else {
        panic!("search is open");
    };
    assert_eq!(search.hits.ranked().first().map(|h| h.task()), Some(4));
    run(
        &mut app,
        &data,
        [Action::DeleteBack, Action::DeleteBack, Action::DeleteBack],
    );
    let Overlay::Search(search) = &app.overlay else {
        panic!("search is open");
    };
    assert!(search.hits.is_empty());
}

#[test]
fn marking_commits_at_once_and_undo_records_the_way_back() {
    let data = data(Lang::En);
    let mut app = app(&data, 80, 24);
    run(&mut app, &data, [Action::Digit(1), Action::Digit(1)]);
    let effects = run(&mut app, &data, [Action::SetStatus(Status::Done)]);
    assert_eq!(
        effects,
        [Effect::Save(Save::Mark {
            key: TaskKey::new("p", 11),
            status: Some(Status::Done),
            reason: String::new(),
            note: None
        })]
    );
    assert_eq!(app.statuses[1], Status::Done, "shown before the write");
    assert_eq!(
        run(&mut app, &data, [Action::Undo]),
        [Effect::Save(Save::Undo)]
    );
}

#[test]
fn marks_and_undo_go_through_the_replica() {
    let dir = tempfile::tempdir().expect("temp dir");
    let saver = fixture::saver_in(dir.path());
    let data = data(Lang::En);
    let mut app = app(&data, 80, 24);
    fixture::run_loop(
        &mut app,
        &data,
        &saver,
        [
            Action::Digit(1),
            Action::Digit(1),
            Action::SetStatus(Status::Done),
        ],
    );
    assert_eq!(app.save, SaveState::Saved);
    let status_bar = |app: &super::state::App| {
        let screen = fixture::screen(app, &data);
        screen.lines().last().unwrap_or_default().to_string()
    };
    assert!(
        status_bar(&app).starts_with("Task 11: not started → done · saved │"),
        "{}",
        status_bar(&app)
    );
    let key = TaskKey::new("p", 11);
    let log = std::fs::read_to_string(dir.path().join("state/ann@test.jsonl")).expect("log");
    assert_eq!(log.lines().count(), 1, "{log}");
    assert!(
        log.contains(r#""change":{"status":{"from":"not_started","to":"done"}}"#),
        "{log}"
    );
    fixture::run_loop(&mut app, &data, &saver, [Action::Undo]);
    assert_eq!(app.statuses[1], Status::NotStarted);
    assert!(
        status_bar(&app).starts_with("Task 11: undone, done → not started · saved │"),
        "{}",
        status_bar(&app)
    );
    let history = app
        .progress
        .get(&key)
        .map(|p| p.history().to_vec())
        .unwrap_or_default();
    assert_eq!(history.len(), 2);
    assert_eq!(history[1].undoes.as_deref(), Some(history[0].id.as_str()));
    fixture::run_loop(&mut app, &data, &saver, [Action::Undo]);
    let (text, error) = app.message.clone().expect("a message");
    assert!(error, "nothing left to undo");
    assert!(text.contains("nothing to undo"), "{text}");
}

#[test]
fn a_state_that_breaks_mid_session_turns_the_session_read_only() {
    let dir = tempfile::tempdir().expect("temp dir");
    let saver = fixture::saver_in(dir.path());
    let data = data(Lang::En);
    let mut app = app(&data, 80, 24);
    fixture::run_loop(
        &mut app,
        &data,
        &saver,
        [Action::Digit(1), Action::SetStatus(Status::Done)],
    );
    std::fs::write(dir.path().join("state/bob@elsewhere.jsonl"), "{\"id\":1}\n").expect("writes");
    fixture::run_loop(
        &mut app,
        &data,
        &saver,
        [Action::SetStatus(Status::Blocked), Action::Submit],
    );
    let why = app.read_only.clone().expect("read-only now");
    assert!(why.contains("bob@elsewhere.jsonl:1:"), "{why}");
    assert_eq!(
        app.statuses[0],
        Status::Done,
        "the refused mark is not shown as made"
    );
    let effects = run(&mut app, &data, [Action::SetStatus(Status::InProgress)]);
    assert!(effects.is_empty(), "no more writes are attempted");
}

#[test]
fn space_cycles_and_a_section_cannot_be_marked() {
    let data = data(Lang::En);
    let mut app = app(&data, 80, 24);
    assert!(run(&mut app, &data, [Action::SetStatus(Status::Done)]).is_empty());
    assert_eq!(app.message.as_ref().map(|m| m.1), Some(true));
    run(&mut app, &data, [Action::Down, Action::Down]);
    run(&mut app, &data, [Action::CycleStatus]);
    assert_eq!(app.statuses[0], Status::InProgress);
    run(&mut app, &data, [Action::CycleStatus]);
    assert_eq!(app.statuses[0], Status::Done);
    run(&mut app, &data, [Action::CycleStatus]);
    assert_eq!(app.statuses[0], Status::NotStarted);
}

#[test]
fn a_read_only_session_refuses_marks_and_says_why() {
    let data = data(Lang::En);
    let mut app = app(&data, 80, 24);
    app.read_only = Some("state.json:1:1: not JSON".into());
    run(&mut app, &data, [Action::Down, Action::Down]);
    assert!(
        run(
            &mut app,
            &data,
            [Action::SetStatus(Status::Done), Action::EditNote]
        )
        .is_empty()
    );
    assert_eq!(app.statuses[0], Status::NotStarted);
    assert_eq!(app.overlay, Overlay::None);
    let message = app.message.clone().map(|m| m.0).unwrap_or_default();
    assert!(message.contains("not JSON"), "{message}");
}

#[test]
fn notes_take_chinese_input_and_escape_cancels() {
    let data = data(Lang::Zh);
    let mut app = app(&data, 80, 24);
    run(
        &mut app,
        &data,
        [Action::Digit(5), Action::Digit(5), Action::EditNote],
    );
    assert!(matches!(app.overlay, Overlay::Note(_)));
    let typed = run(&mut app, &data, type_text("等待财政部 q?"));
    assert!(typed.is_empty());
    let effects = run(&mut app, &data, [Action::Submit]);
    let shown = app.message.clone().map(|(text, _)| text);
    assert_eq!(shown.as_deref(), Some("任务 55：备注“等待财政部 q?”"));
    assert_eq!(
        effects,
        [Effect::Save(Save::Mark {
            key: TaskKey::new("p", 55),
            status: None,
            reason: String::new(),
            note: Some("等待财政部 q?".into())
        })]
    );
    run(
        &mut app,
        &data,
        [Action::EditNote, Action::Input('x'), Action::Back],
    );
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(app.progress.note(&TaskKey::new("p", 55)), "等待财政部 q?");
}

#[test]
fn agencies_by_count_and_drill_down_lead_tasks_first() {
    let data = data(Lang::En);
    let mut app = app(&data, 80, 24);
    run(&mut app, &data, [Action::ShowAgencies]);
    let names: Vec<&str> = app
        .agencies
        .order
        .iter()
        .map(|&a| data.agencies[a].name.as_str())
        .collect();
    assert_eq!(names, ["知识产权局", "市场监管总局", "公安部", "教育部"]);
    run(&mut app, &data, [Action::CycleSort]);
    assert_eq!(
        app.selected_agency()
            .map(|a| data.agencies[a].name.as_str()),
        Some("知识产权局")
    );
    run(
        &mut app,
        &data,
        [Action::CycleSort, Action::Down, Action::Activate],
    );
    assert_eq!(app.screen, Screen::AgencyTasks);
    let rows: Vec<(u32, Role)> = app
        .agency_tasks
        .rows
        .iter()
        .map(|&(t, role)| (data.catalog.tasks[t].task.number, role))
        .collect();
    assert_eq!(
        rows,
        [
            (11, Role::Lead),
            (20, Role::Participating),
            (55, Role::Participating),
            (60, Role::Participating)
        ]
    );
    run(
        &mut app,
        &data,
        [Action::SetStatus(Status::Done), Action::CycleFilter],
    );
    assert_eq!(app.filter, Filter::Open);
    assert_eq!(app.agency_tasks.rows.len(), 3);
    run(&mut app, &data, [Action::Back]);
    assert_eq!(app.screen, Screen::Agencies);
    run(&mut app, &data, [Action::Back]);
    assert_eq!(app.screen, Screen::Tree);
}

#[test]
fn the_status_filter_hides_tasks_and_empty_sections() {
    let data = data(Lang::En);
    let mut app = app(&data, 80, 24);
    run(
        &mut app,
        &data,
        [
            Action::Down,
            Action::Down,
            Action::SetStatus(Status::Blocked),
            Action::Submit,
        ],
    );
    for _ in 0..4 {
        run(&mut app, &data, [Action::CycleFilter]);
    }
    assert_eq!(app.filter, Filter::Only(Status::Blocked));
    // 一 (一) 1
    assert_eq!(app.tree.rows.len(), 3);
    run(&mut app, &data, [Action::Digit(5), Action::Digit(5)]);
    assert_eq!(
        app.filter,
        Filter::All,
        "a jump shows the task even if filtered out"
    );
    assert_eq!(selected_number(&app, &data), Some(55));
}

#[test]
fn save_results_show_in_the_state() {
    let data = data(Lang::En);
    let mut app = app(&data, 80, 24);
    run(
        &mut app,
        &data,
        [Action::SaveFailed {
            error: crate::replica::SaveError::Failed {
                error: "disk full".into(),
                pending: 2,
            },
            progress: Progress::default(),
        }],
    );
    assert_eq!(
        app.save,
        SaveState::Unsaved {
            error: "disk full".into(),
            pending: 2
        }
    );
    let mut theirs = Progress::default();
    theirs.record(
        TaskKey::new("p", 56),
        Change::new(
            jiff::Timestamp::from_second(5).expect("time"),
            "bob",
            ChangeKind::Status {
                from: Status::NotStarted,
                to: Status::Done,
                reason: String::new(),
            },
        ),
    );
    run(&mut app, &data, [Action::Saved(theirs.clone())]);
    assert_eq!(app.save, SaveState::Saved);
    assert_eq!(
        app.statuses[4],
        Status::Done,
        "other terminals' marks appear"
    );
    app.dirty = false;
    run(&mut app, &data, [Action::Reloaded(theirs)]);
    assert!(!app.dirty, "an unchanged reload draws nothing");
}

#[test]
fn narrow_screens_show_one_pane_at_a_time() {
    let data = data(Lang::En);
    let mut app = app(&data, 80, 24);
    run(
        &mut app,
        &data,
        [Action::Down, Action::Down, Action::Activate],
    );
    assert_eq!(app.focus, Pane::Detail);
    run(&mut app, &data, [Action::Down, Action::Down]);
    assert_eq!(app.detail_scroll, 2, "j scrolls the detail");
    run(&mut app, &data, [Action::Back]);
    assert_eq!(app.focus, Pane::List);
    run(&mut app, &data, [Action::SwitchPane]);
    assert_eq!(app.focus, Pane::Detail);
    run(&mut app, &data, [Action::SwitchPane]);
    assert_eq!(app.focus, Pane::List);
}

#[test]
fn plan_switcher_help_and_quit() {
    let data = data(Lang::En);
    let mut app = app(&data, 80, 24);
    run(&mut app, &data, [Action::NextPlan]);
    assert_eq!(app.tree.plan, 1);
    assert_eq!(app.tree.rows.len(), 2);
    run(&mut app, &data, [Action::OpenHelp]);
    assert_eq!(app.mode(), super::keymap::Mode::Help);
    run(&mut app, &data, [Action::Down, Action::Back]);
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(update(&mut app, &data, Action::Quit), [Effect::Quit]);
}

#[test]
fn each_agency_shows_when_a_change_for_it_last_came_in() {
    let data = data(Lang::En);
    let mut app = app(&data, 120, 40);
    app.syncing = true;
    let mut theirs = Progress::default();
    let mut change = Change::new(
        jiff::Timestamp::from_second(1_700_000_000).expect("time"),
        "bob",
        ChangeKind::Status {
            from: Status::NotStarted,
            to: Status::Done,
            reason: String::new(),
        },
    );
    change.agency = Some("市场监管总局".into());
    theirs.record(TaskKey::new("p", 11), change.clone());
    // Our own changes are not "received".
    change.by = "ann".into();
    change.agency = Some("知识产权局".into());
    change.at = jiff::Timestamp::from_second(1_700_000_500).expect("time");
    theirs.record(TaskKey::new("p", 1), change);
    run(
        &mut app,
        &data,
        [Action::Reloaded(theirs), Action::ShowAgencies],
    );
    let text = super::fixture::screen(&app, &data);
    assert!(text.contains("latest change received: none from"), "{text}");
    run(&mut app, &data, [Action::Down]);
    let text = super::fixture::screen(&app, &data);
    assert!(
        text.contains("latest change received: 2023-11-14 22:13 bob"),
        "{text}"
    );
    run(
        &mut app,
        &data,
        [Action::Synced(Err("network is down".into()))],
    );
    let (message, error) = app.message.clone().expect("said");
    assert!(error);
    assert_eq!(message, "sync failed: network is down");
}

#[test]
fn feedback_editor_keeps_line_breaks_typed_and_pasted_and_saves_on_enter() {
    let mut data = data(Lang::Zh);
    // Without an agency there is no feedback to edit: said, not opened.
    let mut first = app(&data, 120, 40);
    run(
        &mut first,
        &data,
        [Action::Digit(5), Action::Digit(5), Action::EditFeedback],
    );
    assert_eq!(first.overlay, Overlay::None);
    assert!(
        first.message.as_ref().is_some_and(|m| m.1),
        "an error is shown"
    );

    data.agency = Some("知识产权局".into());
    let mut app = app(&data, 120, 40);
    run(
        &mut app,
        &data,
        [Action::Digit(5), Action::Digit(5), Action::EditFeedback],
    );
    assert!(matches!(app.overlay, Overlay::Feedback(_)));
    run(&mut app, &data, type_text("已起草"));
    run(&mut app, &data, [Action::LineBreak]);
    run(&mut app, &data, type_text("q?"));
    run(
        &mut app,
        &data,
        [
            Action::NextField,
            Action::Paste("经费不足\r\n人手紧张".into()),
            Action::NextField,
        ],
    );
    run(&mut app, &data, type_text("七月印发"));
    insta::assert_snapshot!("feedback_editor_120x40", fixture::screen(&app, &data));
    let effects = run(&mut app, &data, [Action::Submit]);
    let entry = crate::progress::Feedback {
        progress: "已起草\nq?".into(),
        problems: "经费不足\n人手紧张".into(),
        next: "七月印发".into(),
    };
    assert_eq!(
        effects,
        [Effect::Save(Save::Feedback {
            key: TaskKey::new("p", 55),
            entry: entry.clone()
        })]
    );
    assert_eq!(app.overlay, Overlay::None);
    let shown = app.progress.feedback(&TaskKey::new("p", 55));
    assert_eq!(shown[0].entry, &entry, "shown at once");

    // 进展情况 is required: the editor stays open with what was typed.
    run(&mut app, &data, [Action::EditFeedback]);
    for _ in 0..8 {
        run(&mut app, &data, [Action::DeleteBack]);
    }
    assert!(run(&mut app, &data, [Action::Submit]).is_empty());
    let Overlay::Feedback(editor) = &app.overlay else {
        panic!("still open");
    };
    assert_eq!(
        editor.fields[1].iter().collect::<String>(),
        "经费不足\n人手紧张"
    );
}

fn key_event(c: char, ctrl: bool) -> ratatui::crossterm::event::Event {
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    let modifiers = if ctrl {
        KeyModifiers::CONTROL
    } else {
        KeyModifiers::NONE
    };
    Event::Key(KeyEvent::new(KeyCode::Char(c), modifiers))
}

#[test]
fn keys_typed_while_loading_are_applied_in_order_once_ready() {
    use super::loading::{Input, Loading, Step};
    let mut loading = Loading::new();
    // A search typed before the plans are read; `q` in it is text, not quit.
    for c in "/专利q".chars() {
        assert_eq!(
            loading.update(Input::Event(key_event(c, false))),
            Step::Wait
        );
    }
    assert_eq!(loading.update(Input::Tasks(11)), Step::Wait);
    assert_eq!(loading.tasks, Some(11));
    let paste = ratatui::crossterm::event::Event::Paste("审".into());
    assert_eq!(loading.update(Input::Event(paste)), Step::Wait);
    assert_eq!(loading.waiting.len(), 5);

    // Ready: the kept keys go through the keymap in the mode each finds.
    let data = data(Lang::En);
    let mut typed_ahead = app(&data, 80, 24);
    for event in loading.waiting {
        let action = super::event_action(&typed_ahead, event);
        run(&mut typed_ahead, &data, action);
    }
    let Overlay::Search(search) = &typed_ahead.overlay else {
        panic!("the typed `/` opened the search");
    };
    assert_eq!(search.text(), "专利q审");
    let expected = data.index.search(&data.catalog, "专利q审", None);
    assert_eq!(search.hits.ranked(), expected);

    // Taken back to the words alone, the hits are those of a search typed
    // after loading.
    let mut typed_after = app(&data, 80, 24);
    run(&mut typed_after, &data, [Action::OpenSearch]);
    run(&mut typed_after, &data, type_text("专利"));
    run(
        &mut typed_ahead,
        &data,
        [Action::DeleteBack, Action::DeleteBack],
    );
    assert_eq!(
        fixture::screen(&typed_ahead, &data),
        fixture::screen(&typed_after, &data)
    );
}

#[test]
fn quitting_while_loading_works_at_once() {
    use super::loading::{Input, Loading, Step};
    // q before anything else: the lists' quit.
    let mut loading = Loading::new();
    assert_eq!(
        loading.update(Input::Event(key_event('q', false))),
        Step::Quit
    );
    // Ctrl-C quits even with a search typed ahead.
    let mut loading = Loading::new();
    for c in "/zl".chars() {
        loading.update(Input::Event(key_event(c, false)));
    }
    assert_eq!(
        loading.update(Input::Event(key_event('q', false))),
        Step::Wait
    );
    assert_eq!(
        loading.update(Input::Event(key_event('c', true))),
        Step::Quit
    );
}

#[test]
fn the_loading_screen_says_what_it_waits_for() {
    use super::loading::{Input, Loading, render};
    let draw = |loading: &Loading, lang| {
        let backend = ratatui::backend::TestBackend::new(60, 8);
        let mut terminal = ratatui::Terminal::new(backend).expect("test terminal");
        let theme = super::theme::Theme::new(false);
        terminal
            .draw(|frame| render(frame, loading, lang, &theme))
            .expect("draws");
        fixture::buffer_text(terminal.backend().buffer())
    };
    let mut loading = Loading::new();
    let before = draw(&loading, Lang::Zh);
    assert!(before.contains("载入计划…"), "{before}");
    loading.update(Input::Tasks(100_000));
    let after = draw(&loading, Lang::Zh);
    assert!(
        after
            .lines()
            .last()
            .is_some_and(|l| l.contains("载入 100000 项任务…")),
        "{after}"
    );
    assert!(draw(&loading, Lang::En).contains("Loading 100000 tasks…"));
}

#[test]
fn a_time_limit_set_with_d_confirms_in_the_one_wording_and_refusals_in_the_language() {
    let data = data(Lang::Zh);
    let mut app = app(&data, 80, 24);
    run(
        &mut app,
        &data,
        [Action::Digit(5), Action::Digit(5), Action::EditDue],
    );
    run(&mut app, &data, type_text("下周"));
    let effects = run(&mut app, &data, [Action::Submit]);
    assert!(effects.is_empty());
    let (shown, error) = app.message.clone().expect("said why");
    assert!(error);
    assert!(shown.starts_with("“下周”不是完成时限；"), "{shown}");
    assert!(
        matches!(app.overlay, Overlay::Note(_)),
        "left open to correct"
    );
    run(&mut app, &data, [Action::DeleteToStart]);
    run(&mut app, &data, type_text("2020年9月底"));
    let effects = run(&mut app, &data, [Action::Submit]);
    let shown = app.message.clone().map(|(text, _)| text);
    assert_eq!(shown.as_deref(), Some("任务 55：完成时限 2020年9月30日"));
    assert_eq!(
        effects,
        [Effect::Save(Save::Due {
            key: TaskKey::new("p", 55),
            to: Some("2020-09-30".parse().expect("date")),
        })]
    );
}

#[test]
fn blocked_asks_why_and_esc_leaves_the_task_as_it_was() {
    let data = data(Lang::En);
    let mut app = app(&data, 80, 24);
    run(&mut app, &data, [Action::Digit(1), Action::Digit(1)]);
    let effects = run(&mut app, &data, [Action::SetStatus(Status::Blocked)]);
    assert!(effects.is_empty(), "a prompt, not a silent mark");
    assert_eq!(app.statuses[1], Status::NotStarted);
    assert!(matches!(app.overlay, Overlay::Note(_)));
    let mut actions = type_text("等待会签");
    actions.push(Action::Back);
    let effects = run(&mut app, &data, actions);
    assert!(effects.is_empty());
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(app.statuses[1], Status::NotStarted, "Esc marks nothing");

    let mut actions = vec![Action::SetStatus(Status::Blocked)];
    actions.extend(type_text("等待会签"));
    actions.push(Action::Submit);
    let effects = run(&mut app, &data, actions);
    assert_eq!(
        effects,
        [Effect::Save(Save::Mark {
            key: TaskKey::new("p", 11),
            status: Some(Status::Blocked),
            reason: "等待会签".into(),
            note: None
        })]
    );
    assert_eq!(app.statuses[1], Status::Blocked);
    assert_eq!(app.progress.reason(&TaskKey::new("p", 11)), "等待会签");
    let message = app.message.clone().map(|m| m.0).unwrap_or_default();
    assert!(message.contains("(reason: 等待会签)"), "{message}");
}

#[test]
fn blocked_may_go_without_a_reason_but_suspended_may_not() {
    let data = data(Lang::En);
    let mut app = app(&data, 80, 24);
    run(&mut app, &data, [Action::Digit(1), Action::Digit(1)]);
    let effects = run(
        &mut app,
        &data,
        [Action::SetStatus(Status::Blocked), Action::Submit],
    );
    assert_eq!(effects.len(), 1);
    assert_eq!(app.statuses[1], Status::Blocked);

    let effects = run(
        &mut app,
        &data,
        [
            Action::SetStatus(Status::Suspended),
            Action::Input(' '),
            Action::Submit,
        ],
    );
    assert!(effects.is_empty(), "no reason, no suspension");
    assert!(
        matches!(app.overlay, Overlay::Note(_)),
        "the box stays open"
    );
    assert_eq!(app.message.as_ref().map(|m| m.1), Some(true));
    assert_eq!(app.statuses[1], Status::Blocked);
    let mut actions = type_text("职责已划转");
    actions.push(Action::Submit);
    let effects = run(&mut app, &data, actions);
    assert_eq!(
        effects,
        [Effect::Save(Save::Mark {
            key: TaskKey::new("p", 11),
            status: Some(Status::Suspended),
            reason: "职责已划转".into(),
            note: None
        })]
    );
    assert_eq!(app.statuses[1], Status::Suspended);
    assert_eq!(app.lights[1], None, "suspended tasks have no light");
}

#[test]
fn a_suspended_task_leaves_the_tally_and_the_open_filter() {
    let data = data(Lang::En);
    let mut app = app(&data, 80, 24);
    let mut actions = vec![
        Action::Digit(1),
        Action::Digit(1),
        Action::SetStatus(Status::Suspended),
    ];
    actions.extend(type_text("并入第1项"));
    actions.push(Action::Submit);
    run(&mut app, &data, actions);
    let tally = crate::progress::Tally::of(app.statuses.iter().copied());
    assert_eq!(tally.total(), app.statuses.len() - 1);
    assert_eq!(tally.suspended, 1);
    assert!(!Filter::Open.matches(Status::Suspended));
    assert!(Filter::Only(Status::Suspended).matches(Status::Suspended));
}

/// Under the lead-sets-status policy a participant's mark comes back as a
/// proposal; the confirmation keeps the reason given for it.
#[test]
fn a_proposal_is_confirmed_with_its_reason() {
    let data = data(Lang::Zh);
    let mut app = app(&data, 100, 30);
    let progress = app.progress.clone();
    run(
        &mut app,
        &data,
        [Action::Proposed {
            progress,
            key: TaskKey::new("p", 20),
            from: Status::NotStarted,
            to: Status::Blocked,
            reason: "等待会签".into(),
        }],
    );
    let text = fixture::screen(&app, &data);
    assert!(text.contains("（原因：等待会签）"), "{text}");
}

#[test]
fn a_changed_search_asks_for_its_look_ahead_and_a_moved_cursor_does_not() {
    let data = data(Lang::En);
    let mut app = app(&data, 80, 24);
    run(&mut app, &data, [Action::OpenSearch]);
    assert_eq!(
        update(&mut app, &data, Action::Input('专')),
        [Effect::LookAhead("专".into())]
    );
    assert_eq!(
        update(&mut app, &data, Action::Paste("利审".into())),
        [Effect::LookAhead("专利审".into())]
    );
    assert_eq!(update(&mut app, &data, Action::CursorLeft), []);
    assert_eq!(
        update(&mut app, &data, Action::DeleteBack),
        [Effect::LookAhead("专审".into())]
    );
    assert_eq!(update(&mut app, &data, Action::Back), []);
}
