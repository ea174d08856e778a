//! Which task texts hold a character read with one letter right before a
//! character read with another: per pair of letters, one bit per task.
//!
//! A pinyin term of two letters or more that each start a character (`zl`,
//! `jq`, `mr` in `samr`) matches only a text that holds those letters'
//! characters side by side. Telling that from the text's masks read them
//! all, four bytes a character: on a plan of long texts that was most of
//! the keystroke, and six texts in ten of them hold no such pair for `zl`.
//! One bit per task and pair answers it without reading the masks.
//!
//! Kept in blocks of 64 tasks, each block with all its pairs together, so
//! that the two threads that build the index write blocks of their own.

use super::pinyin::letter_bit;

const LETTERS: usize = 26;
/// The bits of [`letter_bit`] that are letters (the others are digits).
const LETTER_MASK: u32 = (1 << LETTERS) - 1;
/// One column per ordered pair of letters.
pub(super) const COLUMNS: usize = LETTERS * LETTERS;
/// Tasks per block (one `u64` per column).
pub(super) const BLOCK: usize = 64;

/// For `tasks` tasks, every pair's bit per task: `COLUMNS` words per
/// block of [`BLOCK`] tasks.
#[derive(Debug, Default)]
pub(super) struct Pairs {
    words: Vec<u64>,
}

/// The pairs of one text, collected character by character.
#[derive(Default)]
pub(super) struct TextPairs {
    /// Per letter, the letters that start a character right after one of
    /// its characters.
    after: [u32; LETTERS],
}

impl TextPairs {
    /// A character with initials `before`, followed by one with `next`.
    pub(super) fn add(&mut self, before: u32, next: u32) {
        let next = next & LETTER_MASK;
        if next == 0 {
            return;
        }
        let mut letters = before & LETTER_MASK;
        while letters != 0 {
            self.after[letters.trailing_zeros() as usize] |= next;
            letters &= letters - 1;
        }
    }

    /// Sets the text's bits (its task is `bit` of its block) in `block`,
    /// and clears what was collected for the next text.
    pub(super) fn write(&mut self, block: &mut [u64], bit: usize) {
        for (first, after) in self.after.iter_mut().enumerate() {
            let mut next = std::mem::take(after);
            while next != 0 {
                let column = first * LETTERS + next.trailing_zeros() as usize;
                if let Some(word) = block.get_mut(column) {
                    *word |= 1 << bit;
                }
                next &= next - 1;
            }
        }
    }
}

impl Pairs {
    /// Room for `tasks` tasks, none holding any pair.
    pub(super) fn with_tasks(tasks: usize) -> Self {
        Self {
            words: vec![0; tasks.div_ceil(BLOCK) * COLUMNS],
        }
    }

    pub(super) fn words_mut(&mut self) -> &mut [u64] {
        &mut self.words
    }

    /// Per block of tasks, which hold a character read with `first` right
    /// before one read with any of `next` ([`letter_bit`]s); None when
    /// not known, for a digit (digits share their bits).
    pub(super) fn column(&self, first: u8, next: u32) -> Option<Vec<u64>> {
        let first = letter_bit(first);
        if first & LETTER_MASK == 0 || next & !LETTER_MASK != 0 {
            return None;
        }
        let row = first.trailing_zeros() as usize * LETTERS;
        Some(
            self.words
                .chunks_exact(COLUMNS)
                .map(|block| {
                    let mut letters = next;
                    let mut any = 0;
                    while letters != 0 {
                        any |= block[row + letters.trailing_zeros() as usize];
                        letters &= letters - 1;
                    }
                    any
                })
                .collect(),
        )
    }
}

/// Whether `task`'s bit is set in a column (see [`Pairs::column`]).
pub(super) fn holds(column: &[u64], task: usize) -> bool {
    column
        .get(task / BLOCK)
        .is_some_and(|word| word >> (task % BLOCK) & 1 != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pair_is_found_in_the_texts_that_hold_it_and_no_other() {
        let bit = |letters: &str| letters.bytes().fold(0, |b, l| b | letter_bit(l));
        // Three texts as their characters' initials: z l, l z, z x l.
        let texts: [&[&str]; 3] = [&["z", "l"], &["l", "z"], &["zc", "x", "l"]];
        let mut pairs = Pairs::with_tasks(130);
        for (task, masks) in texts.iter().enumerate().map(|(i, t)| (i * 64 + 1, t)) {
            let mut collected = TextPairs::default();
            for pair in masks.windows(2) {
                collected.add(bit(pair[0]), bit(pair[1]));
            }
            let block = &mut pairs.words_mut()[task / BLOCK * COLUMNS..][..COLUMNS];
            collected.write(block, task % BLOCK);
        }
        let tasks_with = |first: u8, next: &str| {
            let column = pairs.column(first, bit(next)).expect("letters");
            (0..130).filter(|&t| holds(&column, t)).collect::<Vec<_>>()
        };
        assert_eq!(tasks_with(b'z', "l"), vec![1]);
        assert_eq!(tasks_with(b'l', "z"), vec![65]);
        assert_eq!(tasks_with(b'c', "x"), vec![129]);
        assert_eq!(tasks_with(b'z', "lx"), vec![1, 129]);
        assert_eq!(tasks_with(b'x', "z"), Vec::<usize>::new());
        assert_eq!(pairs.column(b'2', bit("l")), None);
        assert_eq!(pairs.column(b'z', bit("2")), None);
    }
}
