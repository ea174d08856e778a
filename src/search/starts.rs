//! Where a pinyin term's matches may start in each text, kept from one
//! keystroke to the next. The characters that spell `zhuan` from some
//! place spell `zhua` from there too, so no match of `zhuan` starts before
//! the earliest match of `zhua`, and a text without `zhua` holds no
//! `zhuan`. A full-pinyin keystroke walked each text's masks from its
//! start to its first match; with what the previous keystroke found, it
//! starts there. Results never depend on this, only the work does.

use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::{Mutex, MutexGuard, TryLockError};

/// Per text: the matches of the term start at this character or later.
/// A lower bound, never more: 0 when nothing is known, and a place past
/// `NEVER - 1` is kept as `NEVER - 1`.
pub type Bound = u16;

/// The text holds no match of the term.
pub const NEVER: Bound = Bound::MAX;

/// The bounds of the last pinyin term searched for.
#[derive(Debug, Default)]
pub struct Kept(Mutex<Starts>);

#[derive(Debug, Default)]
pub struct Starts {
    /// The bounds hold for this term and every longer one it begins.
    term: String,
    at: Vec<AtomicU16>,
}

impl Kept {
    /// The bounds for a search of `term` over `tasks` texts: those kept
    /// for a term it begins, else none known. Scoring updates them while
    /// the guard is held; a text left unscored keeps the shorter term's
    /// bound, which holds for `term` as well. None while another search
    /// holds them: that one searches without.
    pub fn for_term(&self, term: &str, tasks: usize) -> Option<MutexGuard<'_, Starts>> {
        let mut starts = match self.0.try_lock() {
            Ok(starts) => starts,
            Err(TryLockError::WouldBlock) => return None,
            // A search that panicked may have left bounds of a term it did
            // not finish; forgetting them all is always right.
            Err(TryLockError::Poisoned(poisoned)) => {
                let mut starts = poisoned.into_inner();
                starts.term.clear();
                starts
            }
        };
        if starts.at.len() != tasks || !term.starts_with(starts.term.as_str()) {
            starts.at.clear();
            starts.at.resize_with(tasks, || AtomicU16::new(0));
        }
        starts.term.clear();
        starts.term.push_str(term);
        Some(starts)
    }
}

impl Starts {
    /// Where the term's matches may start in task `task`'s text.
    pub fn get(&self, task: usize) -> Bound {
        self.at
            .get(task)
            .map_or(0, |bound| bound.load(Ordering::Relaxed))
    }

    /// What scoring task `task` learned (see [`Starts::get`]).
    pub fn set(&self, task: usize, bound: Bound) {
        if let Some(slot) = self.at.get(task) {
            slot.store(bound, Ordering::Relaxed);
        }
    }
}

/// The bound a match found at `earliest` gives.
pub fn bound_at(earliest: usize) -> Bound {
    Bound::try_from(earliest).map_or(NEVER - 1, |b| b.min(NEVER - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_hold_for_longer_terms_and_are_forgotten_for_others() {
        let kept = Kept::default();
        kept.for_term("zh", 3).expect("free").set(1, 7);
        assert_eq!(kept.for_term("zhu", 3).expect("free").get(1), 7);
        // zhu's bounds do not hold for zh again, nor for another term.
        assert_eq!(kept.for_term("zh", 3).expect("free").get(1), 0);
        kept.for_term("zh", 3).expect("free").set(2, NEVER);
        assert_eq!(kept.for_term("li", 3).expect("free").get(2), 0);
        // Another index size: nothing known.
        kept.for_term("li", 3).expect("free").set(0, 4);
        assert_eq!(kept.for_term("lia", 5).expect("free").get(0), 0);
    }

    #[test]
    fn a_second_search_at_the_same_time_goes_without() {
        let kept = Kept::default();
        let held = kept.for_term("zh", 2);
        assert!(held.is_some());
        assert!(kept.for_term("zhu", 2).is_none());
    }

    #[test]
    fn a_place_beyond_the_range_is_kept_as_a_lower_bound() {
        assert_eq!(bound_at(3), 3);
        assert_eq!(bound_at(usize::from(NEVER)), NEVER - 1);
        assert_eq!(bound_at(1 << 40), NEVER - 1);
    }
}
