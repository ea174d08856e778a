//! Reports of the built-in 2020 plan with a fixed set of marks and a fixed
//! date, compared byte for byte with tests/golden/. After an intended
//! change, regenerate with `UPDATE_GOLDEN=1 cargo test --test report_golden`
//! and read the diff.

use jiff::Timestamp;
use jiff::civil::Date;
use plantrack::agencies::Registry;
use plantrack::model::{Catalog, TaskKey};
use plantrack::plan_io::{self, EMBEDDED_PLAN, Origin};
use plantrack::progress::{Change, ChangeKind, Progress, Status};
use plantrack::report::{self, By, Options, Report};
use std::path::Path;

mod cli_support;

fn catalog() -> Catalog {
    let plan = plan_io::parse(EMBEDDED_PLAN.as_bytes(), &Origin::Embedded).expect("built-in plan");
    Catalog::new(vec![plan])
}

/// A handful of marks as a team would make them, notes with the characters
/// that break naive tables: `|`, a line break, a leading `-`.
const MARKS: &[(u32, Status, &str)] = &[
    (1, Status::Done, "已印发"),
    (4, Status::Done, ""),
    (8, Status::Blocked, "等待会签\n下周再议"),
    (30, Status::Blocked, "-待定"),
    (55, Status::InProgress, "审查员扩招 | 第二批"),
    (70, Status::InProgress, ""),
];

fn progress() -> Progress {
    let mut progress = Progress::default();
    let at = Timestamp::from_second(1_719_500_000).expect("valid time");
    for &(number, status, note) in MARKS {
        let key = TaskKey::new("2020-ip-strategy", number);
        let mut record = |what| progress.record(key.clone(), Change::new(at, "tester", what));
        record(ChangeKind::Status {
            from: Status::NotStarted,
            to: status,
        });
        if !note.is_empty() {
            record(ChangeKind::Note {
                from: String::new(),
                to: note.into(),
            });
        }
    }
    progress
}

fn date() -> Date {
    Date::new(2024, 6, 28).expect("valid date")
}

fn build(options: &Options) -> Report {
    report::report(
        &catalog(),
        &progress(),
        Registry::builtin(),
        options,
        date(),
    )
    .expect("report")
}

fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).expect("write golden file");
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (UPDATE_GOLDEN=1 creates it)", path.display()));
    assert!(
        expected == actual,
        "{name} differs from tests/golden; run with UPDATE_GOLDEN=1 and read the diff\n{actual}"
    );
}

#[test]
fn markdown_report_matches_golden() {
    golden(
        "report.md",
        &report::markdown::render(&build(&Options::default())),
    );
}

#[test]
fn markdown_agency_report_matches_golden() {
    let options = Options {
        agency: Some("知识产权局".into()),
        ..Options::default()
    };
    golden(
        "report-agency-cnipa.md",
        &report::markdown::render(&build(&options)),
    );
}

#[test]
fn json_report_matches_golden() {
    let text = report::json::render(&build(&Options::default()));
    golden("report.json", &text);
    let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(value["overall"]["done"], 2);
    assert_eq!(value["overall"]["blocked"], 2);
}

#[test]
fn csv_report_matches_golden_and_reads_back() {
    let built = build(&Options {
        by: Some(By::Part),
        ..Options::default()
    });
    let text = report::csv::render(&built, true);
    golden("report-by-part.csv", &text);

    let body = text.strip_prefix(report::csv::BOM).expect("BOM first");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(body.as_bytes());
    let read: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.expect("valid CSV").iter().map(String::from).collect())
        .collect();
    let mut expected: Vec<Vec<String>> = Vec::new();
    for table in report::csv::tables(&built) {
        expected.push(vec![table.title]);
        expected.push(table.header);
        expected.extend(
            table
                .rows
                .into_iter()
                .map(|row| row.iter().map(|cell| report::csv::defuse(cell)).collect()),
        );
    }
    assert_eq!(read, expected);
    // The note with a line break survives as one cell.
    assert!(
        read.iter()
            .any(|row| row.iter().any(|c| c == "等待会签\n下周再议"))
    );
    assert!(read.iter().any(|row| row.iter().any(|c| c == "'-待定")));
    // No by-agency table in a --by part report.
    assert!(!read.iter().any(|row| row[0] == "各部门进展"));
}

#[test]
fn report_for_one_agency_through_the_binary() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = |args: &[&str]| {
        cli_support::plantrack(dir.path(), args)
            .output()
            .expect("runs")
    };
    assert!(
        run(&["mark", "55", "in_progress", "--note", "扩招中"])
            .status
            .success()
    );
    let out = run(&["report", "--agency", "知识产权局", "--date", "2024-06-28"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(text.starts_with(
        "# 知识产权局（国家知识产权局）承担《2020年深入实施国家知识产权战略加快建设知识产权强国推进计划》任务落实进展情况\n\n报告日期：2024年6月28日\n"
    ), "{text}");
    let lead = text.find("## 二、牵头任务（35项）").expect("lead section");
    let participating = text
        .find("## 三、参与任务（22项）")
        .expect("participating section");
    assert!(lead < participating);
    assert!(text.contains("| 55 | 加强专利审查能力建设"), "{text}");
    assert!(text.contains("| 进行中 | 扩招中 |"), "{text}");

    // -o writes the file and says where; an unknown agency is a usage error.
    let out = run(&["report", "--format", "csv", "--bom", "-o", "weekly.csv"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("weekly.csv"));
    let written = std::fs::read(dir.path().join("weekly.csv")).expect("written");
    assert!(written.starts_with("\u{feff}".as_bytes()));
    let out = run(&["report", "--agency", "没有这个部门"]);
    assert_eq!(out.status.code(), Some(2));
}
