//! The report an office submits, in the units' own columns:
//! 序号 | 工作任务 | 牵头单位 | 参与单位 | 完成时限 | 进展情况 | 存在问题及下一步 | 状态.
//!
//! Built once ([`office`]) and written by every format (Markdown, CSV, Word,
//! Excel, tab-separated rows), so they all show the same cells. Pure: the
//! date is a parameter.
//!
//! 进展情况 of a task compiles every agency's latest feedback entry, each
//! prefixed with its agency, the lead first, then the participants in plan
//! order, then any other agency that reported; in one agency's report its
//! participating tasks show only its own entry, unprefixed. A task nobody
//! reported on shows its note, if any.
//!
//! With a day, the 状态 cell also carries the task's light in words
//! (● 逾期, ▲ 临近, ○ 正常), which Excel adds a fill to; so it reads the
//! same printed in black and white.
//!
//! With `--since`, a 本期进展 part follows the table: the report's tasks
//! that changed in the period ([`super::period`]), one row each, every
//! change on its own line with its day, who and which agency. An office
//! submits the whole table each time; the reader of a periodic report
//! wants to see first what is new since the last one.

use super::{Options, Period, ReportError, date_zh, status_zh};
use crate::agencies::Registry;
use crate::deadline::{Day, Light};
use crate::model::{Catalog, Role};
use crate::progress::{Progress, Status};
use crate::roster;
use jiff::civil::Date;
use serde::Serialize;

/// The column headings, in order.
pub const COLUMNS: [&str; 8] = [
    "序号",
    "工作任务",
    "牵头单位",
    "参与单位",
    "完成时限",
    "进展情况",
    "存在问题及下一步",
    "状态",
];

/// Column positions, for writers that treat a column specially.
pub const COL_PROGRESS: usize = 5;
pub const COL_STATUS: usize = 7;

/// The columns of the 本期进展 part.
pub const PERIOD_COLUMNS: [&str; 5] = ["序号", "工作任务", "牵头单位", "状态", "本期变化"];

/// Position of the status in [`PERIOD_COLUMNS`].
pub const PERIOD_COL_STATUS: usize = 3;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OfficeReport {
    /// `国家知识产权局关于《…》落实情况的报告（截至2020年6月30日）`.
    pub title: String,
    pub date: Date,
    /// One per part of the plan, or, for one agency, its lead tasks then its
    /// participating tasks. Empty sheets are left out.
    pub sheets: Vec<Sheet>,
    /// 本期进展, with `--since`: the tasks above that changed in the period.
    pub period: Option<Period>,
}

/// A part of the report: a sheet in Excel, a heading in a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sheet {
    pub name: String,
    pub blocks: Vec<Block>,
}

/// Rows under one group heading (none for the tasks directly in a part).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Block {
    pub heading: Option<String>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    /// `PLAN:N`, to find the task by.
    pub key: String,
    /// The cells, in [`COLUMNS`] order; line breaks are kept.
    pub cells: [String; 8],
    pub status: Status,
    /// On the report's day; none for done tasks and without a day.
    pub light: Option<Light>,
}

impl OfficeReport {
    /// Every row, in order.
    pub fn rows(&self) -> impl Iterator<Item = &Row> {
        self.sheets
            .iter()
            .flat_map(|s| &s.blocks)
            .flat_map(|b| &b.rows)
    }

    /// With 本期进展: the tasks of `period` that are rows of this report,
    /// so that an agency's report lists only its own tasks' changes.
    pub fn with_period(mut self, mut period: Period) -> Self {
        let keys: std::collections::HashSet<&str> = self.rows().map(|r| r.key.as_str()).collect();
        period.tasks.retain(|t| keys.contains(t.task.key.as_str()));
        self.period = Some(period);
        self
    }

    /// `本期进展（2020年6月1日至2020年6月30日，2项）`, with `--since`.
    pub fn period_heading(&self) -> Option<String> {
        let period = self.period.as_ref()?;
        Some(super::period::heading(period, self.date))
    }

