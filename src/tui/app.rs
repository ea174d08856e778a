//! The interface state and `update`, which turns one action into a new
//! state plus the effects the loop must carry out. No terminal here.

use super::action::Action;
use super::data::Data;
use super::keymap::Mode;
use super::lists::{self, Cursor, Filter, Node, Row, Sort};
use super::meeting::{Clip, Spotlight};
use super::search_box::SearchBox;
use super::summary::Summary;
use crate::i18n::{self, Label};
use crate::model::{Role, TaskKey};
use crate::progress::{Change, Progress, Status};
use std::collections::HashSet;

/// What the loop must do after an update.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Write these changes to the state file now.
    Commit(Vec<(TaskKey, Change)>),
    /// Send this text to the terminal's clipboard (OSC 52), between frames.
    Copy(String),
    Quit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Tree,
    Agencies,
    AgencyTasks,
    Summary,
    /// One task full screen; `App::spotlight` says which and from where.
    Focus,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    List,
    Detail,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteBox {
    pub task: usize,
    pub text: Vec<char>,
    pub cursor: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    None,
    Search(SearchBox),
    Help { scroll: usize },
    Note(NoteBox),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    Idle,
    Saved,
    Unsaved {
        error: String,
        pending: usize,
    },
    /// A save waits for another process's lock; who holds it.
    Waiting(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TreeState {
    pub plan: usize,
    pub collapsed: HashSet<usize>,
    pub rows: Vec<Row>,
    pub cursor: Cursor,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AgencyList {
    pub sort: Sort,
    pub order: Vec<usize>,
    pub cursor: Cursor,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AgencyTasks {
    pub agency: usize,
    pub rows: Vec<(usize, Role)>,
    pub cursor: Cursor,
}

pub struct App {
    pub progress: Progress,
    /// Status of every catalog task, kept in step with `progress`.
    pub statuses: Vec<Status>,
    pub screen: Screen,
    pub overlay: Overlay,
    pub focus: Pane,
    pub width: u16,
    pub height: u16,
    pub filter: Filter,
    pub tree: TreeState,
    pub agencies: AgencyList,
    pub agency_tasks: AgencyTasks,
    pub detail_scroll: usize,
    /// Digits typed in the tree so far: the task number being jumped to.
    pub digits: String,
    /// When the last of `digits` was typed: after a pause the next digit
    /// starts a new number.
    pub digit_typed_at: Option<jiff::Timestamp>,
    pub message: Option<(String, bool)>,
    pub save: SaveState,
    /// This session's changes, newest last, for undo.
    pub undo: Vec<(TaskKey, Change)>,
    /// Built when the summary is shown, again when marks change under it.
    pub summary: Option<Summary>,
    /// The focus view's task list and place.
    pub spotlight: Spotlight,
    /// What was copied last, and whether to print it on exit.
    pub clip: Clip,
    /// Something on screen changed since the last frame.
    pub dirty: bool,
}

/// Below this width the list and the detail share the screen one at a time.
pub const WIDE: u16 = 100;

impl App {
    pub fn new(data: &Data, progress: Progress) -> App {
        let statuses = progress.statuses(&data.catalog);
        let mut app = App {
            progress,
            statuses,
            screen: Screen::Tree,
            overlay: Overlay::None,
            focus: Pane::List,
            width: 80,
            height: 24,
            filter: Filter::All,
            tree: TreeState::default(),
            agencies: AgencyList {
                order: lists::agency_order(&data.agencies, Sort::Count),
                ..AgencyList::default()
            },
            agency_tasks: AgencyTasks::default(),
            detail_scroll: 0,
            digits: String::new(),
            digit_typed_at: None,
            message: None,
            save: SaveState::Idle,
            undo: Vec::new(),
            summary: None,
            spotlight: Spotlight::default(),
            clip: Clip::default(),
            dirty: true,
        };
        app.rebuild_tree(data);
        app
    }

    pub fn mode(&self) -> Mode {
        match (&self.overlay, self.screen) {
            (Overlay::Search(_), _) => Mode::Search,
            (Overlay::Help { .. }, _) => Mode::Help,
            (Overlay::Note(_), _) => Mode::Note,
            (Overlay::None, screen) => screen_mode(screen),
        }
    }

    /// The mode whose keys the help lists: the view under the overlay.
    pub fn base_mode(&self) -> Mode {
        screen_mode(self.screen)
    }

    pub fn wide(&self) -> bool {
        self.width >= WIDE
    }

    /// Rows the lists get: the screen less the header, status bar and frame.
    pub fn list_height(&self) -> usize {
        usize::from(self.height.saturating_sub(4)).max(1)
    }

    pub fn selected_row(&self) -> Option<Row> {
        self.tree.rows.get(self.tree.cursor.selected).copied()
    }

    /// The task the marking keys act on, if the current view has one.
    pub fn current_task(&self) -> Option<usize> {
        match self.screen {
            Screen::Tree => match self.selected_row()?.node {
                Node::Task(task) => Some(task),
                Node::Section(_) => None,
            },
            Screen::AgencyTasks => self
                .agency_tasks
                .rows
                .get(self.agency_tasks.cursor.selected)
                .map(|&(task, _)| task),
            Screen::Summary => self.summary.as_ref()?.selected_task(),
            Screen::Focus => self.spotlight.task(),
            Screen::Agencies => None,
        }
    }

    /// What the detail pane shows: the selected section or task.
    pub fn current_node(&self) -> Option<Node> {
        match self.screen {
            Screen::Tree => self.selected_row().map(|r| r.node),
            _ => self.current_task().map(Node::Task),
        }
    }

    pub fn selected_agency(&self) -> Option<usize> {
        self.agencies
            .order
            .get(self.agencies.cursor.selected)
            .copied()
    }

    /// A new message; "saved" is said only with the message of the change
    /// that was saved, not with whatever is said next.
    pub fn set_message(&mut self, text: impl Into<String>) {
        self.message = Some((text.into(), false));
        self.forget_saved();
    }

    pub fn set_error(&mut self, text: impl Into<String>) {
        self.message = Some((text.into(), true));
        self.forget_saved();
    }

    fn forget_saved(&mut self) {
        if self.save == SaveState::Saved {
            self.save = SaveState::Idle;
        }
    }

    pub fn rebuild_tree(&mut self, data: &Data) {
        let keep = self.selected_row().map(|r| r.node);
        self.tree.rows = lists::tree_rows(
            &data.catalog,
            self.tree.plan,
            &self.tree.collapsed,
            self.filter,
            &self.statuses,
        );
        if let Some(node) = keep
            && let Some(row) = self.tree.rows.iter().position(|r| r.node == node)
        {
            self.tree.cursor.selected = row;
        }
        self.tree.cursor.clamp(self.tree.rows.len());
    }

    pub fn rebuild_agency_tasks(&mut self, data: &Data) {
        let keep = self.current_task();
        if let Some(info) = data.agencies.get(self.agency_tasks.agency) {
            self.agency_tasks.rows = lists::agency_task_rows(info, self.filter, &self.statuses);
        }
        if let Some(task) = keep
            && let Some(row) = self.agency_tasks.rows.iter().position(|r| r.0 == task)
        {
            self.agency_tasks.cursor.selected = row;
        }
        self.agency_tasks.cursor.clamp(self.agency_tasks.rows.len());
    }

    /// After marks: statuses again, and the filtered lists with them.
    pub fn refresh_statuses(&mut self, data: &Data) {
        self.statuses = self.progress.statuses(&data.catalog);
        self.refresh_filtered(data);
        // Only a summary on screen is worth building again now; showing it
        // later builds it afresh anyway.
        if self.screen == Screen::Summary
            && let Some(summary) = &self.summary
        {
            self.summary = Some(summary.rebuilt(data, &self.progress));
        }
    }

    /// A filtered list loses or gains rows when statuses change.
    pub fn refresh_filtered(&mut self, data: &Data) {
        if self.filter != Filter::All {
            self.rebuild_tree(data);
            self.rebuild_agency_tasks(data);
        }
    }

    /// Shows a task in the tree: its plan, its sections opened, selected.
    pub fn reveal(&mut self, data: &Data, task: usize) {
        let entry = &data.catalog.tasks[task];
        self.tree.plan = entry.plan;
        let mut section = entry.section;
        while let Some(index) = section {
            self.tree.collapsed.remove(&index);
            section = data.catalog.sections[index].parent;
        }
        if !self.filter.matches(self.statuses[task]) {
            self.filter = Filter::All;
            self.set_message(i18n::tr(data.lang, Label::FilterReset));
        }
        self.rebuild_tree(data);
        if let Some(row) = self
            .tree
            .rows
            .iter()
            .position(|r| r.node == Node::Task(task))
        {
            self.tree.cursor.selected = row;
            // A jump lands in the middle of the list, with its context around.
            self.tree
                .cursor
                .offset
                .set(row.saturating_sub(self.list_height() / 2));
        }
        self.screen = Screen::Tree;
        self.focus = Pane::List;
        self.detail_scroll = 0;
    }
}

fn screen_mode(screen: Screen) -> Mode {
    match screen {
        Screen::Tree => Mode::Tree,
        Screen::Agencies => Mode::Agencies,
        Screen::AgencyTasks => Mode::AgencyTasks,
        Screen::Summary => Mode::Summary,
        Screen::Focus => Mode::Focus,
    }
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
            | Action::Reloaded(_)),
        ) => super::marking::update_marks(app, data, action),
        // Copying works over the search results as over the lists.
        (
            _,
            action @ (Action::CopyTask
            | Action::CopyList
            | Action::PrintOnExit
            | Action::CopyFailed(_)),
        ) => super::meeting::update_copy(app, data, action),
        (Overlay::Search(_), action) => super::search_box::update(app, data, action),
        (Overlay::Note(_), action) => super::marking::update_note(app, data, action),
        (Overlay::Help { .. }, action) => update_help(app, action),
        (Overlay::None, action) => match app.screen {
            Screen::Summary => super::meeting::update_summary(app, data, action),
            Screen::Focus => super::meeting::update_focus(app, data, action),
            _ => update_view(app, data, action),
        },
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
        Action::Down => *scroll += 1,
        Action::Up => *scroll = scroll.saturating_sub(1),
        Action::PageDown => *scroll += 10,
        Action::PageUp => *scroll = scroll.saturating_sub(10),
        Action::Top => *scroll = 0,
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
        Action::Back => back(app),
        Action::SwitchPane => {
            app.focus = match app.focus {
                Pane::List if app.screen != Screen::Agencies || app.wide() => Pane::Detail,
                _ => Pane::List,
            };
        }
        Action::OpenSearch => app.overlay = Overlay::Search(SearchBox::default()),
        Action::OpenHelp => app.overlay = Overlay::Help { scroll: 0 },
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
        Action::SetStatus(_) | Action::CycleStatus | Action::EditNote | Action::Undo => {
            return super::marking::update_marks(app, data, action);
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
    if let Node::Section(index) = row.node
        && app.tree.collapsed.insert(index)
    {
        app.rebuild_tree(data);
        return;
    }
    // On a task or a closed section, h goes to the section above.
    let here = app.tree.cursor.selected;
    if let Some(parent) = app.tree.rows[..here]
        .iter()
        .rposition(|r| r.depth < row.depth && matches!(r.node, Node::Section(_)))
    {
        app.tree.cursor.selected = parent;
        app.detail_scroll = 0;
    }
}

fn expand(app: &mut App, data: &Data) {
    if let Some(Row {
        node: Node::Section(index),
        ..
    }) = app.selected_row()
        && app.tree.collapsed.remove(&index)
    {
        app.rebuild_tree(data);
    }
}

fn activate(app: &mut App, data: &Data) {
    match app.screen {
        Screen::Tree => match app.selected_row().map(|r| r.node) {
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
