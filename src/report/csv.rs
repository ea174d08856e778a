//! The report as CSV for spreadsheet tools: the same tables as the Markdown,
//! one after another, each with a title row and a header row, separated by
//! an empty line. Counts are plain numbers in their own columns (never
//! `2/21`, which a spreadsheet turns into a date).

use super::{Counts, Report, TaskOut, status_zh, task_label};

/// Byte order mark: Excel reads a CSV without one in the local code page
/// (GBK on Chinese Windows) and shows UTF-8 Chinese as mojibake.
pub const BOM: &str = "\u{feff}";

/// One table of the report, as cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub title: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// The report's tables, in order; the first is the title and date.
pub fn tables(report: &Report) -> Vec<Table> {
    let mut tables = vec![Table {
        title: report.title.clone(),
        header: strings(&["报告日期"]),
        rows: vec![vec![report.date.to_string()]],
    }];
    let counts_header = [
        "范围",
        "任务数",
        "已完成",
        "完成率(%)",
        "进行中",
        "受阻",
        "未开始",
        "中止(不计入)",
    ];
    let several_plans = report.plans.len() > 1;
    match &report.agency {
        Some(agency) => {
            tables.push(Table {
                title: "总体进展".into(),
                header: strings(&counts_header),
                rows: vec![
                    counts_row("牵头任务", &agency.progress.lead),
                    counts_row("参与任务", &agency.progress.participating),
                ],
            });
            tables.push(task_table("牵头任务", report, &agency.lead_tasks));
            tables.push(task_table("参与任务", report, &agency.participating_tasks));
        }
        None => {
            tables.push(Table {
                title: "总体进展".into(),
                header: strings(&counts_header),
                rows: vec![counts_row("全部任务", &report.overall)],
            });
            if !report.parts.is_empty() {
                let mut header = counts_header.map(String::from).to_vec();
                header[0] = "部分".into();
                if several_plans {
                    header.insert(0, "计划".into());
                }
                let rows = report
                    .parts
                    .iter()
                    .map(|part| {
                        let heading = format!("{}{}", "\u{3000}".repeat(part.depth), part.heading);
                        let mut row = counts_row(&heading, &part.counts);
                        if several_plans {
                            row.insert(0, part.plan.clone());
                        }
                        row
                    })
                    .collect();
                tables.push(Table {
                    title: "分部分进展".into(),
                    header,
                    rows,
                });
            }
            if !report.agencies.is_empty() {
                tables.push(Table {
                    title: "各部门进展".into(),
                    header: strings(&[
                        "部门",
                        "全称",
                        "牵头任务数",
                        "牵头已完成",
                        "参与任务数",
                        "参与已完成",
                        "进行中",
                        "受阻",
                    ]),
                    rows: report
                        .agencies
                        .iter()
                        .map(|a| {
                            let (lead, part) = (&a.lead, &a.participating);
                            vec![
                                a.name.clone(),
                                a.full_name.clone().unwrap_or_default(),
                                lead.total.to_string(),
                                lead.done.to_string(),
                                part.total.to_string(),
                                part.done.to_string(),
                                (lead.in_progress + part.in_progress).to_string(),
                                (lead.blocked + part.blocked).to_string(),
                            ]
                        })
                        .collect(),
                });
            }
            for list in &report.task_lists {
                let title = format!("{}任务", status_zh(list.status));
                tables.push(task_table(&title, report, &list.tasks));
            }
        }
    }
    if !report.suspended.is_empty() {
        tables.push(Table {
            title: "中止任务（不计入完成情况）".into(),
            header: strings(&[
                "序号",
                "任务",
                "牵头部门",
                "中止原因",
                "经办人",
                &format!("时间（{}）", super::zone_label(&report.zone)),
            ]),
            rows: report
                .suspended
                .iter()
                .map(|t| {
                    let (by, at) = t.last_updated.as_ref().map_or_else(
                        || (String::new(), String::new()),
                        |u| {
                            let at = u.at.to_zoned_datetime(report.zone.clone());
                            (u.by.clone(), at.strftime("%Y-%m-%d %H:%M").to_string())
                        },
                    );
                    vec![
                        task_label(report, t),
                        t.text.clone(),
                        t.lead().to_string(),
                        t.reason.clone(),
                        by,
                        at,
                    ]
                })
                .collect(),
        });
    }
    if let Some(period) = &report.period {
        tables.push(Table {
            title: super::period::heading(period, report.date),
            header: super::period::header(period).to_vec(),
            rows: super::period::rows(report, period)
                .into_iter()
                .map(Vec::from)
                .collect(),
        });
    }
    tables
}

/// The CSV text of the report, with a byte order mark first when `bom`.
pub fn render(report: &Report, bom: bool) -> String {
    let mut text = String::from(if bom { BOM } else { "" });
    for (i, table) in tables(report).iter().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        text.push_str(&table_csv(table));
    }
    text
}

fn table_csv(table: &Table) -> String {
    // Rows of one table differ in length from the title row.
    let mut writer = ::csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    let records = std::iter::once(vec![table.title.clone()])
        .chain(std::iter::once(table.header.clone()))
        .chain(table.rows.iter().cloned());
    for record in records {
        // Writing to a Vec cannot fail; a failure would only lose this row.
        let _ = writer.write_record(record.iter().map(|c| defuse(c)));
    }
    writer
        .into_inner()
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .unwrap_or_default()
}

/// Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` as a
/// formula; a note typed as "-待定" must stay text, so it gets a leading `'`.
/// Excel and LibreOffice skip leading blanks and line breaks before looking,
/// read full-width ＝＋－＠ as the ASCII ones, and treat a leading TAB or CR
/// as the start of a formula in some imports: all of those are defused too.
pub fn defuse(cell: &str) -> String {
    const TRIGGERS: [char; 8] = ['=', '+', '-', '@', '＝', '＋', '－', '＠'];
    let starts_with_control = cell.starts_with(['\t', '\r', '\n']);
    let first_visible = cell.trim_start().chars().next();
    if starts_with_control || first_visible.is_some_and(|c| TRIGGERS.contains(&c)) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

fn counts_row(label: &str, c: &Counts) -> Vec<String> {
    vec![
        label.to_string(),
        c.total.to_string(),
        c.done.to_string(),
        c.percent_done().to_string(),
        c.in_progress.to_string(),
        c.blocked.to_string(),
        c.not_started.to_string(),
        c.suspended.to_string(),
    ]
}

fn task_table(title: &str, report: &Report, tasks: &[TaskOut]) -> Table {
    Table {
        title: title.to_string(),
        header: strings(&[
            "序号",
            "任务",
            "所属部分",
            "牵头部门",
            "参与部门",
            "状态",
            "备注",
        ]),
        rows: tasks
            .iter()
            .map(|t| {
                vec![
                    task_label(report, t),
                    t.text.clone(),
                    t.sections.join(" › "),
                    t.lead().to_string(),
                    t.participating().join("、"),
                    status_zh(t.status).to_string(),
                    t.note.clone(),
                ]
            })
            .collect(),
    }
}

fn strings(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| (*c).to_string()).collect()
}
