//! The plan model: a tree of sections holding numbered tasks, each with its
//! responsible agencies. Pure data, no I/O.

mod catalog;
mod task_text;

pub use catalog::{Catalog, PlanInfo, SectionRef, TaskEntry};
pub use task_text::TaskText;

// Encode/Decode: the binary form of the plan cache (`plan_cache`, which
// flattens the recursive `Plan` and `Section` itself).
use bitcode::{Decode, Encode};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;

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

/// A task. The fields most tasks leave unset live apart, in [`TaskExtra`]
/// behind one box that is absent when all of them are unset: the catalog
/// holds every task of every plan for the whole session, and those six
/// fields were 168 of a task's 248 bytes (BENCHMARKS.md, Round 6). The JSON
/// form is unchanged: every field at the task's own level.
#[derive(Debug, Clone, Eq, Serialize, Deserialize)]
#[serde(from = "TaskJson", into = "TaskJson")]
pub struct Task {
    /// Unique within the plan; with the plan id it keys progress.
    pub number: u32,
    /// The task text without its agency parenthesis.
    pub text: TaskText,
    /// Agencies in the order written; the first is the lead.
    pub agencies: Vec<AgencyRef>,
    /// The list ends in 按职责分别负责: each agency acts within its own remit.
    pub per_remit: bool,
    /// The agency parenthesis exactly as the plan writes it.
    pub responsibility: String,
    /// The plan names no lead for this task: the first agency listed was
    /// taken as the lead by the genre's rule.
    pub lead_assumed: bool,
    /// `None` when every field of it is unset; read through [`Task::extra`],
    /// written through [`Task::extra_mut`].
    extra: Option<Box<TaskExtra>>,
}

/// The fields of a task that few tasks set.
#[derive(Debug, Clone, Default, PartialEq, Eq, Encode, Decode)]
pub struct TaskExtra {
    /// Unnamed others the list adds (等有关部门, 各省级人民政府 …).
    pub others: Option<String>,
    /// The time limit (完成时限) the plan sets for the task.
    pub time_limit: Option<TimeLimit>,
    /// Where the assignment applies (适用范围：…), as written.
    pub scope: Option<String>,
    /// When the task carries several agency lists (one after each sentence),
    /// each list with the text it follows, in written order.
    pub lists: Vec<TaskList>,
    /// Changes made to the official wording, or damage left in it.
    pub source_notes: Vec<SourceNote>,
    /// The number as the document writes it, when the plan numbers its
    /// tasks otherwise (numbering that restarts in each part: 二、(1)).
    pub written_number: Option<String>,
}

/// What [`Task::extra`] gives for a task without any of these fields.
static NO_EXTRA: TaskExtra = TaskExtra {
    others: None,
    time_limit: None,
    scope: None,
    lists: Vec::new(),
    source_notes: Vec::new(),
    written_number: None,
};

impl TaskExtra {
    fn is_unset(&self) -> bool {
        self == &NO_EXTRA
    }
}

impl PartialEq for Task {
    /// An empty box and no box are the same task.
    fn eq(&self, other: &Task) -> bool {
        self.number == other.number
            && self.text == other.text
            && self.agencies == other.agencies
            && self.per_remit == other.per_remit
            && self.responsibility == other.responsibility
            && self.lead_assumed == other.lead_assumed
            && self.extra() == other.extra()
    }
}

/// A task as plan JSON writes it (docs/plan-format.md): every field at one
/// level.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct TaskJson {
    number: u32,
    text: String,
    #[serde(default)]
    agencies: Vec<AgencyRef>,
    #[serde(default, skip_serializing_if = "is_false")]
    per_remit: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    others: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    responsibility: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    time_limit: Option<TimeLimit>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    scope: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    lead_assumed: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    lists: Vec<TaskList>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    source_notes: Vec<SourceNote>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    written_number: Option<String>,
}

impl From<TaskJson> for Task {
    fn from(json: TaskJson) -> Task {
        let mut task = Task {
            number: json.number,
            text: json.text.into(),
            agencies: json.agencies,
            per_remit: json.per_remit,
            responsibility: json.responsibility,
            lead_assumed: json.lead_assumed,
            extra: None,
        };
        task.set_extra(TaskExtra {
            others: json.others,
            time_limit: json.time_limit,
            scope: json.scope,
            lists: json.lists,
            source_notes: json.source_notes,
            written_number: json.written_number,
        });
        task
    }
}

