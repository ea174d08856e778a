//! The header (views, filter, progress) and the status bar (the message,
//! whether marks are saved, and the keys that matter now).

use super::fit;
use crate::i18n::{self, Label};
use crate::progress::Tally;
use crate::text::display_width;
use crate::tui::data::Data;
use crate::tui::keymap;
use crate::tui::lists::Filter;
use crate::tui::state::{App, SaveState, Screen};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::Paragraph;

pub fn filter_name(data: &Data, filter: Filter) -> &'static str {
    match filter {
        Filter::All => i18n::tr(data.lang, Label::FilterAll),
        Filter::Open => i18n::tr(data.lang, Label::FilterOpen),
        Filter::Only(status) => i18n::status(data.lang, status),
    }
}

pub fn render_header(frame: &mut Frame, area: Rect, app: &App, data: &Data) {
    let lang = data.lang;
    let theme = &data.theme;
    let tab = |label: Label, active: bool| {
        let style = if active { theme.tab_active } else { theme.tab };
        // Brackets mark the active view without colour or reverse video.
        let text = if active {
            format!("[{}]", i18n::tr(lang, label))
        } else {
            format!(" {} ", i18n::tr(lang, label))
        };
        Span::styled(text, style)
    };
    // The focus view belongs to the view it was opened from.
    let shown = match app.screen {
        Screen::Focus => app.spotlight.from,
        screen => screen,
    };
    let tally = data
        .catalog
        .plans
        .get(app.tree.plan)
        .map(|p| Tally::of_range(&app.statuses, p.tasks.clone()))
        .unwrap_or_default();
    let mut spans = vec![Span::styled(
        format!("{} ", i18n::tr(lang, Label::AppName)),
        theme.title,
    )];
    // First, so that no width cuts it: this is not today's plan.
    if let Some(as_of) = &app.as_of {
        spans.push(Span::styled(
            format!(" {} ", i18n::as_of_banner(lang, as_of.day)),
            theme.past,
        ));
        spans.push(Span::raw(" "));
    }
    spans.extend([
        tab(Label::TreeView, shown == Screen::Tree),
        Span::raw(" "),
        tab(
            Label::AgencyView,
            matches!(shown, Screen::Agencies | Screen::AgencyTasks),
        ),
        Span::raw(" "),
        tab(Label::SummaryView, shown == Screen::Summary),
        Span::styled(
            format!(
                "  {}:{}",
                i18n::tr(lang, Label::Filter),
                filter_name(data, app.filter),
            ),
            theme.dim,
        ),
    ]);
    // The light filter beside the status filter, in the light's colour.
    if let Some(light) = app.light_filter {
        spans.push(Span::styled(
            format!(" {}{}", light.symbol(), i18n::light(lang, light)),
            theme.light(light),
        ));
    }
    spans.push(Span::styled(
        format!(
            "  {} {}/{}{}",
            i18n::tr(lang, Label::Done),
            tally.done,
            tally.total(),
            super::detail::suspended_apart(lang, tally.suspended)
        ),
        theme.dim,
    ));
    // Which plan the tree and the tally are of, when there is a choice.
    let plans = &data.catalog.plans;
    if plans.len() > 1
        && let Some(plan) = plans.get(app.tree.plan)
    {
        spans.push(Span::styled(
            format!("  {} {}/{}", plan.id, app.tree.plan + 1, plans.len()),
            theme.title,
        ));
    }
    frame.render_widget(Paragraph::new(fit(spans, area.width.into())), area);
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, data: &Data) {
    let lang = data.lang;
    let theme = &data.theme;
    let mut spans = Vec::new();
    // An unsaved mark outranks every other message.
    match &app.save {
        SaveState::Unsaved { error, pending } => {
            spans.push(Span::styled(
                i18n::unsaved(lang, *pending, error),
                theme.error,
            ));
            spans.push(Span::raw(" │ "));
        }
        SaveState::Waiting(holder) => {
            spans.push(Span::styled(holder.clone(), theme.error));
            spans.push(Span::raw(" │ "));
        }
        SaveState::Saved if app.message.is_some() => {}
        SaveState::Saved | SaveState::Idle => {}
    }
    if let Some((text, error)) = &app.message {
        spans.push(Span::styled(
            text.clone(),
            if *error { theme.error } else { theme.message },
        ));
        if app.save == SaveState::Saved {
            spans.push(Span::styled(i18n::saved_suffix(lang), theme.message));
        }
        spans.push(Span::raw(" │ "));
    }
    // Whole hints only: "q 退…" helps nobody.
    let mut used: usize = spans.iter().map(|s| display_width(&s.content)).sum();
    for (key, label) in keymap::hints_where(app.mode(), app.as_of.is_some()) {
        let text = format!(" {}  ", i18n::tr(lang, label));
        let width = display_width(&key) + display_width(text.trim_end());
        if used + width > usize::from(area.width) {
            break;
        }
        used += display_width(&key) + display_width(&text);
        spans.push(Span::styled(key, theme.key));
        spans.push(Span::raw(text));
    }
    frame.render_widget(Paragraph::new(fit(spans, area.width.into())), area);
}
