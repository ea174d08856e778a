//! One line of a log: one change, as JSON on one line.
//!
//! ```json
//! {"id":"5f0c…","at":"2026-05-06T01:30:00Z","seq":0,"by":"liming","agency":null,"plan":"2020-ip-strategy","task":55,"change":{"status":{"from":"in_progress","to":"blocked"}}}
//! ```
//!
//! `change` is tagged with what changed (`status`, `note`; later kinds add
//! tags of their own), each with `from` and `to`.

use super::StoreError;
use crate::model::TaskKey;
use crate::progress::{Change, ChangeKind};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Line {
    id: String,
    at: Timestamp,
    seq: u32,
    by: String,
    /// Always written, `null` until people name their agency.
    agency: Option<String>,
    plan: String,
    task: u32,
    change: ChangeKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    undoes: Option<String>,
}

/// The line for one change, without its newline.
pub fn format_line(key: &TaskKey, change: &Change) -> String {
    let line = Line {
        id: change.id.clone(),
        at: change.at,
        seq: change.seq,
        by: change.by.clone(),
        agency: change.agency.clone(),
        plan: key.plan.clone(),
        task: key.number,
        change: change.what.clone(),
        undoes: change.undoes.clone(),
    };
    // A struct of strings, numbers and a timestamp always serializes.
    serde_json::to_string(&line).unwrap_or_default()
}

/// Reads one line; `path` and `line_no` are for the message.
pub fn parse_line(
    bytes: &[u8],
    path: &Path,
    line_no: usize,
) -> Result<(TaskKey, Change), StoreError> {
    let bad = |column: usize, detail: String| StoreError::BadLine {
        path: path.to_path_buf(),
        line: line_no,
        column,
        detail,
    };
    let text = std::str::from_utf8(bytes).map_err(|e| StoreError::NotUtf8 {
        path: path.to_path_buf(),
        line: line_no,
        column: String::from_utf8_lossy(&bytes[..e.valid_up_to()])
            .chars()
            .count()
            + 1,
        byte: bytes[e.valid_up_to()],
    })?;
    let line: Line = serde_json::from_str(text).map_err(|e| {
        let detail = e.to_string();
        let detail = detail
            .rsplit_once(" at line ")
            .map_or(detail.as_str(), |(head, _)| head)
            .to_string();
        bad(e.column(), detail)
    })?;
    // A plan id a plan file could not have would make a key no later write
    // can name: refused here as in plan files.
    if line.plan.is_empty() || line.plan.chars().any(char::is_whitespace) {
        return Err(bad(
            1,
            format!("plan id {:?} is empty or has white space", line.plan),
        ));
    }
    if line.id.is_empty() {
        return Err(bad(1, "the change has no id".into()));
    }
    let key = TaskKey::new(line.plan, line.task);
    let change = Change {
        id: line.id,
        at: line.at,
        seq: line.seq,
        by: line.by,
        agency: line.agency,
        what: line.change,
        undoes: line.undoes,
    };
    Ok((key, change))
}