    /// The 本期进展 rows in [`PERIOD_COLUMNS`] order, with the light of
    /// each (as it stood at the period's end).
    pub fn period_rows(&self) -> Vec<(Vec<String>, Option<Light>)> {
        let Some(period) = &self.period else {
            return Vec::new();
        };
        let numbers: std::collections::HashMap<&str, &str> = self
            .rows()
            .map(|r| (r.key.as_str(), r.cells[0].as_str()))
            .collect();
        period
            .tasks
            .iter()
            .map(|entry| {
                let task = &entry.task;
                let changes: Vec<String> = entry
                    .changes
                    .iter()
                    .map(|c| {
                        let day = date_zh(c.at.to_zoned_datetime(period.zone.clone()).date());
                        let by = match &c.agency {
                            Some(agency) => format!("{}（{agency}）", c.by),
                            None => c.by.clone(),
                        };
                        format!("{day} {by}：{}", super::period::change_zh(c))
                    })
                    .collect();
                let cells = vec![
                    numbers
                        .get(task.key.as_str())
                        .map_or_else(|| task.number.to_string(), |n| n.to_string()),
                    task.text.clone(),
                    task.lead().to_string(),
                    status_cell(task.status, &task.reason, task.light),
                    changes.join("\n"),
                ];
                (cells, task.light)
            })
            .collect()
    }
}

/// What the report says when nothing changed in the period.
pub const NO_CHANGES: &str = "本期无进展记录。";

/// 进行中, or with the light below it: 进行中\n● 逾期; a suspended task
/// with its reason: 中止（原因：…）.
pub fn status_cell(status: Status, reason: &str, light: Option<Light>) -> String {
    let word = if status == Status::Suspended && !reason.is_empty() {
        format!("{}（原因：{reason}）", status_zh(status))
    } else {
        status_zh(status).to_string()
    };
    match light {
        Some(light) => format!("{word}\n{} {}", light.symbol(), super::light_zh(light)),
        None => word,
    }
}

/// The office report of one agency (`options.agency`, any of its names) or
/// of every loaded plan by part and group, listing the tasks in
/// `options.statuses` (all when empty) with their lights on `options.day`,
/// as of `today`. `options.by` does not apply.
pub fn office(
    catalog: &Catalog,
    progress: &Progress,
    registry: &Registry,
    options: &Options,
    today: Date,
) -> Result<OfficeReport, ReportError> {
    let (agency, statuses) = (options.agency.as_deref(), options.statuses.as_slice());
    let plan_title = match catalog.plans.as_slice() {
        [only] => format!("《{}》", only.title),
        _ => "工作计划".to_string(),
    };
    // Suspended tasks go to a sheet of their own, with their reasons.
    let wanted = |t: &usize| {
        let status = progress.status(&catalog.key(*t));
        status.counts() && (statuses.is_empty() || statuses.contains(&status))
    };
    let with_suspended = statuses.is_empty() || statuses.contains(&Status::Suspended);
    let suspended_sheet = |tasks: &mut dyn Iterator<Item = usize>, only: Option<&str>| {
        let rows: Vec<Row> = tasks
            .filter(|&t| with_suspended && progress.status(&catalog.key(t)) == Status::Suspended)
            .map(|t| row(catalog, progress, registry, t, only, options.day))
            .collect();
        (!rows.is_empty()).then(|| Sheet {
            name: "中止任务".to_string(),
            blocks: vec![Block {
                heading: Some("以下任务已中止，不计入完成情况".to_string()),
                rows,
            }],
        })
    };
    let block = |heading: Option<String>,
                 tasks: &mut dyn Iterator<Item = usize>,
                 only: Option<&str>| Block {
        heading,
        rows: tasks
            .filter(wanted)
            .map(|t| row(catalog, progress, registry, t, only, options.day))
            .collect(),
    };
    let dated = format!("（截至{}）", date_zh(today));

    if let Some(query) = agency {
        let roster = roster::roster(catalog, registry);
        let found = roster::find(&roster, registry, query).map_err(|suggestions| {
            ReportError::NoSuchAgency {
                query: query.to_string(),
                suggestions,
            }
        })?;
        let name = registry
            .resolve(&found.name)
            .map_or(found.name.clone(), |a| a.full.clone());
        let own = registry.canonical(&found.name).to_string();
        let sheets = [
            ("牵头任务", &found.lead, None),
            ("参与任务", &found.participating, Some(own.as_str())),
        ]
        .into_iter()
        .map(|(title, tasks, only)| Sheet {
            name: title.to_string(),
            blocks: vec![block(None, &mut tasks.iter().copied(), only)],
        })
        .filter(|s| s.blocks.iter().any(|b| !b.rows.is_empty()))
        .chain(suspended_sheet(
            &mut found.tasks().map(|(t, _)| t),
            Some(own.as_str()),
        ))
        .collect();
        return Ok(OfficeReport {
            title: format!("{name}关于{plan_title}落实情况的报告{dated}"),
            date: today,
            sheets,
            period: None,
        });
    }

    let mut sheets = Vec::new();
    for plan in &catalog.plans {
        if !plan.loose_tasks.is_empty() {
            sheets.push(Sheet {
                name: plan.title.clone(),
                blocks: vec![block(None, &mut plan.loose_tasks.clone(), None)],
            });
        }
        for &part in &plan.top_sections {
            let section = &catalog.sections[part];
            let mut blocks = vec![block(None, &mut section.own_tasks.clone(), None)];
            for &group in &section.children {
                let group = &catalog.sections[group];
                blocks.push(block(
                    Some(group.heading()),
                    &mut group.all_tasks.clone(),
                    None,
                ));
            }
            blocks.retain(|b| !b.rows.is_empty());
            if !blocks.is_empty() {
                sheets.push(Sheet {
                    name: section.heading(),
                    blocks,
                });
            }
        }
    }
    sheets.extend(suspended_sheet(&mut (0..catalog.tasks.len()), None));
    Ok(OfficeReport {
        title: format!("关于{plan_title}落实情况的报告{dated}"),
        date: today,
        sheets,
        period: None,
    })
}

