//! Reports of the built-in 2020 plan with a fixed set of marks and a fixed
//! date, compared byte for byte with tests/golden/. After an intended
//! change, regenerate with `UPDATE_GOLDEN=1 cargo test --test report_golden`
//! and read the diff.

use jiff::Timestamp;
use jiff::civil::Date;
use plantrack::agencies::Registry;
use plantrack::deadline::{Day, Light, Rules};
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
            reason: String::new(),
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

/// Every record of a CSV text, as cells.
fn read_csv(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("valid CSV").iter().map(String::from).collect())
        .collect()
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
    let read = read_csv(body);
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

/// Feedback entries as two agencies of task 4 (lead 知识产权局, with
/// 教育部) and one of task 55 would write them, on top of the marks.
fn progress_with_feedback() -> Progress {
    use plantrack::progress::Feedback;
    let mut progress = progress();
    let mut at = 1_719_600_000;
    let mut entry = |number: u32, agency: &str, by: &str, text: [&str; 3]| {
        at += 60;
        let key = TaskKey::new("2020-ip-strategy", number);
        let from = progress
            .get(&key)
            .map(|t| t.feedback_of(agency))
            .unwrap_or_default();
        let mut change = Change::new(
            Timestamp::from_second(at).expect("valid time"),
            by,
            ChangeKind::Feedback {
                agency: agency.into(),
                from,
                to: Feedback {
                    progress: text[0].into(),
                    problems: text[1].into(),
                    next: text[2].into(),
                },
            },
        );
        change.agency = Some(agency.into());
        progress.record(key, change);
    };
    // The participant reports first; the lead's entry still comes first.
    entry(
        4,
        "教育部",
        "李四",
        ["遴选试点高校30所", "", "6月底前公布名单"],
    );
    entry(4, "知识产权局", "张三", ["通知已起草", "", ""]);
    entry(
        4,
        "知识产权局",
        "张三",
        ["通知已印发\n组织申报", "部分高校材料不全", "7月完成评审"],
    );
    entry(55, "知识产权局", "张三", ["审查周期降至17个月", "", ""]);
    progress
}

fn office(agency: Option<&str>) -> report::office::OfficeReport {
    let options = Options {
        agency: agency.map(String::from),
        ..Options::default()
    };
    report::office::office(
        &catalog(),
        &progress_with_feedback(),
        Registry::builtin(),
        &options,
        date(),
    )
    .expect("report")
}

/// The day of the report, with the default rules of the lights.
fn day() -> Day {
    Day {
        today: date(),
        rules: Rules::default(),
    }
}

/// The feedback above, and on the report's day two time limits set: task
/// 55 (led by 知识产权局) due within days, task 70 (it takes part) at the
/// year's end; every other open task of the 2020 plan is long overdue.
fn progress_for_period() -> Progress {
    let mut progress = progress_with_feedback();
    let at = Timestamp::from_second(1_719_610_000).expect("valid time");
    for (number, due) in [(55, "2024-07-05"), (70, "2024-12-31")] {
        let mut change = Change::new(
            at,
            "张三",
            ChangeKind::Due {
                from: None,
                to: Some(due.parse().expect("date")),
            },
        );
        change.agency = Some("知识产权局".into());
        progress.record(TaskKey::new("2020-ip-strategy", number), change);
    }
    progress
}

/// The office report with lights on the report's day and 本期进展 from
/// `since` to the end of that day, as `report --form office --since` makes it.
fn office_since(agency: Option<&str>, since: Date) -> report::office::OfficeReport {
    let catalog = catalog();
    let progress = progress_for_period();
    let options = Options {
        agency: agency.map(String::from),
        day: Some(day()),
        ..Options::default()
    };
    let built = report::office::office(&catalog, &progress, Registry::builtin(), &options, date())
        .expect("report");
    let start = |d: Date| {
        d.to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .expect("a day")
            .timestamp()
    };
    let until = start(date().tomorrow().expect("a day")) - jiff::SignedDuration::from_nanos(1);
    built.with_period(report::period::period(
        &catalog,
        &progress,
        Registry::builtin(),
        (since, &jiff::tz::TimeZone::UTC),
        (start(since), until),
        Some(day()),
    ))
}

