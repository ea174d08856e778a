//! One replica of a plan's progress, under both the command line and the
//! interface (in the manner of taskchampion's `Replica`): the loaded plans,
//! where the state lives, the agency list and its order, making a change,
//! undoing one, and reading history. The CLI and the TUI only call this;
//! neither makes a change or finds the state by itself.

use crate::agencies::Registry;
use crate::model::{Catalog, TaskKey};
use crate::plan_io::{self, Loaded, Origin, Sources};
use crate::progress::{Change, ChangeKind, Feedback, Progress, Status, TaskProgress};
use crate::roster::{self, AgencyTasks};
use crate::store::{Draft, Location, Store, StoreError, Writer};
use crate::sync::{self, SyncError};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// Why a change was not written. Its own type, so that the interface can
/// tell "retry later" from "this state cannot be written at all".
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SaveError {
    /// The state cannot be read (or no location is known): nothing may be
    /// changed until it is fixed.
    #[error("{0}")]
    ReadOnly(String),
    /// This write failed (full disk, a lock held too long); the changes are
    /// kept and retried.
    #[error("{error}")]
    Failed { error: String, pending: usize },
    /// Not allowed as asked (nothing was written, nothing is pending).
    #[error("{0}")]
    Refused(Refusal),
}

/// A change not allowed as asked. Data, so that each interface words it in
/// its user's language (`i18n::store::refusal`); English here.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error(
        "the policy lead-sets-status needs to know which agency you act for: set PLANTRACK_AGENCY (e.g. PLANTRACK_AGENCY=知识产权局)"
    )]
    PolicyNeedsAgency,
    #[error(
        "feedback is kept per agency: say which agency you act for with [me] agency in the configuration, --as AGENCY or PLANTRACK_AGENCY (e.g. PLANTRACK_AGENCY=知识产权局)"
    )]
    FeedbackNeedsAgency,
    #[error("进展情况 (--progress) is required in a feedback entry")]
    ProgressRequired,
    #[error(
        "a task is suspended only with a reason: add --reason TEXT (e.g. --reason \"职责已划转\")"
    )]
    SuspendedNeedsReason,
    #[error("a reason goes with blocked or suspended only")]
    ReasonWithoutStatus,
    #[error(
        "this is the state as of {}, which is read-only; leave --as-of out to make changes",
        .0.strftime("%Y-%m-%d")
    )]
    PastDay(jiff::Timestamp),
}

impl SaveError {
    /// The state itself is broken, not just this write.
    pub fn is_read_only(&self) -> bool {
        matches!(self, SaveError::ReadOnly(_))
    }
}

/// Why an undo was not made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UndoError {
    #[error("you have no change left to undo")]
    Nothing,
    #[error(
        "{key} was changed by {by} at {} after your change; undo would overwrite theirs, so it was not made (mark the task instead)",
        at.strftime("%Y-%m-%d %H:%M:%S UTC")
    )]
    ChangedSince {
        key: TaskKey,
        by: String,
        at: jiff::Timestamp,
    },
    #[error("{0}")]
    Save(SaveError),
}

/// An undo that was written: the task, and the change that reverted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undone {
    pub key: TaskKey,
    pub change: Change,
}

/// Who may set a task's status (the configuration's `policy`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Policy {
    /// Anyone may (the default).
    #[default]
    Open,
    /// Only the task's lead agency; another agency's status change is
    /// recorded as a proposal the lead sees, not applied. Notes are open.
    LeadSetsStatus,
}

/// The state, when it could be opened.
enum State {
    Open(Box<Store>),
    /// Why not, said on every attempt to change something.
    ReadOnly(String),
}

