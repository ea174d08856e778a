//! `update`, which turns one action into a new state (`state`) plus the
//! effects the loop must carry out. Feature modules handle their actions
//! and hand back the ones they do not; the fallbacks are here, so nothing
//! calls back up into this module. No terminal here.

use super::action::Action;
use super::data::Data;
use super::lists::{self, Cursor, Node, Row, Sort};
use super::search_box::SearchBox;
use super::state::{AgencyTasks, App, Overlay, Pane, Screen};
use crate::i18n::{self, Label};
use crate::model::TaskKey;
use crate::progress::Status;

/// A change the user asked for, which the saving thread writes
/// (`persist::Saver`).
#[derive(Debug, Clone, PartialEq)]
pub enum Save {
    /// Set this task's status and/or note.
    Mark {
        key: TaskKey,
        status: Option<Status>,
        /// Why (blocked, suspended); empty when none was given.
        reason: String,
        note: Option<String>,
    },
    /// Set this task's time limit (`None`: the plan's).
    Due {
        key: TaskKey,
        to: Option<jiff::civil::Date>,
    },
    /// Record the user's agency's feedback on this task.
    Feedback {
        key: TaskKey,
        entry: crate::progress::Feedback,
    },
    /// Undo this user's last change.
    Undo,
}

/// What the loop must do after an update.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Have the replica write this, now.
    Save(Save),
    /// Send this text to the terminal's clipboard (OSC 52), between frames.
    Copy(String),
    /// Once this screen is drawn, start on what the search typed so far
    /// will need next (see [`crate::search::Index::look_ahead`]).
    LookAhead(String),
    Quit,
}

/// Applies one action. Returns what the loop must do; sets `app.dirty` when
/// the screen needs drawing again.
pub fn update(app: &mut App, data: &Data, action: Action) -> Vec<Effect> {
    let quiet = matches!(action, Action::Reloaded(_) | Action::Saved(_));
    if !matches!(action, Action::Digit(_) | Action::Resize(..)) && !quiet {
        app.digits.clear();
    }
    let redraw_before = app.dirty;
    app.dirty = true;
    let (screen_before, message_before) = (app.screen, app.message.clone());
    let effects = match (&app.overlay, action) {
        // The loop's reports apply whatever is open.
        (
            _,
            action @ (Action::Saved(_)
            | Action::SaveFailed { .. }
            | Action::SaveWaiting(_)
            | Action::Reloaded(_)
            | Action::Undone { .. }
            | Action::UndoRefused(_)
            | Action::Synced(_)
            | Action::Proposed { .. }),
        ) => super::marking::update_marks(app, data, action).unwrap_or_else(|a| common(app, a)),
        // Copying works over the search results as over the lists.
        (
            _,
            action @ (Action::CopyTask
            | Action::CopyList
            | Action::CopyTable
            | Action::PrintOnExit
            | Action::CopyFailed(_)),
        ) => super::meeting::update_copy(app, data, action).unwrap_or_else(|a| common(app, a)),
        (Overlay::Search(_), action) => {
            super::search_box::update(app, data, action).unwrap_or_else(|a| common(app, a))
        }
        (Overlay::Note(_), action) => {
            super::marking::update_note(app, data, action).unwrap_or_else(|a| common(app, a))
        }
        (Overlay::Feedback(_), action) => {
            super::marking::update_feedback(app, data, action).unwrap_or_else(|a| common(app, a))
        }
        (Overlay::Help { .. }, action) => update_help(app, action),
        (Overlay::None, action) => {
            let unhandled = match app.screen {
                Screen::Summary => super::meeting::update_summary(app, data, action),
                Screen::Focus => super::meeting::update_focus(app, data, action),
                _ => Err(action),
            };
            unhandled.unwrap_or_else(|a| update_view(app, data, a))
        }
    };
    // A message about the view left behind would read as about the new one.
    if app.screen != screen_before && app.message == message_before {
        app.message = None;
    }
    app.dirty |= redraw_before;
    effects
}

fn update_help(app: &mut App, action: Action) -> Vec<Effect> {
    let Overlay::Help { scroll } = &mut app.overlay else {
        return Vec::new();
    };
    match action {
        Action::Down => scroll.set(scroll.get().saturating_add(1)),
        Action::Up => scroll.set(scroll.get().saturating_sub(1)),
        Action::PageDown => scroll.set(scroll.get().saturating_add(10)),
        Action::PageUp => scroll.set(scroll.get().saturating_sub(10)),
        Action::Top => scroll.set(0),
        // Drawing brings it back to the last screenful.
        Action::Bottom => scroll.set(usize::MAX),
        Action::Back | Action::OpenHelp => app.overlay = Overlay::None,
        Action::Quit => return vec![Effect::Quit],
        other => return common(app, other),
    }
    Vec::new()
}

