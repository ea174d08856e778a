//! Where a term of characters that match only themselves (Chinese, digits)
//! occurs in the task texts, found in one pass over all of them and kept
//! for the next keystroke.
//!
//! Seven texts in ten of a large plan hold 知识, and its score needs how
//! often and how early each holds it; reading every text for every
//! keystroke of 知识产权局 was most of each one. Once the occurrences of
//! 知识 are known, those of 知识产 are among them: each is checked where it
//! stands, without reading the texts again.

use super::{TaskDoc, folded_len, to_u32};
use memchr::memmem;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};

/// Every place a term occurs, overlapping ones included, each wholly
/// within one task text.
#[derive(Debug)]
pub(super) struct Occurrences {
    term: Box<str>,
    /// How its places were counted (see [`Texts::case_sensitive`]).
    case_sensitive: bool,
    /// In ascending order of place.
    found: Vec<Found>,
}

/// One occurrence, with the text that follows it, so that the next
/// keystroke does not read the text again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Found {
    task: u32,
    /// Byte offset in the index's texts.
    at: u32,
    /// How many characters of its text come before it, as the term's
    /// score counts them, up to 99: known, scoring reads no text. Only the
    /// score reads it, and only for a text's first occurrence; the others'
    /// is [`UNCOUNTED`] until narrowing makes one of them the first.
    pub(super) place: u8,
    /// How many of `ahead` are the text's.
    ahead_len: u8,
    /// The text's bytes after the term: a term typed one character longer
    /// is checked against them.
    ahead: [u8; AHEAD],
}

/// Two Chinese characters: a record is 16 bytes. A list is kept in memory
/// (about 2 MB for 知 at 100k tasks), and typing on past what is known
/// reads the texts at the occurrences, which also refills it.
const AHEAD: usize = 6;
const _: () = assert!(std::mem::size_of::<Found>() == 16);

/// The place of an occurrence that is not its text's first. Counting the
/// characters before every occurrence cost half as much again as finding
/// them (知 in 100k texts of 108 characters: 6.5 ms a thread, against 5
/// to find them).
pub(super) const UNCOUNTED: u8 = u8::MAX;

/// How many occurrence lists are kept: the terms of the last few queries,
/// so that erasing a character finds its shorter term's list again.
const KEPT: usize = 3;

/// Texts of fewer bytes than this are searched on one thread.
const SPLIT_BYTES: usize = 1 << 20;

/// The texts as the occurrences are read from them.
#[derive(Clone, Copy)]
pub(super) struct Texts<'a> {
    pub(super) tasks: &'a [TaskDoc],
    pub(super) texts: &'a str,
    /// Whether the term is case-sensitive: places are then counted in the
    /// characters of the texts as written, else lower-cased (see
    /// [`folded_len`]).
    pub(super) case_sensitive: bool,
}

impl Texts<'_> {
    /// The byte range of a task's text.
    fn range(&self, task: usize) -> (usize, usize) {
        let doc = &self.tasks[task];
        (doc.text.0 as usize, doc.text.1 as usize)
    }

    fn bytes(&self) -> &[u8] {
        self.texts.as_bytes()
    }

    /// How many characters of `task`'s text come before byte `at`, as the
    /// score counts them, up to 99.
    fn place(&self, task: usize, at: usize) -> u8 {
        let start = self.range(task).0;
        // A character is at most four bytes: one this far in is past the
        // 99th, where places stop counting.
        if at - start >= 4 * 99 {
            return 99;
        }
        let chars = folded_len(&self.texts[start..at], self.case_sensitive);
        u8::try_from(chars.min(99)).unwrap_or(99)
    }

    /// An occurrence of a term of `len` bytes at `at` in `task`'s text, at
    /// character `place` of it.
    fn found(&self, task: usize, at: usize, len: usize, place: u8) -> Found {
        let end = self.range(task).1;
        let from = at + len;
        let mut ahead = [0; AHEAD];
        // Whole, past the text's end if need be (the length says where it
        // ends): a copy of a fixed size is two moves, not a call.
        match self.bytes().get(from..from + AHEAD) {
            Some(after) => ahead.copy_from_slice(after),
            None => {
                let after = &self.bytes()[from.min(end)..end];
                ahead[..after.len()].copy_from_slice(after);
            }
        }
        Found {
            task: to_u32(task),
            at: to_u32(at),
            place,
            ahead_len: u8::try_from(end.saturating_sub(from).min(AHEAD)).unwrap_or(0),
            ahead,
        }
    }
}

