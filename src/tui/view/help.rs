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

pub fn render(frame: &mut Frame, body: Rect, app: &App, data: &Data, scroll: usize) {
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
    let per_column = entries.len().div_ceil(columns);
    let mut lines: Vec<Line> = (0..per_column)
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
        .collect();
    lines.push(Line::default());
    let markers: Vec<Span> = Status::ALL
        .iter()
        .flat_map(|&s| {
            [
                Span::styled(status_marker(s), data.theme.status(s)),
                Span::raw(format!(" {}  ", i18n::status(lang, s))),
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
    let scroll = scroll.min(lines.len().saturating_sub(usize::from(inner.height)));
    let shown: Vec<Line> = lines.into_iter().skip(scroll).collect();
    frame.render_widget(Paragraph::new(shown), inner);
}
