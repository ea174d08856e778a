//! The focus view: one task alone for screen-sharing. The text is wrapped
//! to a comfortable measure with wide margins and the block is centred, so
//! that people reading a shared screen from afar see one thing at a time.

use super::{agency_fields, field, panel, wrap_keeping};
use crate::i18n::{self, Label};
use crate::model::AgencyRef;
use crate::text::display_width;
use crate::tui::data::Data;
use crate::tui::state::App;
use crate::tui::theme::status_marker;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// About 36 Chinese characters a line: past that the eye loses the line.
const MEASURE: usize = 72;

pub fn render(frame: &mut Frame, area: Rect, app: &App, data: &Data) {
    let lang = data.lang;
    let spot = &app.spotlight;
    let position = format!(" {} / {} ", spot.index + 1, spot.tasks.len());
    let block = panel(
        Span::styled(
            format!(" {} ", i18n::tr(lang, Label::FocusTitle)),
            data.theme.title,
        ),
        true,
        data,
    )
    .title_bottom(Line::from(Span::styled(position, data.theme.dim)).right_aligned());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(task) = spot.task() else {
        return;
    };
    // Margins of a sixth of the width on each side, at least two columns.
    let margin = (usize::from(inner.width) / 6).max(2);
    let measure = usize::from(inner.width)
        .saturating_sub(2 * margin)
        .clamp(10, MEASURE);
    // Room for a hanging punctuation mark past the measure.
    let paint = (measure + 2).min(usize::from(inner.width));
    let lines = task_lines(app, data, task, measure);
    let height = usize::from(inner.height);
    let scroll = spot.scroll.min(lines.len().saturating_sub(height));
    // Centred both ways while it fits; from the top, scrolled, when not.
    let top = height.saturating_sub(lines.len()) / 2;
    let left = usize::from(inner.width).saturating_sub(paint) / 2;
    let body = Rect {
        x: inner.x + u16::try_from(left).unwrap_or(0),
        y: inner.y + u16::try_from(top).unwrap_or(0),
        width: u16::try_from(paint).unwrap_or(inner.width),
        height: inner.height.saturating_sub(u16::try_from(top).unwrap_or(0)),
    };
    let shown: Vec<Line> = lines.into_iter().skip(scroll).collect();
    frame.render_widget(Paragraph::new(shown), body);
}

fn task_lines(app: &App, data: &Data, task: usize, width: usize) -> Vec<Line<'static>> {
    let lang = data.lang;
    let theme = &data.theme;
    let entry = &data.catalog.tasks[task];
    let status = app.statuses[task];
    let heading = format!("{} {}", i18n::tr(lang, Label::Task), entry.task.number);
    let state = format!("{} {}", status_marker(status), i18n::status(lang, status));
    let gap = width.saturating_sub(display_width(&heading) + display_width(&state));
    let mut lines = vec![
        // Number on the left, status on the right: both seen at a glance.
        Line::from(vec![
            Span::styled(heading, theme.title),
            Span::raw(" ".repeat(gap.max(2))),
            Span::styled(state, theme.status(status)),
        ]),
        Line::default(),
    ];
    lines.extend(
        wrap_keeping(&entry.task.text, width, &data.agency_names())
            .into_iter()
            .map(Line::from),
    );
    lines.push(Line::default());
    for (depth, section) in data.catalog.section_path(task).into_iter().enumerate() {
        let label = if depth == 0 {
            Label::Part
        } else {
            Label::Group
        };
        field(&mut lines, data, label, &section.heading(), width);
    }
    agency_fields(&mut lines, data, &entry.task, agency_name, width);
    let note = app.progress.note(&data.catalog.key(task));
    if !note.is_empty() {
        field(&mut lines, data, Label::Note, note, width);
    }
    lines
}

/// Short names here: on a shared screen the full names crowd the text, and
/// everyone in the room knows them.
fn agency_name(agency: &AgencyRef) -> String {
    agency.name.to_string()
}