/// The lists kept from one keystroke to the next, and the term whose list
/// is being found ahead of the next (see [`Kept::look_ahead`]).
#[derive(Debug, Default)]
pub(super) struct Kept {
    state: Mutex<KeptState>,
    /// Signalled when the list being found ahead is done.
    done: Condvar,
}

#[derive(Debug, Default)]
struct KeptState {
    lists: Vec<Arc<Occurrences>>,
    ahead: Option<Box<str>>,
}

impl Kept {
    fn lock(&self) -> MutexGuard<'_, KeptState> {
        // The lists are whole at every step: a panic elsewhere leaves
        // nothing half done.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The occurrences of `term` (a literal: see [`super::Pattern`]), from
    /// a kept list of a term it contains when there is one, else by reading
    /// every text; kept in turn.
    pub(super) fn of(
        &self,
        term: &str,
        finder: &memmem::Finder<'_>,
        texts: Texts<'_>,
    ) -> Arc<Occurrences> {
        let mut state = self.lock();
        // A list being found ahead for a term within this one is further
        // along than a new search would be.
        while state
            .ahead
            .as_deref()
            .is_some_and(|ahead| term.contains(ahead))
        {
            state = self
                .done
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
        let kept = &mut state.lists;
        let counted_alike = |o: &&Arc<Occurrences>| o.case_sensitive == texts.case_sensitive;
        if let Some(same) = kept.iter().filter(counted_alike).find(|o| *o.term == *term) {
            return Arc::clone(same);
        }
        // The longest kept term within this one has the fewest places to
        // check.
        let within = kept
            .iter()
            .filter(counted_alike)
            .filter_map(|o| term.find(&*o.term).map(|at| (o, at)))
            .max_by_key(|(o, _)| o.term.len());
        let found = match within {
            Some((shorter, at)) => narrow(shorter, at, term, texts, NARROW_PARALLEL_MIN),
            None => scan(term, finder, texts, SPLIT_BYTES),
        };
        let occurrences = Arc::new(Occurrences {
            term: term.into(),
            case_sensitive: texts.case_sensitive,
            found,
        });
        keep(kept, &occurrences, texts.tasks.len());
        occurrences
    }

    /// Blocks until nothing is being found ahead.
    pub(super) fn wait_for_ahead(&self) {
        let mut state = self.lock();
        while state.ahead.is_some() {
            state = self
                .done
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }

    /// Finds `term`'s occurrences on a thread of its own, while the user
    /// types on: the next keystroke then narrows them instead of reading
    /// every text, or waits for them if they are not yet found. A term
    /// being found already, or kept, is left alone; nothing is found ahead
    /// when no thread can be made.
    pub(super) fn look_ahead(
        self: &Arc<Self>,
        term: &str,
        case_sensitive: bool,
        tasks: Arc<Vec<TaskDoc>>,
        texts: Arc<String>,
    ) {
        {
            let mut state = self.lock();
            let kept =
                |o: &Arc<Occurrences>| *o.term == *term && o.case_sensitive == case_sensitive;
            if state.ahead.is_some() || state.lists.iter().any(kept) {
                return;
            }
            state.ahead = Some(term.into());
        }
        let term = term.to_string();
        self.ahead_on_a_thread(
            "look-ahead",
            (tasks, texts, case_sensitive),
            move |kept, texts| {
                let finder = memmem::Finder::new(term.as_bytes());
                let found = scan(&term, &finder, texts, SPLIT_BYTES);
                let occurrences = Arc::new(Occurrences {
                    term: term.into(),
                    case_sensitive,
                    found,
                });
                keep(&mut kept.lock().lists, &occurrences, texts.tasks.len());
            },
        );
    }

    /// Reads again, on a thread of its own, what follows each kept
    /// occurrence of `term` when that is too little to check one more
    /// character: narrowing at the end uses up what is known (two
    /// characters), and the keystroke after next would read every text at
    /// its occurrences. The next keystroke waits for it if it is not done.
    pub(super) fn read_on(
        self: &Arc<Self>,
        term: &str,
        case_sensitive: bool,
        tasks: Arc<Vec<TaskDoc>>,
        texts: Arc<String>,
    ) {
        let list = {
            let mut state = self.lock();
            if state.ahead.is_some() {
                return;
            }
            let Some(list) = state
                .lists
                .iter()
                .find(|o| *o.term == *term && o.case_sensitive == case_sensitive)
                .cloned()
            else {
                return;
            };
            state.ahead = Some(term.into());
            list
        };
        self.ahead_on_a_thread(
            "read on",
            (tasks, texts, case_sensitive),
            move |kept, texts| {
                let len = list.term.len();
                // Short of a Chinese character, where the text goes on.
                let short = |f: &Found| {
                    let known = usize::from(f.ahead_len);
                    known < 3 && f.at as usize + len + known < texts.range(f.task as usize).1
                };
                if !list.found.iter().any(short) {
                    return;
                }
                let found = list
                    .found
                    .iter()
                    .map(|f| texts.found(f.task as usize, f.at as usize, len, f.place))
                    .collect();
                let read_on = Arc::new(Occurrences {
                    term: list.term.clone(),
                    case_sensitive,
                    found,
                });
                let mut state = kept.lock();
                if let Some(slot) = state.lists.iter_mut().find(|o| Arc::ptr_eq(o, &list)) {
                    *slot = read_on;
                }
            },
        );
    }

    /// Runs `work` on a thread of its own for the term just marked as
    /// being found ahead, and clears the mark when it ends, whatever
    /// happens, so that a search waiting for it goes on; when no thread
    /// can be made, clears it at once.
    fn ahead_on_a_thread(
        self: &Arc<Self>,
        name: &str,
        (tasks, texts, case_sensitive): (Arc<Vec<TaskDoc>>, Arc<String>, bool),
        work: impl FnOnce(&Kept, Texts<'_>) + Send + 'static,
    ) {
        let kept = Arc::clone(self);
        let spawned = std::thread::Builder::new()
            .name(name.into())
            .spawn(move || {
                let _done = AheadDone(&kept);
                let texts = Texts {
                    tasks: &tasks,
                    texts: &texts,
                    case_sensitive,
                };
                work(&kept, texts);
            });
        if spawned.is_err() {
            drop(AheadDone(self));
        }
    }
}

/// Clears the term being found ahead when dropped, and wakes a search
/// waiting for it.
struct AheadDone<'a>(&'a Kept);

impl Drop for AheadDone<'_> {
    fn drop(&mut self) {
        self.0.lock().ahead = None;
        self.0.done.notify_all();
    }
}

/// Keeps a list, the newest first, unless it is too long to be worth its
/// memory: more than four occurrences a task (a character in every
/// clause). At two a task, 知 in a generated plan of 109 characters a task
/// was let go, and 知识 read every text: 31 ms a keystroke, against 14
/// kept (6.4 MB at 100k tasks).
fn keep(kept: &mut Vec<Arc<Occurrences>>, occurrences: &Arc<Occurrences>, tasks: usize) {
    if occurrences.found.len() <= tasks.saturating_mul(4).max(1 << 16) {
        kept.insert(0, Arc::clone(occurrences));
        kept.truncate(KEPT);
    }
}

impl Occurrences {
    /// Reads the occurrences task by task, in ascending task order.
    pub(super) fn cursor(&self) -> Cursor<'_> {
        Cursor {
            found: &self.found,
            next: None,
        }
    }
}

