//! How a task is printed: the `--json` shape shared by every lookup, and the
//! selection of tasks from `PLAN:N` or `N`.

use super::{CliError, Context};
use crate::agencies::Registry;
use crate::model::{Role, TaskKey};
use crate::progress::Status;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct AgencyOut {
    /// As written in the plan.
    pub name: String,
    pub full_name: Option<String>,
    pub english: Option<String>,
    pub abbreviation: Option<String>,
    pub role: Role,
}

#[derive(Debug, Serialize)]
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
    pub note: String,
}

impl TaskOut {
    pub fn new(ctx: &Context, task: usize) -> Self {
        let registry = Registry::builtin();
        let entry = &ctx.catalog.tasks[task];
        let key = ctx.catalog.key(task);
        let agencies = entry
            .task
            .agencies
            .iter()
            .map(|a| {
                let known = registry.resolve(&a.name);
                AgencyOut {
                    name: a.name.clone(),
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
            text: entry.task.text.clone(),
            sections: ctx
                .catalog
                .section_path(task)
                .iter()
                .map(|s| s.heading())
                .collect(),
            agencies,
            per_remit: entry.task.per_remit,
            others: entry.task.others.clone(),
            responsibility: entry.task.responsibility.clone(),
            status: ctx.progress.status(&key),
            note: ctx.progress.note(&key).to_string(),
        }
    }
}

/// The tasks a `PLAN:N` or bare `N` names: a bare number may be in several plans.
pub fn select(ctx: &Context, selector: &str) -> Result<Vec<usize>, CliError> {
    let selector = selector.trim();
    if let Some(key) = TaskKey::parse(selector, None) {
        if ctx.catalog.plan_index(&key.plan).is_none() {
            return Err(CliError::Usage(format!(
                "no plan \"{}\" is loaded; loaded plans: {}",
                key.plan,
                ctx.plan_ids()
            )));
        }
        return ctx.catalog.find(&key).map(|t| vec![t]).ok_or_else(|| {
            CliError::Usage(format!("plan {} has no task {}", key.plan, key.number))
        });
    }
    let number: u32 = selector.parse().map_err(|_| {
        CliError::Usage(format!(
            "\"{selector}\" is not a task: give its number (55) or PLAN:NUMBER (2020-ip-strategy:55)"
        ))
    })?;
    let found = ctx.catalog.find_number(number);
    if found.is_empty() {
        return Err(CliError::Usage(format!(
            "no loaded plan has a task {number} (loaded: {})",
            ctx.plan_ids()
        )));
    }
    Ok(found)
}
