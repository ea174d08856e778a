//! The detail pane: a task's whole text wrapped to the pane, where it sits,
//! who leads and who takes part (with full names), its status, note and
//! history; or a section's heading, text and progress.

use super::{ListView, agency_fields, field, panel, wrap, wrap_keeping};
use crate::i18n::{self, Label};
use crate::model::AgencyRef;
use crate::progress::{ChangeKind, Tally};
use crate::tui::data::Data;
use crate::tui::lists::Node;
use crate::tui::state::App;
use crate::tui::theme::status_marker;
use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(frame: &mut Frame, view: ListView, app: &App, data: &Data, node: Option<Node>) {
    let title = format!(" {} ", i18n::tr(data.lang, Label::Detail));
    let block = panel(Span::styled(title, data.theme.title), view.focused, data);
    let inner = block.inner(view.area);
    frame.render_widget(block, view.area);
    let width = usize::from(inner.width);
    let lines = match node {
        Some(Node::Task(task)) => task_lines(app, data, task, width),
        Some(Node::Section(section)) => section_lines(app, data, section, width),
        None => Vec::new(),
    };
    // Scrolling stops at the last line, however far the user pressed on.
    let scroll = app
        .detail_scroll
        .min(lines.len().saturating_sub(usize::from(inner.height)));
    let shown: Vec<Line> = lines.into_iter().skip(scroll).collect();
    frame.render_widget(Paragraph::new(shown), inner);
}

pub fn render_empty(frame: &mut Frame, view: ListView, data: &Data) {
    let title = format!(" {} ", i18n::tr(data.lang, Label::Detail));
    frame.render_widget(
        panel(Span::styled(title, data.theme.title), view.focused, data),
        view.area,
    );
}

fn agency_text(data: &Data, agency: &AgencyRef) -> String {
    let full = data
        .agencies
        .iter()
        .find(|a| *a.name == *agency.name)
        .and_then(|a| a.full.as_deref())
        .filter(|full| **full != *agency.name);
    match full {
        Some(full) => format!("{}（{full}）", agency.name),
        None => agency.name.to_string(),
    }
}

/// Every agency's latest entry, with who wrote it and since when it is
/// unchanged: what the lead agency compiles its report from. Line breaks
/// in an entry are kept.
fn feedback_lines(
    lines: &mut Vec<Line<'static>>,
    app: &App,
    data: &Data,
    task: usize,
    width: usize,
) {
    let mut feedback = app.progress.feedback(&data.catalog.key(task));
    if feedback.is_empty() {
        return;
    }
    // The lead first, then the participants as the plan lists them, as the
    // report compiles them.
    let registry = crate::agencies::Registry::builtin();
    let order: Vec<&str> = data.catalog.tasks[task]
        .task
        .agencies
        .iter()
        .map(|a| registry.canonical(&a.name))
        .collect();
    feedback.sort_by_key(|f| {
        order
            .iter()
            .position(|a| *a == f.agency)
            .unwrap_or(usize::MAX)
    });
    let (theme, lang) = (&data.theme, data.lang);
    lines.push(Line::from(Span::styled(
        i18n::labelled(lang, Label::Feedback),
        theme.label,
    )));
    for entry in feedback {
        let since = entry
            .since
            .to_zoned_datetime(data.tz.clone())
            .strftime("%Y-%m-%d %H:%M")
            .to_string();
        lines.push(Line::from(vec![
            Span::styled("· ", theme.dim),
            Span::styled(entry.agency.to_string(), theme.title),
            Span::styled(
                format!(
                    " {} · {} {since}",
                    entry.by,
                    i18n::tr(lang, Label::FeedbackSince)
                ),
                theme.dim,
            ),
        ]));
        for (label, text) in [
            (Label::FeedbackProgress, &entry.entry.progress),
            (Label::FeedbackProblems, &entry.entry.problems),
            (Label::FeedbackNext, &entry.entry.next),
        ] {
            if text.is_empty() {
                continue;
            }
            let mut first = true;
            for paragraph in text.split('\n') {
                let body = if first {
                    format!("{}{paragraph}", i18n::labelled(lang, label))
                } else {
                    paragraph.to_string()
                };
                first = false;
                for part in wrap(&body, width.saturating_sub(2)) {
                    lines.push(Line::from(format!("  {part}")));
                }
            }
        }
    }
}