/// One task's row; `only`: show this agency's entry alone, unprefixed;
/// `day`: the day its light is for.
pub fn row(
    catalog: &Catalog,
    progress: &Progress,
    registry: &Registry,
    task: usize,
    only: Option<&str>,
    day: Option<Day>,
) -> Row {
    let entry = &catalog.tasks[task];
    let key = catalog.key(task);
    let status = progress.status(&key);
    let names = |role: Role| -> Vec<&str> {
        entry
            .task
            .agencies
            .iter()
            .filter(|a| a.role == role)
            .map(|a| &*a.name)
            .collect()
    };
    let mut participants = names(Role::Participating).join("、");
    if let Some(others) = &entry.task.extra().others {
        if !participants.is_empty() {
            participants.push('，');
        }
        participants.push_str(others);
    }
    // The order entries are compiled in: the plan's agencies as listed (the
    // lead first), then anyone else who reported.
    let order: Vec<String> = entry
        .task
        .agencies
        .iter()
        .map(|a| registry.canonical(&a.name).to_string())
        .collect();
    let mut feedback = progress.feedback(&key);
    feedback.retain(|f| only.is_none_or(|own| f.agency == own));
    feedback.sort_by_key(|f| {
        order
            .iter()
            .position(|a| a == f.agency)
            .unwrap_or(usize::MAX)
    });
    let prefix = |agency: &str, text: &str| {
        if only.is_some() {
            text.to_string()
        } else {
            format!("{agency}：{text}")
        }
    };
    let mut progress_text: Vec<String> = feedback
        .iter()
        .map(|f| prefix(f.agency, &f.entry.progress))
        .collect();
    if progress_text.is_empty() && !progress.note(&key).is_empty() {
        progress_text.push(progress.note(&key).to_string());
    }
    let problems_next: Vec<String> = feedback
        .iter()
        .filter(|f| !f.entry.problems.is_empty() || !f.entry.next.is_empty())
        .map(|f| {
            let mut parts = Vec::new();
            if !f.entry.problems.is_empty() {
                parts.push(format!("存在问题：{}", f.entry.problems));
            }
            if !f.entry.next.is_empty() {
                parts.push(format!("下一步：{}", f.entry.next));
            }
            prefix(f.agency, &parts.join("\n"))
        })
        .collect();
    let plan = &catalog.plans[entry.plan];
    let limit = crate::deadline::limit_of(plan, &entry.task, progress.get(&key));
    let light = day.and_then(|day| {
        let start = crate::deadline::plan_start(plan);
        let date = limit.as_ref().and_then(|l| l.date);
        day.rules.light(status, date, start, day.today)
    });
    Row {
        key: key.to_string(),
        cells: [
            entry
                .task
                .extra()
                .written_number
                .clone()
                .unwrap_or_else(|| key.number.to_string()),
            entry.task.text.to_string(),
            names(Role::Lead).join("、"),
            participants,
            limit
                .map(|l| super::limit_zh(l.source, l.written.as_deref(), l.date))
                .unwrap_or_default(),
            progress_text.join("\n"),
            problems_next.join("\n"),
            status_cell(status, progress.reason(&key), light),
        ],
        status,
        light,
    }
}

