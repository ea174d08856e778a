//! The interface's state: what is on screen and where. `app::update`
//! changes it; views only read it.

use super::data::Data;
use super::keymap::Mode;
use super::lists::{self, Cursor, Filter, Node, Row, Sort};
use super::meeting::{Clip, Spotlight};
use super::search_box::SearchBox;
use super::summary::Summary;
use crate::deadline::{self, Light, Limit};
use crate::i18n::{self, Label};
use crate::model::Role;
use crate::progress::{Progress, Status};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

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
    /// What the line is typed for.
    pub kind: BoxKind,
    pub text: Vec<char>,
    pub cursor: usize,
}

/// The one-line editor serves the note, the time limit, the reason for
/// a status (blocked, suspended) and the day of the as-of view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoxKind {
    Note,
    Due,
    Reason(Status),
    /// The day of the read-only view of the past (no task).
    AsOf,
}

/// The feedback editor: the user's agency's entry on a task, three fields
/// (进展情况, 存在问题, 下一步), each of several lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedbackBox {
    pub task: usize,
    pub fields: [Vec<char>; 3],
    /// Which field has the cursor.
    pub field: usize,
    pub cursor: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    None,
    Search(SearchBox),
    /// The first help line shown. Drawing clamps it to the help's length,
    /// which depends on the drawn width (hence the `Cell`, as in `Cursor`).
    Help {
        scroll: std::cell::Cell<usize>,
    },
    Note(NoteBox),
    Feedback(FeedbackBox),
}

/// The plan as it stood at the end of a past day, rebuilt from the
/// history: read-only. `App::progress` holds that fold while it is open;
/// the live progress waits here, kept up to date by saves and reloads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AsOf {
    pub day: jiff::civil::Date,
    /// The last instant of `day`: changes after it are left out.
    pub end: jiff::Timestamp,
    pub live: Progress,
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
    /// Time limit in force and light of every catalog task, kept in step
    /// with `progress` and the clock.
    pub limits: Vec<Option<Arc<Limit>>>,
    pub lights: Vec<Option<Light>>,
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
    /// Why nothing can be marked: the state could not be read at start, or
    /// broke during the session.
    pub read_only: Option<String>,
    /// Background sync is on (an interval is configured).
    pub syncing: bool,
    /// Per agency (short name), the latest change received from someone
    /// else that names it: when, and who.
    pub received: HashMap<String, (jiff::Timestamp, String)>,
    /// Built when the summary is shown, again when marks change under it.
    pub summary: Option<Summary>,
    /// The focus view's task list and place.
    pub spotlight: Spotlight,
    /// What was copied last, and whether to print it on exit.
    pub clip: Clip,
    /// Set while the read-only view of a past day is open.
    pub as_of: Option<AsOf>,
    /// Only tasks of this light show in the lists and search results.
    pub light_filter: Option<Light>,
    /// Something on screen changed since the last frame.
    pub dirty: bool,
}

/// Below this width the list and the detail share the screen one at a time.
pub const WIDE: u16 = 100;

impl App {
    pub fn new(data: &Data, progress: Progress) -> App {
        let statuses = progress.statuses(&data.catalog);
        let received = latest_received(&progress, &data.user);
        let limits = deadline::limits(&data.catalog, &progress);
        let lights = deadline::lights(&data.catalog, &limits, &statuses, data.rules, data.today());
        let mut app = App {
            progress,
            statuses,
            limits,
            lights,
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
            read_only: None,
            syncing: false,
            received,
            summary: None,
            spotlight: Spotlight::default(),
            clip: Clip::default(),
            as_of: None,
            light_filter: None,
            dirty: true,
        };
        app.rebuild_tree(data);
        app
    }

    /// The day the lights are for: the as-of view's, else today.
    pub fn today(&self, data: &Data) -> jiff::civil::Date {
        self.as_of.as_ref().map_or_else(|| data.today(), |a| a.day)
    }

    /// The live progress, as saves and reloads report it: shown as it is,
    /// or, under the as-of view, kept for later and folded to its day.
    pub fn set_progress(&mut self, data: &Data, progress: Progress) {
        match &mut self.as_of {
            Some(as_of) => {
                self.progress = progress.as_of(as_of.end);
                as_of.live = progress;
            }
            None => self.progress = progress,
        }
        self.refresh_statuses(data);
    }

