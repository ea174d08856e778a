//! Importer: the text of an official work plan → a [`Plan`], with a report of
//! every repair made and every doubt left, by line.
//!
//! The genre: a title (one or two lines), often a notice header and a line of
//! addressees ending in ：, preamble paragraphs, then parts `一、…`, groups
//! `（一）…` and tasks `1. …（知识产权局、教育部负责）`; or measures numbered
//! `（一）…` / `一、…` that carry the agency list themselves.
//!
//! How the text is read:
//! 1. [`lines`]: one paragraph per non-blank line, with line-wrap spaces
//!    removed and ASCII punctuation written full-width (policy in that module).
//! 2. [`meta`]: title, issuer, date, document number and addressees before the
//!    first numbered paragraph; footer, publication note, date and signature
//!    after the last.
//! 3. [`build`]: a numbered paragraph starts an item, an unnumbered one
//!    continues the unfinished item before it. An item ending in an agency
//!    parenthesis is a task; a short one without is a heading at its
//!    marker's level (marker kinds nest in order of first appearance); a long
//!    one without is kept as text and reported.
//!
//! Nothing is dropped silently: every paragraph ends up in a task, a heading,
//! section text, the preamble, the plan's metadata, or the report.

mod agencies;
mod build;
pub mod corrections;
pub mod decode;
pub mod hant;
mod html;
mod lines;
mod markers;
mod office;
pub mod table;

pub use markers::han_numeral;
mod meta;
mod report;

pub use build::Coverage;
pub use report::{Finding, Place, Report, Said};
// Reports number their own headings the way plans do.

use crate::model::{FORMAT_VERSION, Plan};
use lines::Para;

/// A plan read from text, and what the reading changed or doubted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub plan: Plan,
    pub report: Report,
    pub coverage: Coverage,
}

impl Imported {
    /// Every numbered measure became a task: nothing that reads as a
    /// measure was left without its agencies.
    pub fn is_complete(&self) -> bool {
        self.coverage.without_list.is_empty()
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ImportError {
    #[error("the text is empty: there is nothing to import")]
    Empty,
    #[error(
        "no tasks found in {paragraphs} paragraphs: this document assigns no agencies. A task is a paragraph (usually numbered 1. …, （一）…, 一、…) with its agency list, such as （知识产权局负责）, （牵头单位：商务部；参与单位：财政部） or （教育部牵头，科技部参与）, or a row of a 分工 table with 牵头单位; is this the text of a work plan?"
    )]
    NoTasks { paragraphs: usize },
    #[error("{0}")]
    Read(#[from] decode::ReadError),
    #[error(
        "plan id {0:?} cannot be used: it keys every task as ID:NUMBER, so it must be non-empty without spaces or ':' (e.g. 2020-ip-strategy)"
    )]
    BadPlanId(String),
}

/// Shared state of one import: the report, and the one finding that sums up
/// the punctuation policy instead of repeating it on every line.
pub(crate) struct Ctx {
    pub report: Report,
    punctuation_lines: Vec<usize>,
    punctuation_marks: usize,
}

impl Ctx {
    fn new() -> Self {
        Self {
            report: Report::default(),
            punctuation_lines: Vec::new(),
            punctuation_marks: 0,
        }
    }

    /// Records the cleaning of a paragraph whose text the plan keeps.
    pub fn keep(&mut self, para: &Para) {
        let notes = para.notes;
        if notes.spaces > 0 {
            self.report.repair(para.line, Said::Spaces(notes.spaces));
        }
        if notes.digits > 0 {
            self.report
                .repair(para.line, Said::FullWidthDigits(notes.digits));
        }
        if notes.guillemets > 0 {
            self.report.repair(para.line, Said::Guillemets);
        }
        if notes.punctuation > 0 {
            self.punctuation_lines.push(para.line);
            self.punctuation_marks += notes.punctuation;
        }
    }

    fn finish(mut self) -> Report {
        if let Some(&first) = self.punctuation_lines.iter().min() {
            self.report.repair(
                first,
                Said::AsciiPunctuation {
                    marks: self.punctuation_marks,
                    lines: self.punctuation_lines.len(),
                },
            );
        }
        self.report.sort();
        self.report
    }
}

