//! The report as Markdown, in the words of a Chinese progress report: a
//! title, the date, numbered headings (一、二、…) and tables that GitHub,
//! VS Code, Typora and the like render as tables. Meant to be pasted into
//! the office's weekly report as it is.

use super::{Counts, Report, TaskOut, date_zh, status_zh, task_label};
use crate::deadline::Light;
use crate::import::han_numeral;
use std::fmt::Write;

pub fn render(report: &Report) -> String {
    let mut doc = Doc::default();
    doc.line(&format!("# {}", report.title));
    doc.blank();
    doc.line(&format!("报告日期：{}", date_zh(report.date)));
    if report.plans.len() > 1 {
        let titles: Vec<String> = report
            .plans
            .iter()
            .map(|p| format!("《{}》", p.title))
            .collect();
        doc.blank();
        doc.line(&format!("涉及计划：{}", titles.join("、")));
    }
    match &report.agency {
        Some(agency) => {
            doc.heading("总体进展");
            doc.line(&tally_sentence("牵头任务", &agency.progress.lead));
            doc.blank();
            doc.line(&tally_sentence("参与任务", &agency.progress.participating));
            doc.heading(&list_heading(
                "牵头任务",
                agency.progress.lead.total,
                agency.lead_tasks.len(),
                report,
            ));
            doc.tasks(report, &agency.lead_tasks, false);
            doc.heading(&list_heading(
                "参与任务",
                agency.progress.participating.total,
                agency.participating_tasks.len(),
                report,
            ));
            doc.tasks(report, &agency.participating_tasks, true);
        }
        None => {
            doc.heading("总体进展");
            doc.line(&tally_sentence("全部任务", &report.overall));
            for list in &report.light_lists {
                let what = match list.light {
                    Light::Red => "逾期任务",
                    Light::Yellow => "临近时限或滞后任务",
                    Light::Green => "正常推进任务",
                };
                doc.heading(&format!(
                    "{} {what}（{}项）",
                    list.light.symbol(),
                    list.tasks.len()
                ));
                doc.list(report, &list.tasks);
            }
            if !report.parts.is_empty() {
                doc.heading("分部分进展");
                parts(&mut doc, report);
            }
            if !report.agencies.is_empty() {
                doc.heading("各部门进展");
                agencies(&mut doc, report);
            }
            for list in &report.task_lists {
                doc.heading(&format!(
                    "{}任务（{}项）",
                    status_zh(list.status),
                    list.tasks.len()
                ));
                doc.list(report, &list.tasks);
            }
        }
    }
    if !report.suspended.is_empty() {
        doc.heading(&format!(
            "中止任务（{}项，不计入完成情况）",
            report.suspended.len()
        ));
        doc.suspended(report, &report.suspended);
    }
    if let Some(period) = &report.period {
        doc.heading(&super::period::heading(period, report.date));
        doc.period(report, period);
    }
    doc.text
}

/// 2020年9月30日 ● 逾期, or with the plan's words; empty without a limit.
fn limit_cell(task: &TaskOut) -> String {
    let Some(limit) = &task.time_limit else {
        return String::new();
    };
    let mut text = super::limit_zh(limit.source, limit.written.as_deref(), limit.date);
    if let Some(light) = task.light {
        text = format!("{} {} {text}", light.symbol(), super::light_zh(light));
    }
    cell(&text)
}

/// 张三 2020年6月3日: who changed the task last, and when (the day where
/// the report's readers are).
fn updated_cell(report: &Report, task: &TaskOut) -> String {
    match &task.last_updated {
        Some(u) => cell(&format!(
            "{} {}",
            u.by,
            date_zh(u.at.to_zoned_datetime(report.zone.clone()).date())
        )),
        None => "—".to_string(),
    }
}

/// 全部任务100项：已完成3项（3%），进行中2项，受阻1项，未开始94项。
/// Suspended tasks are not among them: 另有2项中止，不计入。
fn tally_sentence(what: &str, counts: &Counts) -> String {
    let mut sentence = format!(
        "{what}{}项：已完成{}项（{}%），进行中{}项，受阻{}项，未开始{}项。",
        counts.total,
        counts.done,
        counts.percent_done(),
        counts.in_progress,
        counts.blocked,
        counts.not_started
    );
    if counts.suspended > 0 {
        let _ = write!(sentence, "另有{}项中止，不计入。", counts.suspended);
    }
    sentence
}

/// 牵头任务（35项）, or with a status filter 牵头任务（共35项，列出受阻1项）.
fn list_heading(what: &str, total: usize, listed: usize, report: &Report) -> String {
    let statuses = listed_statuses(report);
    if statuses.is_empty() {
        format!("{what}（{total}项）")
    } else {
        format!("{what}（共{total}项，列出{statuses}{listed}项）")
    }
}

/// The statuses an agency report was filtered to, as words (empty: all).
fn listed_statuses(report: &Report) -> String {
    let words: Vec<&str> = report.listed.iter().map(|&s| status_zh(s)).collect();
    words.join("、")
}

