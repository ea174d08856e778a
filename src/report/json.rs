//! The report as JSON: the [`Report`] structure itself, documented field by
//! field in `docs/json-output.md`.

use super::Report;

/// Pretty-printed, ending in a newline, like every `--json` output.
pub fn render(report: &Report) -> String {
    let mut text = serde_json::to_string_pretty(report).unwrap_or_else(|e| {
        // Every field is a string, number, list or map with string keys.
        unreachable!("a Report always serializes: {e}")
    });
    text.push('\n');
    text
}
