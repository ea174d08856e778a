//! The plan tree: parts and groups with done / total, tasks with their mark.

use super::{ListView, fit, selectable, titled_panel, window};
use crate::i18n::{self, Label};
use crate::progress::{Status, Tally};
use crate::text::{display_width, pad_to_width};
use crate::tui::data::Data;
use crate::tui::lists::{Node, Row};
use crate::tui::state::App;
use crate::tui::theme::status_marker;
use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(frame: &mut Frame, view: ListView, app: &App, data: &Data) {
    let catalog = &data.catalog;
    let Some(plan) = catalog.plans.get(app.tree.plan) else {
        return;
    };
    let mut title = format!(" {} ", plan.title);
    if catalog.plans.len() > 1 {
        title = format!(
            " {} {}/{} · {} ",
            i18n::tr(data.lang, Label::Plan),
            app.tree.plan + 1,
            catalog.plans.len(),
            plan.title
        );
    }
    let block = titled_panel(title, view.area, view.focused, data);
    let inner = block.inner(view.area);
    frame.render_widget(block, view.area);
    let width = usize::from(inner.width);
    let rows = &app.tree.rows;
    if rows.is_empty() {
        let empty = i18n::tr(data.lang, Label::Empty);
        frame.render_widget(Paragraph::new(Span::styled(empty, data.theme.dim)), inner);
        return;
    }
    let lines: Vec<Line> = window(&app.tree.cursor, inner.height.into(), rows.len())
        .map(|i| {
            let selected = i == app.tree.cursor.selected;
            row_line(app, data, rows[i], selected, width)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn row_line(app: &App, data: &Data, row: Row, selected: bool, width: usize) -> Line<'static> {
    let theme = &data.theme;
    // `>` keeps the selection visible where reverse video is lost.
    let marker = if selected { "> " } else { "  " };
    let indent = "  ".repeat(row.depth());
    // What the selection marks: up to the task's number, or the section's arrow.
    let (line, gutter) = match row.node() {
        Node::Section(index) => {
            let section = &data.catalog.sections[index];
            let tally = Tally::of_range(&app.statuses, section.all_tasks.clone());
            // Every task suspended: no total to show, say why instead of 0/0.
            let count = if tally.total() == 0 && tally.suspended > 0 {
                format!(" {}", crate::i18n::status(data.lang, Status::Suspended))
            } else {
                format!(" {}/{}", tally.done, tally.total())
            };
            let arrow = if app.tree.collapsed.contains(&index) {
                "▸ "
            } else {
                "▾ "
            };
            let head = format!("{marker}{indent}{arrow}");
            let room = width.saturating_sub(display_width(&head) + display_width(&count));
            let heading = pad_to_width(&section.heading(), room);
            let spans = vec![
                Span::raw(head),
                Span::styled(heading, theme.section),
                Span::styled(count, theme.dim),
            ];
            (fit(spans, width), 1)
        }
        Node::Task(task) => {
            let entry = &data.catalog.tasks[task];
            let status = app.statuses[task];
            let spans = vec![
                Span::raw(format!("{marker}{indent}")),
                Span::styled(status_marker(status), theme.status(status)),
                theme.light_span(app.lights[task]),
                Span::raw(format!("{:>4} ", entry.task.number)),
                Span::raw(entry.task.text.to_string()),
            ];
            (fit(spans, width), 3)
        }
    };
    selectable(line, selected, gutter, theme.selected)
}