fn task_lines(app: &App, data: &Data, task: usize, width: usize) -> Vec<Line<'static>> {
    let theme = &data.theme;
    let lang = data.lang;
    let entry = &data.catalog.tasks[task];
    let key = data.catalog.key(task);
    let status = app.statuses[task];
    let mut lines = vec![Line::from(vec![
        Span::styled(
            format!("{} {}  ", i18n::tr(lang, Label::Task), entry.task.number),
            theme.title,
        ),
        Span::styled(
            format!("{} {}", status_marker(status), i18n::status(lang, status)),
            theme.status(status),
        ),
    ])];
    if let Some(light) = app.lights[task] {
        lines[0].spans.push(Span::styled(
            format!("  {} {}", light.symbol(), i18n::light(lang, light)),
            theme.light(light),
        ));
    }
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
    agency_fields(
        &mut lines,
        data,
        &entry.task,
        |a| agency_text(data, a),
        width,
    );
    if let Some(more) = &entry.task.extra().others {
        field(&mut lines, data, Label::Others, more, width);
    }
    limit_field(&mut lines, data, app.limits[task].as_deref(), width);
    plan_fields(&mut lines, data, &entry.task, width);
    let reason = app.progress.reason(&key);
    if status.takes_reason() && !reason.is_empty() {
        field(&mut lines, data, Label::Reason, reason, width);
    }
    let note = app.progress.note(&key);
    let note = if note.is_empty() {
        i18n::tr(lang, Label::NoNote)
    } else {
        note
    };
    field(&mut lines, data, Label::Note, note, width);
    feedback_lines(&mut lines, app, data, task, width);
    lines.push(Line::from(Span::styled(
        i18n::labelled(lang, Label::History),
        theme.label,
    )));
    let history = app
        .progress
        .get(&key)
        .map(|p| p.history())
        .unwrap_or_default();
    if history.is_empty() {
        lines.push(Line::from(Span::styled(
            i18n::tr(lang, Label::NoHistory),
            theme.dim,
        )));
    }
    let because = |reason: &str| {
        if reason.is_empty() {
            String::new()
        } else {
            format!(" · {}{reason}", i18n::labelled(lang, Label::Reason))
        }
    };
    // Newest first: the last change is what people ask about.
    for change in history.iter().rev() {
        let when = change
            .at
            .to_zoned_datetime(data.tz.clone())
            .strftime("%Y-%m-%d %H:%M")
            .to_string();
        let what = match &change.what {
            ChangeKind::Status { from, to, reason } => format!(
                "{} → {}{}",
                i18n::status(lang, *from),
                i18n::status(lang, *to),
                because(reason)
            ),
            ChangeKind::Note { from, to } => {
                format!("{}“{from}” → “{to}”", i18n::labelled(lang, Label::Note))
            }
            ChangeKind::Proposal { from, to, reason } => format!(
                "{}{} → {}{}",
                i18n::labelled(lang, Label::Proposed),
                i18n::status(lang, *from),
                i18n::status(lang, *to),
                because(reason)
            ),
            ChangeKind::Due { from, to } => {
                let day = |d: &Option<jiff::civil::Date>| {
                    d.map_or_else(
                        || i18n::tr(lang, Label::PlanDefault).to_string(),
                        |d| crate::deadline::display(d, lang),
                    )
                };
                format!(
                    "{}{} → {}",
                    i18n::labelled(lang, Label::TimeLimit),
                    day(from),
                    day(to)
                )
            }
            ChangeKind::Feedback { agency, to, .. } => format!("{agency} {}", to.summary()),
        };
        let by = match &change.agency {
            Some(agency) => format!("{} ({agency})", change.by),
            None => change.by.clone(),
        };
        let text = format!("{when} {by} {what}");
        for (i, part) in wrap(&text, width.saturating_sub(2)).into_iter().enumerate() {
            let lead = if i == 0 { "· " } else { "  " };
            lines.push(Line::from(vec![
                Span::styled(lead, theme.dim),
                Span::raw(part),
            ]));
        }
    }
    lines
}