pub struct Replica {
    /// Shared with the interface, which draws from it every frame.
    pub catalog: Arc<Catalog>,
    pub origins: Vec<Origin>,
    /// Plan files that could not be loaded (each already reported).
    pub plan_errors: usize,
    /// The language the command line prints in (its lookups read it here).
    pub lang: crate::i18n::Lang,
    /// Built on first use: a one-shot search and the interface (which
    /// keeps its own table) never need it, and at 100k tasks it was 4 % of
    /// a one-shot search.
    agencies: std::sync::OnceLock<Vec<AgencyTasks>>,
    state: State,
    location: Option<Location>,
    /// Changes made but not yet written (stamped, shown, retried).
    pending: Vec<(TaskKey, Change)>,
    /// The state as read, with the pending changes on top.
    progress: Progress,
    policy: Policy,
    /// The day lights are shown for, when the caller gave one.
    day: Option<crate::deadline::Day>,
    /// Set for a view of a past day: nothing may be written.
    as_of: Option<jiff::Timestamp>,
}

impl Replica {
    /// Loads the plans; problems met go to `warnings`. `None` when no plan
    /// could be loaded. The state is not read yet ([`Replica::open_state`]).
    /// `first`: the id of the plan to put first (the configuration's
    /// `first_plan`), when loaded.
    pub fn load_plans(
        sources: &Sources,
        first: Option<&str>,
        warnings: &mut Vec<String>,
    ) -> Option<Replica> {
        let Loaded {
            mut plans,
            errors,
            notices,
        } = plan_io::load_all(sources);
        if let Some(at) = first.and_then(|id| plans.iter().position(|(_, p)| p.id == id)) {
            let chosen = plans.remove(at);
            plans.insert(0, chosen);
        }
        warnings.extend(errors.iter().map(ToString::to_string));
        warnings.extend(notices.iter().map(ToString::to_string));
        if plans.is_empty() {
            return None;
        }
        let (origins, plans): (Vec<_>, Vec<_>) = plans.into_iter().unzip();
        let mut replica = Replica::new(Catalog::new(plans), origins);
        replica.plan_errors = errors.len();
        Some(replica)
    }

    /// A replica of these plans without state (tests, and before
    /// [`Replica::open_state`]).
    pub fn new(catalog: Catalog, origins: Vec<Origin>) -> Replica {
        Replica {
            catalog: Arc::new(catalog),
            origins,
            plan_errors: 0,
            lang: crate::i18n::Lang::En,
            agencies: std::sync::OnceLock::new(),
            state: State::ReadOnly("the state has not been opened".into()),
            location: None,
            pending: Vec::new(),
            progress: Progress::default(),
            policy: Policy::Open,
            day: None,
            as_of: None,
        }
    }

    pub fn set_policy(&mut self, policy: Policy) {
        self.policy = policy;
    }

    /// The day lights are shown for (the caller reads the clock).
    pub fn set_day(&mut self, day: crate::deadline::Day) {
        self.day = Some(day);
    }

    pub fn day(&self) -> Option<crate::deadline::Day> {
        self.day
    }

    /// From now on, the state as it stood at the end of `at`, rebuilt from
    /// the history; read-only, since a change made to the past would be
    /// recorded today.
    pub fn view_as_of(&mut self, at: jiff::Timestamp) {
        self.progress = self.progress.as_of(at);
        self.as_of = Some(at);
    }

    /// The end of the past day this replica shows, if it shows one.
    pub fn as_of(&self) -> Option<jiff::Timestamp> {
        self.as_of
    }

    /// Every catalog task's light on the replica's day (none without one).
    pub fn lights(&self) -> Vec<Option<crate::deadline::Light>> {
        let Some(day) = self.day else {
            return vec![None; self.catalog.tasks.len()];
        };
        let limits = crate::deadline::limits(&self.catalog, &self.progress);
        let statuses = self.progress.statuses(&self.catalog);
        crate::deadline::lights(&self.catalog, &limits, &statuses, day.rules, day.today)
    }

    /// Under "lead-sets-status", whether a status change by this writer on
    /// `key` is a proposal: the writer's agency is not the task's lead.
    /// An error when the writer has not said which agency they act for.
    fn proposes(&self, key: &TaskKey) -> Result<bool, SaveError> {
        if self.policy == Policy::Open {
            return Ok(false);
        }
        let Some(task) = self.catalog.find(key) else {
            return Ok(false);
        };
        let registry = Registry::builtin();
        let agency = self
            .writer()
            .and_then(|w| w.agency.clone())
            .ok_or(SaveError::Refused(Refusal::PolicyNeedsAgency))?;
        let agency = registry.canonical(&agency).to_string();
        let leads = self.catalog.tasks[task]
            .task
            .agencies
            .iter()
            .filter(|a| a.role == crate::model::Role::Lead)
            .any(|a| registry.canonical(&a.name) == agency);
        Ok(!leads)
    }