/// How the document was read, for the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    pub format: decode::Format,
    /// The text encoding, for text formats.
    pub encoding: Option<&'static str>,
    /// 分工 tables read as tasks.
    pub task_tables: usize,
}

impl std::fmt::Display for Reading {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "read as {}", self.format.name())?;
        if let Some(encoding) = self.encoding {
            write!(f, ", {encoding}")?;
        }
        if self.task_tables > 0 {
            let s = if self.task_tables == 1 { "" } else { "s" };
            write!(
                f,
                "; {} 分工 table{s} read by its header names, one report line per row",
                self.task_tables
            )?;
        }
        Ok(())
    }
}

/// Imports a document as it comes: the bytes of a text, HTML, CSV/TSV,
/// Markdown, .docx or .xlsx file; `name` (the file name) is a hint.
pub fn import_document(
    bytes: &[u8],
    name: Option<&str>,
    plan_id: &str,
) -> Result<(Imported, Reading), ImportError> {
    use decode::Format;
    let format = decode::sniff(bytes)?;
    let (blocks, format, encoding) = match format {
        Format::Docx => (office::docx(bytes)?, format, None),
        Format::Xlsx => (office::xlsx(bytes)?, format, None),
        _ => {
            let decoded = decode::decode(bytes)?;
            let text = decoded.text;
            let format = decode::text_format(&text, name);
            let blocks = match format {
                Format::Html => html::blocks(&text),
                Format::Csv => table::delimited(&text, b',')?,
                Format::Tsv => table::delimited(&text, b'\t')?,
                Format::Markdown => table::markdown(&text),
                _ => {
                    let imported = import_text(&text, plan_id)?;
                    let reading = Reading {
                        format,
                        encoding: Some(decoded.encoding),
                        task_tables: 0,
                    };
                    return Ok((imported, reading));
                }
            };
            (blocks, format, Some(decoded.encoding))
        }
    };
    let (text, unassigned, task_tables) = table::to_text(&blocks);
    let mut imported = import_text(&text, plan_id)?;
    imported.coverage.without_list.extend(unassigned);
    imported.coverage.without_list.sort();
    Ok((
        imported,
        Reading {
            format,
            encoding,
            task_tables,
        },
    ))
}

/// A text in which one Chinese character in twenty (and at least two) is a
/// traditional form is read through its simplified forms: in a traditional
/// text about one in three is, and a simplified text quoting a name in
/// traditional characters stays far below.
const TRADITIONAL_MIN: usize = 2;

/// Imports the text of a work plan. Never panics; fails only when the text
/// holds no task at all or the plan id is unusable. A text in traditional
/// characters is read through its simplified forms and kept as written.
pub fn import_text(text: &str, plan_id: &str) -> Result<Imported, ImportError> {
    let traditional = hant::traditional_count(text);
    let cjk = text.chars().filter(|c| lines::is_cjk(*c)).count();
    if traditional < TRADITIONAL_MIN || traditional * 20 < cjk {
        return import_simplified(text, plan_id);
    }
    let restorer = hant::Restorer::new(text);
    let mut imported = import_simplified(&hant::simplified(text), plan_id)?;
    map_strings(&mut imported.plan, &|s| restorer.restore(s));
    imported.report.note(
        1,
        Said::Traditional {
            count: traditional,
            ambiguous: restorer.ambiguous.iter().collect(),
        },
    );
    imported.report.sort();
    Ok(imported)
}