#[test]
fn office_report_since_a_day_lists_the_periods_changes_after_the_table() {
    let built = office_since(Some("知识产权局"), date());
    let text = report::office::markdown(&built);
    golden("office-cnipa-since.md", &text);
    // The part follows the table; only the agency's own tasks that changed
    // on the day: the feedback on 4 and 55, the limits of 55 and 70 (the
    // marks were made the day before).
    let period = text
        .find("## 本期进展（2024年6月28日至2024年6月28日，3项）")
        .expect("period part");
    assert!(text.find("## 参与任务").expect("participating") < period);
    let rows = built.period_rows();
    let numbers: Vec<&str> = rows.iter().map(|(cells, _)| cells[0].as_str()).collect();
    assert_eq!(numbers, ["4", "55", "70"]);
    let (four, light) = &rows[0];
    assert_eq!(*light, None, "a done task has no light");
    assert_eq!(four[3], "已完成");
    assert_eq!(
        four[4].lines().collect::<Vec<_>>(),
        [
            "2024年6月28日 李四（教育部）：反馈：进展：遴选试点高校30所；下一步：6月底前公布名单",
            "2024年6月28日 张三（知识产权局）：反馈：进展：通知已起草",
            "2024年6月28日 张三（知识产权局）：反馈：进展：通知已印发 / 组织申报；问题：部分高校材料不全；下一步：7月完成评审",
        ]
    );
    assert_eq!(rows[1].0[3], "进行中\n▲ 临近");
    assert!(
        rows[1].0[4].ends_with("完成时限：按计划→2024年7月5日"),
        "{}",
        rows[1].0[4]
    );
    assert_eq!(rows[2].1, Some(Light::Green));
    // The table's status cells carry the lights in words.
    let status = |n: &str| {
        built
            .rows()
            .find(|r| r.cells[0] == n)
            .map(|r| r.cells[report::office::COL_STATUS].clone())
    };
    assert_eq!(status("8").as_deref(), Some("受阻\n● 逾期"));
    assert_eq!(status("4").as_deref(), Some("已完成"));

    // A participant's report lists the changes of its own tasks alone.
    let education = office_since(Some("教育部"), date());
    let numbers: Vec<String> = education
        .period_rows()
        .into_iter()
        .map(|(cells, _)| cells[0].clone())
        .collect();
    assert_eq!(numbers, ["4"]);
    // A period with no change says so.
    let later = office_since(Some("教育部"), date().tomorrow().expect("a day"));
    assert!(report::office::markdown(&later).contains("\n本期无进展记录。\n"));
}

