//! What a meeting needs: the summary screen, one task full screen for
//! screen-sharing (the focus view), and copying tasks to the clipboard.
//! `update` returns the text to copy as an effect; the loop writes it to
//! the terminal with [`write_osc52`], so nothing here touches a terminal.

use super::action::Action;
use super::app::Effect;
use super::data::Data;
use super::lists::Node;
use super::state::{self, App, Overlay, Pane, Screen};
use super::summary::{Row, Summary};
use crate::clipboard::{self, Passthrough};
use crate::i18n::{self, Copied, Label};
use crate::report::{TaskOut, office};
use std::io::{self, Write};

/// The focus view: the list it was opened from, the task shown, and how
/// far a long text is scrolled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spotlight {
    pub tasks: Vec<usize>,
    pub index: usize,
    pub scroll: usize,
    /// Where Esc goes back to.
    pub from: Screen,
}

impl Default for Spotlight {
    fn default() -> Self {
        Spotlight {
            tasks: Vec::new(),
            index: 0,
            scroll: 0,
            from: Screen::Tree,
        }
    }
}

impl Spotlight {
    pub fn task(&self) -> Option<usize> {
        self.tasks.get(self.index).copied()
    }
}

/// The last text sent to the clipboard, and the text to print on exit.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Clip {
    pub last: Option<(String, Copied)>,
    pub print_on_exit: Option<String>,
}

pub fn show_summary(app: &mut App, data: &Data) {
    app.summary = Some(match &app.summary {
        Some(summary) => summary.rebuilt(data, &app.progress, app.today(data)),
        None => Summary::build(data, &app.progress, app.today(data)),
    });
    app.screen = Screen::Summary;
    app.focus = Pane::List;
}

/// The tasks of the list on screen, in its order: what `Y` copies and what
/// `n` / `p` step through in the focus view.
fn shown_tasks(app: &App) -> Vec<usize> {
    if let Overlay::Search(search) = &app.overlay {
        return search
            .hits
            .clone()
            .into_ranked()
            .iter()
            .map(|h| h.task())
            .collect();
    }
    match app.screen {
        Screen::Tree => app
            .tree
            .rows
            .iter()
            .filter_map(|r| match r.node() {
                Node::Task(task) => Some(task),
                Node::Section(_) => None,
            })
            .collect(),
        Screen::AgencyTasks => app.agency_tasks.rows.iter().map(|&(t, _)| t).collect(),
        Screen::Summary => app
            .summary
            .as_ref()
            .map(Summary::listed)
            .unwrap_or_default(),
        Screen::Focus => app.spotlight.tasks.clone(),
        Screen::Agencies => Vec::new(),
    }
}

/// Opens the focus view on the selected task; on a section of the tree,
/// on the first task after it.
pub fn open_focus(app: &mut App, data: &Data) {
    let tasks = shown_tasks(app);
    let index = match (app.current_task(), app.screen) {
        (Some(task), _) => tasks.iter().position(|&t| t == task),
        (None, Screen::Tree) => app.tree.rows[app.tree.cursor.selected..]
            .iter()
            .find_map(|r| match r.node() {
                Node::Task(task) => tasks.iter().position(|&t| t == task),
                Node::Section(_) => None,
            }),
        (None, _) => None,
    };
    let Some(index) = index else {
        app.set_error(i18n::tr(data.lang, Label::NoTask));
        return;
    };
    app.spotlight = Spotlight {
        tasks,
        index,
        scroll: 0,
        from: app.screen,
    };
    app.screen = Screen::Focus;
    app.focus = Pane::List;
}

