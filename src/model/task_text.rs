//! A task's text as a slice of a shared buffer.
//!
//! The catalog keeps every task text side by side in one buffer, in
//! catalog order, and the search index reads that same buffer (it needs
//! the texts side by side to find a term in all of them at once). Each
//! task's own string and the index's copy of it were two copies of every
//! text: 16 MB each at 100k tasks (BENCHMARKS.md, Round 16).

use std::fmt;
use std::ops::{Deref, Range};
use std::sync::{Arc, LazyLock};

/// Reads as a `str`; cloning shares the buffer.
#[derive(Clone)]
pub struct TaskText {
    buffer: Arc<String>,
    start: usize,
    end: usize,
}

impl TaskText {
    /// `range` of `buffer`; None when it is not a range of whole
    /// characters inside it.
    pub fn shared(buffer: &Arc<String>, range: Range<usize>) -> Option<TaskText> {
        buffer.get(range.clone())?;
        Some(TaskText {
            buffer: Arc::clone(buffer),
            start: range.start,
            end: range.end,
        })
    }

    /// The texts side by side in `buffer`, each ending at the next of
    /// `ends` and starting where the one before ended; None for a range
    /// that is not whole characters inside it.
    pub fn side_by_side<'a>(
        buffer: &'a Arc<String>,
        ends: &'a [usize],
    ) -> impl Iterator<Item = Option<TaskText>> + 'a {
        ends.iter().scan(0, move |start, &end| {
            let text = TaskText::shared(buffer, *start..end);
            *start = end;
            Some(text)
        })
    }

    /// Where the text lies in `buffer`, when it is a slice of that very
    /// buffer (not of another holding the same bytes).
    pub fn range_in(&self, buffer: &Arc<String>) -> Option<Range<usize>> {
        Arc::ptr_eq(&self.buffer, buffer).then_some(self.start..self.end)
    }

    /// The buffer the text is a slice of.
    pub fn buffer(&self) -> &Arc<String> {
        &self.buffer
    }

    pub fn as_str(&self) -> &str {
        // Checked when made: a range of whole characters of an immutable
        // buffer.
        self.buffer.get(self.start..self.end).unwrap_or_default()
    }
}

impl Default for TaskText {
    /// Empty, sharing one empty buffer: loading gives each task a default
    /// text until its own is in place, and an allocation each (freed soon
    /// after, between objects that stay) left the allocator holes to keep.
    fn default() -> TaskText {
        static EMPTY: LazyLock<Arc<String>> = LazyLock::new(Arc::default);
        TaskText {
            buffer: Arc::clone(&EMPTY),
            start: 0,
            end: 0,
        }
    }
}

impl From<String> for TaskText {
    fn from(text: String) -> TaskText {
        let end = text.len();
        TaskText {
            buffer: Arc::new(text),
            start: 0,
            end,
        }
    }
}

impl From<&str> for TaskText {
    fn from(text: &str) -> TaskText {
        TaskText::from(text.to_string())
    }
}

impl From<&String> for TaskText {
    fn from(text: &String) -> TaskText {
        TaskText::from(text.clone())
    }
}

impl From<TaskText> for String {
    fn from(text: TaskText) -> String {
        text.as_str().to_string()
    }
}

impl Deref for TaskText {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for TaskText {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for TaskText {
    fn eq(&self, other: &TaskText) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for TaskText {}

impl PartialEq<str> for TaskText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for TaskText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl fmt::Debug for TaskText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for TaskText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shared_text_reads_its_range_and_knows_its_buffer() {
        let buffer = Arc::new("专利审查知识产权".to_string());
        let text = TaskText::shared(&buffer, 6..12).expect("whole characters");
        assert_eq!(text, "审查");
        assert_eq!(text.range_in(&buffer), Some(6..12));
        let same_bytes = Arc::new("专利审查知识产权".to_string());
        assert_eq!(text.range_in(&same_bytes), None);
    }

    #[test]
    fn texts_side_by_side_start_where_the_last_ended() {
        let buffer = Arc::new("甲乙丙丁".to_string());
        let texts: Vec<Option<TaskText>> =
            TaskText::side_by_side(&buffer, &[3, 3, 9, 10]).collect();
        assert_eq!(texts[0].as_deref(), Some("甲"));
        assert_eq!(texts[1].as_deref(), Some(""));
        assert_eq!(texts[2].as_deref(), Some("乙丙"));
        // 9..10 splits 丁.
        assert!(texts[3].is_none());
    }

    #[test]
    fn a_range_that_splits_a_character_or_runs_past_the_end_is_refused() {
        let buffer = Arc::new("专利".to_string());
        assert!(TaskText::shared(&buffer, 1..3).is_none());
        assert!(TaskText::shared(&buffer, 3..9).is_none());
    }

    #[test]
    fn an_owned_text_compares_by_content() {
        let buffer = Arc::new("甲乙丙".to_string());
        let shared = TaskText::shared(&buffer, 3..6).expect("whole characters");
        assert_eq!(shared, TaskText::from("乙"));
        assert_eq!(String::from(shared), "乙");
    }
}
