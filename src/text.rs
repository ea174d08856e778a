//! Text helpers shared by search, agencies and every view: pinyin forms of
//! Chinese text and display widths of wide characters.

use pinyin::ToPinyinMulti;
use unicode_width::UnicodeWidthChar;

/// Every toneless reading of a character; empty for non-Chinese characters.
pub fn readings(c: char) -> Vec<&'static str> {
    c.to_pinyin_multi()
        .map(|multi| multi.into_iter().map(|p| p.plain()).collect())
        .unwrap_or_default()
}

/// Full pinyin with the first reading of each character, other characters
/// kept lower-cased: 专利审查 → zhuanlishencha.
pub fn pinyin_full(text: &str) -> String {
    text.chars()
        .map(|c| {
            readings(c)
                .first()
                .map_or_else(|| c.to_lowercase().collect(), |r| (*r).to_string())
        })
        .collect()
}

/// Initials of the first reading of each Chinese character, other
/// alphanumerics kept lower-cased: 专利审查 → zlsc.
pub fn pinyin_initials(text: &str) -> String {
    text.chars()
        .filter_map(|c| match readings(c).first() {
            Some(r) => r.chars().next(),
            None if c.is_alphanumeric() => c.to_lowercase().next(),
            None => None,
        })
        .collect()
}

pub fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

pub fn display_width(text: &str) -> usize {
    text.chars().map(char_width).sum()
}

/// Cuts `text` to at most `width` columns, never through a wide character,
/// ending in … when anything was cut.
pub fn truncate_to_width(text: &str, width: usize) -> String {
    if display_width(text) <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = char_width(c);
        if used + w > width - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Pads with spaces to exactly `width` columns (after truncating if needed).
pub fn pad_to_width(text: &str, width: usize) -> String {
    let mut out = truncate_to_width(text, width);
    let fill = width.saturating_sub(display_width(&out));
    out.extend(std::iter::repeat_n(' ', fill));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinyin_forms_of_chinese_text() {
        assert_eq!(pinyin_full("专利审查"), "zhuanlishencha");
        assert_eq!(pinyin_initials("专利审查"), "zlsc");
        assert_eq!(pinyin_initials("CNIPA知识产权局"), "cnipazscqj");
        assert!(readings('行').contains(&"hang"));
        assert!(readings('行').contains(&"xing"));
    }

    #[test]
    fn widths_count_wide_characters_twice() {
        assert_eq!(display_width("知识产权局"), 10);
        assert_eq!(display_width("ab知"), 4);
        assert_eq!(truncate_to_width("知识产权局", 6), "知识…");
        assert_eq!(truncate_to_width("知识产权局", 5), "知识…");
        assert_eq!(truncate_to_width("知识", 4), "知识");
        assert_eq!(pad_to_width("知", 5), "知   ");
        assert_eq!(pad_to_width("知识产权局", 7), "知识产…");
    }
}