impl From<Task> for TaskJson {
    fn from(task: Task) -> TaskJson {
        let TaskExtra {
            others,
            time_limit,
            scope,
            lists,
            source_notes,
            written_number,
        } = task.extra.map(|b| *b).unwrap_or_default();
        TaskJson {
            number: task.number,
            text: task.text.into(),
            agencies: task.agencies,
            per_remit: task.per_remit,
            others,
            responsibility: task.responsibility,
            time_limit,
            scope,
            lead_assumed: task.lead_assumed,
            lists,
            source_notes,
            written_number,
        }
    }
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgencyRef {
    /// The name as the plan writes it (usually a short name). Shared: a
    /// plan names a few dozen agencies over and over, and the plan cache
    /// reads each name once (see `plan_cache`).
    pub name: Arc<str>,
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
    pub fn new(number: u32, text: impl Into<TaskText>, agencies: &[&str]) -> Task {
        Task {
            number,
            text: text.into(),
            agencies: agencies_in_order(agencies.iter().copied()),
            per_remit: false,
            responsibility: String::new(),
            lead_assumed: false,
            extra: None,
        }
    }

    /// The fields few tasks set (all unset for most).
    pub fn extra(&self) -> &TaskExtra {
        self.extra.as_deref().unwrap_or(&NO_EXTRA)
    }

    /// The fields few tasks set, to change them; the box is made on first
    /// use (and dropped again by [`Task::set_extra`] when left empty).
    pub fn extra_mut(&mut self) -> &mut TaskExtra {
        self.extra.get_or_insert_default()
    }

    /// The rarely set fields as kept (for the plan cache, which stores
    /// them as they are), leaving none.
    pub fn take_extra(&mut self) -> Option<Box<TaskExtra>> {
        self.extra.take()
    }

    /// The counterpart of [`Task::take_extra`].
    pub fn put_extra(&mut self, extra: Option<Box<TaskExtra>>) {
        self.extra = extra.filter(|e| !e.is_unset());
    }

    /// Replaces the rarely set fields, keeping no box when all are unset.
    pub fn set_extra(&mut self, extra: TaskExtra) {
        self.extra = (!extra.is_unset()).then(|| Box::new(extra));
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
            .find(|a| *a.name == *agency_name)
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
            name: Arc::from(name.into()),
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
        assert_eq!(t.lead().map(|a| &*a.name), Some("知识产权局"));
        let others: Vec<_> = t.participating().map(|a| &*a.name).collect();
        assert_eq!(others, ["教育部", "科技部"]);
        assert_eq!(t.role_of("科技部"), Some(Role::Participating));
        assert_eq!(t.role_of("公安部"), None);
    }

    #[test]
    fn rarely_set_fields_read_and_write_at_the_tasks_own_level_in_json() {
        let json = r#"{"number":7,"text":"甲","agencies":[],"others":"等有关部门","time_limit":{"written":"持续推进"},"scope":"试点地区","lists":[{"text":"乙","responsibility":"科技部负责","agencies":["科技部"]}],"source_notes":[{"found":"丙","reason":"错字"}],"written_number":"(1)"}"#;
        let task: Task = serde_json::from_str(json).expect("parses");
        assert_eq!(task.extra().others.as_deref(), Some("等有关部门"));
        assert_eq!(task.extra().lists[0].agencies, ["科技部"]);
        assert_eq!(task.extra().written_number.as_deref(), Some("(1)"));
        assert_eq!(serde_json::to_string(&task).expect("writes"), json);
        let plain: Task = serde_json::from_str(r#"{"number":1,"text":"丁"}"#).expect("parses");
        assert!(plain.extra.is_none(), "no box for a task without them");
        assert_eq!(
            serde_json::to_string(&plain).expect("writes"),
            r#"{"number":1,"text":"丁","agencies":[]}"#
        );
        let unknown = serde_json::from_str::<Task>(r#"{"number":1,"text":"丁","lead":"x"}"#);
        assert!(unknown.is_err(), "unknown fields are still refused");
    }

    #[test]
    fn an_empty_box_is_no_box() {
        let mut boxed = task(1, &["科技部"]);
        boxed.extra_mut().scope = None;
        assert_eq!(boxed, task(1, &["科技部"]));
        boxed.set_extra(TaskExtra::default());
        assert!(boxed.extra.is_none());
        // What the catalog keeps per task: the box is why it is this small.
        assert!(std::mem::size_of::<Task>() <= 96);
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