/// Actions that mean the same in every mode: results from the loop.
pub fn common(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Resize(width, height) => {
            app.width = width;
            app.height = height;
        }
        Action::Quit => return vec![Effect::Quit],
        _ => app.dirty = false,
    }
    Vec::new()
}

/// The lists' actions; the summary and the focus view fall back to it for
/// what they share (views, overlays, marks, quitting).
pub fn update_view(app: &mut App, data: &Data, action: Action) -> Vec<Effect> {
    let detail = app.focus == Pane::Detail;
    let page = isize::try_from(app.list_height() / 2).unwrap_or(1).max(1);
    match action {
        Action::Up if detail => app.detail_scroll = app.detail_scroll.saturating_sub(1),
        Action::Down if detail => app.detail_scroll += 1,
        Action::PageUp if detail => {
            app.detail_scroll = app.detail_scroll.saturating_sub(page.unsigned_abs())
        }
        Action::PageDown if detail => app.detail_scroll += page.unsigned_abs(),
        Action::Top if detail => app.detail_scroll = 0,
        Action::Up => move_by(app, -1),
        Action::Down => move_by(app, 1),
        Action::PageUp => move_by(app, -page),
        Action::PageDown => move_by(app, page),
        Action::Top => move_by(app, isize::MIN / 2),
        Action::Bottom => move_by(app, isize::MAX / 2),
        Action::Collapse => collapse(app, data),
        Action::Expand => expand(app, data),
        Action::Activate => activate(app, data),
        // Esc at the top of the tree, where it has nothing else to do,
        // leaves the view of a past day.
        Action::Back
            if app.as_of.is_some() && app.screen == Screen::Tree && app.focus == Pane::List =>
        {
            super::as_of::leave(app, data);
        }
        Action::Back => back(app),
        Action::OpenAsOf => super::as_of::toggle(app, data),
        Action::CycleLightFilter => {
            app.light_filter = match app.light_filter {
                None => Some(crate::deadline::Light::Red),
                Some(crate::deadline::Light::Red) => Some(crate::deadline::Light::Yellow),
                Some(crate::deadline::Light::Yellow) => Some(crate::deadline::Light::Green),
                Some(crate::deadline::Light::Green) => None,
            };
            app.rebuild_tree(data);
            app.rebuild_agency_tasks(data);
        }
        Action::SwitchPane => {
            app.focus = match app.focus {
                Pane::List if app.screen != Screen::Agencies || app.wide() => Pane::Detail,
                _ => Pane::List,
            };
        }
        Action::OpenSearch => app.overlay = Overlay::Search(SearchBox::default()),
        Action::OpenHelp => {
            app.overlay = Overlay::Help {
                scroll: Default::default(),
            }
        }
        Action::ShowTree => {
            app.screen = Screen::Tree;
            app.focus = Pane::List;
        }
        Action::ShowAgencies => {
            app.screen = Screen::Agencies;
            app.focus = Pane::List;
        }
        Action::ShowSummary => super::meeting::show_summary(app, data),
        Action::OpenFocus => super::meeting::open_focus(app, data),
        Action::NextPlan => {
            app.tree.plan = (app.tree.plan + 1) % data.catalog.plans.len().max(1);
            app.tree.cursor = Cursor::default();
            app.rebuild_tree(data);
        }
        Action::CycleFilter => {
            app.filter = app.filter.next();
            app.rebuild_tree(data);
            app.rebuild_agency_tasks(data);
        }
        Action::CycleSort => {
            let keep = app.selected_agency();
            app.agencies.sort = match app.agencies.sort {
                Sort::Count => Sort::Name,
                Sort::Name => Sort::Count,
            };
            app.agencies.order = lists::agency_order(&data.agencies, app.agencies.sort);
            if let Some(row) = keep.and_then(|a| app.agencies.order.iter().position(|&x| x == a)) {
                app.agencies.cursor.selected = row;
            }
        }
        Action::Digit(digit) => jump_to_number(app, data, digit),
        Action::SetStatus(_)
        | Action::CycleStatus
        | Action::EditNote
        | Action::EditDue
        | Action::EditFeedback
        | Action::Undo => {
            return super::marking::update_marks(app, data, action)
                .unwrap_or_else(|a| common(app, a));
        }
        other => return common(app, other),
    }
    Vec::new()
}

