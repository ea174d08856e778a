//! The one-line note editor, drawn over the bottom of the body.

use super::{fit, panel};
use crate::i18n::{self, Label};
use crate::text::{char_width, display_width};
use crate::tui::data::Data;
use crate::tui::state::{BoxKind, NoteBox};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

pub fn render(frame: &mut Frame, body: Rect, data: &Data, note: &NoteBox) {
    let lang = data.lang;
    let height = 3.min(body.height);
    let area = Rect {
        x: body.x,
        y: body.y + body.height - height,
        width: body.width,
        height,
    };
    frame.render_widget(Clear, area);
    let (title, keys) = match note.kind {
        BoxKind::AsOf => (Label::AsOfTitle, Label::AsOfKeys),
        BoxKind::Note => (Label::NoteTitle, Label::NoteKeys),
        BoxKind::Due => (Label::DueTitle, Label::DueKeys),
        BoxKind::Reason(crate::progress::Status::Suspended) => {
            (Label::ReasonSuspendedTitle, Label::ReasonSuspendedKeys)
        }
        BoxKind::Reason(_) => (Label::ReasonBlockedTitle, Label::ReasonBlockedKeys),
    };
    let title = match data.catalog.tasks.get(note.task) {
        Some(task) if note.kind != BoxKind::AsOf => format!(
            " {} · {} {} ",
            i18n::tr(lang, title),
            i18n::tr(lang, Label::Task),
            task.task.number
        ),
        _ => format!(" {} ", i18n::tr(lang, title)),
    };
    let block = panel(Span::styled(title, data.theme.title), true, data)
        .title_bottom(Line::from(format!(" {} ", i18n::tr(lang, keys))).right_aligned());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width).saturating_sub(1);
    let before: String = note.text[..note.cursor].iter().collect();
    // Scroll the text so the cursor stays inside the box.
    let skip = display_width(&before).saturating_sub(width);
    let mut dropped = 0;
    let shown: String = note
        .text
        .iter()
        .filter(|&&c| {
            if dropped < skip {
                dropped += char_width(c);
                return false;
            }
            true
        })
        .collect();
    frame.render_widget(
        Paragraph::new(fit(vec![Span::raw(shown)], usize::from(inner.width))),
        inner,
    );
    let column = display_width(&before).saturating_sub(dropped);
    let x = inner.x
        + u16::try_from(column)
            .unwrap_or(0)
            .min(inner.width.saturating_sub(1));
    frame.set_cursor_position(Position::new(x, inner.y));
}
