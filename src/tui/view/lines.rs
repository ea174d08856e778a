//! Pure line builders: fitting styled text to a width, highlighting matched
//! characters, wrapping by display width. Tested with CJK text directly.

use crate::text::{char_width, display_width};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// Cuts spans to `width` columns, never through a wide character, ending in
/// `…` when anything was cut.
pub fn fit(spans: Vec<Span<'_>>, width: usize) -> Line<'static> {
    let total: usize = spans.iter().map(|s| display_width(&s.content)).sum();
    if total <= width {
        return Line::from(
            spans
                .into_iter()
                .map(|s| Span::styled(s.content.into_owned(), s.style))
                .collect::<Vec<_>>(),
        );
    }
    let budget = width.saturating_sub(1);
    let mut used = 0;
    let mut out = Vec::new();
    let mut last_style = Style::new();
    'spans: for span in spans {
        let mut text = String::new();
        for c in span.content.chars() {
            let w = char_width(c);
            if used + w > budget {
                if !text.is_empty() {
                    out.push(Span::styled(text, span.style));
                }
                last_style = span.style;
                break 'spans;
            }
            used += w;
            text.push(c);
        }
        last_style = span.style;
        out.push(Span::styled(text, span.style));
    }
    // A wide character that did not fit leaves a column: pad so the
    // ellipsis sits at the edge and the row keeps its width.
    let pad = budget - used;
    if width > 0 {
        out.push(Span::styled(format!("{}…", " ".repeat(pad)), last_style));
    }
    Line::from(out)
}

/// `text` as spans, the characters at `positions` (character indices) in
/// `matched`, the rest in `base`.
pub fn highlight(
    text: &str,
    positions: &[usize],
    base: Style,
    matched: Style,
) -> Vec<Span<'static>> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_matched = false;
    let mut next = positions.iter().copied().peekable();
    for (i, c) in text.chars().enumerate() {
        let is_match = next.peek() == Some(&i);
        if is_match {
            next.next();
        }
        if is_match != run_matched && !run.is_empty() {
            let style = if run_matched { matched } else { base };
            spans.push(Span::styled(std::mem::take(&mut run), style));
        }
        run_matched = is_match;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_matched { matched } else { base }));
    }
    spans
}

/// Drops the start of a long text whose first match would be off screen,
/// so that the highlighted characters are visible; returns the text and
/// the positions shifted to it.
pub fn around_match(text: &str, positions: &[usize], width: usize) -> (String, Vec<usize>) {
    let Some(&first) = positions.first() else {
        return (text.to_string(), Vec::new());
    };
    let before: usize = text.chars().take(first).map(char_width).sum();
    if before + 4 <= width * 2 / 3 {
        return (text.to_string(), positions.to_vec());
    }
    let skip = first.saturating_sub(3);
    let shown: String = std::iter::once('…')
        .chain(text.chars().skip(skip))
        .collect();
    let shifted = positions.iter().map(|p| p - skip + 1).collect();
    (shown, shifted)
}

/// Wraps by display width, as Chinese is typeset (避头尾, JIS X 4051's
/// kinsoku): text breaks between any two Chinese characters, but no line
/// starts with closing punctuation (，。、；：？！）》” …) nor ends with an
/// opening one (（《“ …); a run of Latin letters or digits moves whole to
/// the next line when it fits there. Existing line breaks are kept.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    wrap_keeping(text, width, &[])
}

/// [`wrap`], keeping each of `names` (agency names) on one line where the
/// line is wide enough: "国防科 / 工局" reads as two words.
///
/// Written here rather than taken from textwrap's UAX #14 mode: that has no
/// way to keep a name whole, and the quotation marks “” are ambiguous in
/// UAX #14, allowed to start a line by some Unicode versions.
pub fn wrap_keeping(text: &str, width: usize, names: &[&str]) -> Vec<String> {
    let width = width.max(2);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        for atom in atoms(paragraph, names) {
            let atom_width = display_width(&atom);
            if used + atom_width > width && used > 0 {
                lines.push(std::mem::take(&mut line).trim_end().to_string());
                used = 0;
            }
            let atom = if used == 0 { atom.trim_start() } else { &atom };
            if display_width(atom) <= width {
                line.push_str(atom);
                used += display_width(atom);
                continue;
            }
            // Wider than the line (a long Latin run at a narrow width):
            // broken by character, still never before closing punctuation.
            for c in atom.chars() {
                let w = char_width(c);
                if used + w > width && used > 0 {
                    let carried = if CLOSING.contains(&c) && line.chars().count() > 1 {
                        line.pop()
                    } else {
                        None
                    };
                    lines.push(std::mem::take(&mut line));
                    line.extend(carried);
                    used = display_width(&line);
                }
                line.push(c);
                used += w;
            }
        }
        lines.push(line.trim_end().to_string());
    }
    lines
}

