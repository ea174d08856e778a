//! Drawing. Every panel reads the state and the data and decides nothing;
//! the only thing written is a list's scroll offset (see `Cursor`).
//! Widths are display widths throughout: a Chinese character takes two
//! columns and is never cut in half.

mod agencies;
#[cfg(test)]
mod as_of_tests;
mod detail;
mod feedback;
mod focus;
mod help;
#[cfg(test)]
mod lights_tests;
mod lines;
mod note;
mod search;
mod status_bar;
mod summary;
mod tree;

pub use lines::{fit, highlight, wrap, wrap_keeping};

use super::data::Data;
use super::state::{App, Overlay, Pane, Screen};
use crate::i18n::{self, Label};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

/// Smaller than this, nothing useful fits: one line says so instead.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

pub fn render(frame: &mut Frame, app: &App, data: &Data) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        // Wrapped, not cut: at 20 columns the needed size must still show.
        let text = i18n::tr(data.lang, Label::TooSmall);
        let lines: Vec<Line> = wrap(text, area.width.into())
            .into_iter()
            .take(area.height.into())
            .map(|l| Line::from(Span::styled(l, data.theme.error)))
            .collect();
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    // The reason and the file's path are the point of the banner: wrapped,
    // up to three lines, rather than cut.
    let banner: Vec<Line> = app
        .read_only
        .iter()
        .flat_map(|reason| wrap(&i18n::read_only(data.lang, reason), area.width.into()))
        .take(3)
        .map(|l| Line::from(Span::styled(l, data.theme.banner)))
        .collect();
    let [header, banner_area, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(u16::try_from(banner.len()).unwrap_or(0)),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    status_bar::render_header(frame, header, app, data);
    frame.render_widget(Paragraph::new(banner).style(data.theme.banner), banner_area);
    match &app.overlay {
        Overlay::Search(search) => search::render(frame, body, app, data, search),
        _ => render_body(frame, body, app, data),
    }
    match &app.overlay {
        Overlay::Help { scroll } => help::render(frame, body, app, data, scroll),
        Overlay::Note(note) => note::render(frame, body, data, note),
        Overlay::Feedback(editor) => feedback::render(frame, body, data, editor),
        _ => {}
    }
    status_bar::render(frame, status, app, data);
}

/// The list and the detail pane: side by side when wide, else the focused one.
fn render_body(frame: &mut Frame, body: Rect, app: &App, data: &Data) {
    // The meeting screens take the whole body: nothing beside them.
    match app.screen {
        Screen::Summary => return summary::render(frame, body, app, data),
        Screen::Focus => return focus::render(frame, body, app, data),
        _ => {}
    }
    let (list, detail) = if app.wide() {
        let [list, detail] =
            // The tree's rows (indent, marker, number, text) need the room
            // more than the wrapped detail does.
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
                .areas(body);
        (Some(list), Some(detail))
    } else if app.focus == Pane::Detail {
        (None, Some(body))
    } else {
        (Some(body), None)
    };
    let focused = |pane: Pane| app.wide() && app.focus == pane;
    if let Some(area) = list {
        let view = ListView {
            area,
            focused: focused(Pane::List),
        };
        match app.screen {
            Screen::Tree => tree::render(frame, view, app, data),
            Screen::Agencies => agencies::render_list(frame, view, app, data),
            Screen::AgencyTasks => agencies::render_tasks(frame, view, app, data),
            Screen::Summary | Screen::Focus => {}
        }
    }
    if let Some(area) = detail {
        let view = ListView {
            area,
            focused: focused(Pane::Detail),
        };
        match app.screen {
            Screen::Agencies => match app.selected_agency() {
                Some(agency) => agencies::render_summary(frame, view, app, data, agency),
                None => detail::render_empty(frame, view, data),
            },
            _ => detail::render(frame, view, app, data, app.current_node()),
        }
    }
}

/// Where a panel draws and whether it has the keyboard.
#[derive(Debug, Clone, Copy)]
pub struct ListView {
    pub area: Rect,
    pub focused: bool,
}

/// `label：value`, the value wrapped under itself.
pub fn field(lines: &mut Vec<Line<'static>>, data: &Data, label: Label, value: &str, width: usize) {
    let label = i18n::labelled(data.lang, label);
    let indent = crate::text::display_width(&label);
    let names = data.agency_names();
    for (i, part) in wrap_keeping(value, width.saturating_sub(indent).max(4), &names)
        .into_iter()
        .enumerate()
    {
        let head = if i == 0 {
            Span::styled(label.clone(), data.theme.label)
        } else {
            Span::raw(" ".repeat(indent))
        };
        lines.push(fit(vec![head, Span::raw(part)], width));
    }
}

/// A task's number as a list row starts: `  55 `, or with its plan's label
/// where the list mixes plans (`2020-ip-strategy:55 `).
pub fn numbered(data: &Data, task: usize) -> String {
    let number = data.catalog.tasks[task].task.number;
    match data.catalog.plan_label(task) {
        Some(label) => format!(" {label}:{number} "),
        None => format!("{number:>4} "),
    }
}

/// The lead, the participating agencies and 按职责分别负责, each agency
/// written by `name`.
pub fn agency_fields(
    lines: &mut Vec<Line<'static>>,
    data: &Data,
    task: &crate::model::Task,
    name: impl Fn(&crate::model::AgencyRef) -> String,
    width: usize,
) {
    if let Some(lead) = task.lead() {
        field(lines, data, Label::Lead, &name(lead), width);
    }
    let others: Vec<String> = task.participating().map(&name).collect();
    if !others.is_empty() {
        field(lines, data, Label::Participating, &others.join("、"), width);
    }
    if task.per_remit {
        lines.push(Line::from(Span::styled(
            i18n::tr(data.lang, Label::PerRemit),
            data.theme.lead,
        )));
    }
}

/// A panel whose title is cut to the panel's width, never through a wide
/// character.
pub fn titled_panel(title: String, area: Rect, focused: bool, data: &Data) -> Block<'static> {
    panel(
        fit(
            vec![Span::styled(title, data.theme.title)],
            area.width.saturating_sub(2).into(),
        ),
        focused,
        data,
    )
}

/// A bordered box with a title, highlighted when it has the keyboard.
pub fn panel<'a>(title: impl Into<Line<'a>>, focused: bool, data: &Data) -> Block<'a> {
    let style = if focused {
        data.theme.border_focused
    } else {
        data.theme.border
    };
    Block::new()
        .borders(Borders::ALL)
        .border_style(style)
        .title(title)
}

/// The selected row: its first `gutter` spans (the `>` marker and what
/// identifies the row: status, number, name) in reverse video, not the
/// whole width. A bar across the row made every cursor move re-send both
/// rows in full, ~250 bytes of Chinese text at 80 columns, over the target
/// of 200 for slow links; the gutter alone is ~70 (see BENCHMARKS.md).
pub fn selectable(
    line: Line<'static>,
    selected: bool,
    gutter: usize,
    style: ratatui::style::Style,
) -> Line<'static> {
    if !selected {
        return line;
    }
    let mut line = line;
    for span in line.spans.iter_mut().take(gutter) {
        span.style = span.style.patch(style);
    }
    line
}

/// The rows `cursor` shows in `height` lines: (first row, row count).
pub fn window(cursor: &super::lists::Cursor, height: usize, len: usize) -> std::ops::Range<usize> {
    let offset = cursor.visible_offset(height, len);
    offset..(offset + height).min(len)
}

#[cfg(test)]
mod tests;