/// The report as Markdown: the title, then a table per part and group,
/// then 本期进展. Line breaks inside a cell become `<br>`.
pub fn markdown(report: &OfficeReport) -> String {
    let mut text = format!("# {}\n", report.title);
    let table = |text: &mut String, columns: &[&str], rows: &mut dyn Iterator<Item = &[String]>| {
        text.push_str(&format!("\n| {} |\n", columns.join(" | ")));
        text.push_str(&format!("|{}\n", "---|".repeat(columns.len())));
        for row in rows {
            let cells: Vec<String> = row
                .iter()
                .map(|cell| {
                    cell.split('\n')
                        .map(super::markdown::cell)
                        .collect::<Vec<_>>()
                        .join("<br>")
                })
                .collect();
            text.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
    };
    for sheet in &report.sheets {
        text.push_str(&format!("\n## {}\n", sheet.name));
        for block in &sheet.blocks {
            if let Some(heading) = &block.heading {
                text.push_str(&format!("\n### {heading}\n"));
            }
            table(
                &mut text,
                &COLUMNS,
                &mut block.rows.iter().map(|r| r.cells.as_slice()),
            );
        }
    }
    if let Some(heading) = report.period_heading() {
        text.push_str(&format!("\n## {heading}\n"));
        let rows = report.period_rows();
        if rows.is_empty() {
            text.push_str(&format!("\n{NO_CHANGES}\n"));
        } else {
            table(
                &mut text,
                &PERIOD_COLUMNS,
                &mut rows.iter().map(|(cells, _)| cells.as_slice()),
            );
        }
    }
    text
}

/// The rows as cells: the title row, then for each part and group a row with
/// its heading alone, the column headings, and the tasks; then 本期进展 the
/// same way. Line breaks stay inside their cells.
pub fn table(report: &OfficeReport) -> Vec<Vec<String>> {
    let mut rows = vec![vec![report.title.clone()]];
    for sheet in &report.sheets {
        rows.push(vec![sheet.name.clone()]);
        for block in &sheet.blocks {
            if let Some(heading) = &block.heading {
                rows.push(vec![heading.clone()]);
            }
            rows.push(COLUMNS.map(String::from).to_vec());
            rows.extend(block.rows.iter().map(|r| r.cells.to_vec()));
        }
    }
    if let Some(heading) = report.period_heading() {
        rows.push(vec![heading]);
        let changed = report.period_rows();
        if changed.is_empty() {
            rows.push(vec![NO_CHANGES.to_string()]);
        } else {
            rows.push(PERIOD_COLUMNS.map(String::from).to_vec());
            rows.extend(changed.into_iter().map(|(cells, _)| cells));
        }
    }
    rows
}

/// The report as CSV, the rows of [`table`]; cells that a spreadsheet would
/// run as a formula are defused.
pub fn csv(report: &OfficeReport, bom: bool) -> String {
    let mut writer = ::csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    for row in table(report) {
        let row: Vec<String> = row.iter().map(|c| super::csv::defuse(c)).collect();
        // Writing to memory cannot fail.
        let _ = writer.write_record(&row);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    let text = String::from_utf8(bytes).unwrap_or_default();
    if bom {
        format!("{}{text}", super::csv::BOM)
    } else {
        text
    }
}

/// Tab-separated rows, what Word, WPS and Excel make a table of when
/// pasted: a cell's line breaks and tabs become spaces, since a paste has
/// no quoting.
pub fn tab_separated(report: &OfficeReport) -> String {
    rows_tab_separated(&table(report))
}

/// Rows as tab-separated lines (see [`tab_separated`]).
pub fn rows_tab_separated(rows: &[Vec<String>]) -> String {
    let mut text = String::new();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .map(|c| c.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        text.push_str(&cells.join("\t"));
        text.push('\n');
    }
    text
}

/// A row of a table below its header, as Word and Excel lay it out: a
/// heading spanning the table, or cells with the light of the status cell.
pub enum TableRow<'a> {
    Heading(&'a str),
    Cells(&'a [String], Option<Light>),
}

/// One sheet's rows below its header, as [`TableRow`]s.
pub fn sheet_table(sheet: &Sheet) -> Vec<TableRow<'_>> {
    let mut rows = Vec::new();
    for block in &sheet.blocks {
        if let Some(heading) = &block.heading {
            rows.push(TableRow::Heading(heading));
        }
        rows.extend(
            block
                .rows
                .iter()
                .map(|r| TableRow::Cells(&r.cells, r.light)),
        );
    }
    rows
}

/// The rows of [`OfficeReport::period_rows`] as [`TableRow`]s.
pub fn period_table(rows: &[(Vec<String>, Option<Light>)]) -> Vec<TableRow<'_>> {
    rows.iter()
        .map(|(cells, light)| TableRow::Cells(cells, *light))
        .collect()
}

/// One sheet's rows below its header: a group's heading alone on its row,
/// then the group's tasks. What Word and Excel show under the header row.
pub fn sheet_rows(sheet: &Sheet) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for block in &sheet.blocks {
        if let Some(heading) = &block.heading {
            rows.push(vec![heading.clone()]);
        }
        rows.extend(block.rows.iter().map(|r| r.cells.to_vec()));
    }
    rows
}
