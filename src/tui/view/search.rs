//! The search overlay: the query box and the ranked hits with the matched
//! characters highlighted; when wide, the selected hit's detail beside them.

use super::lines::around_match;
use super::{ListView, fit, highlight, numbered, panel, selectable, titled_panel, window};
use crate::i18n::{self, Label};
use crate::search::Field;
use crate::text::display_width;
use crate::tui::data::Data;
use crate::tui::lists::Node;
use crate::tui::search_box::SearchBox;
use crate::tui::state::App;
use crate::tui::theme::status_marker;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

pub fn render(frame: &mut Frame, area: Rect, app: &App, data: &Data, search: &SearchBox) {
    frame.render_widget(Clear, area);
    let (list_area, detail_area) = if app.wide() {
        let [l, d] = Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
            .areas(area);
        (l, Some(d))
    } else {
        (area, None)
    };
    let [input_area, results_area] =
        Layout::vertical([Constraint::Length(3), Constraint::Min(1)]).areas(list_area);
    render_input(frame, input_area, data, search);
    render_results(frame, results_area, app, data, search);
    if let Some(detail) = detail_area {
        let node = search.selected_hit().map(|h| Node::Task(h.task()));
        super::detail::render(
            frame,
            ListView {
                area: detail,
                focused: false,
            },
            app,
            data,
            node,
        );
    }
}

fn render_input(frame: &mut Frame, area: Rect, data: &Data, search: &SearchBox) {
    let lang = data.lang;
    let title = format!(" {} ", i18n::tr(lang, Label::SearchPrompt));
    let count = if search.query.is_empty() {
        String::new()
    } else {
        format!(" {} ", i18n::hits(lang, search.hits.len()))
    };
    let block =
        titled_panel(title, area, true, data).title_bottom(Line::from(count).right_aligned());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width).saturating_sub(3);
    let before: String = search.query[..search.cursor].iter().collect();
    // Keep the cursor in view when the query is longer than the box.
    let skip = display_width(&before).saturating_sub(width);
    let mut shown = String::new();
    let mut dropped = 0;
    for c in search.query.iter() {
        if dropped < skip {
            dropped += crate::text::char_width(*c);
            continue;
        }
        shown.push(*c);
    }
    let line = fit(
        vec![Span::styled("/ ", data.theme.key), Span::raw(shown)],
        usize::from(inner.width),
    );
    frame.render_widget(Paragraph::new(line), inner);
    let column = 2 + display_width(&before).saturating_sub(dropped);
    let x = inner.x
        + u16::try_from(column)
            .unwrap_or(inner.width)
            .min(inner.width.saturating_sub(1));
    frame.set_cursor_position(Position::new(x, inner.y));
}

fn render_results(frame: &mut Frame, area: Rect, app: &App, data: &Data, search: &SearchBox) {
    let theme = &data.theme;
    let block = panel(
        Span::styled(
            format!(" {} ", i18n::tr(data.lang, Label::Search)),
            theme.title,
        ),
        false,
        data,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    if search.query.is_empty() || search.hits.is_empty() {
        let label = if search.query.is_empty() {
            Label::SearchEmpty
        } else {
            Label::NoResults
        };
        let lines: Vec<Line> = super::wrap(i18n::tr(data.lang, label), width)
            .into_iter()
            .map(|l| Line::from(Span::styled(l, theme.dim)))
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    }
    let query = search.text();
    // Highlighting runs the matcher again, so only for the rows on screen.
    // Only ranked hits have a place in the list; those on screen are.
    let ranked = search.hits.ranked();
    let lines: Vec<Line> = window(&search.list, inner.height.into(), search.hits.len())
        .filter_map(|i| ranked.get(i).map(|hit| (i, hit)))
        .map(|(i, hit)| {
            let selected = i == search.list.selected;
            let entry = &data.catalog.tasks[hit.task()];
            let status = app.statuses[hit.task()];
            let mut spans = vec![
                Span::raw(if selected { "> " } else { "  " }),
                Span::styled(status_marker(status), theme.status(status)),
                theme.light_span(app.lights[hit.task()]),
            ];
            let (text, positions) = data.index.highlight(&data.catalog, hit, &query);
            let room = width.saturating_sub(9);
            // The selection marks the row up to the task's number.
            let mut gutter = 3;
            match hit.field() {
                Field::Number => {
                    spans.push(Span::raw(" "));
                    if let Some(label) = data.catalog.plan_label(hit.task()) {
                        spans.push(Span::raw(format!("{label}:")));
                    }
                    spans.push(Span::styled(format!("{:>3}", text), theme.matched));
                    gutter = 4;
                    spans.push(Span::raw(format!(" {}", entry.task.text)));
                }
                Field::Text => {
                    spans.push(Span::raw(numbered(data, hit.task())));
                    let (text, positions) = around_match(&text, &positions, room);
                    spans.extend(highlight(
                        &text,
                        &positions,
                        ratatui::style::Style::new(),
                        theme.matched,
                    ));
                }
                Field::Agency { .. } | Field::Section(_) => {
                    spans.push(Span::raw(numbered(data, hit.task())));
                    spans.extend(highlight(&text, &positions, theme.dim, theme.matched));
                    spans.push(Span::raw(format!(" · {}", entry.task.text)));
                }
            }
            selectable(fit(spans, width), selected, gutter, theme.selected)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