fn parts(doc: &mut Doc, report: &Report) {
    let mut plan = None;
    for row in &report.parts {
        if plan != Some(&row.plan) {
            if plan.is_some() {
                doc.blank();
            }
            if report.plans.len() > 1
                && let Some(info) = report.plans.iter().find(|p| p.id == row.plan)
            {
                doc.line(&format!("### 《{}》", info.title));
                doc.blank();
            }
            doc.header(
                &["部分", "完成/总数", "完成率", "进行中", "受阻", "未开始"],
                1,
            );
            plan = Some(&row.plan);
        }
        // A full-width space per level: viewers trim ASCII spaces in cells, not this.
        // (Added after escaping, which would fold it away as whitespace.)
        let heading = format!("{}{}", "\u{3000}".repeat(row.depth), cell(&row.heading));
        let c = &row.counts;
        doc.row(&[
            heading,
            format!("{}/{}", c.done, c.total),
            format!("{}%", c.percent_done()),
            c.in_progress.to_string(),
            c.blocked.to_string(),
            c.not_started.to_string(),
        ]);
    }
}

fn agencies(doc: &mut Doc, report: &Report) {
    doc.header(
        &["部门", "牵头完成/总数", "参与完成/总数", "进行中", "受阻"],
        1,
    );
    for agency in &report.agencies {
        let (lead, part) = (&agency.lead, &agency.participating);
        doc.row(&[
            cell(&agency.name),
            format!("{}/{}", lead.done, lead.total),
            format!("{}/{}", part.done, part.total),
            (lead.in_progress + part.in_progress).to_string(),
            (lead.blocked + part.blocked).to_string(),
        ]);
    }
}

/// One cell's text: on one line, with the characters that would end the
/// cell or start emphasis escaped.
pub fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            if matches!(c, '\\' | '|' | '*' | '_' | '`' | '<' | '>') {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// The text being written, with the counter for numbered headings.
#[derive(Default)]
struct Doc {
    text: String,
    headings: u32,
}

impl Doc {
    fn line(&mut self, line: &str) {
        self.text.push_str(line);
        self.text.push('\n');
    }

    fn blank(&mut self) {
        self.text.push('\n');
    }

    /// `## 二、分部分进展`, numbered as a Chinese report numbers its parts.
    fn heading(&mut self, title: &str) {
        self.headings += 1;
        let number = han_numeral(self.headings);
        self.blank();
        self.line(&format!("## {number}、{title}"));
        self.blank();
    }

    /// The header row; columns from `first_number` on are right-aligned.
    fn header(&mut self, names: &[&str], first_number: usize) {
        self.line(&format!("| {} |", names.join(" | ")));
        let rule: Vec<&str> = (0..names.len())
            .map(|i| if i < first_number { "---" } else { "---:" })
            .collect();
        self.line(&format!("| {} |", rule.join(" | ")));
    }

    fn row(&mut self, cells: &[String]) {
        let _ = write!(self.text, "| {} |", cells.join(" | "));
        self.text.push('\n');
    }

    /// Tasks of one status: number, text, agencies, note.
    fn list(&mut self, report: &Report, tasks: &[TaskOut]) {
        if tasks.is_empty() {
            self.line("无。");
            return;
        }
        self.header(
            &[
                "序号",
                "任务",
                "牵头部门",
                "参与部门",
                "备注",
                "完成时限",
                "最近更新",
            ],
            7,
        );
        for task in tasks {
            self.row(&[
                task_label(report, task),
                cell(&task.text),
                cell(task.lead()),
                cell(&task.participating().join("、")),
                cell(&task.note),
                limit_cell(task),
                updated_cell(report, task),
            ]);
        }
    }

    /// Suspended tasks, apart: number, text, lead, the reason, who
    /// suspended it and when.
    fn suspended(&mut self, report: &Report, tasks: &[TaskOut]) {
        self.header(&["序号", "任务", "牵头部门", "中止原因", "最近更新"], 5);
        for task in tasks {
            self.row(&[
                task_label(report, task),
                cell(&task.text),
                cell(task.lead()),
                cell(&task.reason),
                updated_cell(report, task),
            ]);
        }
    }

    /// 本期进展: each task changed in the period, its state at the end of
    /// it, and every change with who and when.
    fn period(&mut self, report: &Report, period: &super::Period) {
        if period.tasks.is_empty() {
            self.line(super::office::NO_CHANGES);
            return;
        }
        let header = super::period::header(period);
        self.header(&header.each_ref().map(String::as_str), 6);
        for row in super::period::rows(report, period) {
            self.row(&row.map(|text| cell(&text)));
        }
    }

    /// One agency's tasks with their status; participating tasks also say
    /// who leads them.
    fn tasks(&mut self, report: &Report, tasks: &[TaskOut], with_lead: bool) {
        if tasks.is_empty() {
            self.line("无。");
            return;
        }
        if with_lead {
            self.header(
                &[
                    "序号",
                    "任务",
                    "牵头部门",
                    "状态",
                    "备注",
                    "完成时限",
                    "最近更新",
                ],
                7,
            );
        } else {
            self.header(&["序号", "任务", "状态", "备注", "完成时限", "最近更新"], 6);
        }
        for task in tasks {
            let mut cells = vec![task_label(report, task), cell(&task.text)];
            if with_lead {
                cells.push(cell(task.lead()));
            }
            cells.push(status_zh(task.status).to_string());
            cells.push(cell(&task.note));
            cells.push(limit_cell(task));
            cells.push(updated_cell(report, task));
            self.row(&cells);
        }
    }
}
