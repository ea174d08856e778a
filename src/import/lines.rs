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

use super::report::Said;

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

/// What was removed or decoded before the lines were read, for the report:
/// (line, finding).
pub(crate) type Cleaning = Vec<(usize, Said)>;

/// The text's paragraphs. Before cleaning each line: CR-only line ends are
/// line ends; HTML entities are decoded; a form feed is a page break (the
/// text around it stays one line, so that a paragraph broken by a page
/// still joins); page footers and page numbers are removed wherever they
/// fall — on a line of their own or glued inside text (工业—5—和信息化部).
pub(crate) fn paragraphs(text: &str) -> (Vec<Para>, Cleaning) {
    let mut cleaning = Cleaning::new();
    let unified;
    let text = if text.contains('\r') {
        unified = text.replace("\r\n", "\n").replace('\r', "\n");
        if unified.lines().count() > text.lines().count() {
            cleaning.push((1, Said::CrLineEnds));
        }
        unified.as_str()
    } else {
        text
    };
    let mut paras = Vec::new();
    let mut footer_lines = Vec::new();
    let mut entity_lines = Vec::new();
    let mut entities = 0;
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let (decoded, n) = super::html::decode_entities(raw);
        if n > 0 {
            entities += n;
            entity_lines.push(line);
        }
        let mut kept = String::new();
        let mut footer = false;
        for page_part in decoded.split('\u{c}') {
            if is_page_footer(page_part) {
                footer = true;
                continue;
            }
            let (part, removed) = strip_inline_footers(page_part);
            footer |= removed;
            kept.push_str(&part);
        }
        if footer {
            footer_lines.push(line);
        }
        let (text, notes) = clean_line(&kept);
        if !text.is_empty() {
            paras.push(Para { line, text, notes });
        }
    }
    if let Some(&first) = footer_lines.first() {
        cleaning.push((
            first,
            Said::PageFooters {
                count: footer_lines.len(),
                lines: shown_lines(&footer_lines),
            },
        ));
    }
    if let Some(&first) = entity_lines.first() {
        cleaning.push((
            first,
            Said::HtmlEntities {
                entities,
                count: entity_lines.len(),
                lines: shown_lines(&entity_lines),
            },
        ));
    }
    (paras, cleaning)
}

fn shown_lines(lines: &[usize]) -> String {
    let mut shown: Vec<String> = lines.iter().take(12).map(ToString::to_string).collect();
    if lines.len() > 12 {
        shown.push("…".to_string());
    }
    shown.join(", ")
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '—' | '–' | '－' | '─' | '~' | '·')
}

/// A page footer or number alone on its line: `— 5 —`, `- 4 -`, `5`,
/// `第5页 共30页`, `第 5 页`, `5/30`, `共30页`.
fn is_page_footer(line: &str) -> bool {
    let t: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() {
        return false;
    }
    let core = t.trim_matches(is_dash);
    let digits = |s: &str| {
        !s.is_empty()
            && s.len() <= 4
            && s.chars()
                .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    };
    if digits(core) {
        return true;
    }
    if let Some((a, b)) = core.split_once('/') {
        return digits(a) && digits(b);
    }
    let page = |s: &str, pre: &str| {
        s.strip_prefix(pre)
            .and_then(|r| r.strip_suffix('页'))
            .is_some_and(digits)
    };
    let rest = core.trim_matches(['，', ',', '/']);
    if page(rest, "第") || page(rest, "共") {
        return true;
    }
    if let Some(i) = rest.find("页") {
        let (a, b) = rest.split_at(i + '页'.len_utf8());
        return page(a, "第") && page(b.trim_start_matches(['，', ',', '/']), "共");
    }
    false
}

