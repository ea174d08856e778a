//! A corrections file beside a plan: changes to the official wording that the
//! source text itself proves (a lost bracket, a variant character, a damaged
//! campaign name), and damage that cannot be undone without guessing, each
//! with its reason. `import` applies them and reports each; the task keeps a
//! note of every change so that `show` can mark it.
//!
//! ```toml
//! [[correction]]
//! task = 17
//! found = "“蓝”专项整治行动"
//! corrected = "“蓝天”专项整治行动"
//! reason = "…"
//!
//! [[damaged]]
//! task = 96
//! found = "“金”"
//! reason = "a character after 金 was lost in the source; not guessed"
//! ```

use super::Imported;
use super::report::Said;
use crate::model::{Section, SourceNote, Task};
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    correction: Vec<Entry>,
    #[serde(default)]
    damaged: Vec<Entry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    task: u32,
    found: String,
    #[serde(default)]
    corrected: Option<String>,
    reason: String,
}

/// Why a corrections file was refused (nothing of it is applied).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CorrectionsError {
    /// The TOML reader's words.
    #[error("not a corrections file: {0}")]
    NotToml(String),
    #[error("task {0}: a [[correction]] needs `corrected`, a [[damaged]] entry has none")]
    Corrected(u32),
    #[error("task {0} is not in the imported plan")]
    NoTask(u32),
    #[error(
        "task {task}: “{found}” occurs {times} times in its text, not once: is this file for another version of the document?"
    )]
    NotOnce {
        task: u32,
        found: String,
        times: usize,
    },
}

/// `plans/x.json` → `plans/x.corrections.toml` (not `.json`, which the plan
/// loader would take for a plan).
pub fn beside(plan: &Path) -> PathBuf {
    plan.with_extension("corrections.toml")
}

fn find_task(imported: &mut Imported, number: u32) -> Option<&mut Task> {
    fn visit(sections: &mut [Section], number: u32) -> Option<&mut Task> {
        for s in sections {
            if let Some(i) = s.tasks.iter().position(|t| t.number == number) {
                return s.tasks.get_mut(i);
            }
            if let Some(t) = visit(&mut s.sections, number) {
                return Some(t);
            }
        }
        None
    }
    let plan = &mut imported.plan;
    if let Some(i) = plan.tasks.iter().position(|t| t.number == number) {
        return plan.tasks.get_mut(i);
    }
    visit(&mut plan.sections, number)
}

/// Applies a corrections file (TOML) to an import; every entry must match
/// the task's text exactly once, so that a file written for another
/// version of the document is refused rather than half-applied.
pub fn apply_file(text: &str, imported: &mut Imported) -> Result<(), CorrectionsError> {
    let file: File = toml::from_str(text).map_err(|e| CorrectionsError::NotToml(e.to_string()))?;
    let entries = file
        .correction
        .into_iter()
        .map(|e| (e, true))
        .chain(file.damaged.into_iter().map(|e| (e, false)));
    for (entry, is_correction) in entries {
        let Entry {
            task: number,
            found,
            corrected,
            reason,
        } = entry;
        if is_correction != corrected.is_some() {
            return Err(CorrectionsError::Corrected(number));
        }
        let task = find_task(imported, number).ok_or(CorrectionsError::NoTask(number))?;
        let times = task.text.matches(found.as_str()).count();
        if times != 1 {
            return Err(CorrectionsError::NotOnce {
                task: number,
                found,
                times,
            });
        }
        if let Some(new) = &corrected {
            task.text = task.text.replacen(found.as_str(), new, 1).into();
            for list in &mut task.extra_mut().lists {
                list.text = list.text.replacen(found.as_str(), new, 1);
            }
        }
        task.extra_mut().source_notes.push(SourceNote {
            found: found.clone(),
            corrected: corrected.clone(),
            reason: reason.clone(),
        });
        let said = match corrected {
            Some(new) => Said::Corrected {
                task: number,
                found,
                new,
                reason,
            },
            None => Said::MarkedDamaged {
                task: number,
                found,
                reason,
            },
        };
        imported.report.repair(0, said);
    }
    imported.report.sort();
    Ok(())
}