/// Every occurrence of `term`, read from the texts on two threads once
/// they hold `split_bytes` or more (tests force both ways).
fn scan(
    term: &str,
    finder: &memmem::Finder<'_>,
    texts: Texts<'_>,
    split_bytes: usize,
) -> Vec<Found> {
    let tasks = texts.tasks.len();
    let threads = super::cores();
    let scan = |tasks| scan_tasks(term, finder, texts, tasks);
    if threads < 2 || texts.texts.len() < split_bytes || tasks < 2 {
        return scan(0..tasks);
    }
    // Split at a text's start, so that no occurrence is cut in two (one
    // across two texts is none).
    let half = texts
        .tasks
        .partition_point(|doc| (doc.text.0 as usize) < texts.texts.len() / 2);
    std::thread::scope(|scope| {
        let other = std::thread::Builder::new()
            .name("text scan".into())
            .spawn_scoped(scope, || scan(half..tasks))
            .ok();
        let mut found = scan(0..half);
        match other.map(|handle| handle.join()) {
            Some(Ok(more)) => found.extend(more),
            // A panic in the scan is a bug; carry it over.
            Some(Err(panic)) => std::panic::resume_unwind(panic),
            None => found.extend(scan(half..tasks)),
        }
        found
    })
}

/// The occurrences in the texts of `tasks`, in one search over them, as
/// they lie end to end.
fn scan_tasks(
    term: &str,
    finder: &memmem::Finder<'_>,
    texts: Texts<'_>,
    tasks: std::ops::Range<usize>,
) -> Vec<Found> {
    if tasks.is_empty() {
        return Vec::new();
    }
    let (start, end) = (texts.range(tasks.start).0, texts.range(tasks.end - 1).1);
    let bytes = &texts.bytes()[start..end];
    let mut found: Vec<Found> = Vec::new();
    let mut task = tasks.start;
    let mut text_end = texts.range(task).1;
    let mut record = |at: usize| {
        let at = start + at;
        while text_end <= at && task + 1 < tasks.end {
            task += 1;
            text_end = texts.range(task).1;
        }
        if at + term.len() <= text_end {
            let first = found.last().is_none_or(|f| f.task as usize != task);
            let place = if first {
                texts.place(task, at)
            } else {
                UNCOUNTED
            };
            found.push(texts.found(task, at, term.len(), place));
        }
    };
    if overlaps_itself(term.as_bytes()) {
        // The next occurrence may begin inside this one: looked for one
        // character on, not past it as `find_iter` does.
        let step = term.chars().next().map_or(1, char::len_utf8);
        let mut from = 0;
        while let Some(at) = bytes.get(from..).and_then(|rest| finder.find(rest)) {
            record(from + at);
            from += at + step;
        }
    } else {
        finder.find_iter(bytes).for_each(record);
    }
    found
}

