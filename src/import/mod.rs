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
mod lines;
mod markers;
mod meta;
mod report;

pub use report::{Finding, Report};

use crate::model::{FORMAT_VERSION, Plan};
use lines::Para;

/// A plan read from text, and what the reading changed or doubted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub plan: Plan,
    pub report: Report,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ImportError {
    #[error("the text is empty: there is nothing to import")]
    Empty,
    #[error(
        "no tasks found in {paragraphs} paragraphs: a task is a numbered paragraph (1. …, （一）…, 一、…) that ends with its agency list, such as （知识产权局负责）; is this the text of a work plan?"
    )]
    NoTasks { paragraphs: usize },
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
            let s = if notes.spaces == 1 { "" } else { "s" };
            self.report.repair(
                para.line,
                format!(
                    "removed {} space{s} inside the text (line-wrap artefacts)",
                    notes.spaces
                ),
            );
        }
        if notes.guillemets > 0 {
            self.report.repair(para.line, "wrote « » as 《 》");
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
                format!(
                    "wrote {} ASCII marks ( ) , : ; ? ! in their full-width form （ ） ， ： ； ？ ！ on {} lines, this one first",
                    self.punctuation_marks,
                    self.punctuation_lines.len()
                ),
            );
        }
        self.report.sort();
        self.report
    }
}

/// Imports the text of a work plan. Never panics; fails only when the text
/// holds no task at all or the plan id is unusable.
pub fn import_text(text: &str, plan_id: &str) -> Result<Imported, ImportError> {
    if plan_id.is_empty() || plan_id.contains(|c: char| c == ':' || c.is_whitespace()) {
        return Err(ImportError::BadPlanId(plan_id.to_string()));
    }
    let paras = lines::paragraphs(text);
    if paras.is_empty() {
        return Err(ImportError::Empty);
    }
    let mut ctx = Ctx::new();
    let (mut meta, body_start) = meta::read_head(&paras, &mut ctx);
    let body_end = meta::read_tail(&paras, body_start, &mut meta, &mut ctx);
    let body = build::build(
        paras.get(body_start..body_end).unwrap_or_default(),
        &mut ctx,
    );
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
            format!("no title line before the first numbered item: the plan is titled {plan_id}"),
        );
        plan.title = plan_id.to_string();
    }
    Ok(Imported {
        plan,
        report: ctx.finish(),
    })
}