/// Every text of a plan, rewritten by `f` (names, titles, texts, lists).
fn map_strings(plan: &mut Plan, f: &dyn Fn(&str) -> String) {
    fn task(t: &mut crate::model::Task, f: &dyn Fn(&str) -> String) {
        t.text = f(&t.text).into();
        t.responsibility = f(&t.responsibility);
        for a in &mut t.agencies {
            a.name = f(&a.name).into();
        }
        let mut extra = t.extra().clone();
        extra.others = extra.others.as_deref().map(f);
        extra.scope = extra.scope.as_deref().map(f);
        if let Some(limit) = &mut extra.time_limit {
            limit.written = f(&limit.written);
        }
        for l in &mut extra.lists {
            l.text = f(&l.text);
            l.responsibility = f(&l.responsibility);
            for a in &mut l.agencies {
                *a = f(a);
            }
        }
        t.set_extra(extra);
    }
    fn section(s: &mut crate::model::Section, f: &dyn Fn(&str) -> String) {
        s.title = f(&s.title);
        for p in &mut s.paragraphs {
            *p = f(p);
        }
        for t in &mut s.tasks {
            task(t, f);
        }
        for c in &mut s.sections {
            section(c, f);
        }
    }
    plan.title = f(&plan.title);
    plan.issuer = plan.issuer.as_deref().map(f);
    plan.document_number = plan.document_number.as_deref().map(f);
    plan.lead_rule = plan.lead_rule.as_deref().map(f);
    for a in &mut plan.addressees {
        *a = f(a);
    }
    for p in &mut plan.preamble {
        *p = f(p);
    }
    for t in &mut plan.tasks {
        task(t, f);
    }
    for s in &mut plan.sections {
        section(s, f);
    }
}