#[test]
fn office_report_of_the_plan_since_a_day_as_csv_and_json() {
    let built = office_since(None, Date::new(2024, 6, 1).expect("date"));
    let text = report::office::csv(&built, false);
    golden("office-plan-since.csv", &text);
    let read = read_csv(&text);
    // The marks of the day before are in this longer period too: tasks 1,
    // 4, 8, 30, 55 and 70.
    let heading = read
        .iter()
        .position(|r| r == &["本期进展（2024年6月1日至2024年6月28日，6项）"])
        .expect("the period's heading row");
    assert_eq!(read[heading + 1], report::office::PERIOD_COLUMNS);
    let numbers: Vec<&str> = read[heading + 2..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(numbers, ["1", "4", "8", "30", "55", "70"]);
    let json: serde_json::Value =
        serde_json::from_str(&serde_json::to_string(&built).expect("serializes")).expect("JSON");
    assert_eq!(json["period"]["since"], "2024-06-01");
    assert_eq!(json["period"]["tasks"].as_array().map(Vec::len), Some(6));
    assert_eq!(
        json["period"]["tasks"][0]["task"]["key"],
        "2020-ip-strategy:1"
    );
}

#[test]
fn office_report_of_an_agency_matches_golden_and_compiles_every_entry() {
    let built = office(Some("知识产权局"));
    golden("office-cnipa.md", &report::office::markdown(&built));
    assert_eq!(
        built.title,
        "国家知识产权局关于《2020年深入实施国家知识产权战略加快建设知识产权强国推进计划》落实情况的报告（截至2024年6月28日）"
    );
    assert_eq!(
        built
            .sheets
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>(),
        ["牵头任务", "参与任务"]
    );
    let four = built
        .rows()
        .find(|r| r.cells[0] == "4")
        .expect("task 4 is the lead's");
    // Both agencies, the lead first, each prefixed; only the latest of the
    // lead's two entries.
    assert_eq!(
        four.cells[report::office::COL_PROGRESS],
        "知识产权局：通知已印发\n组织申报\n教育部：遴选试点高校30所"
    );
    assert_eq!(
        four.cells[6],
        "知识产权局：存在问题：部分高校材料不全\n下一步：7月完成评审\n教育部：下一步：6月底前公布名单"
    );
    assert_eq!(four.cells[3], "教育部");
    assert_eq!(four.cells[report::office::COL_STATUS], "已完成");
}

#[test]
fn office_report_of_a_participant_shows_its_own_entry() {
    let built = office(Some("教育部"));
    let four = built
        .rows()
        .find(|r| r.cells[0] == "4")
        .expect("教育部 takes part in task 4");
    assert_eq!(four.cells[5], "遴选试点高校30所");
    assert_eq!(four.cells[6], "下一步：6月底前公布名单");
}

#[test]
fn office_report_of_the_plan_by_part_matches_golden_as_csv() {
    let built = office(None);
    let text = report::office::csv(&built, false);
    golden("office-plan.csv", &text);
    let read = read_csv(&text);
    let expected: Vec<Vec<String>> = report::office::table(&built)
        .into_iter()
        .map(|row| row.iter().map(|c| report::csv::defuse(c)).collect())
        .collect();
    assert_eq!(read, expected);
    // Parts, then their groups, in plan order; the note stands in for a
    // task nobody reported on.
    assert_eq!(read[1], ["一、深化知识产权领域改革"]);
    assert_eq!(read[2], ["（一）改革完善知识产权政策"]);
    assert_eq!(read[3][0], "序号");
    let eight = read.iter().find(|r| r[0] == "8").expect("task 8");
    assert_eq!(eight[5], "等待会签\n下周再议");
    assert_eq!(eight[7], "受阻");
    let tsv = report::office::tab_separated(&built);
    assert!(tsv.lines().all(|l| !l.contains('\r')));
    assert!(tsv.contains("\n4\t出台《组织开展国家知识产权试点示范高校建设工作的通知》。\t知识产权局\t教育部\t2020年12月31日（默认）\t知识产权局：通知已印发 组织申报 教育部：遴选试点高校30所\t"));
}

/// What the office report's sheets should show: per sheet, its name and its
/// rows (title, header, then groups and tasks).
fn expected_sheets(built: &report::office::OfficeReport) -> Vec<(String, Vec<Vec<String>>)> {
    built
        .sheets
        .iter()
        .map(|sheet| {
            let mut rows = vec![
                vec![built.title.clone()],
                report::office::COLUMNS.map(String::from).to_vec(),
            ];
            rows.extend(report::office::sheet_rows(sheet));
            (sheet.name.clone(), rows)
        })
        .collect()
}

#[test]
fn xlsx_reads_back_cell_for_cell_with_calamine() {
    use calamine::{Data, Reader, Xlsx};
    for agency in [Some("知识产权局"), None] {
        let built = office(agency);
        let bytes = report::xlsx::render(&built).expect("workbook");
        let mut book = Xlsx::new(std::io::Cursor::new(bytes)).expect("calamine opens it");
        let names = book.sheet_names();
        let expected = expected_sheets(&built);
        assert_eq!(names.len(), expected.len());
        for (name, (heading, rows)) in names.iter().zip(&expected) {
            // Sheet names are the part headings, cut to Excel's 31 characters.
            assert!(
                heading.starts_with(
                    name.trim_end_matches(|c: char| c == ')' || c.is_ascii_digit() || c == '(')
                ),
                "{name} / {heading}"
            );
            let range = book.worksheet_range(name).expect("sheet");
            let read: Vec<Vec<String>> = range
                .rows()
                .map(|row| {
                    let mut cells: Vec<String> = row
                        .iter()
                        .map(|c| match c {
                            Data::String(s) => s.clone(),
                            Data::Empty => String::new(),
                            other => panic!("every cell is text, not {other:?}"),
                        })
                        .collect();
                    // A merged title or group row reads as its first cell.
                    while cells.len() > 1 && cells.last().is_some_and(String::is_empty) {
                        cells.pop();
                    }
                    cells
                })
                .collect();
            let want: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    let mut r = r.clone();
                    while r.len() > 1 && r.last().is_some_and(String::is_empty) {
                        r.pop();
                    }
                    r
                })
                .collect();
            assert_eq!(read, want, "sheet {name}");
        }
    }
}

/// The tables of a Word document, read with quick-xml: per table, rows of
/// cell texts (a line break inside a cell is `\n`), and whether the first
/// row repeats as a header; and the paragraphs outside tables.
/// A table read back: whether its first row repeats on each page, its rows.
type ReadTable = (bool, Vec<Vec<String>>);

