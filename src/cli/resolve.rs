//! Turning a task argument (`PLAN:55` or a bare `55`, full-width `５５` as
//! an input method types it) into a task.

use super::CliError;
use crate::i18n::{Lang, cli as say};
use crate::model::{Catalog, TaskKey};

/// The key named by `arg`, and its catalog position when a loaded plan has
/// it. A bare number must name exactly one loaded task; `PLAN:N` is returned
/// even when no loaded plan has it, so that marks kept for removed tasks can
/// still be looked at.
pub(crate) fn task_key(
    catalog: &Catalog,
    lang: Lang,
    arg: &str,
) -> Result<(TaskKey, Option<usize>), CliError> {
    let arg = &half_width(arg);
    if let Some(key) = plan_key(catalog, lang, arg)? {
        let index = catalog.find(&key);
        return Ok((key, index));
    }
    match tasks_numbered(catalog, lang, arg)?.as_slice() {
        [index] => Ok((catalog.key(*index), Some(*index))),
        several => {
            let number = catalog.tasks[several[0]].task.number;
            let keys: Vec<String> = several
                .iter()
                .map(|&i| catalog.key(i).to_string())
                .collect();
            Err(CliError::Usage(say::in_several_plans(
                lang,
                number,
                &keys,
                &plan_list(catalog, lang),
            )))
        }
    }
}

/// Every loaded task `arg` names, for lookups: a bare number may be in
/// several plans, and then all of them are shown.
pub(crate) fn loaded_tasks(
    catalog: &Catalog,
    lang: Lang,
    arg: &str,
) -> Result<Vec<usize>, CliError> {
    let arg = &half_width(arg);
    match plan_key(catalog, lang, arg)? {
        Some(key) => catalog.find(&key).map(|index| vec![index]).ok_or_else(|| {
            CliError::Usage(say::no_such_task(
                lang,
                &key.to_string(),
                &plan_list(catalog, lang),
            ))
        }),
        None => tasks_numbered(catalog, lang, arg),
    }
}

/// Full-width digits and colon as their ASCII selves.
fn half_width(arg: &str) -> String {
    arg.chars()
        .map(|c| match c {
            '０'..='９' | '：' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// `PLAN:N` parsed, or None for a bare number.
fn plan_key(catalog: &Catalog, lang: Lang, arg: &str) -> Result<Option<TaskKey>, CliError> {
    let arg = arg.trim();
    if !arg.contains(':') {
        return Ok(None);
    }
    TaskKey::parse(arg, None)
        .map(Some)
        .ok_or_else(|| CliError::Usage(say::not_a_task(lang, arg, example_plan(catalog))))
}

/// The loaded tasks with this bare number, at least one.
fn tasks_numbered(catalog: &Catalog, lang: Lang, arg: &str) -> Result<Vec<usize>, CliError> {
    let arg = arg.trim();
    let number: u32 = arg
        .parse()
        .map_err(|_| CliError::Usage(say::not_a_number(lang, arg)))?;
    let found = catalog.find_number(number);
    if found.is_empty() {
        return Err(CliError::Usage(say::no_task_numbered(
            lang,
            number,
            &plan_list(catalog, lang),
        )));
    }
    Ok(found)
}

/// The key of a task that must be in a loaded plan.
pub(crate) fn loaded_task(
    catalog: &Catalog,
    lang: Lang,
    arg: &str,
) -> Result<(TaskKey, usize), CliError> {
    match task_key(catalog, lang, arg)? {
        (key, Some(index)) => Ok((key, index)),
        (key, None) => Err(CliError::Usage(say::no_such_task(
            lang,
            &key.to_string(),
            &plan_list(catalog, lang),
        ))),
    }
}

/// The loaded plans with their task counts and numbers, for error messages.
pub(crate) fn plan_list(catalog: &Catalog, lang: Lang) -> String {
    let plans: Vec<say::PlanSummary> = catalog
        .plans
        .iter()
        .map(|plan| {
            let numbers = catalog.tasks[plan.tasks.clone()]
                .iter()
                .map(|t| t.task.number);
            say::PlanSummary {
                id: plan.id.clone(),
                tasks: plan.tasks.len(),
                numbers: numbers.clone().min().zip(numbers.max()),
            }
        })
        .collect();
    say::plan_list(lang, &plans)
}

fn example_plan(catalog: &Catalog) -> &str {
    catalog.plans.first().map_or("PLAN", |p| p.id.as_str())
}
