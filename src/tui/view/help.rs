//! The `?` overlay: every key of the view underneath, generated from the
//! keymap, plus what the status markers mean.

use super::{fit, panel};
use crate::i18n::{self, Label};
use crate::progress::Status;
use crate::text::pad_to_width;
use crate::tui::data::Data;
use crate::tui::keymap;
use crate::tui::state::App;
use crate::tui::theme::status_marker;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use std::cell::Cell;

pub fn render(frame: &mut Frame, body: Rect, app: &App, data: &Data, scroll: &Cell<usize>) {
    let lang = data.lang;
    let width = body.width.saturating_sub(4).clamp(20, 72);
    let area = Rect {
        x: body.x + body.width.saturating_sub(width) / 2,
        y: body.y,
        width,
        height: body.height,
    };
    frame.render_widget(Clear, area);
    let block = panel(
        Span::styled(
            format!(" {} ", i18n::tr(lang, Label::HelpTitle)),
            data.theme.title,
        ),
        true,
        data,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let inner_width = usize::from(inner.width);
    let entries: Vec<Vec<Span>> = keymap::bindings_for(app.base_mode())
        .map(|binding| {
            vec![
                Span::styled(
                    pad_to_width(&keymap::keys_text(binding), 12),
                    data.theme.key,
                ),
                Span::raw(i18n::tr(lang, binding.label)),
            ]
        })
        .collect();
    // Two columns when they fit, so that every key shows at 80×24.
    let columns = if inner_width >= 60 { 2 } else { 1 };
    let column_width = inner_width / columns;
    let mut lines = in_columns(&entries, columns, column_width);
    lines.push(Line::default());
    lines.push(fit(
        vec![Span::styled(
            i18n::tr(lang, Label::SearchSyntax),
            data.theme.title,
        )],
        inner_width,
    ));
    let syntax: Vec<Vec<Span>> = SEARCH_SYNTAX
        .iter()
        .map(|&(example, label)| {
            vec![
                Span::styled(pad_to_width(example, 12), data.theme.key),
                Span::raw(i18n::tr(lang, label)),
            ]
        })
        .collect();
    lines.extend(in_columns(&syntax, columns, column_width));
    lines.push(Line::default());
    let markers: Vec<Span> = Status::ALL
        .iter()
        .flat_map(|&s| {
            [
                Span::styled(status_marker(s), data.theme.status(s)),
                Span::raw(format!(" {} ", i18n::status(lang, s))),
            ]
        })
        .collect();
    lines.push(fit(markers, inner_width));
    if let Some(path) = &data.state_path {
        lines.push(fit(
            vec![Span::styled(path.clone(), data.theme.dim)],
            inner_width,
        ));
    }
    // Clamped here, where the help's length is known, and kept, so that
    // `k` after `G` moves up from the last screenful.
    scroll.set(
        scroll
            .get()
            .min(lines.len().saturating_sub(usize::from(inner.height))),
    );
    let shown: Vec<Line> = lines.into_iter().skip(scroll.get()).collect();
    frame.render_widget(Paragraph::new(shown), inner);
}

/// The query syntax the search box shares with fzf, by example.
const SEARCH_SYNTAX: &[(&str, Label)] = &[
    ("专利 商标", Label::SyntaxAll),
    ("'词", Label::SyntaxExact),
    ("^词  词$", Label::SyntaxAnchors),
    ("!词", Label::SyntaxExclude),
    ("ZLSC  SAMR", Label::SyntaxCase),
];

/// Entries filled down the first column, then the next.
fn in_columns<'a>(entries: &[Vec<Span<'a>>], columns: usize, column_width: usize) -> Vec<Line<'a>> {
    let per_column = entries.len().div_ceil(columns);
    (0..per_column)
        .map(|row| {
            let mut spans = Vec::new();
            for column in 0..columns {
                if let Some(entry) = entries.get(column * per_column + row) {
                    let cell = fit(entry.clone(), column_width.saturating_sub(1));
                    let pad = column_width.saturating_sub(cell.width());
                    spans.extend(cell.spans);
                    spans.push(Span::raw(" ".repeat(pad)));
                }
            }
            Line::from(spans)
        })
        .collect()
}
