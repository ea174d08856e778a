//! Progress: the marks users make. Pure data — the store module reads and
//! writes it.
//!
//! A task's progress is its history of changes; its current status and note
//! are those of the latest change by time. That makes merging two copies a
//! union of histories: the later change wins and the earlier stays recorded.

use crate::model::{Catalog, TaskKey};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    NotStarted,
    InProgress,
    Done,
    Blocked,
    /// 中止: stopped on purpose, with a reason; out of the completion totals.
    Suspended,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::NotStarted,
        Status::InProgress,
        Status::Done,
        Status::Blocked,
        Status::Suspended,
    ];

    /// The word used on the command line and in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::NotStarted => "not_started",
            Status::InProgress => "in_progress",
            Status::Done => "done",
            Status::Blocked => "blocked",
            Status::Suspended => "suspended",
        }
    }

    /// A status that must say why (suspended) or is asked why (blocked).
    pub fn takes_reason(self) -> bool {
        matches!(self, Status::Blocked | Status::Suspended)
    }

    /// Counted in the totals that measure completion (done / total):
    /// everything but a suspended task.
    pub fn counts(self) -> bool {
        self != Status::Suspended
    }

    /// Accepts the file word and the common spellings people type.
    pub fn parse(text: &str) -> Option<Status> {
        match text.trim().to_lowercase().replace(['-', ' '], "_").as_str() {
            "not_started" | "todo" | "open" | "new" | "未开始" => Some(Status::NotStarted),
            "in_progress" | "doing" | "started" | "wip" | "进行中" => Some(Status::InProgress),
            "done" | "finished" | "complete" | "completed" | "已完成" | "完成" => {
                Some(Status::Done)
            }
            "blocked" | "stuck" | "受阻" | "阻塞" => Some(Status::Blocked),
            "suspended" | "suspend" | "中止" | "已中止" => Some(Status::Suspended),
            _ => None,
        }
    }

    /// A marker readable without colour (NO_COLOR): ` `, `~`, `x`, `!`, `-`.
    pub fn marker(self) -> char {
        match self {
            Status::NotStarted => ' ',
            Status::InProgress => '~',
            Status::Done => 'x',
            Status::Blocked => '!',
            Status::Suspended => '-',
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One change a user made to one task.
///
/// `at` and `seq` together are a hybrid logical clock reading: `at` is the
/// writer's wall clock unless that is behind a change it has already seen,
/// in which case it repeats that change's time and counts on in `seq`. So a
/// change is always ordered after every change its writer had seen, however
/// wrong that writer's clock is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// Unique for every change; the same change read twice (from a log and
    /// from its copy brought in by a sync) counts once. Empty only in tests.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub id: String,
    pub at: Timestamp,
    #[serde(skip_serializing_if = "is_zero")]
    pub seq: u32,
    pub by: String,
    /// The agency the author acted for, once people name theirs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agency: Option<String>,
    #[serde(flatten)]
    pub what: ChangeKind,
    /// The id of the change this one reverts, for an undo.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub undoes: Option<String>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl Change {
    /// A change with only what older files recorded: time, author, what.
    pub fn new(at: Timestamp, by: impl Into<String>, what: ChangeKind) -> Change {
        Change {
            id: String::new(),
            at,
            seq: 0,
            by: by.into(),
            agency: None,
            what,
            undoes: None,
        }
    }

    /// The order of changes: clock reading, then id to break exact ties the
    /// same way on every machine.
    pub fn order(&self) -> (Timestamp, u32, &str) {
        (self.at, self.seq, &self.id)
    }

    /// Same kind of change on the same field (status or note).
    pub fn same_field(&self, other: &ChangeKind) -> bool {
        std::mem::discriminant(&self.what) == std::mem::discriminant(other)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// `reason` says why (required to suspend, asked for when blocking);
    /// empty when none was given, and then left out of the file.
    Status {
        from: Status,
        to: Status,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        reason: String,
    },
    Note {
        from: String,
        to: String,
    },
    /// A status change proposed to the lead agency, not applied (policy
    /// "lead-sets-status"); it stays pending until the next status change.
    Proposal {
        from: Status,
        to: Status,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        reason: String,
    },
    /// The time limit set by staff; `None` is the plan's own (or its
    /// default), so `to: None` gives the task back to the plan.
    Due {
        from: Option<jiff::civil::Date>,
        to: Option<jiff::civil::Date>,
    },
    /// One agency's own progress entry on a task. Each agency keeps its
    /// own: an entry replaces only the same agency's previous one.
    Feedback {
        agency: String,
        from: Feedback,
        to: Feedback,
    },
}

/// A time limit in a change, in plain words: the day, or the plan's own.
pub fn due_words(date: Option<jiff::civil::Date>) -> String {
    date.map_or_else(|| "the plan's".to_string(), |d| d.to_string())
}

/// What an agency reports on a task: 进展情况 (required in a new entry),
/// 存在问题 and 下一步 (optional). Line breaks are kept.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Feedback {
    pub progress: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub problems: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub next: String,
}

impl Feedback {
    pub fn is_empty(&self) -> bool {
        self.progress.is_empty() && self.problems.is_empty() && self.next.is_empty()
    }

    /// The entry on one line, for histories: `进展：…；问题：…；下一步：…`.
    pub fn summary(&self) -> String {
        let mut parts = vec![format!("进展：{}", self.progress)];
        if !self.problems.is_empty() {
            parts.push(format!("问题：{}", self.problems));
        }
        if !self.next.is_empty() {
            parts.push(format!("下一步：{}", self.next));
        }
        parts.join("；").replace('\n', " / ")
    }
}

/// An agency's latest entry on a task: who wrote it, and since when it has
/// been as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgencyFeedback<'a> {
    pub agency: &'a str,
    pub entry: &'a Feedback,
    pub by: &'a str,
    /// The time of the change that made the entry what it is.
    pub since: Timestamp,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaskProgress {
    /// Sorted by clock; equal readings keep the order they were recorded in.
    history: Vec<Change>,
    /// The ids in `history`: a change read again (its log re-read, or its
    /// copy brought by a sync) is found without scanning the history.
    ids: std::collections::HashSet<String>,
}

impl TaskProgress {
    pub fn from_history(mut history: Vec<Change>) -> Self {
        history.sort_by(|a, b| a.order().cmp(&b.order()));
        let ids = history
            .iter()
            .filter(|c| !c.id.is_empty())
            .map(|c| c.id.clone())
            .collect();
        Self { history, ids }
    }

    pub fn history(&self) -> &[Change] {
        &self.history
    }

    pub fn status(&self) -> Status {
        self.history
            .iter()
            .rev()
            .find_map(|c| match c.what {
                ChangeKind::Status { to, .. } => Some(to),
                ChangeKind::Note { .. }
                | ChangeKind::Proposal { .. }
                | ChangeKind::Due { .. }
                | ChangeKind::Feedback { .. } => None,
            })
            .unwrap_or_default()
    }

    /// Why the task is in its status: the reason of the latest status
    /// change ("" when it gave none).
    pub fn reason(&self) -> &str {
        self.history
            .iter()
            .rev()
            .find_map(|c| match &c.what {
                ChangeKind::Status { reason, .. } => Some(reason.as_str()),
                _ => None,
            })
            .unwrap_or("")
    }

    pub fn note(&self) -> &str {
        self.history
            .iter()
            .rev()
            .find_map(|c| match &c.what {
                ChangeKind::Note { to, .. } => Some(to.as_str()),
                _ => None,
            })
            .unwrap_or("")
    }

    /// The time limit staff set last; `None` when none is set (or the last
    /// change gave the task back to the plan's).
    pub fn due(&self) -> Option<jiff::civil::Date> {
        self.history
            .iter()
            .rev()
            .find_map(|c| match c.what {
                ChangeKind::Due { to, .. } => Some(to),
                _ => None,
            })
            .flatten()
    }

    /// This history as it stood at the end of `at` (changes made after it
    /// left out): every as-of view is a fold of this.
    pub fn as_of(&self, at: Timestamp) -> TaskProgress {
        let end = self.history.partition_point(|c| c.at <= at);
        TaskProgress::from_history(self.history[..end].to_vec())
    }

    /// One agency's current entry (empty when it has none, or cleared it).
    pub fn feedback_of(&self, agency: &str) -> Feedback {
        self.history
            .iter()
            .rev()
            .find_map(|c| match &c.what {
                ChangeKind::Feedback { agency: a, to, .. } if a == agency => Some(to.clone()),
                _ => None,
            })
            .unwrap_or_default()
    }

    /// Every agency's latest non-empty entry, in the order the agencies
    /// first gave one.
    pub fn feedback(&self) -> Vec<AgencyFeedback<'_>> {
        let mut latest: Vec<AgencyFeedback<'_>> = Vec::new();
        for change in &self.history {
            let ChangeKind::Feedback { agency, to, .. } = &change.what else {
                continue;
            };
            let entry = AgencyFeedback {
                agency,
                entry: to,
                by: &change.by,
                since: change.at,
            };
            match latest.iter_mut().find(|f| f.agency == agency) {
                // An entry saved again unchanged does not reset "since".
                Some(known) if known.entry == to => {}
                Some(known) => *known = entry,
                None => latest.push(entry),
            }
        }
        latest.retain(|f| !f.entry.is_empty());
        latest
    }

    /// Proposals made since the latest status change: what the lead has
    /// yet to decide.
    pub fn proposals(&self) -> Vec<&Change> {
        let since = self
            .history
            .iter()
            .rposition(|c| matches!(c.what, ChangeKind::Status { .. }))
            .map_or(0, |i| i + 1);
        let pending = &self.history[since..];
        let withdrawn: Vec<&str> = pending.iter().filter_map(|c| c.undoes.as_deref()).collect();
        pending
            .iter()
            .filter(|c| matches!(c.what, ChangeKind::Proposal { .. }))
            .filter(|c| c.undoes.is_none() && !withdrawn.contains(&c.id.as_str()))
            .collect()
    }

    pub fn last_change(&self) -> Option<&Change> {
        self.history.last()
    }

    /// The time for a change made `now` on top of this history: `now`,
    /// unless a clock running behind (another machine's, or this one set
    /// back) would put it before the latest change, which would then still
    /// win and the new change would be lost while reported saved.
    pub fn next_time(&self, now: Timestamp) -> Timestamp {
        match self.last_change() {
            Some(last) if last.at >= now => last
                .at
                .checked_add(jiff::SignedDuration::from_nanos(1))
                .unwrap_or(last.at),
            _ => now,
        }
    }

    /// Adds a change unless the very same one is already recorded (a merge
    /// sees its own writes again).
    pub fn record(&mut self, change: Change) -> bool {
        let seen = if change.id.is_empty() {
            self.history.contains(&change)
        } else {
            !self.ids.insert(change.id.clone())
        };
        if seen {
            return false;
        }
        let at = self
            .history
            .partition_point(|existing| existing.order() <= change.order());
        self.history.insert(at, change);
        true
    }
}

