//! Which task texts hold a character read with one letter right before a
//! character read with another.
//!
//! A pinyin term of two letters or more that each start a character (`zl`,
//! `jq`, `mr` in `samr`) matches only a text that holds those letters'
//! characters side by side. Telling that from the text's masks read them
//! all (four bytes a character then; one now): on a plan of long texts
//! that was most of the keystroke, and six texts in ten of them hold no
//! such pair for `zl`.
//! A keystroke turns the rows of its term's letters into one bit per task
//! and reads no masks of a text without its pairs.
//!
//! Read from the index's masks once the index is in use (see
//! [`super::Index::pairs_later`]), on two threads for a large plan.

use super::TaskDoc;
use super::pinyin::{Masks, TextMasks, letter_bit};
use std::sync::Arc;

const LETTERS: usize = 26;
/// The bits of [`letter_bit`] that are letters (the others are digits).
const LETTER_MASK: u32 = (1 << LETTERS) - 1;
/// Tasks per word of a column (see [`Pairs::column`]).
const BLOCK: usize = 64;
/// Characters below which the pairs are read on one thread.
const SPLIT_CHARS: usize = 1 << 18;

/// Per letter and per task, the letters that start a character right
/// after one of the letter's characters in the task's text: letter by
/// letter, one `u32` per task, so that a keystroke reads only its
/// letters' rows (400 KB each at 100k tasks) and each build thread writes
/// its own tasks' part of each row. As one bit per task and pair of
/// letters it would be smaller (85 bytes a task, not 104), but setting a
/// hundred bits a task one by one was most of the cost of reading them.
#[derive(Debug, Default)]
pub(super) struct Pairs {
    tasks: usize,
    /// `LETTERS` rows of `tasks` entries.
    rows: Vec<u32>,
    /// Per letter and per task, where the text's first character read
    /// with the letter is (see [`Pairs::first_at`]).
    firsts: Arc<Vec<u8>>,
}

/// In [`Pairs::first_at`]'s rows: no character read with the letter
/// before this position, if at all.
pub(super) const FIRST_NOT_BEFORE: u8 = u8::MAX;

/// One letter's row of [`Pairs::first_at`]: shared with a keystroke's
/// pattern rather than copied.
#[derive(Debug, Clone)]
pub(super) struct FirstAt {
    firsts: Arc<Vec<u8>>,
    start: usize,
}

impl FirstAt {
    /// Where `task`'s text first has a character read with the letter,
    /// or [`FIRST_NOT_BEFORE`]; 0, which rules nothing out, for a task
    /// the pairs were not read for.
    pub(super) fn of(&self, task: usize) -> u8 {
        self.firsts.get(self.start + task).copied().unwrap_or(0)
    }
}

/// The pairs of one text, collected character by character.
pub(super) struct TextPairs {
    /// Per letter, the letters that start a character right after one of
    /// its characters; the last entry (the `trailing_zeros` of no letter)
    /// takes what follows a character read with none.
    after: [u32; AFTER],
}

const AFTER: usize = 33;

impl Default for TextPairs {
    fn default() -> Self {
        Self { after: [0; AFTER] }
    }
}

impl TextPairs {
    /// A character with initials `before`, followed by one with `next`.
    /// Without a branch for the usual character of one initial: a
    /// character of none (punctuation) writes to the spare entry.
    pub(super) fn add(&mut self, before: u32, next: u32) {
        let before = before & LETTER_MASK;
        self.after[before.trailing_zeros() as usize] |= next;
        let mut more = before & before.wrapping_sub(1);
        while more != 0 {
            self.after[more.trailing_zeros() as usize] |= next;
            more &= more - 1;
        }
    }

    /// Writes the text's pairs as task `task` of `rows` (one part of each
    /// letter's row), and clears what was collected for the next text.
    pub(super) fn write(&mut self, rows: &mut [&mut [u32]], task: usize) {
        for (row, after) in rows.iter_mut().zip(&mut self.after) {
            if let Some(entry) = row.get_mut(task) {
                *entry = std::mem::take(after) & LETTER_MASK;
            }
        }
        self.after[LETTERS..]
            .iter_mut()
            .for_each(|spare| *spare = 0);
    }
}

