//! Deleting in a one-line text box as readline, fzf and the shell do:
//! `C-u` everything before the cursor, `C-w` the word before it. A word
//! ends at white space (full-width included), so in Chinese, typed without
//! spaces, `C-w` takes the whole run back to the last space, as in fzf.

/// Deletes everything before the cursor. Whether anything was deleted.
pub fn delete_to_start(text: &mut Vec<char>, cursor: &mut usize) -> bool {
    let deleted = *cursor > 0;
    text.drain(..*cursor);
    *cursor = 0;
    deleted
}

/// Deletes the spaces before the cursor and the word before them.
pub fn delete_word_back(text: &mut Vec<char>, cursor: &mut usize) -> bool {
    let before = &text[..*cursor];
    let spaces = before
        .iter()
        .rev()
        .take_while(|c| c.is_whitespace())
        .count();
    let word = before[..before.len() - spaces]
        .iter()
        .rev()
        .take_while(|c| !c.is_whitespace())
        .count();
    let start = *cursor - spaces - word;
    text.drain(start..*cursor);
    let deleted = start < *cursor;
    *cursor = start;
    deleted
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(
        text: &str,
        cursor: usize,
        f: fn(&mut Vec<char>, &mut usize) -> bool,
    ) -> (String, usize) {
        let mut chars: Vec<char> = text.chars().collect();
        let mut cursor = cursor;
        f(&mut chars, &mut cursor);
        (chars.into_iter().collect(), cursor)
    }

    #[test]
    fn ctrl_w_deletes_the_word_and_the_spaces_before_the_cursor() {
        assert_eq!(edit("专利 商标", 5, delete_word_back), ("专利 ".into(), 3));
        assert_eq!(
            edit("专利 商标  ", 7, delete_word_back),
            ("专利 ".into(), 3)
        );
        assert_eq!(
            edit("专利　商标", 5, delete_word_back),
            ("专利　".into(), 3)
        );
        // Only what is before the cursor.
        assert_eq!(
            edit("专利 商标", 4, delete_word_back),
            ("专利 标".into(), 3)
        );
        assert_eq!(edit("专利", 0, delete_word_back), ("专利".into(), 0));
    }

    #[test]
    fn ctrl_u_deletes_everything_before_the_cursor() {
        assert_eq!(edit("专利 商标", 3, delete_to_start), ("商标".into(), 0));
        assert_eq!(edit("专利 商标", 5, delete_to_start), (String::new(), 0));
    }
}