/// Every task's progress, keyed by plan id and task number. Tasks that are in
/// no loaded plan are kept like any other.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Progress {
    tasks: BTreeMap<TaskKey, TaskProgress>,
}

impl Progress {
    pub fn get(&self, key: &TaskKey) -> Option<&TaskProgress> {
        self.tasks.get(key)
    }

    pub fn status(&self, key: &TaskKey) -> Status {
        self.get(key).map(TaskProgress::status).unwrap_or_default()
    }

    pub fn note(&self, key: &TaskKey) -> &str {
        self.get(key).map_or("", TaskProgress::note)
    }

    /// See [`TaskProgress::reason`].
    pub fn reason(&self, key: &TaskKey) -> &str {
        self.get(key).map_or("", TaskProgress::reason)
    }

    /// Every task as it stood at `at`: the state of a past day, rebuilt
    /// from the history.
    pub fn as_of(&self, at: Timestamp) -> Progress {
        Progress {
            tasks: self
                .tasks
                .iter()
                .map(|(key, t)| (key.clone(), t.as_of(at)))
                .filter(|(_, t)| !t.history.is_empty())
                .collect(),
        }
    }

    /// The last instant of `day` in `tz`: what "as of that day" folds up to.
    pub fn end_of_day(day: jiff::civil::Date, tz: &jiff::tz::TimeZone) -> Option<Timestamp> {
        day.tomorrow()
            .and_then(|d| d.to_zoned_datetime(tz.clone()))
            .ok()
            .map(|z| z.timestamp() - jiff::SignedDuration::from_nanos(1))
    }