/// Whether an occurrence of `term` can begin inside another: whether it
/// ends with one of its own beginnings (产权产权, 哈哈).
fn overlaps_itself(term: &[u8]) -> bool {
    (1..term.len()).any(|shift| term[shift..] == term[..term.len() - shift])
}

/// The occurrences of `term` among those of a term found `at` bytes into
/// it: each of them is one of those, `at` bytes before.
/// On two threads once there are `split_min` of them or more (tests force
/// both ways).
fn narrow(
    shorter: &Occurrences,
    at: usize,
    term: &str,
    texts: Texts<'_>,
    split_min: usize,
) -> Vec<Found> {
    super::in_halves(shorter.found.len(), split_min, |part, longer| {
        narrow_part(
            &shorter.found[part],
            shorter.term.len(),
            at,
            term,
            texts,
            longer,
        );
    })
}

/// Below this many occurrences narrowing them is quicker than starting a
/// thread to share it (each takes tens of nanoseconds).
const NARROW_PARALLEL_MIN: usize = 16_384;

/// [`narrow`] for a part of the shorter term's occurrences.
fn narrow_part(
    shorter: &[Found],
    shorter_len: usize,
    at: usize,
    term: &str,
    texts: Texts<'_>,
    longer: &mut Vec<Found>,
) {
    let rest = &term.as_bytes()[at + shorter_len..];
    // A task's first occurrence in this part has its place, known when
    // it begins where a counted one of the shorter term does, else
    // counted (a task may lie across two parts: each then counts it).
    let place_of = |longer: &[Found], task: usize, begins: usize, known: u8| {
        if longer.last().is_some_and(|f| f.task as usize == task) {
            UNCOUNTED
        } else if known != UNCOUNTED {
            known
        } else {
            texts.place(task, begins)
        }
    };
    for found in shorter {
        let ahead = &found.ahead[..usize::from(found.ahead_len)];
        if at == 0 && rest.len() <= ahead.len() {
            // The term typed on at its end: what follows the shorter one
            // is known, and the text is not read unless its place is to be
            // counted; it begins where the shorter one does.
            if ahead.starts_with(rest) {
                let mut kept = *found;
                kept.ahead_len -= u8::try_from(rest.len()).unwrap_or(0);
                kept.ahead.copy_within(rest.len().., 0);
                let (task, begins) = (kept.task as usize, kept.at as usize);
                kept.place = place_of(longer, task, begins, kept.place);
                longer.push(kept);
            }
            continue;
        }
        let task = found.task as usize;
        let (start, end) = texts.range(task);
        let begins = (found.at as usize).checked_sub(at).filter(|&b| b >= start);
        if let Some(begins) = begins
            && begins + term.len() <= end
            && texts.bytes().get(begins..begins + term.len()) == Some(term.as_bytes())
        {
            // Typed on at the end, it begins where the shorter one does.
            let known = if at == 0 { found.place } else { UNCOUNTED };
            let place = place_of(longer, task, begins, known);
            longer.push(texts.found(task, begins, term.len(), place));
        }
    }
}

