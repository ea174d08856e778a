//! The report built from a small plan with known marks.

use super::*;
use crate::model::{Plan, Section, Task, TaskKey};
use crate::progress::{Change, ChangeKind};
use jiff::Timestamp;

fn task(number: u32, agencies: &[&str]) -> Task {
    Task::new(number, format!("任务{number}"), agencies)
}

pub(crate) fn catalog() -> Catalog {
    Catalog::new(vec![Plan::new(
        "p",
        "测试计划",
        vec![
            Section::new(
                "一",
                "改革",
                vec![],
                vec![
                    Section::new(
                        "一",
                        "政策",
                        vec![task(1, &["知识产权局", "教育部"]), task(2, &["教育部"])],
                        vec![],
                    ),
                    Section::new(
                        "二",
                        "服务",
                        vec![task(3, &["科技部", "知识产权局"])],
                        vec![],
                    ),
                ],
            ),
            Section::new("二", "保护", vec![task(4, &["知识产权局"])], vec![]),
        ],
    )])
}

pub(crate) fn mark(progress: &mut Progress, plan: &str, number: u32, status: Status, note: &str) {
    let key = TaskKey::new(plan, number);
    let at = Timestamp::from_second(1_700_000_000).expect("valid time");
    progress.record(
        key.clone(),
        Change::new(
            at,
            "test",
            ChangeKind::Status {
                from: Status::NotStarted,
                to: status,
                reason: String::new(),
            },
        ),
    );
    if !note.is_empty() {
        progress.record(
            key,
            Change::new(
                at,
                "test",
                ChangeKind::Note {
                    from: String::new(),
                    to: note.into(),
                },
            ),
        );
    }
}

pub(crate) fn marked() -> Progress {
    let mut progress = Progress::default();
    mark(&mut progress, "p", 1, Status::Done, "");
    mark(&mut progress, "p", 3, Status::Blocked, "缺经费 | 待批");
    progress
}

pub(crate) fn today() -> Date {
    Date::new(2024, 6, 28).expect("valid date")
}

fn build(options: &Options) -> Report {
    report(&catalog(), &marked(), Registry::builtin(), options, today()).expect("report builds")
}