fn import_simplified(text: &str, plan_id: &str) -> Result<Imported, ImportError> {
    if plan_id.is_empty() || plan_id.contains(|c: char| c == ':' || c.is_whitespace()) {
        return Err(ImportError::BadPlanId(plan_id.to_string()));
    }
    let (paras, cleaning) = lines::paragraphs(text);
    if paras.is_empty() {
        return Err(ImportError::Empty);
    }
    let mut ctx = Ctx::new();
    for (line, message) in cleaning {
        ctx.report.repair(line, message);
    }
    let (mut meta, body_start) = meta::read_head(&paras, &mut ctx);
    let body_end = meta::read_tail(&paras, body_start, &mut meta, &mut ctx);
    let body = build::build(
        paras.get(body_start..body_end).unwrap_or_default(),
        &mut ctx,
    );
    let coverage = body.coverage;
    let plan = Plan {
        format_version: FORMAT_VERSION,
        id: plan_id.to_string(),
        title: meta.title,
        issuer: meta.issuer,
        issued: meta.issued,
        document_number: meta.document_number,
        addressees: meta.addressees,
        lead_rule: body.lead_rule,
        preamble: meta
            .preamble
            .into_iter()
            .chain(body.loose_paragraphs)
            .collect(),
        tasks: body.tasks,
        sections: body.sections,
    };
    if plan.task_count() == 0 {
        return Err(ImportError::NoTasks {
            paragraphs: paras.len(),
        });
    }
    let mut plan = plan;
    if plan.title.is_empty() {
        let line = paras.first().map_or(1, |p| p.line);
        ctx.report.doubt(
            line,
            Said::NoTitle {
                plan_id: plan_id.to_string(),
            },
        );
        plan.title = plan_id.to_string();
    }
    Ok(Imported {
        plan,
        report: ctx.finish(),
        coverage,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Task;

    fn import(text: &str) -> Imported {
        match import_text(text, "t") {
            Ok(imported) => imported,
            Err(e) => panic!("{e}\n{text}"),
        }
    }

    fn tasks(plan: &Plan) -> Vec<&Task> {
        plan.walk().into_iter().map(|(_, t)| t).collect()
    }

    fn names(task: &Task) -> Vec<&str> {
        task.agencies.iter().map(|a| &*a.name).collect()
    }

    /// No doubt but the registry's about the invented agencies (甲部, 乙厅).
    fn only_unregistered(report: &Report) -> bool {
        report
            .doubts
            .iter()
            .all(|d| d.message().contains("not in the agency registry"))
    }

    fn repaired(report: &Report, line: usize, needle: &str) -> bool {
        report
            .repairs
            .iter()
            .any(|f| f.line == line && f.message().contains(needle))
    }

    fn doubted(report: &Report, line: usize, needle: &str) -> bool {
        report
            .doubts
            .iter()
            .any(|f| f.line == line && f.message().contains(needle))
    }

    #[test]
    fn another_year_notice_with_full_width_and_dun_numbers() {
        let text = "\
某省知识产权局关于印发《2021年知识产权强省推进计划》的通知

甲厅、乙厅、丙局：

现将《2021年知识产权强省推进计划》印发给你们，请认真贯彻执行。

2021年知识产权强省推进计划

一、强化保护

（一）完善制度

1．修订条例。（甲厅负责）

2、制定办法。（乙厅、甲厅负责）

二、促进运用

3．开展试点。（丙局、乙厅按职责分别负责）

上述任务中，列第一位的为牵头单位。

2021年4月1日
";
        let Imported { plan, report, .. } = import(text);
        assert_eq!(plan.title, "2021年知识产权强省推进计划");
        assert_eq!(plan.issuer.as_deref(), Some("某省知识产权局"));
        assert_eq!(plan.issued.as_deref(), Some("2021-04-01"));
        assert_eq!(plan.addressees, ["甲厅", "乙厅", "丙局"]);
        assert_eq!(plan.preamble.len(), 1);
        assert_eq!(
            plan.lead_rule.as_deref(),
            Some("上述任务中，列第一位的为牵头单位。")
        );
        assert_eq!(plan.sections.len(), 2);
        assert_eq!(plan.sections[0].sections[0].tasks.len(), 2);
        // A part without groups holds its task directly.
        assert_eq!(plan.sections[1].tasks[0].number, 3);
        let all = tasks(&plan);
        assert_eq!(names(all[1]), ["乙厅", "甲厅"]);
        assert!(all[2].per_remit);
        assert!(only_unregistered(&report), "{report}");
    }

    #[test]
    fn measures_numbered_yi_directly_under_parts() {
        let text = "\
国务院关于做好某项工作的意见
国发〔2021〕5号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
为做好某项工作，现提出以下意见。
一、总体要求
（一）指导思想。以新时代中国特色社会主义思想为指导，全面贯彻有关会议精神，坚持稳中求进，推动工作迈上新台阶。
二、重点任务
（二）加强甲工作。做好甲工作的各个环节。（甲部、乙部负责。列第一位者为牵头单位，下同）
（三）加强乙工作。做好乙工作。（乙部会同有关部门负责）
三、保障措施
（四）强化落实。抓好落实。（各省级人民政府负责）
各地区要认真贯彻落实。
国务院
2021年3月2日
（此件公开发布）
";
        let Imported { plan, report, .. } = import(text);
        assert_eq!(plan.document_number.as_deref(), Some("国发〔2021〕5号"));
        assert_eq!(plan.issuer.as_deref(), Some("国务院"));
        assert_eq!(plan.issued.as_deref(), Some("2021-03-02"));
        assert_eq!(
            plan.lead_rule.as_deref(),
            Some("列第一位者为牵头单位，下同")
        );
        let all = tasks(&plan);
        let numbers: Vec<u32> = all.iter().map(|t| t.number).collect();
        assert_eq!(numbers, [2, 3, 4]);
        assert_eq!(all[0].text, "加强甲工作。做好甲工作的各个环节。");
        assert_eq!(all[1].extra().others.as_deref(), Some("会同有关部门"));
        assert!(all[2].agencies.is_empty());
        assert_eq!(plan.sections[1].tasks.len(), 2);
        assert!(plan.sections[0].paragraphs[0].starts_with("（一）指导思想。"));
        assert!(doubted(&report, 6, "too long for a heading"));
        assert!(doubted(&report, 5, "has no tasks"));
        assert!(doubted(&report, 12, "belongs to no numbered item"));
        assert_eq!(plan.sections[2].paragraphs, ["各地区要认真贯彻落实。"]);
        assert!(repaired(&report, 15, "publication note"));
    }

    #[test]
    fn repeated_measure_numbers_are_renumbered_and_reported() {
        let text = "\
某计划
一、甲
（一）做甲。（甲部负责）
（二）做乙。（乙部负责）
二、乙
（一）做丙。（丙部负责）
";
        let Imported { plan, report, .. } = import(text);
        let numbers: Vec<u32> = tasks(&plan).iter().map(|t| t.number).collect();
        assert_eq!(numbers, [1, 2, 3]);
        assert!(doubted(&report, 6, "numbered 1 to 3"));
    }

    #[test]
    fn no_parts_at_all() {
        let Imported { plan, report, .. } =
            import("1．做甲事。（甲部负责）\n2、做乙事。（乙部、丙部按职责分工负责）\n");
        assert!(plan.sections.is_empty());
        assert_eq!(plan.tasks.len(), 2);
        assert!(plan.tasks[1].per_remit);
        assert_eq!(plan.title, "t");
        assert!(doubted(&report, 1, "no title"));
    }

    #[test]
    fn a_task_over_two_paragraphs_and_a_list_on_its_own_line() {
        let text = "\
计划
一、部分
1. 积极探索非物质文化遗产合理开发利用，推进文化创意、

设计服务与相关产业融合发展。

（文化和旅游部、 商务部负责）
2. 下一项。（商务部负责）
";
        let Imported { plan, report, .. } = import(text);
        let all = tasks(&plan);
        assert_eq!(all.len(), 2);
        assert_eq!(
            all[0].text,
            "积极探索非物质文化遗产合理开发利用，推进文化创意、设计服务与相关产业融合发展。"
        );
        assert_eq!(names(all[0]), ["文化和旅游部", "商务部"]);
        assert!(repaired(&report, 5, "joined to task 1 (line 3)"));
        assert!(repaired(&report, 7, "on a line of its own"));
        assert!(repaired(&report, 7, "removed 1 space"));
    }

    #[test]
    fn missing_opening_bracket_is_put_back() {
        let Imported { plan, report, .. } =
            import("计划\n1. 编制《纲要》。 中科院负责)\n2. 做事。（甲部负责\n");
        let all = tasks(&plan);
        assert_eq!(all[0].text, "编制《纲要》。");
        assert_eq!(all[0].responsibility, "中科院负责");
        assert_eq!(all[1].responsibility, "甲部负责");
        assert!(repaired(&report, 2, "opening bracket"));
        assert!(repaired(&report, 3, "closing bracket"));
        assert!(only_unregistered(&report), "{report}");
    }

    #[test]
    fn web_site_footer_and_header_are_dropped_and_reported() {
        let text = "\
某计划
时间:2022-01-05 作者: 来源: 浏览:12
1. 做事。（甲部负责）
上述任务，列第一位的部门为牵头部门。
某某信息平台
地址:某市某路1号
©某ICP备123号 版权所有
";
        let Imported { plan, report, .. } = import(text);
        assert_eq!(plan.issued.as_deref(), Some("2022-01-05"));
        assert_eq!(
            plan.lead_rule.as_deref(),
            Some("上述任务，列第一位的部门为牵头部门。")
        );
        assert!(repaired(&report, 2, "web-site header"));
        assert!(repaired(&report, 5, "lines 5, 6, 7"));
        assert!(plan.preamble.is_empty());
    }

    #[test]
    fn damaged_group_headings() {
        let text = "\
计划
一、甲部分
-)第一组
1. 做事。(甲部负责)
二) 第二组
2. 做事。(乙部负责)
";
        let Imported { plan, report, .. } = import(text);
        let groups: Vec<(&str, &str)> = plan.sections[0]
            .sections
            .iter()
            .map(|s| (s.number.as_str(), s.title.as_str()))
            .collect();
        assert_eq!(groups, [("一", "第一组"), ("二", "第二组")]);
        assert!(repaired(&report, 3, "read -） as （一）"));
        assert!(repaired(&report, 5, "read 二） as （二）"));
        assert!(repaired(&report, 3, "full-width"));
    }

    #[test]
    fn wrapped_bracket_number_inside_a_task_is_not_a_heading() {
        let text = "计划\n一、部分\n（一）组\n1. 修订《规定》（一）\n\n二）。（甲部负责）\n";
        let Imported { plan, report, .. } = import(text);
        assert_eq!(plan.sections[0].sections.len(), 1);
        assert_eq!(tasks(&plan)[0].text, "修订《规定》（一）二）。");
        assert!(doubted(&report, 6, "） without its （"));
    }

    #[test]
    fn several_agency_lists_in_one_task() {
        let text = "计划\n1. 做甲。（甲部负责）做乙。（乙部、甲部负责）做丙。（丙部、丁部负责）\n";
        let Imported { plan, report, .. } = import(text);
        let task = &plan.tasks[0];
        assert_eq!(names(task), ["甲部", "乙部", "丙部", "丁部"]);
        assert_eq!(task.text, "做甲。做乙。做丙。");
        assert_eq!(
            task.responsibility,
            "甲部负责；乙部、甲部负责；丙部、丁部负责"
        );
        let lists: Vec<(&str, &str, Vec<&str>)> = task
            .extra()
            .lists
            .iter()
            .map(|l| {
                (
                    l.text.as_str(),
                    l.responsibility.as_str(),
                    l.agencies.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(
            lists,
            [
                ("做甲。", "甲部负责", vec!["甲部"]),
                ("做乙。", "乙部、甲部负责", vec!["乙部", "甲部"]),
                ("做丙。", "丙部、丁部负责", vec!["丙部", "丁部"]),
            ]
        );
        let notes: Vec<&Finding> = report
            .notes
            .iter()
            .filter(|n| n.message().contains("3 agency lists"))
            .collect();
        assert_eq!(notes.len(), 1, "{report}");
        assert!(only_unregistered(&report), "{report}");
    }

    #[test]
    fn list_endings() {
        let text = "\
计划
1. 甲。（甲部、乙部按职责分别负责）
2. 乙。（甲部、乙部按职责分工负责）
3. 丙。（甲部牵头负责）
4. 丁。（甲部会同有关部门负责）
5. 戊。（甲部等有关部门和单位负责）
6. 己。（甲部、乙部等负责）
7. 庚。（甲部、乙部等和各有关省级人民政府负责）
8. 辛。（甲部、乙部，各省级人民政府按职责分工负责）
";
        let plan = import(text).plan;
        let got: Vec<(Vec<&str>, bool, Option<&str>)> = plan
            .tasks
            .iter()
            .map(|t| (names(t), t.per_remit, t.extra().others.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                (vec!["甲部", "乙部"], true, None),
                (vec!["甲部", "乙部"], true, None),
                (vec!["甲部"], false, None),
                (vec!["甲部"], false, Some("会同有关部门")),
                (vec!["甲部"], false, Some("等有关部门和单位")),
                (vec!["甲部", "乙部"], false, Some("等")),
                (vec!["甲部", "乙部"], false, Some("等和各有关省级人民政府")),
                (vec!["甲部", "乙部"], true, Some("各省级人民政府")),
            ]
        );
    }

    #[test]
    fn errors_say_what_is_wrong() {
        assert_eq!(import_text("  \n\n", "t"), Err(ImportError::Empty));
        assert_eq!(
            import_text("一段没有任务的文字。\n二、标题\n", "t"),
            Err(ImportError::NoTasks { paragraphs: 2 })
        );
        assert!(matches!(
            import_text("1. 甲。（甲部负责）", "a:b"),
            Err(ImportError::BadPlanId(_))
        ));
        let message = ImportError::NoTasks { paragraphs: 3 }.to_string();
        assert!(message.contains("（知识产权局负责）"));
    }

    /// Garbage and truncated slices of the real text: any result, never a panic.
    #[test]
    fn never_panics_on_slices_and_garbage() {
        let real = include_str!("../../tests/fixtures/2020-ip-strategy-plan.txt");
        let chars: Vec<char> = real.chars().collect();
        let slice = |a: usize, b: usize| -> String {
            chars[a.min(chars.len())..b.min(chars.len())]
                .iter()
                .collect()
        };
        for cut in (0..chars.len()).step_by(97) {
            let _ = import_text(&slice(0, cut), "p");
            let _ = import_text(&slice(cut, chars.len()), "p");
            let _ = import_text(&slice(cut, cut + 400), "p");
        }
        // Pseudo-random text over the characters the importer cares about.
        let alphabet: Vec<char> = "一二三十（）()、，。.．负责等各会同按职责分别牵头部局\n \u{a0}《》«1234567890-—）:：号〔〕年月日时间©地址"
            .chars()
            .collect();
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..300 {
            let len = usize::try_from(state % 300).unwrap_or(0);
            let text: String = (0..len)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    alphabet[usize::try_from(state % alphabet.len() as u64).unwrap_or(0)]
                })
                .collect();
            let _ = import_text(&text, "p");
        }
    }
}