/// A walk over one term's occurrences by tasks in ascending order, as one
/// share of the scoring reads them.
pub(super) struct Cursor<'a> {
    found: &'a [Found],
    /// Where the next task's occurrences start looking; found by a binary
    /// search at the share's first task.
    next: Option<usize>,
}

impl<'a> Cursor<'a> {
    /// Forgets where the last task's occurrences ended: the next task may
    /// lie anywhere after it.
    pub(super) fn restart(&mut self) {
        self.next = None;
    }

    /// `task`'s occurrences, in order. Tasks must be asked for in
    /// ascending order.
    pub(super) fn of_task(&mut self, task: usize) -> &'a [Found] {
        let task = to_u32(task);
        let mut next = self
            .next
            .unwrap_or_else(|| self.found.partition_point(|f| f.task < task));
        while self.found.get(next).is_some_and(|f| f.task < task) {
            next += 1;
        }
        let own = self.found[next..]
            .iter()
            .take_while(|f| f.task == task)
            .count();
        self.next = Some(next + own);
        &self.found[next..next + own]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Catalog, Plan, Section, Task};
    use crate::search::Index;

    fn index_of(texts: &[&str]) -> Index {
        let tasks = texts
            .iter()
            .zip(1..)
            .map(|(&text, number)| Task::new(number, text, &["公安部"]))
            .collect();
        let catalog = Catalog::new(vec![Plan::new(
            "p",
            "计划",
            vec![Section::new("一", "总体要求", tasks, vec![])],
        )]);
        Index::build(&catalog, |_| Vec::new())
    }

    fn texts(index: &Index) -> Texts<'_> {
        Texts {
            tasks: &index.tasks,
            texts: &index.texts,
            case_sensitive: false,
        }
    }

    fn scanned(index: &Index, term: &str, split_bytes: usize) -> Vec<Found> {
        let finder = memmem::Finder::new(term.as_bytes());
        scan(term, &finder, texts(index), split_bytes)
    }

    /// Where each occurrence is: task, byte, and character for a task's
    /// first.
    fn places(found: &[Found]) -> Vec<(u32, u32, Option<u8>)> {
        let mut previous = None;
        found
            .iter()
            .map(|f| {
                let first = previous.replace(f.task) != Some(f.task);
                (f.task, f.at, first.then_some(f.place))
            })
            .collect()
    }

    #[test]
    fn occurrences_overlap_and_never_run_from_one_text_into_the_next() {
        let index = index_of(&["产权产权产权", "", "加强。", "。加强", "权产"]);
        // Texts: 18 bytes, none, 9 bytes, 9 bytes, 6 bytes.
        assert_eq!(
            places(&scanned(&index, "产权产权", usize::MAX)),
            vec![(0, 0, Some(0)), (0, 6, None)],
            "overlapping, both"
        );
        assert_eq!(
            places(&scanned(&index, "。。", usize::MAX)),
            vec![],
            "across two texts"
        );
        assert_eq!(
            places(&scanned(&index, "权产", usize::MAX)),
            vec![(0, 3, Some(1)), (0, 9, None), (4, 36, Some(0))]
        );
        let found = scanned(&index, "产权", usize::MAX);
        assert_eq!(usize::from(found[0].ahead_len), AHEAD);
        assert_eq!(&found[0].ahead[..6], "产权".as_bytes());
        assert_eq!(found[1].ahead_len, 6, "to the end of the text");
        assert_eq!(found[2].ahead_len, 0, "at the end of the text");
    }

    #[test]
    fn an_occurrence_s_place_is_counted_as_its_score_counts_it() {
        let late = "a".repeat(150) + "知识";
        let far = "。".repeat(140) + "知识";
        let index = index_of(&["İ知识，知识", "知识", &late, &far]);
        let counted = |case_sensitive| {
            let finder = memmem::Finder::new("知识".as_bytes());
            let texts = Texts {
                case_sensitive,
                ..texts(&index)
            };
            places(&scan("知识", &finder, texts, usize::MAX))
                .into_iter()
                .map(|(.., place)| place)
                .collect::<Vec<_>>()
        };
        // İ lower-cases to two characters; the 99th character and anything
        // 396 bytes in count as 99; a text's second is not counted.
        assert_eq!(counted(false), [Some(2), None, Some(0), Some(99), Some(99)]);
        assert_eq!(counted(true), [Some(1), None, Some(0), Some(99), Some(99)]);
    }

    #[test]
    fn reading_on_two_threads_finds_what_one_finds() {
        let texts: Vec<String> = (0..50).map(|i| "知识产权".repeat(i % 4) + "。").collect();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let index = index_of(&texts);
        for term in ["知识", "权知", "。知", "知识产权。"] {
            let one = scanned(&index, term, usize::MAX);
            assert_eq!(one.is_empty(), term == "。知", "{term}");
            assert_eq!(scanned(&index, term, 0), one, "{term}");
        }
    }

    #[test]
    fn narrowing_on_two_threads_finds_what_one_finds() {
        // Several occurrences a text, so that the halves part inside one.
        let written: Vec<String> = (0..41)
            .map(|i| "知识产权，知识".repeat(i % 5) + "。")
            .collect();
        let index = index_of(&written.iter().map(String::as_str).collect::<Vec<_>>());
        for (shorter, at, term) in [
            ("知", 0, "知识"),
            ("识", 3, "知识"),
            ("产权", 6, "知识产权，"),
        ] {
            let shorter = Occurrences {
                term: shorter.into(),
                case_sensitive: false,
                found: scanned(&index, shorter, usize::MAX),
            };
            let one = narrow(&shorter, at, term, texts(&index), usize::MAX);
            assert_eq!(places(&one), places(&scanned(&index, term, usize::MAX)));
            let parts = narrow(&shorter, at, term, texts(&index), 0);
            assert_eq!(places(&parts), places(&one), "{term}");
        }
    }

    #[test]
    fn a_list_is_kept_up_to_four_occurrences_a_task() {
        let index = index_of(&["知"]);
        let one = scanned(&index, "知", usize::MAX)[0];
        let list = |n| {
            Arc::new(Occurrences {
                term: "知".into(),
                case_sensitive: false,
                found: vec![one; n],
            })
        };
        let mut kept = Vec::new();
        keep(&mut kept, &list(80_000), 20_000);
        assert_eq!(kept.len(), 1, "four a task");
        keep(&mut kept, &list(80_001), 20_000);
        assert_eq!(kept.len(), 1, "more is let go");
        keep(&mut kept, &list(1 << 16), 10);
        assert_eq!(kept.len(), 2, "a small plan keeps up to 65,536");
    }

    #[test]
    fn a_longer_term_is_found_among_the_occurrences_of_one_it_contains() {
        let long = "知识产权".repeat(40);
        let index = index_of(&["知识产权知识产", "识产权局", "产权", &long]);
        let kept = Kept::default();
        let of = |term: &str| {
            let finder = memmem::Finder::new(term.as_bytes());
            kept.of(term, &finder, texts(&index)).found.clone()
        };
        // Typed on at the end, at the start, past what is known to follow,
        // and back.
        for term in [
            "产权",
            "识产权",
            "知识产权",
            "知识产权知识产权",
            "知识产权知识产权知识产权知",
            "识产",
            "识产权局",
            "产权",
        ] {
            let (narrowed, fresh) = (of(term), scanned(&index, term, usize::MAX));
            assert_eq!(places(&narrowed), places(&fresh), "{term}");
            // What is known to follow may be less, never other.
            for (narrowed, fresh) in narrowed.iter().zip(&fresh) {
                let known = &narrowed.ahead[..usize::from(narrowed.ahead_len)];
                assert!(fresh.ahead[..usize::from(fresh.ahead_len)].starts_with(known));
            }
        }
        let lists = &kept.lock().lists;
        assert_eq!(lists.len(), KEPT, "the oldest are let go");
        assert_eq!(&*lists[0].term, "产权");
    }

    #[test]
    fn an_occurrence_that_narrowing_leaves_first_in_its_text_has_its_place_counted() {
        // Text 0: 27 bytes, 知识产 at characters 0 and 5.
        let index = index_of(&["知识产品，知识产权", "知识产权"]);
        let shorter = |term: &str| Occurrences {
            term: term.into(),
            case_sensitive: false,
            found: scanned(&index, term, usize::MAX),
        };
        let long = shorter("知识产");
        assert_eq!(
            places(&long.found),
            vec![(0, 0, Some(0)), (0, 15, None), (1, 27, Some(0))]
        );
        let wanted = vec![(0, 15, Some(5)), (1, 27, Some(0))];
        // From what is known to follow, and from the texts.
        let known = narrow(&long, 0, "知识产权", texts(&index), usize::MAX);
        assert_eq!(places(&known), wanted);
        let read = narrow(&shorter("知"), 0, "知识产权", texts(&index), usize::MAX);
        assert_eq!(places(&read), wanted);
        assert_eq!(known[0].place, 5, "counted, not copied");
    }

    #[test]
    fn what_follows_is_read_again_once_narrowing_has_used_it_up() {
        let index = index_of(&["知识产权保护", "知识产权", "识知识产", "知识产品"]);
        let of = |term: &str| {
            let finder = memmem::Finder::new(term.as_bytes());
            index.kept.of(term, &finder, texts(&index))
        };
        of("知");
        of("知识");
        let narrowed = of("知识产");
        assert!(narrowed.found.iter().all(|f| f.ahead_len < 3), "used up");
        index.look_ahead("专利 知识产");
        // The next keystroke waits for it, and finds the read-on list.
        of("知识产权");
        let read_on = of("知识产");
        assert!(!Arc::ptr_eq(&read_on, &narrowed));
        let fresh = scanned(&index, "知识产", usize::MAX);
        assert_eq!(read_on.found, fresh);
        assert_eq!(
            places(&of("知识产权").found),
            vec![(0, 0, Some(0)), (1, 18, Some(0))]
        );
        // Nothing to read on: the list stays.
        index.look_ahead("知识产");
        assert!(Arc::ptr_eq(&of("知识产"), &read_on));
    }

    #[test]
    fn a_character_found_ahead_is_narrowed_by_the_next_keystroke() {
        let index = index_of(&["知识产权保护", "知道", "识知识"]);
        index.look_ahead("专利 !局 知");
        // The search waits for the look-ahead when it is not done.
        let finder = memmem::Finder::new("知识".as_bytes());
        let found = index.kept.of("知识", &finder, texts(&index));
        assert_eq!(
            places(&found.found),
            vec![(0, 0, Some(0)), (2, 27, Some(1))]
        );
        let terms: Vec<String> = index
            .kept
            .lock()
            .lists
            .iter()
            .map(|o| o.term.to_string())
            .collect();
        assert_eq!(terms, ["知识", "知"]);
        // Kept already: not found again; nor pinyin, which does not need
        // it, or an excluded term.
        for query in ["知", "zl", "!知"] {
            index.look_ahead(query);
            assert!(index.kept.lock().ahead.is_none(), "{query}");
        }
    }
}