impl Pairs {
    /// Room for `tasks` tasks, none holding any pair.
    pub(super) fn with_tasks(tasks: usize) -> Self {
        Self {
            tasks,
            rows: vec![0; tasks * LETTERS],
            firsts: Arc::default(),
        }
    }

    /// Each letter's row, split at task `at`: the parts before, and the
    /// parts from there on.
    pub(super) fn split_at(&mut self, at: usize) -> (Vec<&mut [u32]>, Vec<&mut [u32]>) {
        split_rows(&mut self.rows, self.tasks, at)
    }

    /// The pairs of every task's text, from its range in `masks`; the
    /// second half of the texts on a thread of its own when there are
    /// two cores and enough texts. None when that thread cannot be made:
    /// the search does without them.
    pub(super) fn of(texts: &[TaskDoc], masks: &TextMasks) -> Option<Self> {
        let mut pairs = Self::with_tasks(texts.len());
        let mut firsts = vec![FIRST_NOT_BEFORE; texts.len() * LETTERS];
        let half = if super::cores() > 1 && masks.all().len() >= SPLIT_CHARS {
            texts.len() / 2
        } else {
            texts.len()
        };
        let (mut first, mut second) = pairs.split_at(half);
        let (mut firsts_first, mut firsts_second) = split_rows(&mut firsts, texts.len(), half);
        let read = |texts: &[TaskDoc], rows: &mut [&mut [u32]], firsts: &mut [&mut [u8]]| {
            let mut collected = TextPairs::default();
            for (task, doc) in texts.iter().enumerate() {
                let masks = masks.view(doc.masks);
                let mut before = masks.get(0).unwrap_or(0);
                for next in masks.iter().skip(1) {
                    collected.add(before, next);
                    before = next;
                }
                collected.write(rows, task);
                write_firsts(masks, firsts, task);
            }
        };
        let (first_texts, second_texts) = texts.split_at(half);
        let complete = std::thread::scope(|scope| {
            let other = if second_texts.is_empty() {
                None
            } else {
                let spawned = std::thread::Builder::new()
                    .name("index pairs".into())
                    .spawn_scoped(scope, move || {
                        read(second_texts, &mut second, &mut firsts_second);
                    });
                Some(spawned.ok()?)
            };
            read(first_texts, &mut first, &mut firsts_first);
            if let Some(handle) = other {
                // A panic in the work is a bug; carry it over.
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            }
            Some(())
        });
        pairs.firsts = Arc::new(firsts);
        complete.map(|()| pairs)
    }

    /// Per task, where its text's first character read with `letter` (a
    /// [`letter_bit`]) is, [`FIRST_NOT_BEFORE`] when not before that:
    /// what tells that a pinyin match cannot start early enough to score
    /// what an agency gives. Read from the masks instead, the load of each
    /// text's first mask drew a fifth of the samples of scoring a task for
    /// `zhu` (perf); a row is a byte a task, read in order. 26 bytes a
    /// task in all. None for a digit or an index without pinyin.
    pub(super) fn first_at(&self, letter: u32) -> Option<FirstAt> {
        if self.firsts.is_empty() || letter.count_ones() != 1 || letter & !LETTER_MASK != 0 {
            return None;
        }
        Some(FirstAt {
            firsts: Arc::clone(&self.firsts),
            start: letter.trailing_zeros() as usize * self.tasks,
        })
    }

    /// Per task, one bit in words of 64 tasks: whether its text holds a
    /// character read with `first` right before one read with any of
    /// `next` ([`letter_bit`]s); None when not known, for a digit (digits
    /// share their bits) or an index without pinyin.
    pub(super) fn column(&self, first: u8, next: u32) -> Option<Vec<u64>> {
        let first = letter_bit(first);
        if self.rows.is_empty() || first & LETTER_MASK == 0 || next & !LETTER_MASK != 0 {
            return None;
        }
        let start = first.trailing_zeros() as usize * self.tasks;
        let row = self.rows.get(start..start + self.tasks)?;
        Some(
            row.chunks(BLOCK)
                .map(|tasks| {
                    tasks.iter().enumerate().fold(0, |word, (bit, &after)| {
                        word | u64::from(after & next != 0) << bit
                    })
                })
                .collect(),
        )
    }
}

