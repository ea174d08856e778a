//! "本期进展": what changed in a period — every task whose status, note or
//! time limit changed between two times, each change with who and when.

use super::TaskOut;
use crate::agencies::Registry;
use crate::deadline::Day;
use crate::model::Catalog;
use crate::progress::{ChangeKind, Progress, Status};
use jiff::Timestamp;
use jiff::civil::Date;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Period {
    /// The first day of the period; it ends with the report's date.
    pub since: Date,
    /// Tasks in plan order, each with its changes in the period.
    pub tasks: Vec<PeriodTask>,
    /// The zone `since` was read in; the changes' times are shown in it.
    #[serde(skip)]
    pub zone: jiff::tz::TimeZone,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PeriodTask {
    pub task: TaskOut,
    pub changes: Vec<PeriodChange>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PeriodChange {
    pub at: Timestamp,
    pub by: String,
    pub agency: Option<String>,
    pub change: ChangeKind,
}

/// The changes made from `from` (the start of `since` in `zone`) up to and
/// including `until`; `progress` is the whole history (its tasks are shown
/// as they stood at `until`).
pub fn period(
    catalog: &Catalog,
    progress: &Progress,
    registry: &Registry,
    (since, zone): (Date, &jiff::tz::TimeZone),
    (from, until): (Timestamp, Timestamp),
    day: Option<Day>,
) -> Period {
    let then = progress.as_of(until);
    let tasks = (0..catalog.tasks.len())
        .filter_map(|t| {
            let history = progress.get(&catalog.key(t))?.history();
            let changes: Vec<PeriodChange> = history
                .iter()
                .filter(|c| c.at >= from && c.at <= until)
                // A proposal is not progress until the lead decides.
                .filter(|c| !matches!(c.what, ChangeKind::Proposal { .. }))
                .map(|c| PeriodChange {
                    at: c.at,
                    by: c.by.clone(),
                    agency: c.agency.clone(),
                    change: c.what.clone(),
                })
                .collect();
            if changes.is_empty() {
                return None;
            }
            let out = TaskOut::of(catalog, &then, registry, t);
            let task = match day {
                Some(day) => out.lit(catalog, t, day),
                None => out,
            };
            Some(PeriodTask { task, changes })
        })
        .collect();
    Period {
        since,
        tasks,
        zone: zone.clone(),
    }
}

/// `本期进展（2020年6月1日至2020年6月30日，2项）`: the period up to `until`.
pub fn heading(period: &Period, until: Date) -> String {
    format!(
        "本期进展（{}至{}，{}项）",
        super::date_zh(period.since),
        super::date_zh(until),
        period.tasks.len()
    )
}

/// The columns of 本期进展 in the summary report (Markdown and CSV).
pub fn header(period: &Period) -> [String; 6] {
    [
        "序号".into(),
        "任务".into(),
        "状态".into(),
        "本期变化".into(),
        format!("时间（{}）", super::zone_label(&period.zone)),
        "经办人".into(),
    ]
}

/// One row per change, the task's number, text and status (at the
/// period's end) on its first row only; plain text, for the caller to
/// escape as its format needs.
pub fn rows(report: &super::Report, period: &Period) -> Vec<[String; 6]> {
    let mut rows = Vec::new();
    for entry in &period.tasks {
        for (i, change) in entry.changes.iter().enumerate() {
            let (label, text, status) = if i == 0 {
                (
                    super::task_label(report, &entry.task),
                    entry.task.text.clone(),
                    super::status_zh(entry.task.status).to_string(),
                )
            } else {
                Default::default()
            };
            let when = change
                .at
                .to_zoned_datetime(period.zone.clone())
                .strftime("%Y-%m-%d %H:%M")
                .to_string();
            let by = match &change.agency {
                Some(agency) => format!("{}（{agency}）", change.by),
                None => change.by.clone(),
            };
            rows.push([label, text, status, change_zh(change), when, by]);
        }
    }
    rows
}

/// One change as a Chinese report words it: 状态：未开始→进行中. Feedback
/// names its agency only when that is not the author's own, which the
/// report shows beside it already.
pub fn change_zh(change: &PeriodChange) -> String {
    let whose = |agency: &str| {
        if change.agency.as_deref() == Some(agency) {
            String::new()
        } else {
            format!("（{agency}）")
        }
    };
    let status = |s: &Status| super::status_zh(*s);
    let day = |d: &Option<Date>| d.map_or_else(|| "按计划".to_string(), super::date_zh);
    let because = |reason: &str| {
        if reason.is_empty() {
            String::new()
        } else {
            format!("（原因：{reason}）")
        }
    };
    match &change.change {
        ChangeKind::Status { from, to, reason } => {
            format!("状态：{}→{}{}", status(from), status(to), because(reason))
        }
        ChangeKind::Note { to, .. } if to.is_empty() => "备注：清除".to_string(),
        ChangeKind::Note { to, .. } => format!("备注：{to}"),
        ChangeKind::Proposal { from, to, reason } => {
            format!(
                "提议状态：{}→{}{}",
                status(from),
                status(to),
                because(reason)
            )
        }
        ChangeKind::Due { from, to } => format!("完成时限：{}→{}", day(from), day(to)),
        ChangeKind::Feedback { agency, to, .. } if to.is_empty() => {
            format!("反馈{}：清除", whose(agency))
        }
        ChangeKind::Feedback { agency, to, .. } => {
            format!("反馈{}：{}", whose(agency), to.summary())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Plan, Section, Task, TaskKey};
    use crate::progress::Change;
    use crate::report::{Options, markdown, report};

    fn at(text: &str) -> Timestamp {
        text.parse().expect("test time")
    }

    fn end_of(day: &str) -> Timestamp {
        at(&format!("{day}T23:59:59.999999999Z"))
    }

    fn catalog() -> Catalog {
        Catalog::new(vec![Plan::new(
            "p",
            "2020年测试计划",
            vec![Section::new(
                "一",
                "改革",
                vec![
                    Task::new(1, "任务一", &["知识产权局"]),
                    Task::new(2, "任务二", &["教育部"]),
                    Task::new(3, "任务三", &["科技部"]),
                ],
                vec![],
            )],
        )])
    }

    /// Task 1 done in November; task 2's note written in May and rewritten
    /// in June, then again in July; task 3's time limit set in June.
    fn history() -> Progress {
        let mut progress = Progress::default();
        let mut add = |n: u32, when: &str, by: &str, what: ChangeKind| {
            progress.record(TaskKey::new("p", n), Change::new(at(when), by, what));
        };
        let status = |from, to| ChangeKind::Status {
            from,
            to,
            reason: String::new(),
        };
        let note = |from: &str, to: &str| ChangeKind::Note {
            from: from.into(),
            to: to.into(),
        };
        add(
            1,
            "2020-05-20T02:00:00Z",
            "ann",
            status(Status::NotStarted, Status::InProgress),
        );
        add(
            1,
            "2020-11-10T02:00:00Z",
            "ann",
            status(Status::InProgress, Status::Done),
        );
        add(2, "2020-05-25T02:00:00Z", "bob", note("", "已起草"));
        add(
            2,
            "2020-06-15T02:00:00Z",
            "bob",
            note("已起草", "征求意见中"),
        );
        add(
            2,
            "2020-07-02T02:00:00Z",
            "cat",
            note("征求意见中", "已印发"),
        );
        add(
            3,
            "2020-06-03T02:00:00Z",
            "dan",
            ChangeKind::Due {
                from: None,
                to: Some("2020-06-20".parse().expect("date")),
            },
        );
        progress
    }

    #[test]
    fn a_task_done_in_november_is_not_done_as_of_june() {
        let catalog = catalog();
        let progress = history();
        let june = progress.as_of(end_of("2020-06-30"));
        let key = TaskKey::new("p", 1);
        assert_eq!(june.status(&key), Status::InProgress);
        assert_eq!(progress.status(&key), Status::Done);
        let built = report(
            &catalog,
            &june,
            Registry::builtin(),
            &Options::default(),
            "2020-06-30".parse().expect("date"),
        )
        .expect("report");
        assert_eq!((built.overall.done, built.overall.in_progress), (0, 1));
        let now = report(
            &catalog,
            &progress,
            Registry::builtin(),
            &Options::default(),
            "2020-12-01".parse().expect("date"),
        )
        .expect("report");
        assert_eq!(now.overall.done, 1);
    }

    #[test]
    fn a_note_changed_twice_shows_the_version_of_that_date() {
        let progress = history();
        let key = TaskKey::new("p", 2);
        assert_eq!(progress.as_of(end_of("2020-05-31")).note(&key), "已起草");
        assert_eq!(
            progress.as_of(end_of("2020-06-30")).note(&key),
            "征求意见中"
        );
        assert_eq!(progress.note(&key), "已印发");
        // Before any change the task is as the plan left it.
        assert_eq!(progress.as_of(end_of("2020-05-01")).get(&key), None);
    }

    #[test]
    fn the_period_lists_every_change_in_it_with_who_and_when() {
        let catalog = catalog();
        let progress = history();
        let day = Day {
            today: "2020-06-30".parse().expect("date"),
            rules: crate::deadline::Rules::default(),
        };
        let june = period(
            &catalog,
            &progress,
            Registry::builtin(),
            (
                "2020-06-01".parse().expect("date"),
                &jiff::tz::TimeZone::UTC,
            ),
            (at("2020-06-01T00:00:00Z"), end_of("2020-06-30")),
            Some(day),
        );
        let changed: Vec<(u32, Vec<&str>)> = june
            .tasks
            .iter()
            .map(|t| {
                (
                    t.task.number,
                    t.changes.iter().map(|c| c.by.as_str()).collect(),
                )
            })
            .collect();
        // Task 1 changed in May and November only; task 2's July note is after.
        assert_eq!(changed, [(2, vec!["bob"]), (3, vec!["dan"])]);
        // Each task as it stood at the period's end, with its light then.
        assert_eq!(june.tasks[0].task.note, "征求意见中");
        assert_eq!(june.tasks[1].task.light, Some(crate::deadline::Light::Red));
        let mut built = report(
            &catalog,
            &progress.as_of(end_of("2020-06-30")),
            Registry::builtin(),
            &Options {
                day: Some(day),
                ..Options::default()
            },
            day.today,
        )
        .expect("report");
        built.period = Some(june);
        let text = markdown::render(&built);
        assert!(
            text.contains("本期进展（2020年6月1日至2020年6月30日，2项）"),
            "{text}"
        );
        assert!(
            text.contains("备注：征求意见中 | 2020-06-15 02:00 | bob |"),
            "{text}"
        );
        assert!(
            text.contains("完成时限：按计划→2020年6月20日 | 2020-06-03 02:00 | dan |"),
            "{text}"
        );
        // Each listed task says who changed it last, and when.
        assert!(text.contains("bob 2020年6月15日"), "{text}");
        assert!(text.contains("● 逾期 2020年6月20日（调整）"), "{text}");
    }

    /// A server in Beijing: a change at 01:30 on June 1st there (17:30 UTC
    /// on May 31st) belongs to a period from June 1st, and every time and
    /// day the report shows is Beijing's, as `--since` is read.
    #[test]
    fn times_and_days_are_those_of_the_readers_zone() {
        let catalog = catalog();
        let mut progress = Progress::default();
        progress.record(
            TaskKey::new("p", 1),
            Change::new(
                at("2020-05-31T17:30:00Z"),
                "ann",
                ChangeKind::Note {
                    from: String::new(),
                    to: "已启动".into(),
                },
            ),
        );
        let beijing = jiff::tz::TimeZone::fixed(jiff::tz::offset(8));
        let since: Date = "2020-06-01".parse().expect("date");
        let from = since
            .to_zoned_datetime(beijing.clone())
            .expect("a midnight")
            .timestamp();
        let june = period(
            &catalog,
            &progress,
            Registry::builtin(),
            (since, &beijing),
            (from, end_of("2020-06-30")),
            None,
        );
        assert_eq!(june.tasks.len(), 1, "{june:?}");
        let mut built = report(
            &catalog,
            &progress,
            Registry::builtin(),
            &Options {
                statuses: vec![Status::NotStarted],
                zone: beijing,
                ..Options::default()
            },
            "2020-06-30".parse().expect("date"),
        )
        .expect("report");
        built.period = Some(june);
        let text = markdown::render(&built);
        assert!(text.contains("| 2020-06-01 01:30 | ann |"), "{text}");
        assert!(text.contains("ann 2020年6月1日"), "{text}");
        assert!(!text.contains("UTC"), "{text}");
    }

    /// An agency's report lists only its own tasks' changes, whatever its
    /// status filter; the CSV carries the period as a table of its own.
    #[test]
    fn an_agencys_period_keeps_its_own_tasks_and_the_csv_has_it() {
        let catalog = catalog();
        let progress = history();
        let utc = jiff::tz::TimeZone::UTC;
        let june = || {
            period(
                &catalog,
                &progress,
                Registry::builtin(),
                ("2020-06-01".parse().expect("date"), &utc),
                (at("2020-06-01T00:00:00Z"), end_of("2020-06-30")),
                None,
            )
        };
        let build = |agency: Option<&str>| {
            report(
                &catalog,
                &progress.as_of(end_of("2020-06-30")),
                Registry::builtin(),
                &Options {
                    agency: agency.map(String::from),
                    statuses: vec![Status::Done],
                    ..Options::default()
                },
                "2020-06-30".parse().expect("date"),
            )
            .expect("report")
            .with_period(june())
        };
        let numbers = |r: &super::super::Report| -> Vec<u32> {
            let period = r.period.as_ref().expect("period");
            period.tasks.iter().map(|t| t.task.number).collect()
        };
        assert_eq!(numbers(&build(None)), [2, 3]);
        let education = build(Some("教育部"));
        assert_eq!(numbers(&education), [2]);
        let csv = crate::report::csv::render(&education, false);
        assert!(
            csv.contains("本期进展（2020年6月1日至2020年6月30日，1项）"),
            "{csv}"
        );
        assert!(
            csv.contains("2,任务二,未开始,备注：征求意见中,2020-06-15 02:00,bob"),
            "{csv}"
        );
        assert!(!csv.contains("dan"), "{csv}");
    }
}
