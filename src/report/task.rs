//! A task as every output shows it: the `--json` shape shared by the
//! lookups, the report's task lists and the text copied to the clipboard.
//! Built from the catalog, the progress and the registry alone, so the
//! interface can build it as well as the command line.

use crate::agencies::Registry;
use crate::deadline::{self, Day, Light, Source};
use crate::model::{Catalog, Role};
use crate::progress::{Progress, Status};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgencyOut {
    /// As written in the plan.
    pub name: String,
    pub full_name: Option<String>,
    pub english: Option<String>,
    pub abbreviation: Option<String>,
    pub role: Role,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TaskOut {
    pub key: String,
    pub plan: String,
    pub number: u32,
    pub text: String,
    /// Headings from the part down to the innermost group.
    pub sections: Vec<String>,
    pub agencies: Vec<AgencyOut>,
    pub per_remit: bool,
    pub others: Option<String>,
    pub responsibility: String,
    pub status: Status,
    /// Why the task is blocked or suspended, as its latest status change
    /// says; empty when it gave none.
    pub reason: String,
    pub note: String,
    /// The time limit in force and where it comes from (`set` by staff,
    /// the `plan`'s words, or the plan's `default`).
    pub time_limit: Option<LimitOut>,
    /// Red, yellow or green on the day asked; none for done tasks, tasks
    /// without a dated limit, and outputs given no day.
    pub light: Option<Light>,
    /// The latest change to the task: who and when.
    pub last_updated: Option<UpdatedOut>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LimitOut {
    pub date: Option<jiff::civil::Date>,
    pub source: Source,
    pub written: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UpdatedOut {
    pub at: jiff::Timestamp,
    pub by: String,
    pub agency: Option<String>,
}

impl TaskOut {
    /// The task at catalog position `task`.
    pub fn of(catalog: &Catalog, progress: &Progress, registry: &Registry, task: usize) -> Self {
        let entry = &catalog.tasks[task];
        let key = catalog.key(task);
        let agencies = entry
            .task
            .agencies
            .iter()
            .map(|a| {
                let known = registry.resolve(&a.name);
                AgencyOut {
                    name: a.name.to_string(),
                    full_name: known.map(|k| k.full.clone()),
                    english: known.and_then(|k| k.english.clone()),
                    abbreviation: known.and_then(|k| k.abbreviation.clone()),
                    role: a.role,
                }
            })
            .collect();
        Self {
            key: key.to_string(),
            plan: key.plan.clone(),
            number: key.number,
            text: entry.task.text.to_string(),
            sections: catalog
                .section_path(task)
                .iter()
                .map(|s| s.heading())
                .collect(),
            agencies,
            per_remit: entry.task.per_remit,
            others: entry.task.extra().others.clone(),
            responsibility: entry.task.responsibility.clone(),
            status: progress.status(&key),
            reason: progress.reason(&key).to_string(),
            note: progress.note(&key).to_string(),
            time_limit: deadline::limit_of(
                &catalog.plans[entry.plan],
                &entry.task,
                progress.get(&key),
            )
            .map(|l| LimitOut {
                date: l.date,
                source: l.source,
                written: l.written,
            }),
            light: None,
            last_updated: progress
                .get(&key)
                .and_then(|p| p.last_change())
                .map(|c| UpdatedOut {
                    at: c.at,
                    by: c.by.clone(),
                    agency: c.agency.clone(),
                }),
        }
    }

    /// With the task's light on `day`; `task` is its catalog position.
    pub fn lit(mut self, catalog: &Catalog, task: usize, day: Day) -> Self {
        let start = deadline::plan_start(&catalog.plans[catalog.tasks[task].plan]);
        let limit = self.time_limit.as_ref().and_then(|l| l.date);
        self.light = day.rules.light(self.status, limit, start, day.today);
        self
    }

    /// The lead agency's name as written, or "" when the task names none.
    pub fn lead(&self) -> &str {
        self.agencies
            .iter()
            .find(|a| a.role == Role::Lead)
            .map_or("", |a| a.name.as_str())
    }

    /// The participating agencies' names as written, in plan order.
    pub fn participating(&self) -> Vec<&str> {
        self.agencies
            .iter()
            .filter(|a| a.role == Role::Participating)
            .map(|a| a.name.as_str())
            .collect()
    }
}
