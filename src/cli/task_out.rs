//! The selection of tasks from `PLAN:N` or `N`, and `TaskOut` (the `--json`
//! shape of a task, defined with the report) built from a command's context.

use super::{CliError, Context};
use crate::agencies::Registry;
use crate::model::TaskKey;

pub use crate::report::TaskOut;

impl TaskOut {
    pub fn new(ctx: &Context, task: usize) -> Self {
        Self::of(&ctx.catalog, &ctx.progress, Registry::builtin(), task)
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
