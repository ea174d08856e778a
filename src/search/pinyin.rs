//! Matching ASCII letters against Chinese text by pinyin: `zlsc` (initials),
//! `zhuanlishencha` (full) and mixtures (`zhuanlsc`) all find 专利审查.
//!
//! The matched characters must be consecutive: a pinyin query scattered over
//! a whole task text would match almost everything.

use crate::text::readings;

/// Per character, the set of initial letters of all its readings (bit 0 = a),
/// or the letter/digit itself for ASCII. Lets a search skip positions cheaply.
pub fn initial_masks(text: &str) -> Box<[u32]> {
    text.chars().map(initial_mask).collect()
}

fn letter_bit(letter: u8) -> u32 {
    if letter.is_ascii_lowercase() {
        1 << (letter - b'a')
    } else if letter.is_ascii_digit() {
        // Digits share the bits above the letters so that `2020` can match.
        1 << (26 + (letter - b'0') % 6)
    } else {
        0
    }
}

fn initial_mask(c: char) -> u32 {
    if c.is_ascii_alphanumeric() {
        return letter_bit(c.to_ascii_lowercase() as u8);
    }
    readings(c)
        .iter()
        .filter_map(|r| r.bytes().next())
        .fold(0, |mask, b| mask | letter_bit(b))
}

/// Whether a query can be matched by pinyin at all: lower-case letters and
/// digits, no spaces.
pub fn is_pinyin_query(query: &str) -> bool {
    !query.is_empty()
        && query
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

/// The best pinyin match of `query` in `text`: score and character positions.
/// `masks` must be `initial_masks(text)`.
pub fn find(text: &str, masks: &[u32], query: &str) -> Option<(i64, Vec<usize>)> {
    let query = query.as_bytes();
    let first = letter_bit(*query.first()?);
    let chars: Vec<char> = text.chars().collect();
    let mut best: Option<(i64, Vec<usize>)> = None;
    for start in 0..chars.len() {
        if masks.get(start).is_none_or(|m| m & first == 0) {
            continue;
        }
        if let Some(length) = match_from(&chars, start, query) {
            let score = score(start, length, query.len());
            if best.as_ref().is_none_or(|(s, _)| score > *s) {
                best = Some((score, (start..start + length).collect()));
            }
            if start == 0 {
                break; // cannot be beaten: earliest start and fewest characters tried first
            }
        }
    }
    best
}

/// Fewer characters for the same letters (initials) and an earlier start
/// rank higher; every match outranks none.
fn score(start: usize, chars_used: usize, letters: usize) -> i64 {
    let chars_used = i64::try_from(chars_used).unwrap_or(i64::MAX / 4);
    let letters = i64::try_from(letters).unwrap_or(i64::MAX / 4);
    let start = i64::try_from(start).unwrap_or(i64::MAX / 4);
    letters * 16 - chars_used * 2 - start.min(40)
}

/// How many characters from `start` spell `query`, each consuming a non-empty
/// prefix of one of its readings. Full syllables are tried first, so the run
/// found is usually the shortest.
fn match_from(chars: &[char], start: usize, query: &[u8]) -> Option<usize> {
    // Depth-first over (character, query offset); memo of dead ends keeps it
    // linear in chars × query even for long polyphonic runs.
    let mut dead = std::collections::HashSet::new();
    let mut stack = vec![(start, 0usize)];
    while let Some((pos, done)) = stack.pop() {
        if done == query.len() {
            return Some(pos - start);
        }
        let Some(&c) = chars.get(pos) else { continue };
        if !dead.insert((pos, done)) {
            continue;
        }
        let rest = &query[done..];
        if c.is_ascii_alphanumeric() {
            if c.to_ascii_lowercase() as u8 == rest[0] {
                stack.push((pos + 1, done + 1));
            }
            continue;
        }
        for reading in readings(c) {
            let reading = reading.as_bytes();
            let common = reading.iter().zip(rest).take_while(|(a, b)| a == b).count();
            // Longest prefix last so it is tried first: full syllables
            // spell the query with fewer characters.
            for length in 1..=common {
                stack.push((pos + 1, done + length));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn positions(text: &str, query: &str) -> Option<Vec<usize>> {
        find(text, &initial_masks(text), query).map(|(_, p)| p)
    }

    #[test]
    fn initials_full_and_mixed_pinyin_find_the_same_words() {
        let text = "加强专利审查能力建设";
        let expected = Some(vec![2, 3, 4, 5]);
        assert_eq!(positions(text, "zlsc"), expected);
        assert_eq!(positions(text, "zhuanlishencha"), expected);
        assert_eq!(positions(text, "zhuanlsc"), expected);
        assert_eq!(positions(text, "zhuanli"), Some(vec![2, 3]));
    }

    #[test]
    fn polyphonic_characters_match_any_reading() {
        // 行 reads both xing and hang.
        assert_eq!(positions("银行业", "yhy"), Some(vec![0, 1, 2]));
        assert_eq!(positions("执行", "zx"), Some(vec![0, 1]));
    }

    #[test]
    fn characters_must_be_consecutive() {
        assert_eq!(positions("专门利用", "zl"), None);
        assert_eq!(positions("知识产权", "zscqx"), None);
    }

    #[test]
    fn latin_and_digits_in_text_match_themselves() {
        assert_eq!(
            positions("龙腾2020专项", "lt2020"),
            Some(vec![0, 1, 2, 3, 4, 5])
        );
        assert_eq!(
            positions("TISC中心", "tisczx"),
            Some(vec![0, 1, 2, 3, 4, 5])
        );
    }

    #[test]
    fn only_lowercase_ascii_queries_are_pinyin() {
        assert!(is_pinyin_query("zlsc"));
        assert!(!is_pinyin_query("专利"));
        assert!(!is_pinyin_query("zl sc"));
        assert!(!is_pinyin_query(""));
    }
}
