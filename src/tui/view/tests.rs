//! Whole screens at 80×24 and 120×40, as text snapshots, plus checks of the
//! styles that must survive NO_COLOR.

use crate::i18n::Lang;
use crate::progress::Status;
use crate::tui::action::Action;
use crate::tui::data::Data;
use crate::tui::fixture::{app, data, run, screen, type_text};
use crate::tui::state::App;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// Snapshots one state at both sizes.
fn snap(name: &str, lang: Lang, actions: &[Action]) {
    for (width, height) in SIZES {
        let data = data(lang);
        let mut app = app(&data, width, height);
        run(&mut app, &data, actions.iter().cloned());
        insta::assert_snapshot!(format!("{name}_{width}x{height}"), screen(&app, &data));
    }
}

#[test]
fn tree() {
    snap("tree", Lang::En, &[]);
}

#[test]
fn tree_in_chinese_with_marks() {
    snap(
        "tree_zh",
        Lang::Zh,
        &[
            Action::Digit(1),
            Action::SetStatus(Status::Done),
            Action::Down,
            Action::SetStatus(Status::Blocked),
            Action::Submit,
            Action::Down,
            Action::Down,
            Action::SetStatus(Status::InProgress),
        ],
    );
}

#[test]
fn task_detail_wraps_the_whole_text() {
    snap(
        "detail",
        Lang::En,
        &[
            Action::Digit(5),
            Action::Digit(5),
            Action::SetStatus(Status::Done),
            Action::Activate,
        ],
    );
}

#[test]
fn per_remit_task_detail_in_chinese() {
    snap(
        "detail_zh",
        Lang::Zh,
        &[Action::Digit(6), Action::Digit(0), Action::Activate],
    );
}

#[test]
fn search_results() {
    let mut actions = vec![Action::OpenSearch];
    actions.extend(type_text("zlsc"));
    snap("search", Lang::En, &actions);
}

#[test]
fn search_empty_and_no_results() {
    snap("search_empty", Lang::Zh, &[Action::OpenSearch]);
    let mut actions = vec![Action::OpenSearch];
    actions.extend(type_text("没有这种"));
    snap("search_none", Lang::En, &actions);
}

#[test]
fn agencies() {
    snap("agencies", Lang::En, &[Action::ShowAgencies]);
}

#[test]
fn agency_tasks_lead_first() {
    snap(
        "agency_tasks",
        Lang::Zh,
        &[Action::ShowAgencies, Action::Down, Action::Activate],
    );
}

#[test]
fn help() {
    snap("help", Lang::En, &[Action::OpenHelp]);
}

#[test]
fn note_editor() {
    let mut actions = vec![Action::Digit(5), Action::Digit(5), Action::EditNote];
    actions.extend(type_text("等待财政部意见"));
    snap("note", Lang::Zh, &actions);
}

/// 55 blocked with a note, 11 done, 1 in progress.
fn meeting_marks() -> Vec<Action> {
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
    actions
}

#[test]
fn summary() {
    let mut actions = meeting_marks();
    actions.push(Action::ShowSummary);
    snap("summary", Lang::En, &actions);
}

#[test]
fn summary_in_chinese_scrolled_to_the_task_lists() {
    let mut actions = meeting_marks();
    actions.extend([Action::ShowSummary, Action::Bottom]);
    snap("summary_zh", Lang::Zh, &actions);
}

#[test]
fn focus_view() {
    let mut actions = meeting_marks();
    actions.extend([Action::Digit(5), Action::Digit(5), Action::OpenFocus]);
    snap("focus", Lang::En, &actions);
}

#[test]
fn focus_view_in_chinese_per_remit() {
    snap(
        "focus_zh",
        Lang::Zh,
        &[Action::Digit(6), Action::Digit(0), Action::OpenFocus],
    );
}

#[test]
fn summary_bars_are_as_long_as_their_share() {
    let data = data(Lang::En);
    let mut app = app(&data, 80, 24);
    let mut actions = meeting_marks();
    actions.push(Action::ShowSummary);
    run(&mut app, &data, actions);
    let text = screen(&app, &data);
    // 一、 has 1 of 3 done; its bar has a third of its cells filled.
    let part = text
        .lines()
        .find(|l| l.contains("一、深化"))
        .unwrap_or_default();
    let filled = part.matches('█').count();
    let cells = filled + part.matches('░').count();
    assert!(cells >= 10, "{part}");
    assert_eq!(filled, cells / 3, "{part}");
    assert!(part.contains("1/3  33%"), "{part}");
    for line in text.lines() {
        assert_eq!(crate::text::display_width(line), 80, "{line}");
    }
}

#[test]
fn read_only_banner() {
    for (width, height) in SIZES {
        let data = data(Lang::En);
        let mut app = app(&data, width, height);
        app.read_only = Some("/tmp/state.json:3:1: the state file is not valid JSON".into());
        insta::assert_snapshot!(format!("read_only_{width}x{height}"), screen(&app, &data));
    }
}

#[test]
fn unsaved_marks_are_shown() {
    let data = data(Lang::En);
    let mut app = app(&data, 80, 24);
    run(
        &mut app,
        &data,
        [Action::SaveFailed {
            error: crate::replica::SaveError::Failed {
                error: "disk full".into(),
                pending: 1,
            },
            progress: crate::progress::Progress::default(),
        }],
    );
    let text = screen(&app, &data);
    let status = text.lines().last().unwrap_or_default();
    assert!(status.starts_with("unsaved: 1 change(s)"), "{status}");
}

