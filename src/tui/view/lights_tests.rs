//! The lights on screen: set through the time-limit key, on a fixed day,
//! at both sizes, with and without colour.

use crate::deadline::Light;
use crate::i18n::Lang;
use crate::progress::Status;
use crate::tui::action::Action;
use crate::tui::data::Data;
use crate::tui::fixture::{app, data, run, screen, type_text};
use crate::tui::state::App;
use crate::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};

/// 2020-12-20: eleven days before the plan's default limit. Task 1 is given
/// 12月10日 (red), task 55 is done (no light), task 56 runs to 2021年3月底
/// in progress (green), the rest are within 15 days of the year's end (yellow).
fn marked(lang: Lang, color: bool) -> (Data, Vec<Action>) {
    let mut data = data(lang);
    data.theme = Theme::new(color);
    data.fixed_today = Some(jiff::civil::date(2020, 12, 20));
    let mut actions = vec![Action::Digit(1), Action::EditDue];
    actions.extend(type_text("12月10日"));
    actions.extend([Action::Submit, Action::Digit(5), Action::Digit(5)]);
    actions.push(Action::SetStatus(Status::Done));
    actions.extend([Action::Digit(5), Action::Digit(6), Action::EditDue]);
    actions.extend(type_text("2021年3月底"));
    actions.extend([Action::Submit, Action::SetStatus(Status::InProgress)]);
    actions.extend([Action::Digit(1)]);
    (data, actions)
}

fn shown(lang: Lang, color: bool, size: (u16, u16), then: &[Action]) -> (App, Data) {
    let (data, actions) = marked(lang, color);
    let mut app = app(&data, size.0, size.1);
    run(&mut app, &data, actions);
    run(&mut app, &data, then.iter().cloned());
    (app, data)
}

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

#[test]
fn tree_detail_and_summary_with_lights() {
    for (name, lang, then) in [
        ("lights_tree", Lang::Zh, vec![]),
        ("lights_detail", Lang::En, vec![Action::Activate]),
        ("lights_summary", Lang::Zh, vec![Action::ShowSummary]),
        ("lights_agencies", Lang::Zh, vec![Action::ShowAgencies]),
    ] {
        for size in SIZES {
            let (app, data) = shown(lang, false, size, &then);
            let mono = screen(&app, &data);
            insta::assert_snapshot!(format!("{name}_{}x{}", size.0, size.1), mono);
            // Colour changes no character: the symbols carry the meaning.
            let (app, data) = shown(lang, true, size, &then);
            assert_eq!(screen(&app, &data), mono, "{name} in colour");
        }
    }
}

/// Every light symbol on screen with its colour and boldness.
fn light_cells(app: &App, data: &Data) -> Vec<(String, Color, bool)> {
    let mut terminal = Terminal::new(TestBackend::new(app.width, app.height)).expect("terminal");
    terminal
        .draw(|frame| super::render(frame, app, data))
        .expect("draws");
    let symbols: Vec<String> = Light::ALL.iter().map(|l| l.symbol().to_string()).collect();
    terminal
        .backend()
        .buffer()
        .content
        .iter()
        .filter(|c| symbols.iter().any(|s| s == c.symbol()))
        .map(|c| {
            (
                c.symbol().to_string(),
                c.fg,
                c.modifier.contains(Modifier::BOLD),
            )
        })
        .collect()
}

#[test]
fn each_light_has_its_colour_and_reads_without_it() {
    let (app, data) = shown(Lang::Zh, true, (120, 40), &[]);
    let cells = light_cells(&app, &data);
    for (symbol, colour) in [("●", Color::Red), ("▲", Color::Yellow), ("○", Color::Green)] {
        assert!(
            cells.iter().any(|(s, c, _)| s == symbol && *c == colour),
            "{symbol} in {colour:?}: {cells:?}"
        );
        assert!(
            cells
                .iter()
                .filter(|(s, ..)| s == symbol)
                .all(|(_, c, _)| *c == colour)
        );
    }
    let (app, data) = shown(Lang::Zh, false, (120, 40), &[]);
    let cells = light_cells(&app, &data);
    assert!(
        cells.iter().all(|(_, c, _)| *c == Color::Reset),
        "{cells:?}"
    );
    // Without colour red is also bold, the most urgent standing out.
    assert!(
        cells
            .iter()
            .filter(|(s, ..)| s == "●")
            .all(|(.., bold)| *bold)
    );
    assert!(cells.iter().any(|(s, ..)| s == "●") && cells.iter().any(|(s, ..)| s == "○"));
}

#[test]
fn the_summary_leads_with_overdue_then_due_soon_by_lead_agency() {
    let (app, data) = shown(Lang::En, false, (120, 40), &[Action::ShowSummary]);
    let summary = app.summary.as_ref().expect("summary");
    let lists: Vec<(Light, Vec<u32>)> = summary
        .report
        .light_lists
        .iter()
        .map(|l| (l.light, l.tasks.iter().map(|t| t.number).collect()))
        .collect();
    // 知识产权局 leads most, so its tasks come first; 55 is done, 56 green.
    assert_eq!(
        lists,
        [(Light::Red, vec![1]), (Light::Yellow, vec![60, 11, 20])]
    );
    let text = screen(&app, &data);
    let first = text.lines().nth(2).unwrap_or_default();
    assert!(first.contains("● Overdue, by lead agency (1)"), "{text}");
    // Per agency and per part: red and yellow counts beside the bars.
    assert!(
        text.lines()
            .any(|l| l.contains("知识产权局") && l.contains("●1 ▲1")),
        "{text}"
    );
}

/// A search under the light filter narrows from hits that filter trimmed;
/// when the lights change under it (another office's change read in), the
/// next key searches afresh, so a task that now passes the filter appears.
#[test]
fn a_search_under_a_light_filter_sees_lights_that_changed_meanwhile() {
    use crate::model::TaskKey;
    use crate::progress::{Change, ChangeKind};
    let (mut app, data) = shown(Lang::Zh, false, (120, 40), &[]);
    let numbers = |app: &App| -> Vec<u32> {
        let crate::tui::state::Overlay::Search(search) = &app.overlay else {
            return Vec::new();
        };
        search
            .hits
            .ranked()
            .iter()
            .map(|h| data.catalog.tasks[h.task()].task.number)
            .collect()
    };
    // Yellow only: task 1 (red, 12月10日) is left out.
    run(
        &mut app,
        &data,
        [
            Action::CycleLightFilter,
            Action::CycleLightFilter,
            Action::OpenSearch,
            Action::Input('知'),
        ],
    );
    assert!(!numbers(&app).contains(&1), "{:?}", numbers(&app));
    // Task 1's time limit goes back to the plan's: it turns yellow.
    let mut progress = app.progress.clone();
    progress.record(
        TaskKey::new("p", 1),
        Change::new(
            "2030-01-01T00:00:00Z".parse().expect("time"),
            "bob",
            ChangeKind::Due {
                from: Some(jiff::civil::date(2020, 12, 10)),
                to: None,
            },
        ),
    );
    run(&mut app, &data, [Action::Reloaded(progress)]);
    assert_eq!(app.lights[0], Some(Light::Yellow));
    run(&mut app, &data, [Action::Input('识')]);
    assert!(numbers(&app).contains(&1), "{:?}", numbers(&app));
}