    /// The one rule for where state lives: `chosen` is `--state` /
    /// `PLANTRACK_STATE` / the configuration's `state`, first given first
    /// (see [`Location::resolve`]).
    pub fn locate(chosen: Option<&Path>) -> Result<Location, StoreError> {
        Location::resolve(chosen)
    }

    /// Reads the state. On error the replica stays usable for reading the
    /// plans and refuses changes with the error's text.
    pub fn open_state(
        &mut self,
        location: Result<Location, StoreError>,
        writer: Writer,
        lock_timeout: Duration,
    ) -> Result<Vec<String>, StoreError> {
        let opened = location.and_then(|location| {
            self.location = Some(location.clone());
            Store::open(location, writer)
        });
        match opened {
            Ok(mut store) => {
                store.set_lock_timeout(lock_timeout);
                let notices = store.take_notices();
                self.progress = store.progress().clone();
                self.state = State::Open(Box::new(store));
                Ok(notices)
            }
            Err(error) => {
                self.state = State::ReadOnly(crate::i18n::store::describe(&error, self.lang));
                Err(error)
            }
        }
    }

    /// A replica on an already opened store (tests).
    pub fn with_store(mut self, store: Store) -> Replica {
        self.location = Some(store.location().clone());
        self.progress = store.progress().clone();
        self.state = State::Open(Box::new(store));
        self
    }

    /// Who the changes are recorded as, once the state is open.
    pub fn writer(&self) -> Option<&Writer> {
        match &self.state {
            State::Open(store) => Some(store.writer()),
            State::ReadOnly(_) => None,
        }
    }

    pub fn location(&self) -> Option<&Location> {
        self.location.as_ref()
    }

    /// The state directory, for messages.
    pub fn state_dir(&self) -> Option<&Path> {
        self.location.as_ref().map(|l| l.dir.as_path())
    }

    /// Why nothing can be changed, when so.
    pub fn read_only(&self) -> Option<&str> {
        match &self.state {
            State::Open(_) => None,
            State::ReadOnly(why) => Some(why),
        }
    }

    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    /// Every agency of the loaded plans, in the one order every list uses.
    pub fn agencies(&self) -> &[AgencyTasks] {
        self.agencies
            .get_or_init(|| roster::roster(&self.catalog, Registry::builtin()))
    }

    /// Every change recorded for a task, oldest first.
    pub fn history(&self, key: &TaskKey) -> &[Change] {
        self.progress
            .get(key)
            .map(|t| t.history())
            .unwrap_or_default()
    }

    pub fn pending(&self) -> usize {
        self.pending.len()
    }

    /// Problems met while reading that did not stop it (a torn last line).
    pub fn take_notices(&mut self) -> Vec<String> {
        match &mut self.state {
            State::Open(store) => store.take_notices(),
            State::ReadOnly(_) => Vec::new(),
        }
    }

    /// Sets a task's status and/or note, leaving out what is already so,
    /// decided on the state as it is when written. Returns the changes
    /// written (none when nothing changes).
    pub fn mark(
        &mut self,
        key: &TaskKey,
        status: Option<Status>,
        note: Option<&str>,
    ) -> Result<Vec<(TaskKey, Change)>, SaveError> {
        self.mark_waiting(key, status, "", note, &mut |_| {})
    }