pub fn update_summary(app: &mut App, data: &Data, action: Action) -> Result<Vec<Effect>, Action> {
    let page = (app.list_height() / 2).max(1).cast_signed();
    let Some(summary) = app.summary.as_mut() else {
        return Err(action);
    };
    match action {
        Action::Up => app.dirty = summary.step(-1),
        Action::Down => app.dirty = summary.step(1),
        Action::PageUp => app.dirty = summary.step(-page),
        Action::PageDown => app.dirty = summary.step(page),
        Action::Top => app.dirty = summary.step(isize::MIN / 2),
        Action::Bottom => app.dirty = summary.step(isize::MAX / 2),
        Action::Activate => match summary.selected_row() {
            Some(Row::Task { at, .. } | Row::Suspended { at, .. }) => app.reveal(data, at),
            Some(Row::Agency(i)) => open_agency(app, data, i),
            Some(Row::Part(i)) => open_section(app, data, i),
            _ => app.dirty = false,
        },
        Action::Back => app.screen = Screen::Tree,
        Action::ShowSummary => app.dirty = false,
        other => return Err(other),
    }
    Ok(Vec::new())
}

/// Enter on a part or group of the summary shows it in the tree, opened.
fn open_section(app: &mut App, data: &Data, row: usize) {
    let Some(part) = app.summary.as_ref().and_then(|s| s.report.parts.get(row)) else {
        return;
    };
    let index = part.section;
    let Some(section) = data.catalog.sections.get(index) else {
        return;
    };
    app.tree.plan = section.plan;
    let mut open = Some(index);
    while let Some(i) = open {
        app.tree.collapsed.remove(&i);
        open = data.catalog.sections[i].parent;
    }
    app.filter = super::lists::Filter::All;
    app.rebuild_tree(data);
    if let Some(row) = app
        .tree
        .rows
        .iter()
        .position(|r| r.node() == Node::Section(index))
    {
        app.tree.cursor.selected = row;
    }
    app.screen = Screen::Tree;
    app.focus = Pane::List;
    app.detail_scroll = 0;
}

/// Enter on an agency of the summary opens its tasks, as the agency view does.
fn open_agency(app: &mut App, data: &Data, row: usize) {
    let Some(name) = app
        .summary
        .as_ref()
        .and_then(|s| s.report.agencies.get(row))
        .map(|a| a.name.clone())
    else {
        return;
    };
    let Some(agency) = data.agencies.iter().position(|a| a.name == name) else {
        return;
    };
    if let Some(row) = app.agencies.order.iter().position(|&a| a == agency) {
        app.agencies.cursor.selected = row;
    }
    app.agency_tasks = state::AgencyTasks {
        agency,
        ..state::AgencyTasks::default()
    };
    app.rebuild_agency_tasks(data);
    app.screen = Screen::AgencyTasks;
    app.detail_scroll = 0;
}

pub fn update_focus(app: &mut App, data: &Data, action: Action) -> Result<Vec<Effect>, Action> {
    let spot = &mut app.spotlight;
    let last = spot.tasks.len().saturating_sub(1);
    match action {
        Action::NextTask if spot.index < last => {
            spot.index += 1;
            spot.scroll = 0;
        }
        Action::PrevTask if spot.index > 0 => {
            spot.index -= 1;
            spot.scroll = 0;
        }
        // At either end n / p stay put and draw nothing.
        Action::NextTask | Action::PrevTask => app.dirty = false,
        // A long text at a small size scrolls; the view stops the scroll
        // at the last line.
        Action::Down => spot.scroll += 1,
        Action::Up => spot.scroll = spot.scroll.saturating_sub(1),
        Action::PageDown => spot.scroll += 10,
        Action::PageUp => spot.scroll = spot.scroll.saturating_sub(10),
        Action::Top => spot.scroll = 0,
        Action::Back => leave_focus(app, data),
        other => return Err(other),
    }
    Ok(Vec::new())
}

/// Back to the list the focus view came from, on the task last shown, so
/// that stepping with n / p moved the place in the list too.
fn leave_focus(app: &mut App, data: &Data) {
    let task = app.spotlight.task();
    app.screen = app.spotlight.from;
    // Marks made in the focus view show in the summary it came from.
    if app.screen == Screen::Summary
        && let Some(summary) = &app.summary
    {
        app.summary = Some(summary.rebuilt(data, &app.progress, app.today(data)));
    }
    let Some(task) = task else {
        return;
    };
    match app.screen {
        Screen::Tree => {
            if let Some(row) = app
                .tree
                .rows
                .iter()
                .position(|r| r.node() == Node::Task(task))
            {
                app.tree.cursor.selected = row;
            }
        }
        Screen::AgencyTasks => {
            if let Some(row) = app.agency_tasks.rows.iter().position(|r| r.0 == task) {
                app.agency_tasks.cursor.selected = row;
            }
        }
        Screen::Summary => {
            if let Some(summary) = app.summary.as_mut()
                && let Some(row) = summary
                    .rows
                    .iter()
                    .position(|r| matches!(r, Row::Task { at, .. } if *at == task))
            {
                summary.cursor.selected = row;
            }
        }
        Screen::Agencies | Screen::Focus => {}
    }
}