#[test]
fn too_small_a_terminal_gets_one_line() {
    let data = data(Lang::En);
    for (width, height) in [(30, 8), (39, 24), (80, 9)] {
        let app = app(&data, width, height);
        let text = screen(&app, &data);
        assert!(text.starts_with("Too small: needs 40×10"), "{text}");
    }
    // Narrower than the message: it wraps rather than losing the size.
    let narrow = app(&data, 12, 5);
    let text = screen(&narrow, &data);
    assert!(text.contains("40×10"), "{text}");
    let tiny = app(&data, 1, 1);
    assert_eq!(screen(&tiny, &data).trim(), "T");
    let app = app(&data, 60, 20);
    let text = screen(&app, &data);
    assert!(text.contains("[ ]○   1 制定"), "60×20 is usable:\n{text}");
}

#[test]
fn a_cut_title_never_splits_a_wide_character() {
    // The plan title is 30 characters (60 columns); at 45 columns the tree's
    // border leaves an odd width for it.
    let data = data(Lang::En);
    let app = app(&data, 45, 12);
    let text = screen(&app, &data);
    let title = text.lines().nth(1).unwrap_or_default();
    assert_eq!(crate::text::display_width(title), 45, "{title}");
    assert!(title.contains('…'), "{title}");
    insta::assert_snapshot!("title_cut_45x12", text);
}

fn styled_cells(app: &App, data: &Data) -> ratatui::buffer::Buffer {
    let mut terminal = Terminal::new(TestBackend::new(app.width, app.height)).expect("terminal");
    terminal
        .draw(|frame| super::render(frame, app, data))
        .expect("draws");
    terminal.backend().buffer().clone()
}

#[test]
fn without_colour_matches_are_bold_underlined_and_selection_reversed() {
    let data = data(Lang::En);
    assert!(!data.theme.color, "the fixture looks like NO_COLOR");
    let mut app = app(&data, 80, 24);
    run(&mut app, &data, [Action::OpenSearch]);
    run(&mut app, &data, type_text("专利审查"));
    let buffer = styled_cells(&app, &data);
    let matched: String = buffer
        .content
        .iter()
        .filter(|c| c.modifier.contains(Modifier::BOLD | Modifier::UNDERLINED) && c.symbol() != " ")
        .map(|c| c.symbol().to_string())
        .collect();
    assert!(matched.starts_with("专利审查"), "{matched}");
    assert!(
        buffer
            .content
            .iter()
            .all(|c| c.fg == ratatui::style::Color::Reset)
    );
    let selected_row = buffer
        .content
        .chunks(80)
        .find(|row| row.iter().any(|c| c.symbol() == ">"))
        .expect("a selected row");
    assert!(selected_row[5].modifier.contains(Modifier::REVERSED));
}

#[test]
fn the_detail_shows_every_agency_s_latest_feedback_and_since_when() {
    use crate::model::TaskKey;
    use crate::progress::{Change, ChangeKind, Feedback, Progress};
    let data = data(Lang::Zh);
    let mut progress = Progress::default();
    let key = TaskKey::new("p", 55);
    for (second, agency, by, text) in [
        (0, "教育部", "李四", "遴选试点高校"),
        (60, "知识产权局", "张三", "通知已起草"),
        (120, "知识产权局", "张三", "通知已印发\n组织申报"),
    ] {
        let at = jiff::Timestamp::from_second(1_719_600_000 + second).expect("time");
        progress.record(
            key.clone(),
            Change::new(
                at,
                by,
                ChangeKind::Feedback {
                    agency: agency.into(),
                    from: Feedback::default(),
                    to: Feedback {
                        progress: text.into(),
                        problems: String::new(),
                        next: "七月评审".into(),
                    },
                },
            ),
        );
    }
    let mut app = app(&data, 120, 40);
    run(
        &mut app,
        &data,
        [
            Action::Reloaded(progress),
            Action::Digit(5),
            Action::Digit(5),
            Action::Activate,
        ],
    );
    insta::assert_snapshot!("detail_feedback_120x40", screen(&app, &data));
}

const MARKERS: &str = "[~] in progress";

/// `G` shows the help's last screenful whatever the width made its length;
/// `k` from there moves up one line, `g` goes back to the top.
#[test]
fn help_end_and_home_reach_both_ends() {
    for width in [44, 60, 100] {
        let data = data(Lang::En);
        let mut app = app(&data, width, 12);
        run(&mut app, &data, [Action::OpenHelp]);
        let top = screen(&app, &data);
        assert!(top.contains("j/↓"), "{width}: {top}");
        assert!(!top.contains(MARKERS), "{width}: {top}");
        run(&mut app, &data, [Action::Bottom]);
        let bottom = screen(&app, &data);
        // The status markers are the help's last line before the state path.
        assert!(bottom.contains(MARKERS), "{width}: {bottom}");
        assert!(!bottom.contains("j/↓"), "{width}: {bottom}");
        run(&mut app, &data, [Action::Bottom]);
        assert_eq!(screen(&app, &data), bottom, "{width}: G twice stays");
        run(&mut app, &data, [Action::Up]);
        let up = screen(&app, &data);
        assert_ne!(up, bottom, "{width}: k after G moves at once");
        run(&mut app, &data, [Action::Down]);
        assert_eq!(screen(&app, &data), bottom, "{width}");
        run(&mut app, &data, [Action::Top]);
        assert_eq!(screen(&app, &data), top, "{width}");
    }
}