#[test]
fn parts_and_groups_follow_the_plan_with_their_counts() {
    let report = build(&Options::default());
    let rows: Vec<(usize, &str, usize, usize, usize)> = report
        .parts
        .iter()
        .map(|p| {
            (
                p.depth,
                p.heading.as_str(),
                p.counts.done,
                p.counts.blocked,
                p.counts.total,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (0, "一、改革", 1, 1, 3),
            (1, "（一）政策", 1, 0, 2),
            (1, "（二）服务", 0, 1, 1),
            (0, "二、保护", 0, 0, 1),
        ]
    );
    assert_eq!(report.overall.total, 4);
    assert_eq!(report.overall.percent_done(), 25);
    assert_eq!(report.title, "《测试计划》落实进展情况");
}

#[test]
fn agencies_count_lead_and_participating_apart() {
    let report = build(&Options {
        by: Some(By::Agency),
        ..Options::default()
    });
    assert!(report.parts.is_empty());
    let cnipa = &report.agencies[0];
    assert_eq!(cnipa.name, "知识产权局");
    assert_eq!(cnipa.full_name.as_deref(), Some("国家知识产权局"));
    assert_eq!((cnipa.lead.done, cnipa.lead.total), (1, 2));
    assert_eq!(
        (cnipa.participating.blocked, cnipa.participating.total),
        (1, 1)
    );
}

#[test]
fn blocked_and_not_started_are_listed_unless_statuses_are_named() {
    let report = build(&Options::default());
    let lists: Vec<(Status, Vec<u32>)> = report
        .task_lists
        .iter()
        .map(|l| (l.status, l.tasks.iter().map(|t| t.number).collect()))
        .collect();
    assert_eq!(
        lists,
        [(Status::Blocked, vec![3]), (Status::NotStarted, vec![2, 4])]
    );
    assert_eq!(report.task_lists[0].tasks[0].note, "缺经费 | 待批");

    let done = build(&Options {
        statuses: vec![Status::Done],
        ..Options::default()
    });
    assert_eq!(done.listed, [Status::Done]);
    assert_eq!(done.task_lists.len(), 1);
    assert_eq!(done.task_lists[0].tasks[0].number, 1);
}

#[test]
fn an_agency_report_splits_lead_and_participating_tasks() {
    let report = build(&Options {
        agency: Some("CNIPA".into()),
        ..Options::default()
    });
    let agency = report.agency.as_ref().expect("agency section");
    let numbers = |tasks: &[TaskOut]| tasks.iter().map(|t| t.number).collect::<Vec<_>>();
    assert_eq!(numbers(&agency.lead_tasks), [1, 4]);
    assert_eq!(numbers(&agency.participating_tasks), [3]);
    assert_eq!(report.overall.total, 3);
    assert_eq!(
        report.title,
        "知识产权局（国家知识产权局）承担《测试计划》任务落实进展情况"
    );
    assert!(report.parts.is_empty() && report.agencies.is_empty());

    let filtered = build(&Options {
        agency: Some("知识产权局".into()),
        statuses: vec![Status::NotStarted],
        ..Options::default()
    });
    let agency = filtered.agency.as_ref().expect("agency section");
    assert_eq!(numbers(&agency.lead_tasks), [4]);
    assert!(agency.participating_tasks.is_empty());
    // The counts still speak for all of the agency's tasks.
    assert_eq!(agency.progress.lead.total, 2);
}

#[test]
fn an_unknown_agency_is_an_error_with_suggestions() {
    let error = report(
        &catalog(),
        &marked(),
        Registry::builtin(),
        &Options {
            agency: Some("知识产权".into()),
            ..Options::default()
        },
        today(),
    )
    .expect_err("no such agency");
    let ReportError::NoSuchAgency { suggestions, .. } = error;
    assert!(
        suggestions.contains(&"知识产权局".to_string()),
        "{suggestions:?}"
    );
}

#[test]
fn markdown_cells_stay_on_one_line_and_escape_table_syntax() {
    assert_eq!(markdown::cell("a|b\nc  d"), "a\\|b c d");
    assert_eq!(markdown::cell("*要点*_x_"), "\\*要点\\*\\_x\\_");
    let text = markdown::render(&build(&Options::default()));
    assert!(text.starts_with("# 《测试计划》落实进展情况\n\n报告日期：2024年6月28日\n"));
    assert!(
        text.contains("| 3 | 任务3 | 科技部 | 知识产权局 | 缺经费 \\| 待批 |"),
        "{text}"
    );
    assert!(text.contains(
        "## 一、总体进展\n\n全部任务4项：已完成1项（25%），进行中0项，受阻1项，未开始2项。"
    ));
    assert!(
        text.contains("| \u{3000}（一）政策 | 1/2 | 50% | 0 | 0 | 1 |"),
        "{text}"
    );
    // Every table row has as many cells as its header.
    for table in text.split("\n\n").filter(|b| b.starts_with('|')) {
        let widths: Vec<usize> = table
            .lines()
            .map(|l| l.replace("\\|", "").matches('|').count())
            .collect();
        assert!(widths.windows(2).all(|w| w[0] == w[1]), "{table}");
    }
}

#[test]
fn csv_starts_with_a_bom_only_when_asked() {
    let report = build(&Options::default());
    assert!(csv::render(&report, true).starts_with(csv::BOM));
    assert!(csv::render(&report, false).starts_with("《测试计划》落实进展情况\n"));
}

#[test]
fn csv_cells_that_look_like_formulas_stay_text() {
    assert_eq!(csv::defuse("-待定"), "'-待定");
    assert_eq!(csv::defuse("=SUM(A1)"), "'=SUM(A1)");
    assert_eq!(csv::defuse("待定-1"), "待定-1");
    // Every way a spreadsheet still finds a formula at the start of a cell.
    let table = [
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("\n=1+1", "'\n=1+1"),
        ("\tplain", "'\tplain"),
        (" =1+1", "' =1+1"),
        ("\u{3000}=1+1", "'\u{3000}=1+1"),
        ("＝SUM(A1)", "'＝SUM(A1)"),
        ("＋1", "'＋1"),
        ("－1", "'－1"),
        ("＠x", "'＠x"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("+86 10", "'+86 10"),
        ("已完成", "已完成"),
        (" 已完成", " 已完成"),
        ("a=b", "a=b"),
        ("", ""),
    ];
    for (cell, expected) in table {
        assert_eq!(csv::defuse(cell), expected, "{cell:?}");
    }
}

#[test]
fn json_has_the_documented_top_level_fields() {
    let value: serde_json::Value =
        serde_json::from_str(&json::render(&build(&Options::default()))).expect("json");
    for field in [
        "date",
        "title",
        "plans",
        "overall",
        "parts",
        "agencies",
        "listed",
        "task_lists",
        "agency",
    ] {
        assert!(value.get(field).is_some(), "missing {field}");
    }
    assert_eq!(value["date"], "2024-06-28");
    assert_eq!(value["overall"]["total"], 4);
}

/// Task 1 done, task 2 suspended with a reason, tasks 3 and 4 not started.
fn with_a_suspension() -> Progress {
    let mut progress = Progress::default();
    mark(&mut progress, "p", 1, Status::Done, "");
    progress.record(
        TaskKey::new("p", 2),
        Change::new(
            Timestamp::from_second(1_700_000_100).expect("valid time"),
            "张三",
            ChangeKind::Status {
                from: Status::InProgress,
                to: Status::Suspended,
                reason: "职责已划转至他部门".into(),
            },
        ),
    );
    progress
}

#[test]
fn suspended_tasks_leave_every_total_and_are_listed_apart_with_their_reason() {
    let report = report(
        &catalog(),
        &with_a_suspension(),
        Registry::builtin(),
        &Options::default(),
        today(),
    )
    .expect("report builds");
    assert_eq!(
        (
            report.overall.done,
            report.overall.total,
            report.overall.suspended
        ),
        (1, 3, 1)
    );
    assert_eq!(report.overall.percent_done(), 33);
    assert_eq!(report.parts[0].counts.total, 2, "一、改革 without task 2");
    assert_eq!(report.parts[1].counts.suspended, 1);
    let apart: Vec<(u32, &str)> = report
        .suspended
        .iter()
        .map(|t| (t.number, t.reason.as_str()))
        .collect();
    assert_eq!(apart, [(2, "职责已划转至他部门")]);
    assert!(
        report
            .task_lists
            .iter()
            .all(|l| l.tasks.iter().all(|t| t.number != 2)),
        "not among the blocked or not started"
    );

    let text = markdown::render(&report);
    assert!(
        text.contains(
            "全部任务3项：已完成1项（33%），进行中0项，受阻0项，未开始2项。另有1项中止，不计入。"
        ),
        "{text}"
    );
    assert!(text.contains("中止任务（1项，不计入完成情况）"), "{text}");
    assert!(text.contains("| 2 | 任务2 |"), "{text}");
    assert!(text.contains("| 职责已划转至他部门 |"), "{text}");
    let csv = csv::render(&report, false);
    assert!(csv.contains("中止任务（不计入完成情况）"), "{csv}");
    assert!(csv.contains("职责已划转至他部门"), "{csv}");
    let json = json::render(&report);
    assert!(json.contains("\"suspended\""), "{json}");
}

#[test]
fn an_agency_report_lists_its_suspended_tasks_apart_too() {
    let report = report(
        &catalog(),
        &with_a_suspension(),
        Registry::builtin(),
        &Options {
            agency: Some("教育部".into()),
            ..Options::default()
        },
        today(),
    )
    .expect("report builds");
    let agency = report.agency.as_ref().expect("an agency report");
    let listed: Vec<u32> = agency
        .lead_tasks
        .iter()
        .chain(&agency.participating_tasks)
        .map(|t| t.number)
        .collect();
    assert!(!listed.contains(&2), "{listed:?}");
    assert_eq!(report.suspended.len(), 1);
}

#[test]
fn the_office_report_puts_suspended_tasks_on_a_sheet_of_their_own() {
    let office = office::office(
        &catalog(),
        &with_a_suspension(),
        Registry::builtin(),
        &Options::default(),
        today(),
    )
    .expect("office report builds");
    let last = office.sheets.last().expect("sheets");
    assert_eq!(last.name, "中止任务");
    let rows: Vec<&office::Row> = last.blocks.iter().flat_map(|b| &b.rows).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].cells[0], "2");
    assert_eq!(rows[0].cells[7], "中止（原因：职责已划转至他部门）");
    let elsewhere = office
        .sheets
        .iter()
        .take(office.sheets.len() - 1)
        .flat_map(|s| &s.blocks)
        .flat_map(|b| &b.rows)
        .filter(|r| r.cells[0] == "2")
        .count();
    assert_eq!(elsewhere, 0, "listed once, apart");
}

#[test]
fn asking_for_suspended_tasks_lists_them_once_apart() {
    let report = report(
        &catalog(),
        &with_a_suspension(),
        Registry::builtin(),
        &Options {
            statuses: vec![Status::Suspended],
            ..Options::default()
        },
        today(),
    )
    .expect("report builds");
    assert!(report.task_lists.is_empty(), "{:?}", report.task_lists);
    assert_eq!(report.listed, [Status::Suspended]);
    assert_eq!(report.suspended.len(), 1);
    let office = office::office(
        &catalog(),
        &with_a_suspension(),
        Registry::builtin(),
        &Options {
            statuses: vec![Status::Suspended],
            ..Options::default()
        },
        today(),
    )
    .expect("office report builds");
    let names: Vec<&str> = office.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["中止任务"]);
}
