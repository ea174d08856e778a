//! The agency list (lead / participating counts and a progress bar), one
//! agency's summary, and one agency's tasks with the lead ones first.

use super::{ListView, fit, numbered, panel, selectable, titled_panel, window, wrap};
use crate::deadline::Light;
use crate::i18n::{self, Label};
use crate::model::Role;
use crate::progress::{Status, Tally};
use crate::report::LightCounts;
use crate::text::{display_width, pad_to_width};
use crate::tui::data::{AgencyInfo, Data};
use crate::tui::lists::Sort;
use crate::tui::state::App;
use crate::tui::theme::status_marker;
use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

const BAR: usize = 10;

fn tally(app: &App, info: &AgencyInfo) -> Tally {
    Tally::of(info.tasks().map(|(task, _)| app.statuses[task]))
}

/// The lights of every task the agency leads or takes part in.
fn lights(app: &App, info: &AgencyInfo) -> LightCounts {
    LightCounts::of(info.tasks().map(|(task, _)| app.lights[task]))
}

/// `●2 ▲5`: what needs attention, red and yellow only, each in its colour.
fn attention(counts: LightCounts, data: &Data) -> Vec<Span<'static>> {
    [(Light::Red, counts.red), (Light::Yellow, counts.yellow)]
        .into_iter()
        .filter(|&(_, n)| n > 0)
        .flat_map(|(light, n)| {
            [
                Span::raw(" "),
                Span::styled(format!("{}{n}", light.symbol()), data.theme.light(light)),
            ]
        })
        .collect()
}

/// `███░░░░░░░`: the bar is drawn with characters, so it reads without colour.
fn bar(done: usize, total: usize, data: &Data) -> Vec<Span<'static>> {
    let filled = (done * BAR).checked_div(total).unwrap_or(0);
    vec![
        Span::styled("█".repeat(filled), data.theme.bar_done),
        Span::styled("░".repeat(BAR - filled), data.theme.bar_rest),
    ]
}

