//! What the importer tells the user: every repair it made and every doubt it
//! left, each tied to a line of the source text.

use std::fmt;

/// One repair or doubt, at a 1-based line of the imported text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Line 0: a finding about the whole document (a corrections file entry).
        if self.line == 0 {
            return write!(f, "corrections file: {}", self.message);
        }
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// Repairs were made to the text; doubts are places a person should check.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub repairs: Vec<Finding>,
    pub doubts: Vec<Finding>,
    /// Readings worth knowing that are neither repairs nor doubts (a task
    /// with several agency lists, a lead taken as the first named).
    pub notes: Vec<Finding>,
}

impl Report {
    pub(crate) fn repair(&mut self, line: usize, message: impl Into<String>) {
        self.repairs.push(Finding {
            line,
            message: message.into(),
        });
    }

    pub(crate) fn note(&mut self, line: usize, message: impl Into<String>) {
        self.notes.push(Finding {
            line,
            message: message.into(),
        });
    }

    pub(crate) fn doubt(&mut self, line: usize, message: impl Into<String>) {
        self.doubts.push(Finding {
            line,
            message: message.into(),
        });
    }

    /// Orders both lists by line; findings of one line keep the order in
    /// which they were found, which follows the text.
    pub(crate) fn sort(&mut self) {
        self.repairs.sort_by_key(|f| f.line);
        self.doubts.sort_by_key(|f| f.line);
        self.notes.sort_by_key(|f| f.line);
    }

    pub fn is_empty(&self) -> bool {
        self.repairs.is_empty() && self.doubts.is_empty() && self.notes.is_empty()
    }
}

impl fmt::Display for Report {
    /// One finding a line: the repairs by line, then the doubts by line
    /// (marked `doubt:` so that a reader of the plain list can tell them apart).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for finding in &self.repairs {
            writeln!(f, "{finding}")?;
        }
        for finding in &self.notes {
            writeln!(f, "line {}: note: {}", finding.line, finding.message)?;
        }
        for finding in &self.doubts {
            writeln!(f, "line {}: doubt: {}", finding.line, finding.message)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_lists_repairs_then_doubts_each_by_line() {
        let mut report = Report::default();
        report.doubt(9, "b");
        report.repair(7, "y");
        report.doubt(2, "a");
        report.repair(3, "x");
        report.sort();
        assert_eq!(
            report.to_string(),
            "line 3: x\nline 7: y\nline 2: doubt: a\nline 9: doubt: b\n"
        );
        assert!(!report.is_empty());
    }
}