fn read_docx(bytes: &[u8]) -> (Vec<String>, Vec<ReadTable>, String) {
    use quick_xml::events::Event;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut archive.by_name("word/document.xml").expect("document part"),
        &mut xml,
    )
    .expect("UTF-8");
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut paragraphs = Vec::new();
    let mut tables: Vec<ReadTable> = Vec::new();
    let (mut in_table, mut in_text) = (false, false);
    let mut text = String::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => match e.name().as_ref() {
                b"w:tbl" => {
                    in_table = true;
                    tables.push((false, Vec::new()));
                }
                b"w:tr" => tables.last_mut().expect("table").1.push(Vec::new()),
                b"w:tc" => text.clear(),
                b"w:p" if !in_table => text.clear(),
                b"w:p" if in_table && !text.is_empty() => text.push('\n'),
                b"w:t" => in_text = true,
                _ => {}
            },
            Event::Empty(e) => match e.name().as_ref() {
                b"w:br" => text.push('\n'),
                b"w:tblHeader" => {
                    let table = tables.last_mut().expect("table");
                    table.0 |= table.1.len() == 1;
                }
                _ => {}
            },
            Event::Text(t) if in_text => text.push_str(&t.unescape().expect("text")),
            Event::End(e) => match e.name().as_ref() {
                b"w:t" => in_text = false,
                b"w:tc" => tables
                    .last_mut()
                    .and_then(|t| t.1.last_mut())
                    .expect("row")
                    .push(text.clone()),
                b"w:p" if !in_table => paragraphs.push(text.clone()),
                b"w:tbl" => in_table = false,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    (paragraphs, tables, xml)
}

