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

/// Wraps by display width. Chinese text breaks between any two characters;
/// a run of Latin letters or digits moves whole to the next line when it
/// fits there. Existing line breaks are kept.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(2);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        let mut word = String::new();
        let mut word_width = 0;
        let flush_word = |line: &mut String,
                          used: &mut usize,
                          word: &mut String,
                          ww: &mut usize,
                          lines: &mut Vec<String>| {
            if *used + *ww > width && *used > 0 {
                lines.push(std::mem::take(line).trim_end().to_string());
                *used = 0;
            }
            for c in word.drain(..) {
                let w = char_width(c);
                if *used + w > width {
                    lines.push(std::mem::take(line));
                    *used = 0;
                }
                if *used == 0 && c == ' ' {
                    continue;
                }
                line.push(c);
                *used += w;
            }
            *ww = 0;
        };
        for c in paragraph.chars() {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '%' {
                word.push(c);
                word_width += char_width(c);
                continue;
            }
            flush_word(&mut line, &mut used, &mut word, &mut word_width, &mut lines);
            word.push(c);
            word_width = char_width(c);
            flush_word(&mut line, &mut used, &mut word, &mut word_width, &mut lines);
        }
        flush_word(&mut line, &mut used, &mut word, &mut word_width, &mut lines);
        lines.push(line.trim_end().to_string());
    }
    lines
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
        assert_eq!(
            lines,
            ["加强专利审", "查能力建设", "，完善质量", "评价机制。"]
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
}