    /// The progress marks are made on: the live one, whatever is shown.
    pub fn live_progress(&self) -> &Progress {
        self.as_of.as_ref().map_or(&self.progress, |a| &a.live)
    }

    /// Whether a task passes the status and the light filters.
    pub fn shows(&self, task: usize) -> bool {
        self.filter.matches(self.statuses[task])
            && self
                .light_filter
                .is_none_or(|l| self.lights[task] == Some(l))
    }

    pub fn mode(&self) -> Mode {
        match (&self.overlay, self.screen) {
            (Overlay::Search(_), _) => Mode::Search,
            (Overlay::Help { .. }, _) => Mode::Help,
            (Overlay::Note(_), _) => Mode::Note,
            (Overlay::Feedback(_), _) => Mode::Feedback,
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
            Screen::Tree => match self.selected_row()?.node() {
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
            Screen::Tree => self.selected_row().map(|r| r.node()),
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
        let keep = self.selected_row().map(|r| r.node());
        self.tree.rows = lists::tree_rows(
            &data.catalog,
            self.tree.plan,
            &self.tree.collapsed,
            self.filtered(),
            &|t| self.shows(t),
        );
        if let Some(node) = keep
            && let Some(row) = self.tree.rows.iter().position(|r| r.node() == node)
        {
            self.tree.cursor.selected = row;
        }
        self.tree.cursor.clamp(self.tree.rows.len());
    }

    pub fn rebuild_agency_tasks(&mut self, data: &Data) {
        let keep = self.current_task();
        if let Some(info) = data.agencies.get(self.agency_tasks.agency) {
            self.agency_tasks.rows = lists::agency_task_rows(info, &|t| self.shows(t));
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
        self.limits = deadline::limits(&data.catalog, &self.progress);
        self.lights = deadline::lights(
            &data.catalog,
            &self.limits,
            &self.statuses,
            data.rules,
            self.today(data),
        );
        self.received = latest_received(&self.progress, &data.user);
        if let Overlay::Search(search) = &mut self.overlay {
            search.lights_changed();
        }
        self.refresh_filtered(data);
        // Only a summary on screen is worth building again now; showing it
        // later builds it afresh anyway.
        if self.screen == Screen::Summary
            && let Some(summary) = &self.summary
        {
            self.summary = Some(summary.rebuilt(data, &self.progress, self.today(data)));
        }
    }

    /// One task's limit and light again, after a mark on it.
    pub fn refresh_lights(&mut self, data: &Data, task: usize) {
        let entry = &data.catalog.tasks[task];
        let plan = &data.catalog.plans[entry.plan];
        let limit = deadline::limit_of(
            plan,
            &entry.task,
            self.progress.get(&data.catalog.key(task)),
        );
        self.lights[task] = data.rules.light(
            self.statuses[task],
            limit.as_ref().and_then(|l| l.date),
            deadline::plan_start(plan),
            self.today(data),
        );
        self.limits[task] = limit.map(Arc::new);
        if let Overlay::Search(search) = &mut self.overlay {
            search.lights_changed();
        }
    }

    /// Some filter is on: lists may leave tasks out.
    pub fn filtered(&self) -> bool {
        self.filter != Filter::All || self.light_filter.is_some()
    }

    /// A filtered list loses or gains rows when statuses change.
    pub fn refresh_filtered(&mut self, data: &Data) {
        if self.filtered() {
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
        if !self.shows(task) {
            self.filter = Filter::All;
            self.light_filter = None;
            self.set_message(i18n::tr(data.lang, Label::FilterReset));
        }
        self.rebuild_tree(data);
        if let Some(row) = self
            .tree
            .rows
            .iter()
            .position(|r| r.node() == Node::Task(task))
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

/// Per agency, the latest change by someone other than `me` that records
/// the agency it was made for.
pub fn latest_received(
    progress: &Progress,
    me: &str,
) -> HashMap<String, (jiff::Timestamp, String)> {
    let mut latest: HashMap<String, (jiff::Timestamp, String)> = HashMap::new();
    for change in progress.iter().flat_map(|(_, t)| t.history()) {
        let Some(agency) = &change.agency else {
            continue;
        };
        if change.by == me {
            continue;
        }
        let entry = latest
            .entry(agency.clone())
            .or_insert((change.at, change.by.clone()));
        if change.at > entry.0 {
            *entry = (change.at, change.by.clone());
        }
    }
    latest
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