fn move_by(app: &mut App, delta: isize) {
    let moved = match app.screen {
        Screen::Tree => app.tree.cursor.step(delta, app.tree.rows.len()),
        Screen::Agencies => app.agencies.cursor.step(delta, app.agencies.order.len()),
        Screen::AgencyTasks => app
            .agency_tasks
            .cursor
            .step(delta, app.agency_tasks.rows.len()),
        // Their own update functions move them.
        Screen::Summary | Screen::Focus => false,
    };
    if moved {
        app.detail_scroll = 0;
    }
    app.dirty = moved;
}

fn collapse(app: &mut App, data: &Data) {
    let Some(row) = app.selected_row() else {
        return;
    };
    if let Node::Section(index) = row.node()
        && app.tree.collapsed.insert(index)
    {
        app.rebuild_tree(data);
        return;
    }
    // On a task or a closed section, h goes to the section above.
    let here = app.tree.cursor.selected;
    if let Some(parent) = app.tree.rows[..here]
        .iter()
        .rposition(|r| r.depth() < row.depth() && matches!(r.node(), Node::Section(_)))
    {
        app.tree.cursor.selected = parent;
        app.detail_scroll = 0;
    }
}

fn expand(app: &mut App, data: &Data) {
    if let Some(Node::Section(index)) = app.selected_row().map(Row::node)
        && app.tree.collapsed.remove(&index)
    {
        app.rebuild_tree(data);
    }
}

fn activate(app: &mut App, data: &Data) {
    match app.screen {
        Screen::Tree => match app.selected_row().map(|r| r.node()) {
            Some(Node::Section(index)) => {
                if !app.tree.collapsed.remove(&index) {
                    app.tree.collapsed.insert(index);
                }
                app.rebuild_tree(data);
            }
            Some(Node::Task(_)) => app.focus = Pane::Detail,
            None => {}
        },
        Screen::Agencies => {
            if let Some(agency) = app.selected_agency() {
                app.agency_tasks = AgencyTasks {
                    agency,
                    ..AgencyTasks::default()
                };
                app.rebuild_agency_tasks(data);
                app.screen = Screen::AgencyTasks;
                app.detail_scroll = 0;
            }
        }
        Screen::AgencyTasks => {
            if app.current_task().is_some() {
                app.focus = Pane::Detail;
            }
        }
        Screen::Summary | Screen::Focus => {}
    }
}

fn back(app: &mut App) {
    if app.focus == Pane::Detail {
        app.focus = Pane::List;
        return;
    }
    match app.screen {
        Screen::Tree => app.message = None,
        Screen::Agencies => app.screen = Screen::Tree,
        Screen::AgencyTasks => app.screen = Screen::Agencies,
        Screen::Summary | Screen::Focus => app.screen = Screen::Tree,
    }
}

/// A pause longer than this between two digits starts a new number: `55`,
/// a look at the screen, then `12` means task 12, not 5512. Typing a number
/// takes well under a second a digit (a longer pause is a new thought);
/// vim's `timeoutlen`, for the same question about keys, is one second.
const DIGIT_PAUSE: jiff::SignedDuration = jiff::SignedDuration::from_secs(1);

fn jump_to_number(app: &mut App, data: &Data, digit: u32) {
    let now = (data.clock)();
    if app
        .digit_typed_at
        .is_some_and(|at| now.duration_since(at) >= DIGIT_PAUSE)
    {
        app.digits.clear();
    }
    app.digit_typed_at = Some(now);
    app.digits.push(char::from_digit(digit, 10).unwrap_or('0'));
    let Ok(number) = app.digits.parse::<u32>() else {
        app.digits.clear();
        return;
    };
    let found = data.catalog.find_number(number);
    let in_plan = found
        .iter()
        .find(|&&t| data.catalog.tasks[t].plan == app.tree.plan)
        .or(found.first())
        .copied();
    match in_plan {
        Some(task) => {
            app.reveal(data, task);
            app.set_message(format!(
                "{} {}",
                i18n::tr(data.lang, Label::GoTo),
                app.digits
            ));
        }
        None => app.set_error(format!(
            "{} {}: {}",
            i18n::tr(data.lang, Label::GoTo),
            app.digits,
            i18n::tr(data.lang, Label::NoSuchTask)
        )),
    }
}