    /// See [`TaskProgress::feedback`].
    pub fn feedback(&self, key: &TaskKey) -> Vec<AgencyFeedback<'_>> {
        self.get(key)
            .map(TaskProgress::feedback)
            .unwrap_or_default()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&TaskKey, &TaskProgress)> {
        self.tasks.iter()
    }

    pub fn record(&mut self, key: TaskKey, change: Change) -> bool {
        self.tasks.entry(key).or_default().record(change)
    }

    /// See [`TaskProgress::next_time`].
    pub fn next_time(&self, key: &TaskKey, now: Timestamp) -> Timestamp {
        self.get(key).map_or(now, |t| t.next_time(now))
    }

    /// Records a change made on top of what is here: one that is new and
    /// would sort before the task's latest change is moved just after it.
    pub fn record_on_top(&mut self, key: TaskKey, mut change: Change) -> bool {
        let task = self.tasks.entry(key).or_default();
        if !task.history.contains(&change) {
            change.at = task.next_time(change.at);
        }
        task.record(change)
    }

    pub fn insert(&mut self, key: TaskKey, progress: TaskProgress) {
        self.tasks.insert(key, progress);
    }

    /// Union of both histories; returns how many changes were new here.
    pub fn merge(&mut self, other: &Progress) -> usize {
        let mut added = 0;
        for (key, theirs) in &other.tasks {
            let ours = self.tasks.entry(key.clone()).or_default();
            for change in &theirs.history {
                added += usize::from(ours.record(change.clone()));
            }
        }
        added
    }

    /// The status of every catalog task, by catalog position; views read
    /// this instead of hashing a key per task per frame.
    pub fn statuses(&self, catalog: &Catalog) -> Vec<Status> {
        let mut statuses = vec![Status::NotStarted; catalog.tasks.len()];
        for (key, progress) in &self.tasks {
            if let Some(index) = catalog.find(key) {
                statuses[index] = progress.status();
            }
        }
        statuses
    }

    /// Marked tasks that no loaded plan has (kept, and reported by `validate`).
    pub fn orphans<'a>(&'a self, catalog: &'a Catalog) -> impl Iterator<Item = &'a TaskKey> {
        self.tasks
            .keys()
            .filter(move |key| catalog.find(key).is_none())
    }
}