/// Punctuation no line may start with (避头).
const CLOSING: &[char] = &[
    '，', '。', '、', '；', '：', '？', '！', '）', '》', '」', '』', '〉', '】', '”', '’', '…',
    ',', '.', ';', ':', '?', '!', ')',
];

/// Punctuation no line may end with (避尾).
const OPENING: &[char] = &['（', '《', '「', '『', '〈', '【', '“', '‘', '('];

/// The pieces a line may break between: a name, a Latin word, or one
/// character, with opening punctuation bound to what follows and closing
/// punctuation to what precedes.
fn atoms(paragraph: &str, names: &[&str]) -> Vec<String> {
    let mut atoms: Vec<String> = Vec::new();
    let mut opening = String::new();
    let mut rest = paragraph;
    while let Some(c) = rest.chars().next() {
        let length = if let Some(name) = names
            .iter()
            .filter(|n| !n.is_empty() && rest.starts_with(**n))
            .max_by_key(|n| n.len())
        {
            name.len()
        } else if is_word(c) {
            rest.find(|c| !is_word(c)).unwrap_or(rest.len())
        } else {
            c.len_utf8()
        };
        let (piece, after) = rest.split_at(length);
        rest = after;
        if OPENING.contains(&c) || (!opening.is_empty() && CLOSING.contains(&c)) {
            opening.push_str(piece);
        } else if let (true, Some(last)) = (CLOSING.contains(&c), atoms.last_mut()) {
            last.push_str(piece);
        } else {
            atoms.push(std::mem::take(&mut opening) + piece);
        }
    }
    if !opening.is_empty() {
        atoms.push(opening);
    }
    atoms
}

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '%'
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Modifier;

    fn text_of(line: &Line) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn fitting_never_cuts_a_wide_character() {
        let line = fit(vec![Span::raw("55 "), Span::raw("加强专利审查")], 10);
        // 3 + 2×3 = 9 columns leave none for a fourth character and the …:
        // the row is padded so that it is still exactly 10 columns.
        assert_eq!(text_of(&line), "55 加强专…");
        assert_eq!(display_width(&text_of(&line)), 10);
        let odd = fit(vec![Span::raw("加强专利审查")], 7);
        assert_eq!(text_of(&odd), "加强专…");
        let even = fit(vec![Span::raw("加强专利审查")], 8);
        assert_eq!(text_of(&even), "加强专 …");
        assert_eq!(display_width(&text_of(&even)), 8);
        assert_eq!(text_of(&fit(vec![Span::raw("专利")], 4)), "专利");
    }

    #[test]
    fn highlight_marks_the_matched_characters() {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let spans = highlight("加强专利审查能力", &[2, 3, 4, 5], Style::new(), bold);
        let parts: Vec<(&str, bool)> = spans
            .iter()
            .map(|s| (s.content.as_ref(), s.style == bold))
            .collect();
        assert_eq!(
            parts,
            [("加强", false), ("专利审查", true), ("能力", false)]
        );
    }

    #[test]
    fn a_late_match_is_brought_into_view() {
        let text = "一二三四五六七八九十专利";
        let (shown, positions) = around_match(text, &[10, 11], 12);
        assert_eq!(shown, "…八九十专利");
        assert_eq!(positions, [4, 5]);
        let (same, _) = around_match("专利", &[0], 12);
        assert_eq!(same, "专利");
    }

    #[test]
    fn wrapping_counts_columns_not_bytes() {
        let lines = wrap("加强专利审查能力建设，完善质量评价机制。", 10);
        // 设 and 制 go down with the marks that may not start a line.
        assert_eq!(
            lines,
            ["加强专利审", "查能力建", "设，完善质", "量评价机", "制。"]
        );
        for line in &lines {
            assert!(display_width(line) <= 10);
        }
    }

    #[test]
    fn latin_words_and_numbers_stay_whole() {
        // Chinese breaks anywhere, but CNIPA and 2020 move whole.
        let lines = wrap("在 2020年 推广 CNIPA 的做法", 12);
        assert_eq!(lines, ["在 2020年 推", "广 CNIPA 的", "做法"]);
        assert_eq!(wrap("推广CNIPA做法", 6), ["推广", "CNIPA", "做法"]);
        assert_eq!(wrap("共2020个", 5), ["共", "2020", "个"]);
        assert_eq!(wrap("a\nb", 5), ["a", "b"]);
    }

    #[test]
    fn opening_marks_go_down_with_what_they_open() {
        assert_eq!(
            wrap("出台《国防专利条例》。", 6),
            ["出台", "《国防", "专利条", "例》。"]
        );
        assert_eq!(wrap("开展“昆仑”行动", 8), ["开展“昆", "仑”行动"]);
    }

    #[test]
    fn agency_names_stay_on_one_line() {
        let text = "国家知识产权局、国防科工局按职责分别负责";
        assert_eq!(
            wrap_keeping(text, 18, &["国防科工局", "知识产权局"]),
            ["国家知识产权局、", "国防科工局按职责分", "别负责"]
        );
        // Wider than the line: broken, as anything else would be.
        assert_eq!(
            wrap_keeping("国防科工局", 6, &["国防科工局"]),
            ["国防科", "工局"]
        );
    }

    #[test]
    fn a_long_latin_run_breaks_but_not_before_a_comma() {
        let lines = wrap("abcdefgh，", 8);
        assert_eq!(lines, ["abcdefg", "h，"]);
    }

    /// Every task text, every heading and every agency list of the shipped
    /// plan, at every width from 30 to 120: no line starts with closing
    /// punctuation or ends with opening punctuation, no agency name is split,
    /// nothing is lost and no line is too wide.
    #[test]
    fn the_shipped_plan_wraps_by_the_rules_at_every_width() {
        use crate::plan_io::{self, EMBEDDED_PLAN, Origin};
        let plan = plan_io::parse(EMBEDDED_PLAN.as_bytes(), &Origin::Embedded).expect("the plan");
        let catalog = crate::model::Catalog::new(vec![plan]);
        let mut names: Vec<String> = catalog
            .tasks
            .iter()
            .flat_map(|t| t.task.agencies.iter().map(|a| a.name.to_string()))
            .collect();
        names.sort();
        names.dedup();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let mut texts: Vec<String> = catalog
            .tasks
            .iter()
            .map(|t| t.task.text.to_string())
            .collect();
        texts.extend(catalog.sections.iter().map(|s| s.heading()));
        texts.extend(catalog.tasks.iter().map(|t| {
            let names: Vec<&str> = t.task.agencies.iter().map(|a| &*a.name).collect();
            names.join("、")
        }));
        let mut lines_checked = 0;
        for width in 30..=120 {
            for text in &texts {
                let lines = wrap_keeping(text, width, &names);
                assert_eq!(lines.concat(), *text, "nothing lost at {width}");
                for (i, line) in lines.iter().enumerate() {
                    lines_checked += 1;
                    assert!(display_width(line) <= width, "{line:?} wider than {width}");
                    let first = line.chars().next();
                    assert!(
                        i == 0 || first.is_none_or(|c| !CLOSING.contains(&c)),
                        "{line:?} starts a line at {width}: {text}"
                    );
                    let last = line.chars().last();
                    assert!(
                        i + 1 == lines.len() || last.is_none_or(|c| !OPENING.contains(&c)),
                        "{line:?} ends a line at {width}: {text}"
                    );
                    if let Some(next) = lines.get(i + 1) {
                        for name in &names {
                            let split = name.char_indices().skip(1).any(|(at, _)| {
                                line.ends_with(&name[..at]) && next.starts_with(&name[at..])
                            });
                            assert!(!split, "{name} split at {width}: {line:?} / {next:?}");
                        }
                    }
                }
            }
        }
        assert!(lines_checked > 30_000, "{lines_checked}");
    }
}
