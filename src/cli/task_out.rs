//! The selection of tasks from `PLAN:N` or `N`, and `TaskOut` (the `--json`
//! shape of a task, defined with the report) built from a command's context.

use crate::agencies::Registry;
use crate::replica::Replica;

pub use crate::report::TaskOut;

impl TaskOut {
    pub fn new(ctx: &Replica, task: usize) -> Self {
        let out = Self::of(&ctx.catalog, ctx.progress(), Registry::builtin(), task);
        match ctx.day() {
            Some(day) => out.lit(&ctx.catalog, task, day),
            None => out,
        }
    }
}