pub fn render_list(frame: &mut Frame, view: ListView, app: &App, data: &Data) {
    let lang = data.lang;
    let sort = match app.agencies.sort {
        Sort::Count => Label::SortByCount,
        Sort::Name => Label::SortByName,
    };
    let title = format!(
        " {} ({}) · {} {} ",
        i18n::tr(lang, Label::AgencyView),
        data.agencies.len(),
        i18n::tr(lang, Label::Sort),
        i18n::tr(lang, sort)
    );
    let block = titled_panel(title, view.area, view.focused, data);
    let inner = block.inner(view.area);
    frame.render_widget(block, view.area);
    let width = usize::from(inner.width);
    // name | lead/part | bar done/total
    let counts_width = 10;
    let tail = 1 + BAR + 8;
    let name_width = width.saturating_sub(2 + counts_width + tail).clamp(6, 30);
    let mut lines = vec![fit(
        vec![Span::styled(
            format!(
                "  {}{}{}",
                pad_to_width(i18n::tr(lang, Label::Agency), name_width),
                pad_to_width(&format!(" {}", i18n::tr(lang, Label::Count)), counts_width),
                format_args!(" {}", i18n::tr(lang, Label::Progress)),
            ),
            data.theme.dim,
        )],
        width,
    )];
    let height = usize::from(inner.height.saturating_sub(1));
    for i in window(&app.agencies.cursor, height, app.agencies.order.len()) {
        let info = &data.agencies[app.agencies.order[i]];
        let selected = i == app.agencies.cursor.selected;
        let tally = tally(app, info);
        let mut spans = vec![
            Span::raw(if selected { "> " } else { "  " }),
            Span::raw(pad_to_width(&info.name, name_width)),
            Span::raw(pad_to_width(
                &format!("{:>3}/{:<3}", info.lead.len(), info.participating.len()),
                counts_width,
            )),
            Span::raw(" "),
        ];
        spans.extend(bar(tally.done, tally.total(), data));
        spans.push(Span::raw(format!(" {}/{}", tally.done, tally.total())));
        spans.extend(attention(lights(app, info), data));
        // The marker and the name.
        lines.push(selectable(
            fit(spans, width),
            selected,
            2,
            data.theme.selected,
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

pub fn render_summary(frame: &mut Frame, view: ListView, app: &App, data: &Data, agency: usize) {
    let lang = data.lang;
    let info = &data.agencies[agency];
    let block = panel(
        Span::styled(format!(" {} ", info.name), data.theme.title),
        view.focused,
        data,
    );
    let inner = block.inner(view.area);
    frame.render_widget(block, view.area);
    let width = usize::from(inner.width);
    let mut lines: Vec<Line> = Vec::new();
    if let Some(full) = &info.full {
        lines.extend(wrap(full, width).into_iter().map(Line::from));
    }
    lines.push(Line::from(format!(
        "{} {}  ·  {} {}",
        i18n::tr(lang, Label::Lead),
        info.lead.len(),
        i18n::tr(lang, Label::Participating),
        info.participating.len()
    )));
    let tally = tally(app, info);
    let mut spans = bar(tally.done, tally.total(), data);
    spans.push(Span::raw(format!(
        " {}/{}{}",
        tally.done,
        tally.total(),
        super::detail::suspended_apart(lang, tally.suspended)
    )));
    lines.push(Line::from(spans));
    // Suspended only when there are some: they are in no total.
    for status in Status::ALL
        .into_iter()
        .filter(|s| s.counts() || tally.suspended > 0)
    {
        lines.push(Line::from(vec![
            Span::styled(status_marker(status), data.theme.status(status)),
            Span::raw(format!(
                " {} {}",
                i18n::status(lang, status),
                tally.count(status)
            )),
        ]));
    }
    let counts = lights(app, info);
    for (light, n) in [
        (Light::Red, counts.red),
        (Light::Yellow, counts.yellow),
        (Light::Green, counts.green),
    ] {
        lines.push(Line::from(vec![
            Span::styled(light.symbol().to_string(), data.theme.light(light)),
            Span::raw(format!(" {} {n}", i18n::light(lang, light))),
        ]));
    }
    // With offices syncing: when this agency was last heard from.
    if app.syncing || !app.received.is_empty() {
        let heard = match app.received.get(&info.name) {
            Some((at, by)) => format!(
                "{}: {} {}",
                i18n::tr(lang, Label::LatestReceived),
                at.to_zoned_datetime(data.tz.clone())
                    .strftime("%Y-%m-%d %H:%M"),
                by
            ),
            None => format!(
                "{}: {}",
                i18n::tr(lang, Label::LatestReceived),
                i18n::tr(lang, Label::NoneReceived)
            ),
        };
        lines.extend(wrap(&heard, width).into_iter().map(Line::from));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

pub fn render_tasks(frame: &mut Frame, view: ListView, app: &App, data: &Data) {
    let lang = data.lang;
    let Some(info) = data.agencies.get(app.agency_tasks.agency) else {
        return;
    };
    let title = format!(
        " {} · {} {} · {} {} ",
        info.name,
        i18n::tr(lang, Label::LeadShort),
        info.lead.len(),
        i18n::tr(lang, Label::PartShort),
        info.participating.len()
    );
    let block = titled_panel(title, view.area, view.focused, data);
    let inner = block.inner(view.area);
    frame.render_widget(block, view.area);
    let width = usize::from(inner.width);
    let rows = &app.agency_tasks.rows;
    if rows.is_empty() {
        let empty = i18n::tr(lang, Label::Empty);
        frame.render_widget(Paragraph::new(Span::styled(empty, data.theme.dim)), inner);
        return;
    }
    let lead_word = i18n::tr(lang, Label::LeadShort);
    let role_width = display_width(lead_word) + 1;
    let lines: Vec<Line> = window(&app.agency_tasks.cursor, inner.height.into(), rows.len())
        .map(|i| {
            let (task, role) = rows[i];
            let selected = i == app.agency_tasks.cursor.selected;
            let status = app.statuses[task];
            let entry = &data.catalog.tasks[task];
            let role = match role {
                Role::Lead => Span::styled(pad_to_width(lead_word, role_width), data.theme.lead),
                Role::Participating => Span::raw(" ".repeat(role_width)),
            };
            let spans = vec![
                Span::raw(if selected { "> " } else { "  " }),
                role,
                Span::styled(status_marker(status), data.theme.status(status)),
                data.theme.light_span(app.lights[task]),
                Span::raw(numbered(data, task)),
                Span::raw(entry.task.text.to_string()),
            ];
            // Up to the number.
            selectable(fit(spans, width), selected, 4, data.theme.selected)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
