//! Time limits (完成时限) and the warning lights derived from them. Pure:
//! "today" is always passed in, never read here, so every rule can be
//! tested at its boundaries.
//!
//! A task's time limit is, in order: the latest one set by staff (a `due`
//! change in the history), else the plan's own (`time_limit.date`), else
//! the plan's default (the end of its year, for an annual plan). Which of
//! the three applies is kept, so that a default is never shown as if the
//! plan had written it.

pub mod forms;

pub use forms::{DateError, Typed, parse};

use crate::model::{Catalog, PlanInfo, Task};
use crate::progress::{Progress, Status, TaskProgress};
use jiff::civil::Date;
use serde::Serialize;
use std::sync::Arc;

/// Days before a time limit at which a task turns yellow, unless the
/// configuration's `due_soon_days` says otherwise.
pub const DUE_SOON_DAYS: i32 = 15;

/// Where a task's time limit comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Set by staff (`plantrack due`, or the interface).
    Set,
    /// Written in the plan.
    Plan,
    /// The plan's default: the end of its year.
    Default,
}

/// A task's time limit in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limit {
    /// The last day allowed; `None` when the plan writes a limit that names
    /// no day (持续推进) and nobody set one.
    pub date: Option<Date>,
    pub source: Source,
    /// The plan's words, when the limit is the plan's.
    pub written: Option<String>,
}

/// The year an annual plan is for: the first year its title writes, when
/// written as `2020年` and not as part of a range (2021—2025年).
pub fn plan_year(plan: &PlanInfo) -> Option<i16> {
    let chars: Vec<char> = plan.title.chars().collect();
    let start = (0..chars.len()).find(|&i| {
        chars.len() >= i + 4
            && chars[i..i + 4].iter().all(char::is_ascii_digit)
            && (i == 0 || !chars[i - 1].is_ascii_digit())
    })?;
    if start > 0 && is_range_mark(chars[start - 1]) {
        return None;
    }
    if chars.get(start + 4) != Some(&'年') {
        return None;
    }
    chars[start..start + 4]
        .iter()
        .collect::<String>()
        .parse()
        .ok()
}

fn is_range_mark(c: char) -> bool {
    matches!(c, '—' | '–' | '-' | '~' | '～' | '至')
}

/// When a plan starts: its issue date, else the first day of its year.
pub fn plan_start(plan: &PlanInfo) -> Option<Date> {
    plan.issued
        .as_deref()
        .and_then(|d| d.parse::<Date>().ok())
        .or_else(|| plan_year(plan).and_then(|y| Date::new(y, 1, 1).ok()))
}

/// The plan's default time limit: the last day of an annual plan's year.
pub fn plan_default(plan: &PlanInfo) -> Option<Date> {
    plan_year(plan).and_then(|y| Date::new(y, 12, 31).ok())
}

/// The time limit in force for one task of `plan`, given its progress.
pub fn limit_of(plan: &PlanInfo, task: &Task, progress: Option<&TaskProgress>) -> Option<Limit> {
    resolve(task, progress.and_then(TaskProgress::due), plan_year(plan))
}

/// A task's warning light. Derived, never set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Light {
    /// Past its time limit and not done.
    Red,
    /// Within the due-soon days of its limit, or behind the expected
    /// progress (not started after half its time).
    Yellow,
    /// On track.
    Green,
}

impl Light {
    pub const ALL: [Light; 3] = [Light::Red, Light::Yellow, Light::Green];

    pub fn as_str(self) -> &'static str {
        match self {
            Light::Red => "red",
            Light::Yellow => "yellow",
            Light::Green => "green",
        }
    }

    pub fn parse(text: &str) -> Option<Light> {
        match text.trim().to_lowercase().as_str() {
            "red" | "r" | "红" | "红灯" | "overdue" | "逾期" => Some(Light::Red),
            "yellow" | "y" | "黄" | "黄灯" => Some(Light::Yellow),
            "green" | "g" | "绿" | "绿灯" => Some(Light::Green),
            _ => None,
        }
    }

    /// A symbol that reads without colour (NO_COLOR): ● red, ▲ yellow, ○ green.
    pub fn symbol(self) -> char {
        match self {
            Light::Red => '●',
            Light::Yellow => '▲',
            Light::Green => '○',
        }
    }
}

/// The rules of the lights, with the days before a limit that count as
/// "due soon".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rules {
    pub due_soon_days: i32,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            due_soon_days: DUE_SOON_DAYS,
        }
    }
}