/// How many tasks of a set are in each status. Suspended tasks are
/// counted apart: they are not in [`Tally::total`], so done / total and
/// every percentage measure only the tasks still to be carried out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub not_started: usize,
    pub in_progress: usize,
    pub done: usize,
    pub blocked: usize,
    pub suspended: usize,
}

impl Tally {
    pub fn of(statuses: impl IntoIterator<Item = Status>) -> Self {
        let mut tally = Tally::default();
        for status in statuses {
            tally.add(status);
        }
        tally
    }

    pub fn of_range(statuses: &[Status], range: Range<usize>) -> Self {
        Self::of(statuses[range].iter().copied())
    }

    pub fn add(&mut self, status: Status) {
        match status {
            Status::NotStarted => self.not_started += 1,
            Status::InProgress => self.in_progress += 1,
            Status::Done => self.done += 1,
            Status::Blocked => self.blocked += 1,
            Status::Suspended => self.suspended += 1,
        }
    }

    /// The tasks that count towards completion: all but the suspended.
    pub fn total(&self) -> usize {
        self.not_started + self.in_progress + self.done + self.blocked
    }

    pub fn count(&self, status: Status) -> usize {
        match status {
            Status::NotStarted => self.not_started,
            Status::InProgress => self.in_progress,
            Status::Done => self.done,
            Status::Blocked => self.blocked,
            Status::Suspended => self.suspended,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> Timestamp {
        Timestamp::from_second(1_700_000_000 + seconds).expect("valid test time")
    }

    fn status_change(seconds: i64, by: &str, from: Status, to: Status) -> Change {
        Change::new(
            at(seconds),
            by,
            ChangeKind::Status {
                from,
                to,
                reason: String::new(),
            },
        )
    }

    #[test]
    fn suspended_tasks_leave_the_completion_totals() {
        let tally = Tally::of([
            Status::Done,
            Status::Suspended,
            Status::NotStarted,
            Status::Suspended,
        ]);
        assert_eq!(tally.total(), 2);
        assert_eq!(tally.done, 1);
        assert_eq!(tally.count(Status::Suspended), 2);
        assert!(!Status::Suspended.counts());
        assert!(Status::Blocked.counts());
    }

    #[test]
    fn the_reason_is_that_of_the_latest_status_change() {
        let mut p = TaskProgress::default();
        assert_eq!(p.reason(), "");
        p.record(Change::new(
            at(1),
            "a",
            ChangeKind::Status {
                from: Status::InProgress,
                to: Status::Suspended,
                reason: "机构改革，职责划转".into(),
            },
        ));
        assert_eq!(p.status(), Status::Suspended);
        assert_eq!(p.reason(), "机构改革，职责划转");
        // A note does not clear it; the next status change does.
        p.record(Change::new(
            at(2),
            "a",
            ChangeKind::Note {
                from: String::new(),
                to: "x".into(),
            },
        ));
        assert_eq!(p.reason(), "机构改革，职责划转");
        p.record(status_change(3, "a", Status::Suspended, Status::InProgress));
        assert_eq!(p.reason(), "");
    }

    #[test]
    fn a_reason_is_written_only_when_given_and_old_lines_read_without_one() {
        let old: ChangeKind =
            serde_json::from_str(r#"{"status":{"from":"in_progress","to":"blocked"}}"#)
                .expect("a version 3 line reads");
        assert_eq!(
            old,
            ChangeKind::Status {
                from: Status::InProgress,
                to: Status::Blocked,
                reason: String::new(),
            }
        );
        let suspended = ChangeKind::Status {
            from: Status::InProgress,
            to: Status::Suspended,
            reason: "并入第12项".into(),
        };
        let json = serde_json::to_string(&suspended).expect("serializes");
        assert_eq!(
            json,
            r#"{"status":{"from":"in_progress","to":"suspended","reason":"并入第12项"}}"#
        );
        assert_eq!(
            serde_json::from_str::<ChangeKind>(&json).expect("reads back"),
            suspended
        );
    }

    #[test]
    fn the_latest_change_by_time_is_the_current_status() {
        let mut p = TaskProgress::default();
        p.record(status_change(20, "b", Status::NotStarted, Status::Blocked));
        p.record(status_change(10, "a", Status::NotStarted, Status::Done));
        assert_eq!(p.status(), Status::Blocked);
        assert_eq!(p.history().len(), 2);
        assert_eq!(p.history()[0].by, "a");
    }

    #[test]
    fn merging_keeps_both_writers_and_is_idempotent() {
        let key = TaskKey::new("p", 1);
        let mut mine = Progress::default();
        mine.record(
            key.clone(),
            status_change(1, "a", Status::NotStarted, Status::Done),
        );
        let mut theirs = Progress::default();
        theirs.record(
            key.clone(),
            status_change(2, "b", Status::NotStarted, Status::Blocked),
        );
        theirs.record(
            TaskKey::new("p", 2),
            status_change(3, "b", Status::NotStarted, Status::Done),
        );
        assert_eq!(mine.merge(&theirs), 2);
        assert_eq!(mine.merge(&theirs), 0);
        assert_eq!(mine.status(&key), Status::Blocked);
        assert_eq!(mine.get(&key).map(|p| p.history().len()), Some(2));
        assert_eq!(mine.status(&TaskKey::new("p", 2)), Status::Done);
    }

    #[test]
    fn notes_follow_the_latest_note_change() {
        let mut p = TaskProgress::default();
        assert_eq!(p.note(), "");
        p.record(Change::new(
            at(5),
            "a",
            ChangeKind::Note {
                from: String::new(),
                to: "等待财政部".into(),
            },
        ));
        p.record(status_change(6, "a", Status::NotStarted, Status::Blocked));
        assert_eq!(p.note(), "等待财政部");
    }

    #[test]
    fn status_words_parse_in_both_languages() {
        assert_eq!(Status::parse("done"), Some(Status::Done));
        assert_eq!(Status::parse("in-progress"), Some(Status::InProgress));
        assert_eq!(Status::parse("受阻"), Some(Status::Blocked));
        assert_eq!(Status::parse("中止"), Some(Status::Suspended));
        assert_eq!(Status::parse("已中止"), Some(Status::Suspended));
        assert_eq!(Status::parse("nope"), None);
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(s));
        }
    }

    #[test]
    fn changes_serialize_readably() {
        let json =
            serde_json::to_string(&status_change(0, "ann", Status::NotStarted, Status::Done))
                .expect("serializes");
        assert_eq!(
            json,
            r#"{"at":"2023-11-14T22:13:20Z","by":"ann","status":{"from":"not_started","to":"done"}}"#
        );
    }
}
