//! Shared pieces of human output: aligned CJK columns, terminal width,
//! marking matched characters, JSON.

use crate::terminal_text::{REVERSE_OFF, REVERSE_ON};
use crate::text::{display_width, pad_to_width, truncate_to_width};
use std::io::{self, IsTerminal, Write};

/// Columns available for one line: the terminal's width, `COLUMNS`, or no
/// limit when output goes to a pipe or a file.
pub fn line_width() -> Option<usize> {
    if !io::stdout().is_terminal() {
        return None;
    }
    ratatui::crossterm::terminal::size()
        .ok()
        .map(|(w, _)| usize::from(w))
        .or_else(|| std::env::var("COLUMNS").ok()?.parse().ok())
}

/// Whether matched characters may be shown in reverse video rather than
/// with brackets.
pub fn styled() -> bool {
    io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Rows of cells printed with every column padded to its widest cell (by
/// display width); the last column is cut to fit `max_width`.
pub fn write_table(
    out: &mut dyn Write,
    rows: &[Vec<String>],
    max_width: Option<usize>,
) -> io::Result<()> {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|cell| display_width(cell))
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            if c + 1 == row.len() {
                let used = display_width(&line);
                match max_width {
                    Some(max) if max > used => line.push_str(&truncate_to_width(cell, max - used)),
                    Some(_) => {}
                    None => line.push_str(cell),
                }
            } else {
                line.push_str(&pad_to_width(cell, widths[c]));
                line.push_str("  ");
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// Marks the characters at `positions` (char indices): reverse video on a
/// terminal (markers that `terminal_text::TextOnly` turns into the escape
/// sequences), `[…]` around each run otherwise.
pub fn mark_positions(text: &str, positions: &[usize], styled: bool) -> String {
    let (open, close) = if styled {
        (REVERSE_ON, REVERSE_OFF)
    } else {
        ('[', ']')
    };
    let mut out = String::new();
    let mut inside = false;
    for (i, c) in text.chars().enumerate() {
        let hit = positions.binary_search(&i).is_ok();
        if hit != inside {
            out.push(if hit { open } else { close });
            inside = hit;
        }
        out.push(c);
    }
    if inside {
        out.push(close);
    }
    out
}

pub fn write_json<T: serde::Serialize>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

/// What a command that writes (`mark`, `due`, `feedback`) tells the user.
pub struct Written<'a> {
    /// The task and what is now so, for `--json` (an object).
    pub fields: serde_json::Value,
    pub changes: &'a [(crate::model::TaskKey, crate::progress::Change)],
    /// Where the state lives.
    pub dir: &'a str,
    /// Said when nothing changed (it was already so).
    pub already: String,
    /// One line per change written.
    pub confirmed: Vec<String>,
}

impl Written<'_> {
    /// With `json`, one line of JSON: `fields`, the changes and the state
    /// directory; else the confirmations and where they were saved, or
    /// `already`.
    pub fn write(self, out: &mut dyn Write, json: bool, lang: crate::i18n::Lang) -> io::Result<()> {
        if json {
            let mut report = self.fields;
            if let Some(object) = report.as_object_mut() {
                object.insert(
                    "changes".into(),
                    serde_json::json!(self.changes.iter().map(|(_, c)| c).collect::<Vec<_>>()),
                );
                object.insert("state_file".into(), self.dir.into());
            }
            return writeln!(out, "{report}");
        }
        if self.changes.is_empty() {
            return writeln!(out, "{}", self.already);
        }
        for line in &self.confirmed {
            writeln!(out, "{line}")?;
        }
        writeln!(out, "{}", crate::i18n::cli::saved_to(lang, self.dir))
    }
}

/// The state directory as the user reads it (empty when there is none).
pub fn state_dir(replica: &crate::replica::Replica) -> String {
    replica
        .state_dir()
        .map(|d| d.display().to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_columns_line_up_by_display_width() {
        let rows = vec![
            vec!["知识产权局".to_string(), "12".to_string(), "x".to_string()],
            vec![
                "SAMR".to_string(),
                "3".to_string(),
                "一二三四五六".to_string(),
            ],
        ];
        let mut out = Vec::new();
        write_table(&mut out, &rows, Some(22)).expect("writes");
        let text = String::from_utf8(out).expect("utf-8");
        assert_eq!(text, "知识产权局  12  x\nSAMR        3   一二…\n");
    }

    #[test]
    fn matched_runs_are_bracketed_without_a_terminal() {
        assert_eq!(
            mark_positions("加强专利审查能力", &[2, 3, 4, 5], false),
            "加强[专利审查]能力"
        );
        assert_eq!(mark_positions("abc", &[0, 2], false), "[a]b[c]");
        assert_eq!(
            crate::terminal_text::printable(&mark_positions("ab", &[1], true)),
            "a\x1b[7mb\x1b[27m"
        );
    }
}
