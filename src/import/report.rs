//! What the importer tells the user: every repair it made and every doubt it
//! left, each tied to a line of the source text. A finding is what was
//! found ([`Said`]) with its particulars, not a sentence: the sentence is
//! made in the user's language by `i18n::import::said`.

use crate::i18n::Lang;
use std::fmt;

/// One repair or doubt, at a 1-based line of the imported text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub line: usize,
    pub said: Said,
}

impl Finding {
    /// The finding's sentence in English.
    pub fn message(&self) -> String {
        self.text(Lang::En)
    }

    /// The finding's sentence in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        crate::i18n::import::said(lang, &self.said)
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Line 0: a finding about the whole document (a corrections file entry).
        if self.line == 0 {
            return write!(f, "corrections file: {}", self.message());
        }
        write!(f, "line {}: {}", self.line, self.message())
    }
}

/// Where text that belongs to no task was kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// The text of the section with this heading.
    Section(String),
    /// The plan's preamble.
    Preamble,
}

/// Every kind of repair, note and doubt the importer reports, with what it
/// needs to be put in words. `label` is a task as the document numbers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Said {
    // Cleaning the text.
    CrLineEnds,
    PageFooters {
        count: usize,
        lines: String,
    },
    HtmlEntities {
        entities: usize,
        count: usize,
        lines: String,
    },
    Spaces(usize),
    FullWidthDigits(usize),
    Guillemets,
    AsciiPunctuation {
        marks: usize,
        lines: usize,
    },
    /// `ambiguous`: characters written in more than one traditional form.
    Traditional {
        count: usize,
        ambiguous: String,
    },
    // The head and tail of the document.
    NoTitle {
        plan_id: String,
    },
    SiteHeader {
        date: Option<String>,
        text: String,
    },
    SiteFooter {
        lines: String,
        texts: String,
    },
    PublicationNote {
        text: String,
    },
    SignedDateDiffers {
        new: String,
        old: String,
    },
    // The body.
    ListLinesJoined {
        list: String,
        line: usize,
    },
    EmptySectionMerged {
        section: String,
        parent: String,
    },
    EmptySectionKept {
        section: String,
    },
    /// `after`: the task before the paragraph, if any.
    LooseParagraph {
        after: Option<String>,
        place: Place,
    },
    MissingOpenBracket {
        written: String,
        label: String,
    },
    Unnumbered {
        numeral: String,
    },
    LostNumeral {
        written: String,
        label: String,
        numeral: String,
    },
    PutBackBracket {
        closing: bool,
        list: String,
    },
    NumberedWithoutList {
        short: String,
        heading_like: bool,
        place: Place,
    },
    ListNotAtEnd {
        label: String,
    },
    ListNamesNoAgency {
        label: String,
        list: String,
    },
    UnreadInList {
        label: String,
        list: String,
        unread: String,
    },
    SeveralLists {
        label: String,
        count: usize,
        names: String,
    },
    LeadAssumed {
        label: String,
        lead: String,
    },
    /// `own_line`: the agency list stood on a line of its own.
    Joined {
        label: String,
        line: usize,
        own_line: bool,
    },
    OddParentheses {
        label: String,
        odd: String,
    },
    UnknownAgency {
        label: String,
        name: String,
        near: Vec<String>,
    },
    /// In a task (`task`: its label) or a heading (the heading).
    Unbalanced {
        task: Option<String>,
        heading: String,
        mark: char,
        missing: char,
        context: String,
    },
    RepeatedNumber {
        label: String,
        count: usize,
    },
    NumbersJump {
        from: u32,
        to: u32,
    },
    // A corrections file.
    Corrected {
        task: u32,
        found: String,
        new: String,
        reason: String,
    },
    MarkedDamaged {
        task: u32,
        found: String,
        reason: String,
    },
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
    pub(crate) fn repair(&mut self, line: usize, said: Said) {
        self.repairs.push(Finding { line, said });
    }

    pub(crate) fn note(&mut self, line: usize, said: Said) {
        self.notes.push(Finding { line, said });
    }

    pub(crate) fn doubt(&mut self, line: usize, said: Said) {
        self.doubts.push(Finding { line, said });
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

impl Report {
    /// One finding a line in `lang`: the repairs by line, then the notes,
    /// then the doubts (each marked, so that a reader of the plain list can
    /// tell them apart).
    pub fn lines(&self, lang: Lang) -> Vec<String> {
        use crate::i18n::import::{FindingKind, finding};
        let kinds = [
            (FindingKind::Repair, &self.repairs),
            (FindingKind::Note, &self.notes),
            (FindingKind::Doubt, &self.doubts),
        ];
        kinds
            .into_iter()
            .flat_map(|(kind, findings)| {
                findings
                    .iter()
                    .map(move |f| finding(lang, kind, f.line, &f.text(lang)))
            })
            .collect()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for line in self.lines(Lang::En) {
            writeln!(f, "{line}")?;
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
        report.doubt(9, Said::NumbersJump { from: 3, to: 5 });
        report.repair(7, Said::Guillemets);
        report.doubt(2, Said::NumbersJump { from: 1, to: 3 });
        report.repair(3, Said::Spaces(1));
        report.note(4, Said::CrLineEnds);
        report.sort();
        assert_eq!(
            report.to_string(),
            "line 3: removed 1 space inside the text (line-wrap artefacts)\n\
             line 7: wrote « » as 《 》\n\
             line 4: note: read CR (old Mac) line ends as line ends\n\
             line 2: doubt: task numbers jump from 1 to 3\n\
             line 9: doubt: task numbers jump from 3 to 5\n"
        );
        assert_eq!(
            report.lines(Lang::Zh),
            [
                "第 3 行：删除了正文中的 1 个空格（换行造成）",
                "第 7 行：把 « » 写作 《 》",
                "第 4 行：说明：把 CR（旧 Mac）行尾读作换行",
                "第 2 行：存疑：任务编号从 1 跳到 3",
                "第 9 行：存疑：任务编号从 3 跳到 5",
            ]
        );
        assert!(!report.is_empty());
    }
}