impl Rules {
    /// The light of a task in `status` with time limit `limit`, on `today`,
    /// for a plan that started on `start`. Done tasks, and tasks without a
    /// dated limit, have none.
    pub fn light(
        self,
        status: Status,
        limit: Option<Date>,
        start: Option<Date>,
        today: Date,
    ) -> Option<Light> {
        // Done and suspended work is not measured against a limit.
        if matches!(status, Status::Done | Status::Suspended) {
            return None;
        }
        let limit = limit?;
        if today > limit {
            return Some(Light::Red);
        }
        let left = (limit - today).get_days();
        if left <= self.due_soon_days {
            return Some(Light::Yellow);
        }
        if status == Status::NotStarted
            && let Some(start) = start.filter(|s| *s < limit)
        {
            // More than half the time from start to limit has passed.
            let whole = (limit - start).get_days();
            let passed = (today - start).get_days();
            if passed * 2 > whole {
                return Some(Light::Yellow);
            }
        }
        Some(Light::Green)
    }
}

/// Every catalog task's time limit in force, by catalog position. A
/// pointer a task, since most have no limit or their plan's default: that
/// one is kept once for the plan.
pub fn limits(catalog: &Catalog, progress: &Progress) -> Vec<Option<Arc<Limit>>> {
    let years: Vec<Option<i16>> = catalog.plans.iter().map(plan_year).collect();
    let defaults: Vec<Option<Arc<Limit>>> = years
        .iter()
        .map(|&year| default_limit(year).map(Arc::new))
        .collect();
    catalog
        .tasks
        .iter()
        .enumerate()
        .map(|(i, entry)| {
            let set = progress.get(&catalog.key(i)).and_then(TaskProgress::due);
            match own_limit(&entry.task, set, years[entry.plan]) {
                Some(limit) => Some(Arc::new(limit)),
                None => defaults[entry.plan].clone(),
            }
        })
        .collect()
}

/// The limit in force from its three sources (see the module's comment).
fn resolve(task: &Task, set: Option<Date>, year: Option<i16>) -> Option<Limit> {
    own_limit(task, set, year).or_else(|| default_limit(year))
}

/// The limit staff set for the task, else the one its plan writes.
fn own_limit(task: &Task, set: Option<Date>, year: Option<i16>) -> Option<Limit> {
    if let Some(date) = set {
        return Some(Limit {
            date: Some(date),
            source: Source::Set,
            written: None,
        });
    }
    if let Some(limit) = &task.extra().time_limit {
        // A limit written without its year (年底前, 9月底前) is in the
        // plan's year; one that names no day (持续推进) has none.
        let date = limit
            .date
            .as_deref()
            .and_then(|d| d.parse().ok())
            .or_else(|| match parse(&limit.written, year) {
                Ok(Typed::Day(day)) => Some(day),
                Ok(Typed::PlanDefault) | Err(_) => None,
            });
        return Some(Limit {
            date,
            source: Source::Plan,
            written: Some(limit.written.clone()),
        });
    }
    None
}

/// The plan's default limit, for an annual plan of `year`.
fn default_limit(year: Option<i16>) -> Option<Limit> {
    year.and_then(|y| Date::new(y, 12, 31).ok())
        .map(|date| Limit {
            date: Some(date),
            source: Source::Default,
            written: None,
        })
}

/// Every catalog task's light on `today`, by catalog position; `statuses`
/// as [`Progress::statuses`] gives them.
pub fn lights(
    catalog: &Catalog,
    limits: &[Option<Arc<Limit>>],
    statuses: &[Status],
    rules: Rules,
    today: Date,
) -> Vec<Option<Light>> {
    let starts: Vec<Option<Date>> = catalog.plans.iter().map(plan_start).collect();
    catalog
        .tasks
        .iter()
        .enumerate()
        .map(|(i, entry)| {
            let limit = limits.get(i).and_then(Option::as_ref).and_then(|l| l.date);
            let status = statuses.get(i).copied().unwrap_or_default();
            rules.light(status, limit, starts[entry.plan], today)
        })
        .collect()
}

/// The day the lights are for, and their rules: what every view that shows
/// lights is given (read from the clock at the program's edge).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day {
    pub today: Date,
    pub rules: Rules,
}

/// A date as the interface language writes it: 2020年9月30日, or ISO.
pub fn display(date: Date, lang: crate::i18n::Lang) -> String {
    match lang {
        crate::i18n::Lang::Zh => {
            format!("{}年{}月{}日", date.year(), date.month(), date.day())
        }
        crate::i18n::Lang::En => date.to_string(),
    }
}

#[cfg(test)]
mod tests;
