//! Turning a task argument (`PLAN:55` or a bare `55`) into a task.

use super::CliError;
use crate::model::{Catalog, TaskKey};

/// The key named by `arg`, and its catalog position when a loaded plan has
/// it. A bare number must name exactly one loaded task; `PLAN:N` is returned
/// even when no loaded plan has it, so that marks kept for removed tasks can
/// still be looked at.
pub(crate) fn task_key(catalog: &Catalog, arg: &str) -> Result<(TaskKey, Option<usize>), CliError> {
    if let Some(key) = plan_key(catalog, arg)? {
        let index = catalog.find(&key);
        return Ok((key, index));
    }
    match tasks_numbered(catalog, arg)?.as_slice() {
        [index] => Ok((catalog.key(*index), Some(*index))),
        several => {
            let number = catalog.tasks[several[0]].task.number;
            let keys: Vec<String> = several
                .iter()
                .map(|&i| catalog.key(i).to_string())
                .collect();
            Err(CliError::Usage(format!(
                "task {number} is in several plans ({}); write PLAN:{number} to choose one; {}",
                keys.join(", "),
                plan_list(catalog)
            )))
        }
    }
}

/// Every loaded task `arg` names, for lookups: a bare number may be in
/// several plans, and then all of them are shown.
pub(crate) fn loaded_tasks(catalog: &Catalog, arg: &str) -> Result<Vec<usize>, CliError> {
    match plan_key(catalog, arg)? {
        Some(key) => catalog.find(&key).map(|index| vec![index]).ok_or_else(|| {
            CliError::Usage(format!(
                "no loaded plan has task {key}; {}",
                plan_list(catalog)
            ))
        }),
        None => tasks_numbered(catalog, arg),
    }
}

/// `PLAN:N` parsed, or None for a bare number.
fn plan_key(catalog: &Catalog, arg: &str) -> Result<Option<TaskKey>, CliError> {
    let arg = arg.trim();
    if !arg.contains(':') {
        return Ok(None);
    }
    TaskKey::parse(arg, None).map(Some).ok_or_else(|| {
        CliError::Usage(format!(
            "\"{arg}\" is not a task; write PLAN:NUMBER (e.g. {}:5) or a bare task number",
            example_plan(catalog)
        ))
    })
}

/// The loaded tasks with this bare number, at least one.
fn tasks_numbered(catalog: &Catalog, arg: &str) -> Result<Vec<usize>, CliError> {
    let arg = arg.trim();
    let number: u32 = arg.parse().map_err(|_| {
        CliError::Usage(format!(
            "\"{arg}\" is not a task number; write a number such as 5, or PLAN:NUMBER"
        ))
    })?;
    let found = catalog.find_number(number);
    if found.is_empty() {
        return Err(CliError::Usage(format!(
            "no loaded plan has a task {number}; {}",
            plan_list(catalog)
        )));
    }
    Ok(found)
}

/// The key of a task that must be in a loaded plan.
pub(crate) fn loaded_task(catalog: &Catalog, arg: &str) -> Result<(TaskKey, usize), CliError> {
    match task_key(catalog, arg)? {
        (key, Some(index)) => Ok((key, index)),
        (key, None) => Err(CliError::Usage(format!(
            "no loaded plan has task {key}; {}",
            plan_list(catalog)
        ))),
    }
}

/// "loaded plans: a (100 tasks, 1–100), b (3 tasks, 1–3)" for error messages.
pub(crate) fn plan_list(catalog: &Catalog) -> String {
    let plans: Vec<String> = catalog
        .plans
        .iter()
        .map(|plan| {
            let numbers = catalog.tasks[plan.tasks.clone()]
                .iter()
                .map(|t| t.task.number);
            match (numbers.clone().min(), numbers.max()) {
                (Some(low), Some(high)) => format!(
                    "{} ({} tasks, numbered {low}–{high})",
                    plan.id,
                    plan.tasks.len()
                ),
                _ => format!("{} (no tasks)", plan.id),
            }
        })
        .collect();
    format!("loaded plans: {}", plans.join(", "))
}

fn example_plan(catalog: &Catalog) -> &str {
    catalog.plans.first().map_or("PLAN", |p| p.id.as_str())
}