    /// Like [`Replica::mark`], with the status's `reason` (required to
    /// suspend; see [`reason_refused`]); `waiting` hears who holds the lock
    /// if the write has to wait.
    pub fn mark_waiting(
        &mut self,
        key: &TaskKey,
        status: Option<Status>,
        reason: &str,
        note: Option<&str>,
        waiting: &mut dyn FnMut(&str),
    ) -> Result<Vec<(TaskKey, Change)>, SaveError> {
        if let Some(refused) = reason_refused(status, reason) {
            return Err(SaveError::Refused(refused));
        }
        let propose = status.is_some() && self.proposes(key)?;
        let make = |progress: &Progress| {
            let mut drafts = drafts_for(key, progress, status.map(|s| (s, reason)), note);
            if propose {
                for draft in &mut drafts {
                    if let ChangeKind::Status { from, to, reason } = &draft.what {
                        draft.what = ChangeKind::Proposal {
                            from: *from,
                            to: *to,
                            reason: reason.clone(),
                        };
                    }
                }
            }
            drafts
        };
        self.write(make, waiting)
    }

    /// Sets (or, with `None`, gives back to the plan) a task's time limit,
    /// decided on the state as it is when written: nothing is written when
    /// the limit is already so.
    pub fn set_due(
        &mut self,
        key: &TaskKey,
        to: Option<jiff::civil::Date>,
    ) -> Result<Vec<(TaskKey, Change)>, SaveError> {
        self.write(|progress| due_draft(key, progress, to), &mut |_| {})
    }

    /// Records the writer's agency's own progress entry on a task (it
    /// replaces only that agency's previous entry). Refused when the writer
    /// has not named an agency, or the entry has no 进展情况. Returns the
    /// change written (none when the entry is already so).
    pub fn feedback(
        &mut self,
        key: &TaskKey,
        entry: Feedback,
    ) -> Result<Vec<(TaskKey, Change)>, SaveError> {
        let agency = self
            .writer()
            .and_then(|w| w.agency.clone())
            .ok_or(SaveError::Refused(Refusal::FeedbackNeedsAgency))?;
        if entry.progress.trim().is_empty() {
            return Err(SaveError::Refused(Refusal::ProgressRequired));
        }
        let make = |progress: &Progress| {
            let from = progress
                .get(key)
                .map(|t| t.feedback_of(&agency))
                .unwrap_or_default();
            if from == entry {
                return Vec::new();
            }
            vec![Draft {
                key: key.clone(),
                what: ChangeKind::Feedback {
                    agency: agency.clone(),
                    from,
                    to: entry.clone(),
                },
                undoes: None,
            }]
        };
        self.write(make, &mut |_| {})
    }

    /// Writes what `make` decides, first retrying anything pending. On a
    /// failed write the changes are made here anyway, kept pending and
    /// retried by [`Replica::retry`].
    fn write<F>(
        &mut self,
        make: F,
        waiting: &mut dyn FnMut(&str),
    ) -> Result<Vec<(TaskKey, Change)>, SaveError>
    where
        F: Fn(&Progress) -> Vec<Draft>,
    {
        if let Some(at) = self.as_of {
            return Err(SaveError::Refused(Refusal::PastDay(at)));
        }
        let State::Open(store) = &mut self.state else {
            return Err(SaveError::ReadOnly(
                self.read_only().unwrap_or_default().to_string(),
            ));
        };
        let flushed = if self.pending.is_empty() {
            Ok(())
        } else {
            store.append_stamped(&self.pending).map(|_| ())
        };
        let result = flushed.and_then(|()| store.append_waiting(&make, waiting));
        match result {
            Ok(written) => {
                self.pending.clear();
                self.progress = store.progress().clone();
                Ok(written)
            }
            Err(error) if error.is_invalid_file() => {
                let why = crate::i18n::store::describe(&error, self.lang);
                self.state = State::ReadOnly(why.clone());
                Err(SaveError::ReadOnly(why))
            }
            Err(error) => {
                let made = store.stamp(make(&self.progress));
                for (key, change) in &made {
                    self.progress.record(key.clone(), change.clone());
                }
                self.pending.extend(made);
                Err(SaveError::Failed {
                    error: crate::i18n::store::describe(&error, self.lang),
                    pending: self.pending.len(),
                })
            }
        }
    }

    /// Writes what is pending, if anything: the retry after a failure.
    pub fn retry(&mut self) -> Option<Result<(), SaveError>> {
        if self.pending.is_empty() {
            return None;
        }
        Some(self.write(|_| Vec::new(), &mut |_| {}).map(|_| ()))
    }