/// Rows of `tasks` entries each, split at task `at`: the parts before,
/// and the parts from there on.
fn split_rows<T>(all: &mut [T], tasks: usize, at: usize) -> (Vec<&mut [T]>, Vec<&mut [T]>) {
    if tasks == 0 {
        return (Vec::new(), Vec::new());
    }
    all.chunks_exact_mut(tasks)
        .map(|row| row.split_at_mut(at.min(tasks)))
        .unzip()
}

/// Sets `task`'s entry in each letter's row of `firsts`: the position of
/// the first character read with the letter, up to [`FIRST_NOT_BEFORE`].
fn write_firsts(masks: impl Masks, firsts: &mut [&mut [u8]], task: usize) {
    let mut seen = 0u32;
    for (at, mask) in masks.iter().take(usize::from(FIRST_NOT_BEFORE)).enumerate() {
        let mut new = mask & !seen & LETTER_MASK;
        seen |= mask;
        while new != 0 {
            let letter = new.trailing_zeros() as usize;
            if let Some(entry) = firsts.get_mut(letter).and_then(|row| row.get_mut(task)) {
                *entry = u8::try_from(at).unwrap_or(FIRST_NOT_BEFORE);
            }
            new &= new - 1;
        }
        if seen & LETTER_MASK == LETTER_MASK {
            break;
        }
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
        // Written by two threads' parts as the build writes them.
        let (mut before, mut after) = pairs.split_at(65);
        for (task, masks) in texts.iter().enumerate().map(|(i, t)| (i * 64 + 1, t)) {
            let mut collected = TextPairs::default();
            for pair in masks.windows(2) {
                collected.add(bit(pair[0]), bit(pair[1]));
            }
            if task < 65 {
                collected.write(&mut before, task);
            } else {
                collected.write(&mut after, task - 65);
            }
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

    #[test]
    fn a_letter_is_first_read_where_its_first_character_stands() {
        let bit = |letters: &str| letters.bytes().fold(0, |b, l| b | letter_bit(l));
        // Per character, its readings' first letters; "" is punctuation.
        let short: Vec<u32> = ["", "z", "lz", "x", "z"].iter().map(|c| bit(c)).collect();
        // A letter first read past the last position kept.
        let mut long = vec![bit("x"); 300];
        long[299] = bit("q");
        long[254] = bit("m");
        let tasks = 2;
        let mut firsts = vec![FIRST_NOT_BEFORE; tasks * LETTERS];
        let (mut rows, _) = split_rows(&mut firsts, tasks, tasks);
        write_firsts(&short[..], &mut rows, 0);
        write_firsts(&long[..], &mut rows, 1);
        let pairs = Pairs {
            tasks,
            rows: Vec::new(),
            firsts: Arc::new(firsts),
        };
        let first_at = |letter: &str, task| pairs.first_at(bit(letter)).map(|row| row.of(task));
        assert_eq!(first_at("z", 0), Some(1));
        assert_eq!(first_at("l", 0), Some(2));
        assert_eq!(first_at("x", 0), Some(3));
        assert_eq!(first_at("a", 0), Some(FIRST_NOT_BEFORE));
        assert_eq!(first_at("x", 1), Some(0));
        assert_eq!(first_at("m", 1), Some(254));
        assert_eq!(first_at("q", 1), Some(FIRST_NOT_BEFORE));
        // Not one letter, or none at all: not known.
        assert_eq!(first_at("zl", 0), None);
        assert_eq!(first_at("2", 0), None);
        assert!(Pairs::default().first_at(bit("z")).is_none());
    }
}
