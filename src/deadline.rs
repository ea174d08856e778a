//! Time limits (完成时限) and the warning lights derived from them. Pure:
//! "today" is always passed in, never read here, so every rule can be
//! tested at its boundaries.
//!
//! A task's time limit is, in order: the latest one set by staff (a `due`
//! change in the history), else the plan's own (`time_limit.date`), else
//! the plan's default (the end of its year, for an annual plan). Which of
//! the three applies is kept, so that a default is never shown as if the
//! plan had written it.

use crate::model::{Catalog, PlanInfo, Task};
use crate::progress::{Progress, Status, TaskProgress};
use jiff::civil::Date;
use serde::Serialize;

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

/// Every catalog task's time limit in force, by catalog position.
pub fn limits(catalog: &Catalog, progress: &Progress) -> Vec<Option<Limit>> {
    let years: Vec<Option<i16>> = catalog.plans.iter().map(plan_year).collect();
    catalog
        .tasks
        .iter()
        .enumerate()
        .map(|(i, entry)| {
            let set = progress.get(&catalog.key(i)).and_then(TaskProgress::due);
            resolve(&entry.task, set, years[entry.plan])
        })
        .collect()
}

/// The limit in force from its three sources (see the module's comment).
fn resolve(task: &Task, set: Option<Date>, year: Option<i16>) -> Option<Limit> {
    if let Some(date) = set {
        return Some(Limit {
            date: Some(date),
            source: Source::Set,
            written: None,
        });
    }
    if let Some(limit) = &task.time_limit {
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
    limits: &[Option<Limit>],
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
            let limit = limits.get(i).cloned().flatten().and_then(|l| l.date);
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

/// Why a typed time limit was not understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error(
        "\"{0}\" is not a time limit; write a day (2020-09-30, 2020年9月30日), a month's end (9月底, 2020-09), a quarter (2020年三季度, Q3), 上半年 or 年底, or \"none\" to go back to the plan's"
    )]
    Unknown(String),
    #[error(
        "\"{0}\" gives no year and the plan is not an annual one; write the year too (2020年9月底, 2020-Q3)"
    )]
    NoYear(String),
    #[error("\"{0}\" is not a day of the calendar")]
    NoSuchDay(String),
}

/// What a typed time limit asks for: a day, or back to the plan's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typed {
    Day(Date),
    PlanDefault,
}

/// Reads a time limit as staff type it. A form without a year (9月底, Q3,
/// 年底) is in `year`, the plan's year.
pub fn parse(input: &str, year: Option<i16>) -> Result<Typed, DateError> {
    let text: String = input
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    let unknown = || DateError::Unknown(input.trim().to_string());
    if text.is_empty() {
        return Err(unknown());
    }
    if matches!(
        text.as_str(),
        "none" | "clear" | "plan" | "default" | "-" | "无" | "清除" | "按计划"
    ) {
        return Ok(Typed::PlanDefault);
    }
    // 前 / 前完成 / 以前 add nothing: a limit is the last day allowed.
    let mut body = text.as_str();
    for tail in ["前完成", "以前", "之前", "前", "完成"] {
        if let Some(rest) = body.strip_suffix(tail) {
            body = rest;
            break;
        }
    }
    // The year, written at the start: 2020-, 2020/, 2020., 2020年, 2020.
    let (written_year, rest) = split_year(body);
    let need_year = || {
        written_year
            .or(year)
            .ok_or_else(|| DateError::NoYear(input.trim().to_string()))
    };
    let day = |y: i16, m: i8, d: i8| {
        Date::new(y, m, d).map_err(|_| DateError::NoSuchDay(input.trim().to_string()))
    };
    let month_end = |y: i16, m: i8| {
        Date::new(y, m, 1)
            .map(|d| d.last_of_month())
            .map_err(|_| DateError::NoSuchDay(input.trim().to_string()))
    };
    let rest = rest.trim_start_matches(['-', '/', '.']);
    if rest.is_empty() {
        // A year alone: its end.
        return match written_year {
            Some(y) => day(y, 12, 31).map(Typed::Day),
            None => Err(unknown()),
        };
    }
    if matches!(rest, "年底" | "底" | "年末" | "末" | "全年" | "年内") {
        return day(need_year()?, 12, 31).map(Typed::Day);
    }
    if matches!(rest, "上半年" | "h1") {
        return day(need_year()?, 6, 30).map(Typed::Day);
    }
    if matches!(rest, "下半年" | "h2") {
        return day(need_year()?, 12, 31).map(Typed::Day);
    }
    if let Some(q) = quarter(rest) {
        return month_end(need_year()?, q * 3).map(Typed::Day);
    }
    // Numeric: M-D, M/D, M, or M月D日, M月底.
    if let Some((month, after)) = rest.split_once('月') {
        let m = number(month).ok_or_else(unknown)?;
        let after = after.trim_end_matches(['份']);
        return match after {
            "" | "底" | "末" => month_end(need_year()?, m),
            "中" | "中旬" => day(need_year()?, m, 15),
            "上旬" => day(need_year()?, m, 10),
            "下旬" => month_end(need_year()?, m),
            _ => {
                let d = after.strip_suffix(['日', '号']).unwrap_or(after);
                day(need_year()?, m, number(d).ok_or_else(unknown)?)
            }
        }
        .map(Typed::Day);
    }
    let parts: Vec<&str> = rest.split(['-', '/', '.']).collect();
    match parts.as_slice() {
        [m] if written_year.is_some() => {
            month_end(need_year()?, number(m).ok_or_else(unknown)?).map(Typed::Day)
        }
        [m, d] => day(
            need_year()?,
            number(m).ok_or_else(unknown)?,
            number(d).ok_or_else(unknown)?,
        )
        .map(Typed::Day),
        _ => Err(unknown()),
    }
}

fn split_year(text: &str) -> (Option<i16>, &str) {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if digits == 4 {
        let (y, rest) = text.split_at(4);
        let rest = rest.strip_prefix('年').unwrap_or(rest);
        return (y.parse().ok(), rest);
    }
    (None, text)
}

/// Q3, 三季度, 第三季度, 3季度, 第3季度.
fn quarter(text: &str) -> Option<i8> {
    if let Some(n) = text.strip_prefix('q') {
        return number(n).filter(|n| (1..=4).contains(n));
    }
    let n = text.strip_prefix('第').unwrap_or(text);
    let n = n.strip_suffix("季度").or_else(|| n.strip_suffix("季"))?;
    number(n).filter(|n| (1..=4).contains(n))
}

/// 1–31 written in digits or Chinese numerals (九, 十二, 三十一).
fn number(text: &str) -> Option<i8> {
    if !text.is_empty() && text.chars().all(|c| c.is_ascii_digit()) {
        return text.parse().ok().filter(|n| *n >= 1);
    }
    let digit = |c: char| "〇一二三四五六七八九".chars().position(|d| d == c);
    let chars: Vec<char> = text.chars().collect();
    let value = match chars.as_slice() {
        ['十'] => 10,
        [d] => digit(*d)?,
        ['十', d] => 10 + digit(*d)?,
        [t, '十'] => digit(*t)? * 10,
        [t, '十', d] => digit(*t)? * 10 + digit(*d)?,
        _ => return None,
    };
    i8::try_from(value).ok().filter(|n| *n >= 1)
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