    /// Reads other writers' changes; true when something came in. A state
    /// that became unreadable turns the replica read-only.
    pub fn refresh(&mut self) -> Result<bool, SaveError> {
        let State::Open(store) = &mut self.state else {
            return Ok(false);
        };
        match store.refresh() {
            Ok(false) => Ok(false),
            Ok(true) => {
                let mut progress = store.progress().clone();
                for (key, change) in &self.pending {
                    progress.record(key.clone(), change.clone());
                }
                self.progress = progress;
                Ok(true)
            }
            Err(error) => {
                let why = crate::i18n::store::describe(&error, self.lang);
                self.state = State::ReadOnly(why.clone());
                Err(SaveError::ReadOnly(why))
            }
        }
    }

    /// What could not be written, handed over for the user to keep.
    pub fn take_pending(&mut self) -> Vec<(TaskKey, Change)> {
        std::mem::take(&mut self.pending)
    }

    /// Reverts the writer's own latest change that is not yet undone, by a
    /// new change. Refused, naming who and when, if someone else changed
    /// the task since.
    pub fn undo(&mut self) -> Result<Undone, UndoError> {
        let person = match &self.state {
            State::Open(store) => store.writer().person.clone(),
            State::ReadOnly(why) => return Err(UndoError::Save(SaveError::ReadOnly(why.clone()))),
        };
        let decided = std::cell::RefCell::new(Err(UndoError::Nothing));
        let make = |progress: &Progress| {
            let outcome = undo_draft(progress, &person);
            let drafts = outcome
                .as_ref()
                .map(|d| vec![d.clone()])
                .unwrap_or_default();
            *decided.borrow_mut() = outcome.map(|_| ());
            drafts
        };
        let written = self.write(make, &mut |_| {}).map_err(UndoError::Save)?;
        decided.into_inner()?;
        written
            .into_iter()
            .next()
            .map(|(key, change)| Undone { key, change })
            .ok_or(UndoError::Nothing)
    }
}

/// Sync: the state directory kept in step with other offices through git
/// (see `sync`). Each reads what came in, so `progress` is current after.
impl Replica {
    fn store_for_sync(&mut self) -> Result<&mut Store, SyncError> {
        match &mut self.state {
            State::Open(store) => Ok(store),
            State::ReadOnly(why) => Err(SyncError::Store(StoreError::Unreadable {
                path: self
                    .location
                    .as_ref()
                    .map(|l| l.dir.clone())
                    .unwrap_or_default(),
                source: std::io::Error::other(why.clone()),
            })),
        }
    }

    fn after_sync<T>(&mut self, result: Result<T, SyncError>) -> Result<T, SyncError> {
        if let State::Open(store) = &self.state {
            let mut progress = store.progress().clone();
            for (key, change) in &self.pending {
                progress.record(key.clone(), change.clone());
            }
            self.progress = progress;
        }
        result
    }

    /// Syncs every `every` on a thread of its own, with a store of its own,
    /// so that the caller is never held up by the network; each outcome
    /// (a summary, or why it failed) comes through the receiver. Stops when
    /// the directory is not set up for sync. `None` without a state.
    pub fn spawn_background_sync(
        &self,
        every: Duration,
    ) -> Option<std::sync::mpsc::Receiver<Result<String, String>>> {
        let State::Open(store) = &self.state else {
            return None;
        };
        let location = store.location().clone();
        let writer = store.writer().clone();
        let (send, receive) = std::sync::mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("sync".into())
            .spawn(move || {
                let mut store = None;
                loop {
                    std::thread::sleep(every);
                    if store.is_none() {
                        match Store::open(location.clone(), writer.clone()) {
                            Ok(opened) => store = Some(opened),
                            Err(error) => {
                                if send.send(Err(error.to_string())).is_err() {
                                    return;
                                }
                                continue;
                            }
                        }
                    }
                    let Some(store) = store.as_mut() else {
                        continue;
                    };
                    let outcome = sync::sync(store);
                    let stop = matches!(
                        outcome,
                        Err(SyncError::NotSetUp { .. }
                            | SyncError::NoRemote { .. }
                            | SyncError::NoGit)
                    );
                    let message = outcome
                        .map(|report| {
                            let received: usize = report.received.values().sum();
                            format!("sent {}, received {received}", report.committed)
                        })
                        .map_err(|e| e.to_string());
                    if send.send(message).is_err() || stop {
                        return;
                    }
                }
            });
        spawned.ok().map(|_| receive)
    }

