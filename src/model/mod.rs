//! The plan model: a tree of sections holding numbered tasks, each with its
//! responsible agencies. Pure data, no I/O.

mod catalog;

pub use catalog::{Catalog, PlanInfo, SectionRef, TaskEntry};

// Encode/Decode: the binary form of the plan cache (`plan_cache`, which
// flattens the recursive `Plan` and `Section` itself).
use bitcode::{Decode, Encode};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The plan JSON format version this build reads and writes.
pub const FORMAT_VERSION: u32 = 2;

/// Older versions this build reads and migrates on load. Version 1 lacks the
/// task fields `time_limit`, `scope`, `lead_assumed`, `lists`,
/// `source_notes` and `written_number`; every one of them is optional, so a v1 plan reads as a v2
/// plan without them.
pub const READABLE_VERSIONS: [u32; 2] = [1, 2];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub format_version: u32,
    /// Short stable identifier, part of every task key (`2020-ip-strategy:55`).
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// Issue date as written in ISO form, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued: Option<String>,
    /// The document number (文号), e.g. 国发〔2019〕3号.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_number: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addressees: Vec<String>,
    /// The plan's own words on who leads when several agencies are listed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead_rule: Option<String>,
    /// Paragraphs before the first section (the notice, the foreword).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub preamble: Vec<String>,
    /// Tasks that sit directly under the plan, outside any section.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<Task>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// The numeral as printed, without brackets or 、 (一, 二, 十一 …).
    pub number: String,
    pub title: String,
    /// Text of the section that belongs to no task.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paragraphs: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<Task>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Encode, Decode)]
#[serde(deny_unknown_fields)]
pub struct Task {
    /// Unique within the plan; with the plan id it keys progress.
    pub number: u32,
    /// The task text without its agency parenthesis.
    pub text: String,
    /// Agencies in the order written; the first is the lead.
    #[serde(default)]
    pub agencies: Vec<AgencyRef>,
    /// The list ends in 按职责分别负责: each agency acts within its own remit.
    #[serde(default, skip_serializing_if = "is_false")]
    pub per_remit: bool,
    /// Unnamed others the list adds (等有关部门, 各省级人民政府 …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub others: Option<String>,
    /// The agency parenthesis exactly as the plan writes it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub responsibility: String,
    /// The time limit (完成时限) the plan sets for the task.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_limit: Option<TimeLimit>,
    /// Where the assignment applies (适用范围：…), as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// The plan names no lead for this task: the first agency listed was
    /// taken as the lead by the genre's rule.
    #[serde(default, skip_serializing_if = "is_false")]
    pub lead_assumed: bool,
    /// When the task carries several agency lists (one after each sentence),
    /// each list with the text it follows, in written order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lists: Vec<TaskList>,
    /// Changes made to the official wording, or damage left in it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub source_notes: Vec<SourceNote>,
    /// The number as the document writes it, when the plan numbers its
    /// tasks otherwise (numbering that restarts in each part: 二、(1)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub written_number: Option<String>,
}

/// A time limit as the plan writes it (2020年12月底前完成, 持续推进), and the
/// last day it allows when it names one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Encode, Decode)]
#[serde(deny_unknown_fields)]
pub struct TimeLimit {
    pub written: String,
    /// ISO date `YYYY-MM-DD`: the last day of the period named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

/// One of several agency lists in a task, with the sentences before it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Encode, Decode)]
#[serde(deny_unknown_fields)]
pub struct TaskList {
    /// The sentences the list follows (since the previous list).
    pub text: String,
    /// The list as written, without its brackets.
    pub responsibility: String,
    /// The agencies it names, in written order.
    #[serde(default)]
    pub agencies: Vec<String>,
}

/// A change to the official text (from the plan's corrections file) or
/// damage in it that could not be repaired.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Encode, Decode)]
#[serde(deny_unknown_fields)]
pub struct SourceNote {
    /// The text as found in the source.
    pub found: String,
    /// The text as corrected; absent when the damage is only marked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corrected: Option<String>,
    pub reason: String,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_false(value: &bool) -> bool {
    !*value
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Encode, Decode)]
#[serde(deny_unknown_fields)]
pub struct AgencyRef {
    /// The name as the plan writes it (usually a short name).
    pub name: String,
    pub role: Role,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Encode, Decode,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Lead,
    Participating,
}

impl Task {
    /// A task with its agencies in the order written (first leads).
    pub fn new(number: u32, text: impl Into<String>, agencies: &[&str]) -> Task {
        Task {
            number,
            text: text.into(),
            agencies: agencies_in_order(agencies.iter().copied()),
            per_remit: false,
            others: None,
            responsibility: String::new(),
            time_limit: None,
            scope: None,
            lead_assumed: false,
            lists: Vec::new(),
            source_notes: Vec::new(),
            written_number: None,
        }
    }

    pub fn lead(&self) -> Option<&AgencyRef> {
        self.agencies.iter().find(|a| a.role == Role::Lead)
    }

    pub fn participating(&self) -> impl Iterator<Item = &AgencyRef> {
        self.agencies
            .iter()
            .filter(|a| a.role == Role::Participating)
    }

