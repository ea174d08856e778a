//! From raw text to clean paragraphs: one paragraph per non-blank line, with
//! the artefacts of text extracted from a web page repaired and counted.
//!
//! Punctuation policy: official Chinese text uses full-width punctuation, and
//! the plan files should read like the official text. So every ASCII `(` `)`
//! becomes `（` `）` (brackets are also what the importer parses), and an ASCII
//! `,` `;` `:` `?` `!` that touches a Chinese character or full-width mark
//! becomes `，` `；` `：` `？` `！`. Between Latin letters and digits ASCII
//! marks stay (`2018-2020`, `1.2`, `10,000`), and the `.` after an arabic task
//! number is part of the number marker. Everything else is kept as written.

/// A non-blank line of the source, cleaned, with what cleaning changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Para {
    /// 1-based line number in the source text.
    pub line: usize,
    pub text: String,
    pub notes: Notes,
}

/// Counts of what cleaning changed in one line; reported only for lines whose
/// text is kept, so dropped web-site text does not clutter the report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Notes {
    /// Whitespace characters removed between Chinese characters or marks.
    pub spaces: usize,
    /// `«` / `»` written for `《` / `》`.
    pub guillemets: usize,
    /// ASCII punctuation written in its full-width form.
    pub punctuation: usize,
    /// Full-width digits ０–９ written as 0–9.
    pub digits: usize,
}

/// Chinese characters and full-width marks: the characters next to which a
/// space can only be an artefact of a line wrap.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(
        c as u32,
        0x2E80..=0x2FFF
            | 0x3000..=0x303F
            | 0x3040..=0x30FF
            | 0x3100..=0x312F
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFFEF
            | 0x20000..=0x2FFFF
    ) || matches!(c, '“' | '”' | '‘' | '’' | '…' | '—' | '·')
}

fn is_space(c: char) -> bool {
    // char::is_whitespace covers U+00A0 and U+3000; zero-width spaces and a
    // stray byte-order mark are invisible in the source and just as spurious.
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}')
}

pub(crate) fn paragraphs(text: &str) -> Vec<Para> {
    text.lines()
        .enumerate()
        .filter_map(|(i, raw)| {
            let (text, notes) = clean_line(raw);
            (!text.is_empty()).then_some(Para {
                line: i + 1,
                text,
                notes,
            })
        })
        .collect()
}

pub(crate) fn clean_line(raw: &str) -> (String, Notes) {
    let mut notes = Notes::default();
    let mapped: Vec<char> = raw
        .chars()
        .map(|c| match c {
            '«' => {
                notes.guillemets += 1;
                '《'
            }
            '»' => {
                notes.guillemets += 1;
                '》'
            }
            '(' => {
                notes.punctuation += 1;
                '（'
            }
            ')' => {
                notes.punctuation += 1;
                '）'
            }
            // Numbers are numbers whatever their width: １．is a task number.
            '０'..='９' => {
                notes.digits += 1;
                char::from_u32(c as u32 - 0xFF10 + u32::from(b'0')).unwrap_or(c)
            }
            _ => c,
        })
        .collect();
    let start = mapped.iter().position(|&c| !is_space(c));
    let end = mapped.iter().rposition(|&c| !is_space(c));
    let (Some(start), Some(end)) = (start, end) else {
        return (String::new(), Notes::default());
    };
    let trimmed = &mapped[start..=end];

    // Whitespace runs inside the line: drop those that touch a Chinese
    // character or mark, keep those between two Latin/digit tokens.
    let mut kept: Vec<char> = Vec::with_capacity(trimmed.len());
    let mut i = 0;
    while i < trimmed.len() {
        let c = trimmed[i];
        if !is_space(c) {
            kept.push(c);
            i += 1;
            continue;
        }
        let run_end = trimmed[i..]
            .iter()
            .position(|&c| !is_space(c))
            .map_or(trimmed.len(), |n| i + n);
        let before = kept.last().copied();
        let after = trimmed.get(run_end).copied();
        if before.is_some_and(is_cjk) || after.is_some_and(is_cjk) {
            notes.spaces += run_end - i;
        } else {
            kept.push(' ');
        }
        i = run_end;
    }

    let mut out = String::with_capacity(kept.len() * 3);
    for (i, &c) in kept.iter().enumerate() {
        let full = match c {
            ',' => '，',
            ';' => '；',
            ':' => '：',
            '?' => '？',
            '!' => '！',
            _ => {
                out.push(c);
                continue;
            }
        };
        let before = i.checked_sub(1).and_then(|j| kept.get(j)).copied();
        let after = kept.get(i + 1).copied();
        if before.is_some_and(is_cjk) || after.is_some_and(is_cjk) {
            notes.punctuation += 1;
            out.push(full);
        } else {
            out.push(c);
        }
    }
    (out, notes)
}