    /// The signal thread's way to write what is left at exit, with its own
    /// store (it must never wait for the saving thread) and a short lock
    /// wait; `None` without a state. The store is opened only when a
    /// signal comes with something unsaved.
    #[allow(clippy::type_complexity)]
    pub fn last_resort(
        &self,
        lock_timeout: Duration,
    ) -> Option<Box<dyn FnMut(&[(TaskKey, Change)]) -> bool + Send>> {
        let State::Open(store) = &self.state else {
            return None;
        };
        let location = store.location().clone();
        let writer = store.writer().clone();
        Some(Box::new(move |changes| {
            let Ok(mut store) = Store::open(location.clone(), writer.clone()) else {
                return false;
            };
            store.set_lock_timeout(lock_timeout);
            let changes = changes.to_vec();
            store
                .append_with(|progress| {
                    changes
                        .iter()
                        .flat_map(|(key, change)| {
                            let (status, note) = match &change.what {
                                ChangeKind::Status { to, reason, .. } => {
                                    (Some((*to, reason.as_str())), None)
                                }
                                ChangeKind::Note { to, .. } => (None, Some(to.as_str())),
                                ChangeKind::Proposal { .. } | ChangeKind::Feedback { .. } => {
                                    (None, None)
                                }
                                ChangeKind::Due { to, .. } => {
                                    return due_draft(key, progress, *to);
                                }
                            };
                            drafts_for(key, progress, status, note)
                        })
                        .collect()
                })
                .is_ok()
        }))
    }

    pub fn sync_init(&mut self, url: &str) -> Result<sync::Report, SyncError> {
        let result = sync::init(self.store_for_sync()?, url);
        self.after_sync(result)
    }

    pub fn sync(&mut self) -> Result<sync::Report, SyncError> {
        let result = sync::sync(self.store_for_sync()?);
        self.after_sync(result)
    }

    pub fn sync_status(&mut self) -> Result<sync::Status, SyncError> {
        sync::status(self.store_for_sync()?)
    }

    pub fn sync_bundle(&mut self, file: &Path) -> Result<usize, SyncError> {
        sync::bundle(self.store_for_sync()?, file)
    }

    pub fn sync_from_bundle(&mut self, file: &Path) -> Result<sync::Report, SyncError> {
        let result = sync::from_bundle(self.store_for_sync()?, file);
        self.after_sync(result)
    }
}

/// Why a mark may not be made as asked: a suspension without a reason
/// (中止 must say why), or a reason for a status that takes none.
pub fn reason_refused(status: Option<Status>, reason: &str) -> Option<Refusal> {
    match status {
        Some(Status::Suspended) if reason.trim().is_empty() => Some(Refusal::SuspendedNeedsReason),
        Some(s) if !s.takes_reason() && !reason.is_empty() => Some(Refusal::ReasonWithoutStatus),
        None if !reason.is_empty() => Some(Refusal::ReasonWithoutStatus),
        _ => None,
    }
}

/// What `mark` records: a status change (with its reason) and/or a note
/// change (both at once, being one act), leaving out what is already so.
/// Marking the same status again with another reason records the new reason.
fn drafts_for(
    key: &TaskKey,
    current: &Progress,
    status: Option<(Status, &str)>,
    note: Option<&str>,
) -> Vec<Draft> {
    let mut drafts = Vec::new();
    if let Some((to, reason)) = status {
        let from = current.status(key);
        let reason = reason.trim();
        if from != to || (!reason.is_empty() && current.reason(key) != reason) {
            drafts.push(Draft {
                key: key.clone(),
                what: ChangeKind::Status {
                    from,
                    to,
                    reason: reason.to_string(),
                },
                undoes: None,
            });
        }
    }
    if let Some(to) = note {
        let from = current.note(key);
        if from != to {
            drafts.push(Draft {
                key: key.clone(),
                what: ChangeKind::Note {
                    from: from.to_string(),
                    to: to.to_string(),
                },
                undoes: None,
            });
        }
    }
    drafts
}