fn section_lines(app: &App, data: &Data, index: usize, width: usize) -> Vec<Line<'static>> {
    let theme = &data.theme;
    let lang = data.lang;
    let section = &data.catalog.sections[index];
    let mut lines: Vec<Line> = wrap(&section.heading(), width)
        .into_iter()
        .map(|l| Line::from(Span::styled(l, theme.section)))
        .collect();
    let tally = Tally::of_range(&app.statuses, section.all_tasks.clone());
    lines.push(Line::from(format!(
        "{} {}/{} {}{}",
        i18n::tr(lang, Label::Done),
        tally.done,
        tally.total(),
        i18n::tr(lang, Label::Tasks),
        suspended_apart(lang, tally.suspended)
    )));
    for status in crate::progress::Status::ALL
        .into_iter()
        .filter(|s| s.counts() || tally.suspended > 0)
    {
        lines.push(Line::from(vec![
            Span::styled(status_marker(status), theme.status(status)),
            Span::raw(format!(
                " {} {}",
                i18n::status(lang, status),
                tally.count(status)
            )),
        ]));
    }
    for paragraph in &section.paragraphs {
        lines.push(Line::default());
        lines.extend(wrap(paragraph, width).into_iter().map(Line::from));
    }
    lines
}

/// `（2 项中止，不计入）` after a count, when some tasks are suspended.
pub fn suspended_apart(lang: crate::i18n::Lang, suspended: usize) -> String {
    match (suspended, lang) {
        (0, _) => String::new(),
        (n, crate::i18n::Lang::Zh) => format!("（{n} {}）", i18n::tr(lang, Label::SuspendedApart)),
        (n, crate::i18n::Lang::En) => format!(" ({n} {})", i18n::tr(lang, Label::SuspendedApart)),
    }
}

/// The time limit in force, and where it comes from: the plan's words, a
/// limit staff set, or the plan's default (never shown as written).
fn limit_field(
    lines: &mut Vec<Line<'static>>,
    data: &Data,
    limit: Option<&crate::deadline::Limit>,
    width: usize,
) {
    let Some(limit) = limit else { return };
    let lang = data.lang;
    let day = limit.date.map(|d| crate::deadline::display(d, lang));
    let aside = |text: &str| match lang {
        crate::i18n::Lang::Zh => format!("（{text}）"),
        crate::i18n::Lang::En => format!(" ({text})"),
    };
    let value = match (limit.source, &limit.written, day) {
        (crate::deadline::Source::Plan, Some(written), Some(day)) => {
            format!("{written}{}", aside(&day))
        }
        (crate::deadline::Source::Plan, Some(written), None) => written.clone(),
        (crate::deadline::Source::Set, _, Some(day)) => {
            format!("{day}{}", aside(i18n::tr(lang, Label::SetLimit)))
        }
        (crate::deadline::Source::Default, _, Some(day)) => {
            format!("{day}{}", aside(i18n::tr(lang, Label::DefaultLimit)))
        }
        _ => return,
    };
    field(lines, data, Label::TimeLimit, &value, width);
}

/// Time limit, scope, an assumed lead, each agency list with the sentences
/// it covers, and changes to the official wording, where the plan has them.
fn plan_fields(
    lines: &mut Vec<Line<'static>>,
    data: &Data,
    task: &crate::model::Task,
    width: usize,
) {
    if let Some(scope) = &task.extra().scope {
        field(lines, data, Label::Scope, scope, width);
    }
    if task.lead_assumed {
        lines.push(Line::from(Span::styled(
            i18n::tr(data.lang, Label::LeadAssumed),
            data.theme.dim,
        )));
    }
    for (i, list) in task.extra().lists.iter().enumerate() {
        let value = format!("{}. {}（{}）", i + 1, list.text, list.responsibility);
        field(lines, data, Label::ListBySentence, &value, width);
    }
    for note in &task.extra().source_notes {
        match &note.corrected {
            Some(new) => {
                let value = format!("“{}” → “{new}”：{}", note.found, note.reason);
                field(lines, data, Label::Corrected, &value, width);
            }
            None => {
                let value = format!("“{}”：{}", note.found, note.reason);
                field(lines, data, Label::DamagedInSource, &value, width);
            }
        }
    }
}