/// Joins a paragraph to the one it continues: nothing between Chinese text
/// (a line wrap inside a word), one space between Latin words.
pub(crate) fn join(into: &mut String, next: &str) {
    let last = into.chars().next_back();
    let first = next.chars().next();
    if let (Some(a), Some(b)) = (last, first)
        && !is_cjk(a)
        && !is_cjk(b)
    {
        into.push(' ');
    }
    into.push_str(next);
}

/// A paragraph joined from several source lines, remembering where each line
/// starts so that a finding at a byte offset can name its line.
#[derive(Debug, Clone, Default)]
pub(crate) struct Joined {
    pub text: String,
    /// (byte offset in `text`, source line), ascending.
    starts: Vec<(usize, usize)>,
}

impl Joined {
    pub fn new(paras: &[&Para]) -> Self {
        let mut joined = Joined::default();
        for para in paras {
            joined.push(para);
        }
        joined
    }

    pub fn push(&mut self, para: &Para) {
        join(&mut self.text, &para.text);
        // A joining space belongs to the earlier line.
        let start = self.text.len() - para.text.len();
        self.starts.push((start, para.line));
    }

    pub fn line_at(&self, offset: usize) -> usize {
        self.starts
            .iter()
            .take_while(|(start, _)| *start <= offset)
            .last()
            .or(self.starts.first())
            .map_or(0, |(_, line)| *line)
    }

    /// Inserts text at a byte offset; later line starts move with it.
    pub fn insert(&mut self, offset: usize, text: &str) {
        if !self.text.is_char_boundary(offset) {
            return;
        }
        self.text.insert_str(offset, text);
        for (start, _) in &mut self.starts {
            if *start > offset {
                *start += text.len();
            }
        }
    }

    pub fn first_line(&self) -> usize {
        self.starts.first().map_or(0, |(_, line)| *line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_at_line_wraps_go_latin_spaces_stay() {
        let (text, notes) = clean_line("最 高人民法院、 知识产 权局在 8个 AIPPI 2020 大会");
        assert_eq!(text, "最高人民法院、知识产权局在8个AIPPI 2020大会");
        assert_eq!(notes.spaces, 6);
        let (text, notes) = clean_line("\u{a0}中科\u{a0}院\u{3000}");
        assert_eq!(text, "中科院");
        assert_eq!(notes.spaces, 1);
    }

    #[test]
    fn ascii_marks_become_full_width_next_to_chinese_only() {
        let (text, notes) = clean_line("(一)文件, 高标准:2018-2020年,10,000 (TISC)");
        assert_eq!(text, "（一）文件，高标准：2018-2020年，10,000（TISC）");
        assert_eq!(notes.punctuation, 7);
        let (text, notes) = clean_line("现将«计划»印发");
        assert_eq!(text, "现将《计划》印发");
        assert_eq!(notes.guillemets, 2);
    }

    #[test]
    fn blank_lines_are_skipped_and_lines_keep_their_numbers() {
        let paras = paragraphs("甲\n\n  \n乙 丙\r\n");
        let seen: Vec<(usize, &str)> = paras.iter().map(|p| (p.line, p.text.as_str())).collect();
        assert_eq!(seen, [(1, "甲"), (4, "乙丙")]);
    }

    #[test]
    fn joined_text_knows_the_line_of_each_offset() {
        let a = Para {
            line: 3,
            text: "修订".into(),
            notes: Notes::default(),
        };
        let b = Para {
            line: 5,
            text: "word".into(),
            notes: Notes::default(),
        };
        let c = Para {
            line: 7,
            text: "more".into(),
            notes: Notes::default(),
        };
        let j = Joined::new(&[&a, &b, &c]);
        assert_eq!(j.text, "修订word more");
        assert_eq!(j.line_at(0), 3);
        assert_eq!(j.line_at(6), 5);
        assert_eq!(j.line_at(j.text.len() - 1), 7);
    }
}