/// The time-limit change that sets `to`, unless it is already so.
fn due_draft(key: &TaskKey, current: &Progress, to: Option<jiff::civil::Date>) -> Vec<Draft> {
    let from = current
        .get(key)
        .and_then(crate::progress::TaskProgress::due);
    if from == to {
        return Vec::new();
    }
    vec![Draft {
        key: key.clone(),
        what: ChangeKind::Due { from, to },
        undoes: None,
    }]
}

/// The change that reverts `person`'s latest change not yet undone (and not
/// itself an undo).
fn undo_draft(progress: &Progress, person: &str) -> Result<Draft, UndoError> {
    let undone: std::collections::HashSet<&str> = progress
        .iter()
        .flat_map(|(_, t)| t.history())
        .filter_map(|c| c.undoes.as_deref())
        .collect();
    let (key, target) = progress
        .iter()
        .flat_map(|(key, t)| t.history().iter().map(move |c| (key, c)))
        .filter(|(_, c)| c.by == person && c.undoes.is_none() && !undone.contains(c.id.as_str()))
        .max_by(|a, b| a.1.order().cmp(&b.1.order()))
        .ok_or(UndoError::Nothing)?;
    let history = progress.get(key).map(|t| t.history()).unwrap_or_default();
    if let Some(other) = history
        .iter()
        .filter(|c| c.order() > target.order() && c.by != person)
        .max_by(|a, b| a.order().cmp(&b.order()))
    {
        return Err(UndoError::ChangedSince {
            key: key.clone(),
            by: other.by.clone(),
            at: other.at,
        });
    }
    let what = match &target.what {
        // Back to the status before, with the reason it had then.
        ChangeKind::Status { from, .. } => ChangeKind::Status {
            from: progress.status(key),
            to: *from,
            reason: TaskProgress::from_history(
                history
                    .iter()
                    .filter(|c| c.order() < target.order())
                    .cloned()
                    .collect(),
            )
            .reason()
            .to_string(),
        },
        ChangeKind::Note { from, .. } => ChangeKind::Note {
            from: progress.note(key).to_string(),
            to: from.clone(),
        },
        ChangeKind::Due { from, .. } => ChangeKind::Due {
            from: progress
                .get(key)
                .and_then(crate::progress::TaskProgress::due),
            to: *from,
        },
        // Withdrawn: the same proposal the other way, naming the one it undoes.
        ChangeKind::Proposal { from, to, .. } => ChangeKind::Proposal {
            from: *to,
            to: *from,
            reason: String::new(),
        },
        ChangeKind::Feedback { agency, from, .. } => ChangeKind::Feedback {
            agency: agency.clone(),
            from: progress
                .get(key)
                .map(|t| t.feedback_of(agency))
                .unwrap_or_default(),
            to: from.clone(),
        },
    };
    Ok(Draft {
        key: key.clone(),
        what,
        undoes: Some(target.id.clone()),
    })
}

/// The plan sources a command line asks for: the files and directories
/// given, else the standard places plus the configuration's directories.
pub fn plan_sources(
    files: &[PathBuf],
    dirs: &[PathBuf],
    config_dirs: &[PathBuf],
    data_dir: Option<&Path>,
) -> Sources {
    if files.is_empty() && dirs.is_empty() {
        let mut sources = Sources::standard(data_dir);
        sources.dirs.extend(config_dirs.iter().cloned());
        sources
    } else {
        Sources {
            dirs: dirs.to_vec(),
            files: files.to_vec(),
            embedded: false,
            cache: crate::plan_cache::default_dir(),
        }
    }
}

#[cfg(test)]
mod tests;
