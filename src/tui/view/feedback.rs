//! The feedback editor, drawn over the lower part of the body: the three
//! fields one under the other, each with its label and as many lines as
//! it has (line breaks kept, long lines cut at the box's edge); the cursor
//! in the field being edited.

use super::{fit, panel};
use crate::i18n::{self, Label};
use crate::text::display_width;
use crate::tui::data::Data;
use crate::tui::state::FeedbackBox;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

const LABELS: [Label; 3] = [
    Label::FeedbackProgress,
    Label::FeedbackProblems,
    Label::FeedbackNext,
];

pub fn render(frame: &mut Frame, body: Rect, data: &Data, editor: &FeedbackBox) {
    let lang = data.lang;
    let theme = &data.theme;
    // Every line of every field, and where the cursor is among them.
    let mut lines: Vec<Line> = Vec::new();
    let mut cursor = (0, 0);
    for (i, (label, field)) in LABELS.iter().zip(&editor.fields).enumerate() {
        let style = if i == editor.field {
            theme.title
        } else {
            theme.label
        };
        lines.push(Line::from(Span::styled(
            i18n::labelled(lang, *label),
            style,
        )));
        let text: String = field.iter().collect();
        let before: String = field[..editor.cursor.min(field.len())].iter().collect();
        if i == editor.field {
            let row = before.matches('\n').count();
            let column = before.rsplit('\n').next().map_or(0, display_width);
            cursor = (lines.len() + row, column + 2);
        }
        for line in text.split('\n') {
            lines.push(Line::from(format!("  {line}")));
        }
    }
    let height = u16::try_from(lines.len() + 2)
        .unwrap_or(u16::MAX)
        .min(body.height);
    let area = Rect {
        x: body.x,
        y: body.y + body.height - height,
        width: body.width,
        height,
    };
    frame.render_widget(Clear, area);
    let number = data.catalog.tasks[editor.task].task.number;
    let agency = data.agency.as_deref().unwrap_or_default();
    let title = format!(
        " {} · {agency} · {} {} ",
        i18n::tr(lang, Label::FeedbackTitle),
        i18n::tr(lang, Label::Tasks),
        number
    );
    let block = panel(Span::styled(title, theme.title), true, data).title_bottom(
        Line::from(format!(" {} ", i18n::tr(lang, Label::FeedbackKeys))).right_aligned(),
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    // The cursor's line stays in view: the top lines give way first.
    let skip = (cursor.0 + 1).saturating_sub(usize::from(inner.height));
    let shown: Vec<Line> = lines
        .into_iter()
        .skip(skip)
        .map(|line| fit(line.spans, width))
        .collect();
    frame.render_widget(Paragraph::new(shown), inner);
    let x = inner.x
        + u16::try_from(cursor.1)
            .unwrap_or(0)
            .min(inner.width.saturating_sub(1));
    let y = inner.y + u16::try_from(cursor.0 - skip).unwrap_or(0);
    frame.set_cursor_position(Position::new(
        x,
        y.min(inner.y + inner.height.saturating_sub(1)),
    ));
}