    pub fn role_of(&self, agency_name: &str) -> Option<Role> {
        self.agencies
            .iter()
            .find(|a| a.name == agency_name)
            .map(|a| a.role)
    }
}

/// Roles by the genre's rule: the first agency listed leads, the rest take part.
pub fn agencies_in_order<I, S>(names: I) -> Vec<AgencyRef>
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    names
        .into_iter()
        .enumerate()
        .map(|(i, name)| AgencyRef {
            name: name.into(),
            role: if i == 0 {
                Role::Lead
            } else {
                Role::Participating
            },
        })
        .collect()
}

/// A task's identity across re-imports: plan id plus task number.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct TaskKey {
    pub plan: String,
    pub number: u32,
}

impl TaskKey {
    pub fn new(plan: impl Into<String>, number: u32) -> Self {
        Self {
            plan: plan.into(),
            number,
        }
    }

    /// Parses `PLAN:55` or, with `default_plan`, a bare `55`.
    pub fn parse(text: &str, default_plan: Option<&str>) -> Option<Self> {
        let text = text.trim();
        match text.rsplit_once(':') {
            Some((plan, number)) if !plan.is_empty() => {
                Some(Self::new(plan, number.trim().parse().ok()?))
            }
            _ => Some(Self::new(default_plan?, text.parse().ok()?)),
        }
    }
}

impl fmt::Display for TaskKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.plan, self.number)
    }
}

impl Section {
    pub fn new(number: &str, title: &str, tasks: Vec<Task>, sections: Vec<Section>) -> Section {
        Section {
            number: number.into(),
            title: title.into(),
            paragraphs: Vec::new(),
            tasks,
            sections,
        }
    }
}

impl Plan {
    /// A plan of the current format with only the fields every plan has.
    pub fn new(id: &str, title: &str, sections: Vec<Section>) -> Plan {
        Plan {
            format_version: FORMAT_VERSION,
            id: id.into(),
            title: title.into(),
            issuer: None,
            issued: None,
            document_number: None,
            addressees: Vec::new(),
            lead_rule: None,
            preamble: Vec::new(),
            tasks: Vec::new(),
            sections,
        }
    }

    /// Every task with the chain of sections above it, in document order.
    pub fn walk(&self) -> Vec<(Vec<&Section>, &Task)> {
        fn visit<'a>(
            section: &'a Section,
            path: &mut Vec<&'a Section>,
            out: &mut Vec<(Vec<&'a Section>, &'a Task)>,
        ) {
            path.push(section);
            out.extend(section.tasks.iter().map(|t| (path.clone(), t)));
            for child in &section.sections {
                visit(child, path, out);
            }
            path.pop();
        }
        let mut out: Vec<(Vec<&Section>, &Task)> =
            self.tasks.iter().map(|t| (Vec::new(), t)).collect();
        let mut path = Vec::new();
        for section in &self.sections {
            visit(section, &mut path, &mut out);
        }
        out
    }

    pub fn task_count(&self) -> usize {
        fn count(section: &Section) -> usize {
            section.tasks.len() + section.sections.iter().map(count).sum::<usize>()
        }
        self.tasks.len() + self.sections.iter().map(count).sum::<usize>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(number: u32, agencies: &[&str]) -> Task {
        Task::new(number, format!("任务{number}"), agencies)
    }

    #[test]
    fn first_agency_leads_the_rest_participate() {
        let t = task(1, &["知识产权局", "教育部", "科技部"]);
        assert_eq!(t.lead().map(|a| a.name.as_str()), Some("知识产权局"));
        let others: Vec<_> = t.participating().map(|a| a.name.as_str()).collect();
        assert_eq!(others, ["教育部", "科技部"]);
        assert_eq!(t.role_of("科技部"), Some(Role::Participating));
        assert_eq!(t.role_of("公安部"), None);
    }

    #[test]
    fn task_keys_parse_with_and_without_plan() {
        assert_eq!(
            TaskKey::parse("p2020:55", None),
            Some(TaskKey::new("p2020", 55))
        );
        assert_eq!(TaskKey::parse("55", Some("x")), Some(TaskKey::new("x", 55)));
        assert_eq!(TaskKey::parse("55", None), None);
        assert_eq!(TaskKey::parse("x:abc", None), None);
        assert_eq!(TaskKey::new("a", 3).to_string(), "a:3");
    }

    #[test]
    fn walk_visits_top_level_tasks_then_sections_in_order() {
        let mut plan = Plan::new(
            "t",
            "T",
            vec![Section::new(
                "一",
                "甲",
                vec![task(2, &[])],
                vec![Section::new("一", "乙", vec![task(3, &[])], vec![])],
            )],
        );
        plan.tasks.push(task(1, &[]));
        let walked: Vec<(usize, u32)> = plan
            .walk()
            .iter()
            .map(|(path, t)| (path.len(), t.number))
            .collect();
        assert_eq!(walked, [(0, 1), (1, 2), (2, 3)]);
        assert_eq!(plan.task_count(), 3);
    }
}