/// Removes footers glued into text by extraction: `—5—`, `- 4 -` between
/// words, `第5页 共30页` anywhere. A dash-number-dash between digits
/// (2018-20-30) is a date or range and stays.
fn strip_inline_footers(text: &str) -> (String, bool) {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut removed = false;
    let mut i = 0;
    while i < chars.len() {
        if let Some(end) = footer_at(&chars, i) {
            removed = true;
            i = end;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    (out, removed)
}

/// The end of an inline footer starting at `i`, if one starts there.
fn footer_at(chars: &[char], i: usize) -> Option<usize> {
    let before = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
    let c = *chars.get(i)?;
    let skip_spaces = |mut k: usize| {
        while chars.get(k).is_some_and(|c| *c == ' ' || *c == '\u{3000}') {
            k += 1;
        }
        k
    };
    let number_end = |k: usize| {
        let mut e = k;
        while chars.get(e).is_some_and(|c| c.is_ascii_digit()) {
            e += 1;
        }
        (e > k && e - k <= 4).then_some(e)
    };
    if is_dash(c) && !before.is_some_and(|b| b.is_ascii_digit() || is_dash(b)) {
        let k = skip_spaces(i + 1);
        let spaced = k > i + 1;
        let e = number_end(k)?;
        let k2 = skip_spaces(e);
        let spaced = spaced || k2 > e;
        let close = *chars.get(k2)?;
        let after = chars.get(k2 + 1).copied();
        let wide = c != '-' || close != '-';
        if is_dash(close) && (wide || spaced) && !after.is_some_and(|a| a.is_ascii_digit()) {
            return Some(skip_spaces(k2 + 1));
        }
        return None;
    }
    if c == '第' {
        let k = skip_spaces(i + 1);
        let e = number_end(k)?;
        let k = skip_spaces(e);
        if chars.get(k) != Some(&'页') {
            return None;
        }
        let k = skip_spaces(k + 1);
        let k = if matches!(chars.get(k), Some('，' | ',' | '/')) {
            skip_spaces(k + 1)
        } else {
            k
        };
        if chars.get(k) != Some(&'共') {
            return None;
        }
        let k = skip_spaces(k + 1);
        let e = number_end(k)?;
        let k = skip_spaces(e);
        return (chars.get(k) == Some(&'页')).then(|| skip_spaces(k + 1));
    }
    None
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
    fn page_footers_go_wherever_they_fall() {
        for footer in [
            "— 5 —",
            "- 4 -",
            "第5页 共30页",
            "第 5 页",
            "12",
            "3/30",
            "—12—",
            "共30页",
        ] {
            assert!(is_page_footer(footer), "{footer}");
        }
        for text in ["一、总则", "1. 甲", "2018-2020年", "第五章", "12345"] {
            assert!(!is_page_footer(text), "{text}");
        }
        assert_eq!(
            strip_inline_footers("工业—5—和信息化部").0,
            "工业和信息化部"
        );
        assert_eq!(
            clean_line(&strip_inline_footers("工业 - 4 - 和信息化部").0).0,
            "工业和信息化部"
        );
        assert_eq!(strip_inline_footers("知识第5页 共30页产权").0, "知识产权");
        for kept in ["2018-2020年", "2020-05-13", "A-1-B"] {
            assert_eq!(
                strip_inline_footers(kept),
                (kept.to_string(), false),
                "{kept}"
            );
        }
        let (paras, cleaning) = paragraphs("1. 推进工业\n— 5 —\n\u{c}和信息化部工作。\r\n");
        let texts: Vec<&str> = paras.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, ["1.推进工业", "和信息化部工作。"]);
        assert_eq!(cleaning.len(), 1, "{cleaning:?}");
        let (paras, cleaning) = paragraphs("甲\r乙&ldquo;丙&rdquo;\r");
        let texts: Vec<&str> = paras.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, ["甲", "乙“丙”"]);
        assert_eq!(cleaning.len(), 2, "{cleaning:?}");
    }

    #[test]
    fn blank_lines_are_skipped_and_lines_keep_their_numbers() {
        let (paras, _) = paragraphs("甲\n\n  \n乙 丙\r\n");
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
