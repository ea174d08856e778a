//! The summary screen: the meeting report's rows, one per line. Numbers are
//! the report's; this file only lays them out. Columns are measured in
//! display columns and sized from what they hold, so a projector at 80×24
//! gets full headings and bars rather than cramped cells.

use super::{fit, selectable, titled_panel};
use crate::deadline::Light;
use crate::i18n::{self, Label};
use crate::progress::Status;
use crate::report::{Counts, LightCounts, Report, task_label};
use crate::text::{display_width, pad_to_width};
use crate::tui::data::Data;
use crate::tui::state::App;
use crate::tui::summary::{Row, Summary};
use crate::tui::theme::status_marker;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// A bar narrower than this says little; headings give way first.
const MIN_BAR: usize = 10;
/// Wider than this, a bar only adds ink.
const MAX_BAR: usize = 50;
/// `> ` or two spaces before every row.
const MARKER: usize = 2;
/// `100%`.
const PERCENT: usize = 4;

pub fn render(frame: &mut Frame, area: Rect, app: &App, data: &Data) {
    let Some(summary) = &app.summary else {
        return;
    };
    let report = &summary.report;
    let title = format!(
        " {} · {} ",
        i18n::tr(data.lang, Label::SummaryTitle),
        report.date
    );
    let block = titled_panel(title, area, true, data);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let height = usize::from(inner.height);
    let columns = Columns::new(report, width, data);
    let lines: Vec<Line> = window(summary, height)
        .map(|i| {
            let selected = i == summary.cursor.selected;
            let marker = if selected { "> " } else { "  " };
            let mut spans = vec![Span::raw(marker)];
            spans.extend(row_spans(summary, summary.rows[i], &columns, data));
            // The marker and the row's first column (its name or status).
            selectable(fit(spans, width), selected, 2, data.theme.selected)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The rows on screen: the selection in view, and with it the note (or
/// reason) line that belongs to a selected task.
fn window(summary: &Summary, height: usize) -> std::ops::Range<usize> {
    let len = summary.rows.len();
    let cursor = &summary.cursor;
    let mut offset = cursor.visible_offset(height, len);
    let with_note = matches!(
        summary.rows.get(cursor.selected + 1),
        Some(Row::Note { .. } | Row::Reason { .. })
    );
    if with_note && cursor.selected + 1 >= offset + height && cursor.selected > offset {
        offset += 1;
        cursor.offset.set(offset);
    }
    offset..(offset + height).min(len)
}

/// Column widths for this report at this width.
struct Columns {
    /// Headings and plan titles before the bars.
    label: usize,
    bar: usize,
    /// `done/total`, sized for the largest total.
    count: usize,
    /// Agency names.
    agency: usize,
    /// Each of the agency table's two count columns.
    agency_count: usize,
    /// Task numbers (or `PLAN:N` labels).
    number: usize,
}

impl Columns {
    fn new(report: &Report, width: usize, data: &Data) -> Columns {
        let lang = data.lang;
        let count = 2 * report.overall.total.to_string().len() + 1;
        // Sized for the part and group headings; a plan's title (several
        // plans loaded) is cut to them rather than squeezing every bar.
        let widest_label = report
            .parts
            .iter()
            .map(|p| 2 * p.depth + display_width(&p.heading))
            .chain([display_width(i18n::tr(lang, Label::AllTasks))])
            .max()
            .unwrap_or(0);
        // marker label ␠ bar ␠ count ␠ percent, and the parts' light counts
        let lights = report
            .parts
            .iter()
            .map(|p| {
                light_counts(&p.lights, data)
                    .iter()
                    .map(|s| display_width(&s.content))
                    .sum()
            })
            .max()
            .unwrap_or(0);
        let fixed = MARKER + 1 + 1 + count + 1 + PERCENT + lights;
        let room = width.saturating_sub(fixed);
        let label = widest_label.min(room.saturating_sub(MIN_BAR));
        let bar = room.saturating_sub(label).clamp(1, MAX_BAR);
        let agency_count = display_width(i18n::tr(lang, Label::LeadDoneTotal))
            .max(display_width(i18n::tr(lang, Label::PartDoneTotal)))
            .max(count);
        let widest_agency = report
            .agencies
            .iter()
            .map(|a| display_width(&a.name))
            .chain([display_width(i18n::tr(lang, Label::Agency))])
            .max()
            .unwrap_or(0);
        let agency = widest_agency.min(width.saturating_sub(MARKER + 2 * (agency_count + 2)));
        let number = report
            .task_lists
            .iter()
            .flat_map(|l| l.tasks.iter())
            .chain(report.light_lists.iter().flat_map(|l| l.tasks.iter()))
            .map(|t| display_width(&task_label(report, t)))
            .max()
            .unwrap_or(0)
            .max(3);
        Columns {
            label,
            bar,
            count,
            agency,
            agency_count,
            number,
        }
    }
}

fn row_spans(summary: &Summary, row: Row, columns: &Columns, data: &Data) -> Vec<Span<'static>> {
    let report = &summary.report;
    let lang = data.lang;
    let theme = &data.theme;
    match row {
        Row::Heading(label) => vec![Span::styled(i18n::tr(lang, label), theme.title)],
        Row::Overall => bar_row(
            i18n::tr(lang, Label::AllTasks),
            &report.overall,
            columns,
            data,
        ),
        // In the order a report reads them: what is done, then what is not;
        // suspended, apart from the total, only when there are some.
        Row::OverallCounts => [
            Status::Done,
            Status::InProgress,
            Status::Blocked,
            Status::NotStarted,
            Status::Suspended,
        ]
        .iter()
        .filter(|&&status| status.counts() || report.overall.suspended > 0)
        .flat_map(|&status| {
            [
                Span::styled(status_marker(status), theme.status(status)),
                Span::raw(format!(
                    " {} {}   ",
                    i18n::status(lang, status),
                    count_of(&report.overall, status)
                )),
            ]
        })
        .collect(),
        Row::Plan(i) => report.plans.get(i).map_or_else(Vec::new, |plan| {
            bar_row(&plan.title, &plan.counts, columns, data)
        }),
        Row::Part(i) => report.parts.get(i).map_or_else(Vec::new, |part| {
            let heading = format!("{}{}", "  ".repeat(part.depth), part.heading);
            let mut spans = bar_row(&heading, &part.counts, columns, data);
            if part.depth == 0
                && let Some(first) = spans.first_mut()
            {
                first.style = theme.section;
            }
            spans.extend(light_counts(&part.lights, data));
            spans
        }),
        Row::AgencyHeader => vec![Span::styled(
            format!(
                "{}  {}  {}",
                pad_to_width(i18n::tr(lang, Label::Agency), columns.agency),
                right(i18n::tr(lang, Label::LeadDoneTotal), columns.agency_count),
                right(i18n::tr(lang, Label::PartDoneTotal), columns.agency_count),
            ),
            theme.dim,
        )],
        Row::Agency(i) => report.agencies.get(i).map_or_else(Vec::new, |agency| {
            let mut spans = vec![
                Span::raw(pad_to_width(&agency.name, columns.agency)),
                Span::raw(format!(
                    "  {}  {}",
                    right(&agency_cell(&agency.lead), columns.agency_count),
                    right(&agency_cell(&agency.participating), columns.agency_count),
                )),
            ];
            spans.extend(light_counts(&agency.lead_lights, data));
            spans
        }),
        Row::LightHeading(i) => report.light_lists.get(i).map_or_else(Vec::new, |list| {
            vec![
                Span::styled(format!("{} ", list.light.symbol()), theme.light(list.light)),
                Span::styled(
                    i18n::light_list_heading(lang, list.light, list.tasks.len()),
                    theme.title,
                ),
            ]
        }),
        Row::LightTask { list, task, .. } => {
            summary
                .light_task_out(list, task)
                .map_or_else(Vec::new, |out| {
                    let mut spans = vec![
                        Span::styled(status_marker(out.status), theme.status(out.status)),
                        theme.light_span(out.light),
                        Span::raw(format!(
                            " {} ",
                            right(&task_label(report, out), columns.number)
                        )),
                    ];
                    let limit = out
                        .time_limit
                        .as_ref()
                        .and_then(|l| l.date)
                        .map(|d| crate::deadline::display(d, lang))
                        .unwrap_or_default();
                    spans.push(Span::styled(
                        format!("{} · {limit} · ", out.lead()),
                        theme.dim,
                    ));
                    spans.push(Span::raw(out.text.clone()));
                    spans
                })
        }
        Row::ListHeading(i) => report.task_lists.get(i).map_or_else(Vec::new, |list| {
            vec![Span::styled(
                i18n::task_list_heading(lang, list.status, list.tasks.len()),
                theme.title,
            )]
        }),
        Row::Task { list, task, .. } => summary.task_out(list, task).map_or_else(Vec::new, |out| {
            vec![
                Span::styled(status_marker(out.status), theme.status(out.status)),
                Span::raw(format!(
                    " {} ",
                    right(&task_label(report, out), columns.number)
                )),
                Span::raw(out.text.clone()),
            ]
        }),
        Row::Note { list, task } => summary.task_out(list, task).map_or_else(Vec::new, |out| {
            // Under the task's text, so the note reads as part of it.
            let indent = display_width(&status_marker(out.status)) + columns.number + 2;
            vec![
                Span::raw(" ".repeat(indent)),
                Span::styled(i18n::labelled(lang, Label::Note), theme.label),
                Span::raw(out.note.clone()),
            ]
        }),
        Row::SuspendedHeading => vec![Span::styled(
            i18n::suspended_heading(lang, report.suspended.len()),
            theme.title,
        )],
        Row::Suspended { task, .. } => report.suspended.get(task).map_or_else(Vec::new, |out| {
            vec![
                Span::styled(status_marker(out.status), theme.status(out.status)),
                Span::raw(format!(
                    " {} ",
                    right(&task_label(report, out), columns.number)
                )),
                Span::styled(format!("{} · ", out.lead()), theme.dim),
                Span::raw(out.text.clone()),
            ]
        }),
        Row::Reason { task } => report.suspended.get(task).map_or_else(Vec::new, |out| {
            let indent = display_width(&status_marker(out.status)) + columns.number + 2;
            vec![
                Span::raw(" ".repeat(indent)),
                Span::styled(i18n::labelled(lang, Label::Reason), theme.label),
                Span::raw(out.reason.clone()),
            ]
        }),
        Row::NoneListed => vec![Span::styled(i18n::tr(lang, Label::NoneListed), theme.dim)],
        Row::Blank => Vec::new(),
    }
}

/// ` ●3 ▲5`: red and yellow counts, each in its colour; nothing when none.
fn light_counts(counts: &LightCounts, data: &Data) -> Vec<Span<'static>> {
    [(Light::Red, counts.red), (Light::Yellow, counts.yellow)]
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(light, n)| Span::styled(format!(" {}{n}", light.symbol()), data.theme.light(light)))
        .collect()
}

/// `heading ███░░░ done/total pct%`, each part in its column.
fn bar_row(label: &str, counts: &Counts, columns: &Columns, data: &Data) -> Vec<Span<'static>> {
    let filled = (counts.done * columns.bar)
        .checked_div(counts.total)
        .unwrap_or(0);
    vec![
        Span::raw(pad_to_width(label, columns.label)),
        Span::raw(" "),
        Span::styled("█".repeat(filled), data.theme.bar_done),
        Span::styled("░".repeat(columns.bar - filled), data.theme.bar_rest),
        Span::raw(format!(
            " {} {:>3}%",
            right(&done_of(counts), columns.count),
            counts.percent_done()
        )),
    ]
}

fn done_of(counts: &Counts) -> String {
    format!("{}/{}", counts.done, counts.total)
}

/// An agency with no task in a role gets a dash: `0/0` reads like a
/// failing grade on a projector.
fn agency_cell(counts: &Counts) -> String {
    if counts.total == 0 {
        "-".to_string()
    } else {
        done_of(counts)
    }
}

fn count_of(counts: &Counts, status: Status) -> usize {
    match status {
        Status::NotStarted => counts.not_started,
        Status::InProgress => counts.in_progress,
        Status::Done => counts.done,
        Status::Blocked => counts.blocked,
        Status::Suspended => counts.suspended,
    }
}

/// Right-aligned in `width` display columns.
fn right(text: &str, width: usize) -> String {
    let pad = width.saturating_sub(display_width(text));
    format!("{}{text}", " ".repeat(pad))
}