#[test]
fn docx_reads_back_cell_for_cell_with_quick_xml() {
    let built = office(Some("知识产权局"));
    let bytes = report::docx::render(&built).expect("document");
    let (paragraphs, tables, xml) = read_docx(&bytes);
    assert_eq!(paragraphs[0], built.title);
    assert_eq!(paragraphs[1], "2024年6月28日");
    let expected = expected_sheets(&built);
    assert_eq!(tables.len(), expected.len());
    assert_eq!(&paragraphs[2..], ["牵头任务", "参与任务"]);
    for ((header_repeats, rows), (_, want)) in tables.iter().zip(&expected) {
        assert!(header_repeats, "the header row repeats on each page");
        assert_eq!(rows, &want[1..].to_vec());
    }
    let four = &tables[0].1.iter().find(|r| r[0] == "4").expect("task 4")[5];
    assert_eq!(
        four,
        "知识产权局：通知已印发\n组织申报\n教育部：遴选试点高校30所"
    );
    // Landscape A4 and a Chinese font named.
    assert!(xml.contains(r#"<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>"#));
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).expect("a zip");
    let mut styles = String::new();
    std::io::Read::read_to_string(
        &mut archive.by_name("word/styles.xml").expect("styles"),
        &mut styles,
    )
    .expect("UTF-8");
    assert!(styles.contains(r#"w:eastAsia="仿宋""#));

    // The whole plan: group headings are rows of their own, spanning the table.
    let built = office(None);
    let (_, tables, _) = read_docx(&report::docx::render(&built).expect("document"));
    let expected = expected_sheets(&built);
    assert_eq!(tables.len(), expected.len());
    for ((_, rows), (_, want)) in tables.iter().zip(&expected) {
        assert_eq!(rows, &want[1..].to_vec());
    }
}

/// What each sheet's status cells should be filled with, by sheet: the
/// (1-based) row and the light, for every row below the header.
fn expected_lights(built: &report::office::OfficeReport) -> Vec<Vec<(u32, Option<Light>)>> {
    let mut sheets: Vec<Vec<Option<Light>>> = built
        .sheets
        .iter()
        .map(|sheet| {
            sheet
                .blocks
                .iter()
                .flat_map(|b| {
                    let heading = b.heading.as_ref().map(|_| None);
                    heading
                        .into_iter()
                        .chain(b.rows.iter().map(|r| Some(r.light)))
                })
                .map(Option::flatten)
                .collect()
        })
        .collect();
    if built.period.is_some() {
        let mut lights = vec![None];
        lights.extend(built.period_rows().into_iter().map(|(_, light)| light));
        sheets.push(lights);
    }
    sheets
        .into_iter()
        .map(|lights| {
            lights
                .into_iter()
                .enumerate()
                .map(|(i, light)| (i as u32 + 3, light))
                .collect()
        })
        .collect()
}

/// The solid fill colour (`RRGGBB`) of each cell of column `col` (a letter)
/// of the `n`th sheet, read from the workbook's XML with quick-xml: the
/// cell's style index in the sheet, its `xf` in styles.xml, that `xf`'s fill.
fn xlsx_fills(bytes: &[u8], n: usize, col: &str) -> std::collections::BTreeMap<u32, String> {
    use quick_xml::events::Event;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut read = |name: &str| {
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut archive.by_name(name).expect(name), &mut xml)
            .expect("UTF-8");
        xml
    };
    let styles = read("xl/styles.xml");
    let sheet = read(&format!("xl/worksheets/sheet{}.xml", n + 1));
    let attr = |e: &quick_xml::events::BytesStart, name: &[u8]| {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == name)
            .map(|a| String::from_utf8_lossy(&a.value).into_owned())
    };
    // Fills in order (the colour of a solid one), cell formats' fill ids.
    let (mut fills, mut xfs): (Vec<Option<String>>, Vec<usize>) = (Vec::new(), Vec::new());
    let (mut in_fills, mut in_xfs, mut solid) = (false, false, false);
    let mut reader = quick_xml::Reader::from_str(&styles);
    loop {
        match reader.read_event().expect("well-formed styles") {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                b"fills" => in_fills = true,
                b"cellXfs" => in_xfs = true,
                b"fill" if in_fills => fills.push(None),
                b"patternFill" if in_fills => {
                    solid = attr(&e, b"patternType").as_deref() == Some("solid");
                }
                b"fgColor" if in_fills && solid => {
                    let rgb = attr(&e, b"rgb").expect("an RGB colour");
                    *fills.last_mut().expect("in a fill") = Some(rgb[2..].to_string());
                }
                b"xf" if in_xfs => xfs.push(
                    attr(&e, b"fillId")
                        .and_then(|id| id.parse().ok())
                        .unwrap_or(0),
                ),
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                b"fills" => in_fills = false,
                b"cellXfs" => in_xfs = false,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    let mut out = std::collections::BTreeMap::new();
    let mut reader = quick_xml::Reader::from_str(&sheet);
    loop {
        match reader.read_event().expect("well-formed sheet") {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == b"c" => {
                let at = attr(&e, b"r").expect("a cell reference");
                let Some(row) = at.strip_prefix(col).and_then(|r| r.parse::<u32>().ok()) else {
                    continue;
                };
                let style: usize = attr(&e, b"s").and_then(|s| s.parse().ok()).unwrap_or(0);
                if let Some(rgb) = fills[xfs[style]].clone() {
                    out.insert(row, rgb);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

#[test]
fn xlsx_fills_the_status_cell_with_the_light_and_adds_the_period_sheet() {
    use calamine::{Data, Reader, Xlsx};
    for agency in [Some("知识产权局"), None] {
        let built = office_since(agency, Date::new(2024, 6, 1).expect("date"));
        let bytes = report::xlsx::render(&built).expect("workbook");
        // Every cell, the 本期进展 sheet last.
        let mut book = Xlsx::new(std::io::Cursor::new(bytes.clone())).expect("calamine opens it");
        let names = book.sheet_names();
        assert_eq!(names.len(), built.sheets.len() + 1);
        assert_eq!(names.last().map(String::as_str), Some("本期进展"));
        let range = book.worksheet_range("本期进展").expect("the period sheet");
        let read: Vec<Vec<String>> = range
            .rows()
            .map(|row| {
                row.iter()
                    .map(|c| match c {
                        Data::String(s) => s.clone(),
                        _ => String::new(),
                    })
                    .collect()
            })
            .collect();
        let heading = built.period_heading().expect("a period");
        let mut want = vec![
            vec![built.title.clone()],
            report::office::PERIOD_COLUMNS.map(String::from).to_vec(),
            vec![heading],
        ];
        want.extend(built.period_rows().into_iter().map(|(cells, _)| cells));
        let read: Vec<Vec<String>> = read
            .into_iter()
            .map(|mut r| {
                while r.len() > 1 && r.last().is_some_and(String::is_empty) {
                    r.pop();
                }
                r
            })
            .collect();
        assert_eq!(read, want);
        // The status cells: filled with their light's colour, text kept.
        let mut seen = std::collections::BTreeSet::new();
        for (n, lights) in expected_lights(&built).into_iter().enumerate() {
            let col = if n == built.sheets.len() { "D" } else { "H" };
            let fills = xlsx_fills(&bytes, n, col);
            let want: std::collections::BTreeMap<u32, String> = lights
                .iter()
                .filter_map(|&(row, light)| {
                    light.map(|l| (row, format!("{:06X}", report::xlsx::light_fill(l))))
                })
                .collect();
            assert_eq!(fills, want, "sheet {n}");
            seen.extend(lights.iter().filter_map(|(_, l)| *l));
        }
        assert_eq!(seen.len(), 3, "red, yellow and green all appear");
    }
    // Done tasks have no fill; the colours are the pale red, yellow, green.
    assert_eq!(report::xlsx::light_fill(Light::Red), 0xFFC7CE);
}

#[test]
fn docx_shades_the_status_cell_and_adds_the_period_table() {
    let built = office_since(Some("知识产权局"), Date::new(2024, 6, 1).expect("date"));
    let bytes = report::docx::render(&built).expect("document");
    let (paragraphs, tables, xml) = read_docx(&bytes);
    assert_eq!(tables.len(), built.sheets.len() + 1);
    assert_eq!(
        paragraphs.last().map(String::as_str),
        built.period_heading().as_deref()
    );
    let (header_repeats, rows) = tables.last().expect("the period table");
    assert!(header_repeats);
    let mut want = vec![report::office::PERIOD_COLUMNS.map(String::from).to_vec()];
    want.extend(built.period_rows().into_iter().map(|(cells, _)| cells));
    assert_eq!(rows, &want);
    // Task 55's status cell, ▲ 临近, on the yellow fill.
    assert!(
        xml.contains(r#"<w:shd w:val="clear" w:color="auto" w:fill="FFEB9C"/></w:tcPr><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr></w:rPr><w:t xml:space="preserve">进行中</w:t></w:r><w:r><w:rPr></w:rPr><w:br/><w:t xml:space="preserve">▲ 临近</w:t>"#),
        "{xml}"
    );
    // No light, no fill: the done task 4.
    let plain = office(Some("知识产权局"));
    let (_, _, xml) = read_docx(&report::docx::render(&plain).expect("document"));
    assert!(!xml.contains("w:shd"));
}

#[test]
fn office_report_since_through_the_binary_with_agency_and_as_of() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = |args: &[&str]| {
        cli_support::plantrack(dir.path(), args)
            .output()
            .expect("runs")
    };
    let json = |args: &[&str]| -> serde_json::Value {
        let out = run(args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("JSON")
    };
    for (task, agency) in [("55", "知识产权局"), ("12", "中科院")] {
        let out = run(&["--as", agency, "mark", task, "in_progress"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let office = [
        "report",
        "--form",
        "office",
        "--agency",
        "知识产权局",
        "--json",
        "--since",
        "2020-01-01",
    ];
    // The agency's own task that changed, with who and which agency.
    let report = json(&office);
    let tasks = report["period"]["tasks"].as_array().expect("tasks");
    assert_eq!(tasks.len(), 1, "{report}");
    assert_eq!(tasks[0]["task"]["number"], 55);
    assert_eq!(tasks[0]["changes"][0]["agency"], "知识产权局");
    // Rebuilt as of a day before the marks: nothing changed by then.
    let mut before = office.to_vec();
    before.extend(["--as-of", "2021-01-01"]);
    let report = json(&before);
    assert_eq!(report["period"]["tasks"].as_array().map(Vec::len), Some(0));
    // Word and Excel files are written with it.
    for format in ["docx", "xlsx"] {
        let file = format!("r.{format}");
        let out = run(&[
            "report",
            "--form",
            "office",
            "--since",
            "2020-01-01",
            "--format",
            format,
            "-o",
            &file,
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let bytes = std::fs::read(dir.path().join(&file)).expect("written");
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
        // Word keeps the text in the document, Excel in its shared strings.
        let part = if format == "docx" {
            "word/document.xml"
        } else {
            "xl/sharedStrings.xml"
        };
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut archive.by_name(part).expect(part), &mut xml)
            .expect("UTF-8");
        // Tasks 55 and 12 changed; the end of the period is today.
        let heading = xml
            .find("本期进展（2020年1月1日至")
            .and_then(|at| xml.get(at..))
            .and_then(|h| h.split('）').next())
            .unwrap_or_default();
        assert!(heading.ends_with("，2项"), "{format}: {heading}");
    }
}