pub fn update_copy(app: &mut App, data: &Data, action: Action) -> Result<Vec<Effect>, Action> {
    let lang = data.lang;
    match action {
        Action::CopyTask => {
            let task = match &app.overlay {
                Overlay::Search(search) => search.selected_hit().map(|h| h.task()),
                _ => app.current_task(),
            };
            let Some(task) = task else {
                app.set_error(i18n::tr(lang, Label::NothingToCopy));
                return Ok(Vec::new());
            };
            let text = clipboard::task_text(&task_out(app, data, task));
            let number = data.catalog.tasks[task].task.number;
            return Ok(copy(app, data, text, Copied::Task(number)));
        }
        Action::CopyList => {
            let tasks: Vec<TaskOut> = shown_tasks(app)
                .into_iter()
                .map(|t| task_out(app, data, t))
                .collect();
            if tasks.is_empty() {
                app.set_error(i18n::tr(lang, Label::NothingToCopy));
                return Ok(Vec::new());
            }
            let text = clipboard::tasks_text(&tasks);
            return Ok(copy(app, data, text, Copied::Tasks(tasks.len())));
        }
        Action::CopyTable => {
            let tasks = shown_tasks(app);
            if tasks.is_empty() {
                app.set_error(i18n::tr(lang, Label::NothingToCopy));
                return Ok(Vec::new());
            }
            let mut rows = vec![office::COLUMNS.map(String::from).to_vec()];
            rows.extend(tasks.iter().map(|&t| {
                office::row(&data.catalog, &app.progress, data.registry, t, None, None)
                    .cells
                    .to_vec()
            }));
            let text = office::rows_tab_separated(&rows);
            return Ok(copy(app, data, text, Copied::Tasks(tasks.len())));
        }
        Action::PrintOnExit => match &app.clip.last {
            Some((text, what)) => {
                let message = i18n::print_queued(lang, *what, text.len());
                app.clip.print_on_exit = Some(text.clone());
                app.set_message(message);
            }
            None => app.set_error(i18n::tr(lang, Label::NothingCopied)),
        },
        Action::CopyFailed(error) => app.set_error(i18n::copy_failed(lang, &error)),
        other => return Err(other),
    }
    Ok(Vec::new())
}

fn task_out(app: &App, data: &Data, task: usize) -> TaskOut {
    TaskOut::of(&data.catalog, &app.progress, data.registry, task)
}

fn copy(app: &mut App, data: &Data, text: String, what: Copied) -> Vec<Effect> {
    let mut message = i18n::copied(data.lang, what, text.len());
    if data.tmux_blocks_copy {
        message = i18n::tmux_copy_hint(data.lang).to_string();
    }
    app.set_message(message);
    app.clip.last = Some((text.clone(), what));
    vec![Effect::Copy(text)]
}

/// The loop's half of copying: the sequence goes to the terminal in one
/// write and is flushed at once. It moves no cursor and prints no cell, so
/// the next frame's diff stays right; the loop calls this between frames,
/// never inside one.
pub fn write_osc52(out: &mut dyn Write, text: &str, passthrough: Passthrough) -> io::Result<()> {
    out.write_all(clipboard::osc52(text, passthrough).as_bytes())?;
    out.flush()
}

/// After the terminal is restored: the text the user asked to see printed
/// (`P`), for terminals that ignore OSC 52.
pub fn print_queued(app: &App, out: &mut dyn Write) -> io::Result<()> {
    if let Some(text) = &app.clip.print_on_exit {
        out.write_all(text.as_bytes())?;
        if !text.ends_with('\n') {
            out.write_all(b"\n")?;
        }
        out.flush()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
