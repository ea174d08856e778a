//! Fuzzy search over every loaded task: number, text, agencies (any of their
//! names) and section headings, with pinyin for Chinese. Built from the
//! catalog once, then queried per keystroke; a query's results depend on
//! the catalog and the query alone.
//!
//! Agencies and sections are few and shared by many tasks, so they are
//! scored once per query and each task takes the best of its own; only the
//! task texts are scanned per task, but for a Chinese term (two characters
//! or more), whose occurrences in all texts are found at once and kept for
//! the next keystroke (see [`occurrences`]).

mod helpers;
mod occurrences;
mod pairs;
pub mod pinyin;
mod starts;
pub mod syntax;

use crate::model::Catalog;
use foldhash::{HashMap, HashMapExt};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use memchr::memmem;
use occurrences::{Cursor, Kept, Occurrences};
use pairs::Pairs;
use pinyin::{Classed, MaskClasses, Masks, Scratch, TextMasks};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use syntax::{Match, Term};

/// Which part of a task matched the query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Number,
    Text,
    /// Index into [`Index::agencies`] and into that agency's names.
    Agency {
        agency: usize,
        name: usize,
    },
    /// Index into the catalog's sections.
    Section(usize),
}

/// A task that matched: 16 bytes, as a keystroke writes one per matching
/// task (95k for `sa` at 100k tasks) and the next reads them again. With
/// 40 (`usize` positions, an `i64` score) the store of each was the
/// hottest instruction in scoring `sa`'s tasks (perf), each thread's share
/// outgrew a core's cache, and each keystroke faulted in 2.5 times the
/// fresh memory.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    task: u32,
    /// A sum of term scores, held to the `i32` range: beyond it only a
    /// query of thousands of terms, each matching the task, could reach.
    score: i32,
    /// Which field, see [`Hit::field`]: `FIELD_NUMBER`, `FIELD_TEXT`,
    /// `FIELD_SECTION`, or `FIELD_AGENCY` plus the name's index.
    kind: u32,
    /// The agency's or the section's index.
    at: u32,
}

const _: () = assert!(std::mem::size_of::<Hit>() == 16);

const FIELD_NUMBER: u32 = 0;
const FIELD_TEXT: u32 = 1;
const FIELD_SECTION: u32 = 2;
const FIELD_AGENCY: u32 = 3;

impl Hit {
    /// `task` is a position in the catalog; positions and indexes past
    /// `u32` are out of reach (see `to_u32`).
    pub fn new(task: usize, score: i64, field: Field) -> Self {
        let (kind, at) = match field {
            Field::Number => (FIELD_NUMBER, 0),
            Field::Text => (FIELD_TEXT, 0),
            Field::Section(index) => (FIELD_SECTION, to_u32(index)),
            Field::Agency { agency, name } => {
                (FIELD_AGENCY.saturating_add(to_u32(name)), to_u32(agency))
            }
        };
        Hit {
            task: to_u32(task),
            score: i32::try_from(score).unwrap_or(if score < 0 { i32::MIN } else { i32::MAX }),
            kind,
            at,
        }
    }

    /// Position in the catalog.
    pub fn task(&self) -> usize {
        self.task as usize
    }

    pub fn score(&self) -> i64 {
        i64::from(self.score)
    }

    pub fn field(&self) -> Field {
        match self.kind {
            FIELD_NUMBER => Field::Number,
            FIELD_TEXT => Field::Text,
            FIELD_SECTION => Field::Section(self.at as usize),
            name => Field::Agency {
                agency: self.at as usize,
                name: (name - FIELD_AGENCY) as usize,
            },
        }
    }
}

impl std::fmt::Debug for Hit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hit")
            .field("task", &self.task)
            .field("score", &self.score)
            .field("field", &self.field())
            .finish()
    }
}

/// Every name one agency can be searched by, with their pinyin masks.
#[derive(Debug)]
pub struct AgencyNames {
    pub names: Vec<String>,
    masks: Vec<Box<[u32]>>,
    bits: Vec<Bits>,
}

/// What a keystroke reads of one task, as ranges into the index's shared
/// buffers: scanning 100k tasks whose texts, masks and agency lists lie
/// scattered over the heap was bound by cache misses; laid end to end they
/// are read in order. 40 bytes a task: offsets are `u32`, as a plan of
/// four billion characters is out of reach anyway.
#[derive(Debug)]
struct TaskDoc {
    number: u32,
    /// The innermost section, or `NO_SECTION`.
    section: u32,
    /// Byte range of the task text in [`Index::texts`].
    text: (u32, u32),
    /// Range of the text's pinyin masks (see [`pinyin::initial_masks`]) in
    /// [`Index::masks`].
    masks: (u32, u32),
    /// Range of the task's agency ids in [`Index::task_agencies`].
    agencies: (u32, u32),
    bits: Bits,
}

/// Which letters a text holds, so that most texts are rejected without
/// being read: a Chinese text seldom holds the ASCII letters of a query, and
/// a pinyin query's first letter must start a reading of some character.
#[derive(Debug, Clone, Copy)]
struct Bits {
    /// The ASCII letters in the text, as [`pinyin::letter_bit`]s.
    ascii: u32,
    /// Every character's pinyin masks OR-ed together.
    initials: u32,
}

impl Bits {
    /// For fields scored once per query: never rejects.
    const ANY: Bits = Bits {
        ascii: u32::MAX,
        initials: u32::MAX,
    };

    fn of(text: &str, masks: impl Masks) -> Bits {
        // One load and an OR a byte: filtering for letters first was 9
        // instructions a byte, most of an index build without pinyin.
        let ascii = text
            .bytes()
            .fold(0, |bits, b| bits | LETTER_BITS[usize::from(b)]);
        Bits {
            ascii,
            initials: masks.iter().fold(0, |bits, m| bits | m),
        }
    }
}

const NO_SECTION: u32 = u32::MAX;

/// Per byte, its letter's [`pinyin::letter_bit`] if it is an ASCII letter
/// (either case), else 0.
const LETTER_BITS: [u32; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 26 {
        table[b'a' as usize + b] = 1 << b;
        table[b'A' as usize + b] = 1 << b;
        b += 1;
    }
    table
};

#[derive(Debug)]
pub struct Index {
    /// Shared with a look-ahead (see [`Index::look_ahead`]), as are the
    /// texts.
    tasks: Arc<Vec<TaskDoc>>,
    /// Every task text, one after the other: a copy of the catalog's (160
    /// bytes a task at 100k), kept because reading each text through the
    /// catalog instead made Chinese keystrokes 1.5–2 times slower on the
    /// wall clock (a 272-byte entry and a pointer per task, the texts
    /// spread among the other strings; see BENCHMARKS.md, Round 6).
    texts: Arc<String>,
    /// Shared with the thread that reads the pairs from them (see
    /// [`Index::pairs_later`]).
    masks: Arc<TextMasks>,
    /// Which texts hold which letters' characters side by side (see
    /// [`pairs`]): read after the index is built, and used once there.
    pairs: Arc<OnceLock<Pairs>>,
    task_agencies: Vec<u32>,
    /// Each section's parent, or `NO_SECTION`.
    section_parents: Vec<u32>,
    pub agencies: Vec<AgencyNames>,
    /// Section headings as shown, built once: formatting them per query
    /// cost a string per section per keystroke. Each distinct heading
    /// once, scored once per keystroke however many sections bear it.
    headings: Vec<String>,
    heading_masks: Vec<Box<[u32]>>,
    /// What the headings hold, as a task's [`Bits`]: most headings are
    /// rejected without being read, as texts are.
    heading_bits: Vec<Bits>,
    /// Each section's heading in [`Index::headings`].
    section_headings: Vec<u32>,
    /// Built with the pinyin masks (see [`Index::build_for`]).
    with_pinyin: bool,
    /// Every character of the texts and headings that has a reading, with
    /// its mask, sorted: what a pinyin query's whole spellers are looked
    /// for among.
    vocabulary: Vec<(char, u32)>,
    /// The occurrences of the last queries' literal terms (see
    /// [`occurrences`]), kept for the next keystroke: results never depend
    /// on them, only the work does.
    kept: Arc<Kept>,
    /// Where the last pinyin term's matches may start in each text (see
    /// [`starts`]), for the next keystroke.
    starts: starts::Kept,
}

/// One term of a query (see [`syntax`]), prepared once per keystroke.
struct Pattern {
    how: Match,
    case_sensitive: bool,
    /// The term as typed, for the fuzzy scorer.
    text: String,
    /// The term lower-cased, unless it is case-sensitive.
    folded: Vec<char>,
    /// The same, one needle per character.
    needles: Vec<Needle>,
    /// Per needle that matches only itself, its SIMD finder: `str::find`
    /// of a Chinese character was most of `知识产权局`'s keystroke.
    char_finders: Vec<Option<memmem::Finder<'static>>>,
    /// The term itself when each of its characters matches only itself:
    /// then an exact occurrence is a plain substring, found with a SIMD
    /// substring search built once per keystroke. `str::find` (two-way,
    /// byte at a time) was most of a Chinese keystroke.
    literal: Option<memmem::Finder<'static>>,
    /// The term as pinyin, lower-cased.
    pinyin: Option<String>,
    /// The ASCII letters among the needles: a text without one of them
    /// cannot hold the term as written.
    letters: u32,
    /// The letters that start a character in any pinyin match (see
    /// [`pinyin::starting_letters`]).
    pinyin_starts: u32,
    /// The most a pinyin match can score, and its first letter's bit (see
    /// [`pinyin::best_possible`]).
    pinyin_best: Option<(i64, u32)>,
    /// The plan's characters that spell the whole pinyin term alone, when
    /// they are few (see [`pinyin::whole_spellers`]); set per search, for
    /// the task texts.
    whole: Option<pinyin::Spellers>,
    /// Per task, as a [`pairs`] column: whether its text holds every pair
    /// of characters side by side that each pinyin match needs
    /// ([`pinyin::required_pairs`]); None when not known. Set per search.
    required_pairs: Option<Vec<u64>>,
    /// Per task, whether its text holds a character read with the first
    /// letter right before one read with a later letter; None when not
    /// known. Set per search, for a term one character can spell.
    first_later_pairs: Option<Vec<u64>>,
    /// Per task, where its text first has a character read with the
    /// term's first letter (see [`Pairs::first_at`]). Set per search.
    first_at: Option<pairs::FirstAt>,
    /// Where the term occurs in every task text, when it is a literal
    /// scored by its occurrences (see [`Pattern::scored_by_occurrences`]);
    /// set per search.
    occurrences: Option<Arc<Occurrences>>,
    number: Option<u32>,
}

impl Pattern {
    fn new(term: Term) -> Self {
        let pinyin = term.pinyin();
        let Term {
            text,
            how,
            case_sensitive,
            ..
        } = term;
        let (folded, needles): (Vec<char>, Vec<Needle>) = if case_sensitive {
            text.chars().map(|c| (c, Needle::Exact(c))).unzip()
        } else {
            text.chars()
                .flat_map(char::to_lowercase)
                .map(|c| (c, Needle::new(c)))
                .unzip()
        };
        let literal = needles
            .iter()
            .all(|n| matches!(n, Needle::Exact(_)))
            .then(|| {
                let literal: String = folded.iter().collect();
                memmem::Finder::new(literal.as_bytes()).into_owned()
            });
        let letters = needles
            .iter()
            .filter_map(|n| match *n {
                Needle::Letter(lower, _) => Some(pinyin::letter_bit(lower)),
                Needle::Exact(c) if c.is_ascii_alphabetic() => {
                    Some(pinyin::letter_bit(c.to_ascii_lowercase() as u8))
                }
                _ => None,
            })
            .fold(0, |bits, bit| bits | bit);
        let char_finders = needles
            .iter()
            .map(|n| match *n {
                Needle::Exact(c) => {
                    let mut bytes = [0; 4];
                    let encoded = c.encode_utf8(&mut bytes).as_bytes();
                    Some(memmem::Finder::new(encoded).into_owned())
                }
                Needle::Letter(..) | Needle::Folded(_) => None,
            })
            .collect();
        Self {
            how,
            case_sensitive,
            char_finders,
            number: (how == Match::Fuzzy).then(|| text.parse().ok()).flatten(),
            pinyin_starts: pinyin.as_deref().map_or(0, pinyin::starting_letters),
            pinyin_best: pinyin
                .as_deref()
                .and_then(pinyin::best_possible)
                .map(|(score, first)| (score + PINYIN_SCORE, first)),
            whole: None,
            required_pairs: None,
            first_later_pairs: None,
            first_at: None,
            occurrences: None,
            text,
            folded,
            needles,
            literal,
            pinyin,
            letters,
        }
    }
}

/// What the [`pairs`] tell of one task text for a pinyin term (see
/// [`Pattern::pairs_in`]); everything is possible in a field they do not
/// cover.
#[derive(Debug, Clone, Copy)]
struct PairHint {
    /// The text holds every pair a match needs.
    possible: bool,
    /// The text holds the first letter's character before a later one's.
    first_later: bool,
    /// Where the text first has a character read with the first letter
    /// (see [`Pairs::first_at`]); None when not known.
    first_at: Option<u8>,
}

impl PairHint {
    const UNKNOWN: PairHint = PairHint {
        possible: true,
        first_later: true,
        first_at: None,
    };
}

impl Pattern {
    /// What the pairs tell of `task`'s text.
    fn pairs_in(&self, task: usize) -> PairHint {
        let holds = |column: &Option<Vec<u64>>| {
            column
                .as_deref()
                .is_none_or(|column| pairs::holds(column, task))
        };
        PairHint {
            possible: holds(&self.required_pairs),
            first_later: holds(&self.first_later_pairs),
            first_at: self.first_at.as_ref().map(|firsts| firsts.of(task)),
        }
    }

    /// A term of characters that match only themselves, found as written in
    /// a text by its occurrences alone: with two or more characters, or
    /// exact, its score is how often and how early it occurs there.
    fn scored_by_occurrences(&self) -> bool {
        self.literal.is_some()
            && self.pinyin.is_none()
            && match self.how {
                Match::Exact => true,
                Match::Fuzzy => self.needles.len() >= 2,
                Match::Prefix | Match::Suffix | Match::Whole => false,
            }
    }
}

/// A query prepared once per keystroke: the terms every task must match,
/// and those none may.
struct Query {
    wanted: Vec<Pattern>,
    excluded: Vec<Pattern>,
}

impl Query {
    fn new(text: &str) -> Self {
        let mut query = Self {
            wanted: Vec::new(),
            excluded: Vec::new(),
        };
        for term in syntax::parse(text) {
            let list = if term.exclude {
                &mut query.excluded
            } else {
                &mut query.wanted
            };
            list.push(Pattern::new(term));
        }
        query
    }

    fn is_empty(&self) -> bool {
        self.wanted.is_empty() && self.excluded.is_empty()
    }

    fn pinyin(&self) -> bool {
        self.wanted.iter().any(|p| p.pinyin.is_some())
    }
}

/// Whether a query needs an index with pinyin (see [`Index::build_for`]).
pub fn needs_pinyin(query: &str) -> bool {
    syntax::parse(query).iter().any(|t| t.pinyin().is_some())
}

/// Texts of fewer bytes than this are read on one thread: a thread costs
/// more than it saves on a small plan (the shipped one is 60 KB).
const SPLIT_BYTES: usize = 1 << 20;

/// Offsets and positions as the index keeps them; a plan of four billion
/// characters is out of reach.
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(NO_SECTION)
}

/// What the index keeps of `entries`' texts besides the texts: each one's
/// [`Bits`], and with pinyin its masks' classes (see [`TextMasks`]),
/// written into `classes` (as many as `counts` says each text has
/// characters), which starts at character `first` of the whole; with the
/// masks past the classes' table, by position.
fn scan_texts(
    entries: &[crate::model::TaskEntry],
    counts: &[u32],
    (classes, first): (&mut [u8], usize),
    with_pinyin: bool,
    (cache, shared): (&mut pinyin::MaskCache, &std::sync::Mutex<MaskClasses>),
) -> (Vec<Bits>, Vec<(u32, u32)>) {
    let mut overflow = Vec::new();
    if !with_pinyin {
        let bits = entries
            .iter()
            .map(|e| Bits::of(&e.task.text, &[][..]))
            .collect();
        return (bits, overflow);
    }
    let mut rest = classes;
    let mut position = first;
    let bits = entries
        .iter()
        .zip(counts)
        .map(|(entry, &count)| {
            let (own, after) = std::mem::take(&mut rest).split_at_mut(count as usize);
            rest = after;
            let (mut ascii, mut initials) = (0, 0);
            for (slot, c) in own.iter_mut().zip(entry.task.text.chars()) {
                let (mask, class) = cache.classed(c, shared);
                *slot = class;
                if class == pinyin::OVERFLOW {
                    overflow.push((to_u32(position), mask));
                }
                position += 1;
                initials |= mask;
                // An ASCII letter's mask is its own letter's bit.
                if c.is_ascii_alphabetic() {
                    ascii |= mask;
                }
            }
            Bits { ascii, initials }
        })
        .collect();
    (bits, overflow)
}

/// The section headings as the index keeps them.
struct SectionFields {
    headings: Vec<String>,
    masks: Vec<Box<[u32]>>,
    bits: Vec<Bits>,
    /// Per section, its heading's place in `headings`.
    of_section: Vec<u32>,
}

impl SectionFields {
    /// With the masks from `cache`: a large plan has thousands of headings
    /// (15,625 at 100k tasks), and their characters are the texts'. A
    /// heading that several sections bear (plans loaded together repeat
    /// 组织实施, 保障措施; the generated plans repeat their subsection
    /// headings) is kept once.
    fn of(catalog: &Catalog, with_pinyin: bool, cache: &mut pinyin::MaskCache) -> Self {
        let mut headings: Vec<String> = Vec::new();
        let mut places: HashMap<String, u32> = HashMap::new();
        let of_section = catalog
            .sections
            .iter()
            .map(|section| {
                let heading = section.heading();
                if let Some(&at) = places.get(&heading) {
                    return at;
                }
                let at = to_u32(headings.len());
                headings.push(heading.clone());
                places.insert(heading, at);
                at
            })
            .collect();
        let masks: Vec<Box<[u32]>> = headings
            .iter()
            .map(|h| {
                if with_pinyin {
                    h.chars().map(|c| cache.mask(c)).collect()
                } else {
                    Box::default()
                }
            })
            .collect();
        let bits = headings
            .iter()
            .zip(&masks)
            .map(|(h, m)| Bits::of(h, &m[..]))
            .collect();
        Self {
            headings,
            masks,
            bits,
            of_section,
        }
    }
}

/// A number typed exactly is what the user wants, above any text match.
const NUMBER_SCORE: i64 = 1_000_000;

impl Index {
    /// `names_of` gives every name of an agency as written in a plan (short,
    /// full, English, abbreviation, aliases); the registry provides it.
    pub fn build(catalog: &Catalog, names_of: impl Fn(&str) -> Vec<String>) -> Self {
        Self::build_with(catalog, names_of, true)
    }

    /// An index for one query, as `plantrack search` runs: without the
    /// pinyin masks (a third of building the index, a byte per character)
    /// when the query cannot be pinyin. Such an index answers only queries
    /// that cannot be pinyin either.
    pub fn build_for(
        catalog: &Catalog,
        names_of: impl Fn(&str) -> Vec<String>,
        query: &str,
    ) -> Self {
        Self::build_with(catalog, names_of, needs_pinyin(query))
    }

    fn build_with(
        catalog: &Catalog,
        names_of: impl Fn(&str) -> Vec<String>,
        with_pinyin: bool,
    ) -> Self {
        // Started now, so that they are ready by the first keystroke.
        if catalog.tasks.len() >= PARALLEL_MIN {
            helpers::helpers();
        }
        Self::build_split(catalog, names_of, with_pinyin, SPLIT_BYTES)
    }

    /// The build, with the task texts' letters and masks read on two
    /// threads once the texts hold `split_bytes` or more (tests force both
    /// ways). Reading them was most of the build, and the machine it runs
    /// on has a second core idle while the plans load.
    fn build_split(
        catalog: &Catalog,
        names_of: impl Fn(&str) -> Vec<String>,
        with_pinyin: bool,
        split_bytes: usize,
    ) -> Self {
        let masks_of = |text: &str| {
            if with_pinyin {
                pinyin::initial_masks(text)
            } else {
                Box::default()
            }
        };
        let entries = &catalog.tasks[..];
        let text_bytes: usize = entries.iter().map(|e| e.task.text.len()).sum();
        // One mask per character, sized exactly (guessed from the bytes,
        // the vector outgrew its guess and doubled), and zeroed, so that
        // each thread writes its own share in place.
        let counts: Vec<u32> = if with_pinyin {
            entries
                .iter()
                // core counts a word of bytes at a time: a third of the
                // instructions of counting lead bytes one by one.
                .map(|e| to_u32(e.task.text.chars().count()))
                .collect()
        } else {
            Vec::new()
        };
        let mut masks = vec![0u8; counts.iter().map(|&n| n as usize).sum()];
        let classes = std::sync::Mutex::new(MaskClasses::default());
        // The first share is read on this thread, which also lays out the
        // rest of the index meanwhile; the other reads the second and the
        // section headings. Shares that give both as many instructions
        // (callgrind, 100k tasks): with pinyin 2/5 of the bytes here, without
        // (the letters alone, cheaper) 1/5.
        let (part, whole) = if with_pinyin { (2, 5) } else { (1, 5) };
        let mut half = entries.len();
        if text_bytes >= split_bytes.max(1) {
            let mut read = 0;
            half = entries
                .iter()
                .position(|e| {
                    read += e.task.text.len();
                    read * whole >= text_bytes * part
                })
                .map_or(entries.len(), |i| i + 1);
        }
        let half_chars = counts[..half.min(counts.len())]
            .iter()
            .map(|&n| n as usize)
            .sum();
        let (first_masks, second_masks) = masks.split_at_mut(half_chars);
        let (first, second) = entries.split_at(half);
        let (first_counts, second_counts) = counts.split_at(half.min(counts.len()));
        let mut unspawned = Vec::new();
        let (tasks, texts, task_agencies, agencies, sections, vocabulary, overflow) =
            std::thread::scope(|scope| {
                // The other thread reads the second share while this one reads
                // the first and then lays out the rest of the index. Without a
                // second thread (none could be made), this one reads both.
                let other = (!second.is_empty())
                    .then(|| {
                        std::thread::Builder::new()
                            .name("index build".into())
                            .spawn_scoped(scope, || {
                                let mut cache = pinyin::MaskCache::default();
                                let bits = scan_texts(
                                    second,
                                    second_counts,
                                    (second_masks, half_chars),
                                    with_pinyin,
                                    (&mut cache, &classes),
                                );
                                let sections = SectionFields::of(catalog, with_pinyin, &mut cache);
                                (bits, sections, cache.read().collect::<Vec<_>>())
                            })
                            .ok()
                    })
                    .flatten();
                let mut cache = pinyin::MaskCache::default();
                let (first_bits, mut overflow) = scan_texts(
                    first,
                    first_counts,
                    (first_masks, 0),
                    with_pinyin,
                    (&mut cache, &classes),
                );
                let mut agencies = Vec::new();
                // foldhash, not SipHash: the keys are the plans' own agency names,
                // looked up once per mention (SipHash was a quarter of the build).
                let mut agency_ids: HashMap<&str, u32> = HashMap::new();
                let mut tasks = Vec::with_capacity(entries.len());
                let mut task_agencies = Vec::new();
                // The catalog's buffer of the texts, read in place; a copy
                // only for a catalog whose tasks' texts are not in it.
                let shared = entries
                    .iter()
                    .all(|e| e.task.text.range_in(catalog.texts()).is_some())
                    .then(|| catalog.texts());
                let mut copied =
                    String::with_capacity(if shared.is_some() { 0 } else { text_bytes });
                let mut first_mask = 0;
                for (i, entry) in entries.iter().enumerate() {
                    let first_agency = task_agencies.len();
                    let ids = entry.task.agencies.iter().map(|a| {
                        *agency_ids.entry(&*a.name).or_insert_with(|| {
                            let mut names = vec![a.name.to_string()];
                            for name in names_of(&a.name) {
                                if !names.contains(&name) {
                                    names.push(name);
                                }
                            }
                            let masks: Vec<_> = names.iter().map(|n| masks_of(n)).collect();
                            let bits = names
                                .iter()
                                .zip(&masks)
                                .map(|(n, m)| Bits::of(n, &m[..]))
                                .collect();
                            agencies.push(AgencyNames { names, masks, bits });
                            to_u32(agencies.len() - 1)
                        })
                    });
                    task_agencies.extend(ids);
                    let text = &entry.task.text;
                    let end_mask = first_mask + counts.get(i).copied().unwrap_or(0);
                    let range = match shared.and_then(|buffer| text.range_in(buffer)) {
                        Some(range) => range,
                        None => {
                            copied.push_str(text);
                            copied.len() - text.len()..copied.len()
                        }
                    };
                    tasks.push(TaskDoc {
                        text: (to_u32(range.start), to_u32(range.end)),
                        number: entry.task.number,
                        section: entry.section.map_or(NO_SECTION, to_u32),
                        masks: (first_mask, end_mask),
                        agencies: (to_u32(first_agency), to_u32(task_agencies.len())),
                        bits: first_bits.get(i).copied().unwrap_or(Bits::ANY),
                    });
                    first_mask = end_mask;
                }
                let ((second_bits, second_overflow), sections, mut vocabulary) =
                    match other.map(|handle| handle.join()) {
                        Some(Ok(read)) => read,
                        Some(Err(panic)) => std::panic::resume_unwind(panic),
                        None => {
                            // The closure that held this share's masks is gone:
                            // they are read into a buffer of their own and copied.
                            let mut own = vec![0; second_counts.iter().map(|&n| n as usize).sum()];
                            let read = scan_texts(
                                second,
                                second_counts,
                                (&mut own, half_chars),
                                with_pinyin,
                                (&mut cache, &classes),
                            );
                            unspawned = own;
                            let sections = SectionFields::of(catalog, with_pinyin, &mut cache);
                            (read, sections, Vec::new())
                        }
                    };
                for (task, bits) in tasks[half..].iter_mut().zip(second_bits) {
                    task.bits = bits;
                }
                overflow.extend(second_overflow);
                vocabulary.extend(cache.read());
                vocabulary.sort_unstable();
                vocabulary.dedup();
                let texts = shared.map_or_else(|| Arc::new(copied), Arc::clone);
                (
                    tasks,
                    texts,
                    task_agencies,
                    agencies,
                    sections,
                    vocabulary,
                    overflow,
                )
            });
        if !unspawned.is_empty() {
            masks[half_chars..].copy_from_slice(&unspawned);
        }
        let classes = classes
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let masks = TextMasks::new(masks, &classes, overflow);
        let section_parents = catalog
            .sections
            .iter()
            .map(|s| s.parent.map_or(NO_SECTION, to_u32))
            .collect();
        Self {
            tasks: Arc::new(tasks),
            texts,
            masks: Arc::new(masks),
            pairs: Arc::default(),
            task_agencies,
            section_parents,
            agencies,
            headings: sections.headings,
            heading_masks: sections.masks,
            heading_bits: sections.bits,
            section_headings: sections.of_section,
            with_pinyin,
            vocabulary,
            kept: Arc::default(),
            starts: starts::Kept::default(),
        }
    }

    /// Matches, best first; ties keep catalog order (plan, then document
    /// order). A task matches when each wanted term matches one of its
    /// fields and no excluded term any; its score is the sum of its terms'
    /// best, and it shows the field of the best one. `within` narrows to the
    /// hits of a shorter query the user has just extended (see
    /// [`syntax::narrows`]).
    pub fn search(&self, catalog: &Catalog, query: &str, within: Option<&[Hit]>) -> Vec<Hit> {
        self.search_top(catalog, query, within, usize::MAX)
            .into_ranked()
    }

    /// [`Index::search`] with only the best `top` hits ranked, the others
    /// counted and ranked when asked for (see [`Hits::rank`]).
    pub fn search_top(
        &self,
        catalog: &Catalog,
        query: &str,
        within: Option<&[Hit]>,
        top: usize,
    ) -> Hits {
        let mut query = Query::new(query);
        if query.is_empty() {
            return Hits::default();
        }
        debug_assert!(
            self.with_pinyin || !query.pinyin(),
            "a pinyin query needs an index built with pinyin"
        );
        debug_assert_eq!(
            self.tasks.len(),
            catalog.tasks.len(),
            "searched with the catalog the index was built from"
        );
        let mut scratch = Scratch::default();
        // Per wanted term, per agency and per section.
        let agency_scores: Vec<Vec<Option<(i64, usize)>>> = query
            .wanted
            .iter()
            .map(|p| {
                self.agencies
                    .iter()
                    .map(|a| best_name(a, p, &mut scratch))
                    .collect()
            })
            .collect();
        let section_scores: Vec<Vec<Option<i64>>> = query
            .wanted
            .iter()
            .map(|p| {
                in_halves(
                    self.headings.len(),
                    HEADINGS_PARALLEL_MIN,
                    |headings, scores| {
                        let mut scratch = Scratch::default();
                        scores.extend(headings.map(|h| {
                            let (heading, masks) = (&self.headings[h], &self.heading_masks[h]);
                            let known = (self.heading_bits[h], PairHint::UNKNOWN);
                            score_field(|| heading, &masks[..], known, p, &mut scratch, &mut 0)
                        }));
                    },
                )
            })
            .collect();
        // Per wanted term and per section, the best of the section and
        // those it lies in, the innermost first among equals: once per
        // query instead of walking each task's sections.
        let section_best: Vec<Vec<Option<(i64, usize)>>> = section_scores
            .iter()
            .map(|scores| {
                (0..self.section_headings.len())
                    .map(|section| {
                        self.section_and_outer(section).fold(None, |best, index| {
                            match scores[self.section_headings[index] as usize] {
                                Some(score) if best.is_none_or(|(b, _)| score > b) => {
                                    Some((score, index))
                                }
                                _ => best,
                            }
                        })
                    })
                    .collect()
            })
            .collect();
        // Only now: the agency names' characters are not in the
        // vocabulary, which holds the texts' and headings'.
        if self.with_pinyin {
            for pattern in &mut query.wanted {
                pattern.whole = pattern
                    .pinyin
                    .as_deref()
                    .and_then(|p| pinyin::whole_spellers(&self.vocabulary, p))
                    .and_then(|spellers| pinyin::Spellers::of(&spellers));
            }
        }
        for pattern in &mut query.wanted {
            let (Some(pinyin), Some(pairs)) = (pattern.pinyin.as_deref(), self.pairs.get()) else {
                continue;
            };
            pattern.required_pairs = pinyin::required_pairs(pinyin)
                .into_iter()
                .filter_map(|(first, next)| pairs.column(first, next))
                .reduce(|mut all, column| {
                    all.iter_mut().zip(column).for_each(|(a, c)| *a &= c);
                    all
                });
            pattern.first_at = pattern
                .pinyin_best
                .and_then(|(_, first)| pairs.first_at(first));
            let bytes = pinyin.as_bytes();
            if let Some(&first) = bytes.first()
                && bytes.len() > 1
            {
                pattern.first_later_pairs = pairs.column(first, pinyin::later_letters(bytes));
            }
        }
        for pattern in &mut query.wanted {
            if pattern.scored_by_occurrences()
                && let Some(literal) = &pattern.literal
            {
                let term: String = pattern.folded.iter().collect();
                let texts = occurrences::Texts {
                    tasks: &self.tasks,
                    texts: &self.texts,
                    case_sensitive: pattern.case_sensitive,
                };
                pattern.occurrences = Some(self.kept.of(&term, literal, texts));
            }
        }
        let excluded_agencies: Vec<bool> = self
            .agencies
            .iter()
            .map(|a| a.names.iter().any(|n| excludes(&query, n, &mut scratch)))
            .collect();
        // Per section, whether it or one it lies in holds an excluded term.
        let excluded_sections: Vec<bool> = if query.excluded.is_empty() {
            Vec::new()
        } else {
            let own: Vec<bool> = self
                .headings
                .iter()
                .map(|h| excludes(&query, h, &mut scratch))
                .collect();
            (0..self.section_headings.len())
                .map(|section| {
                    self.section_and_outer(section)
                        .any(|index| own[self.section_headings[index] as usize])
                })
                .collect()
        };

        // The term being typed, when pinyin: the last one (see [`starts`]).
        let typed_pinyin = query
            .wanted
            .iter()
            .rposition(|p| p.how == Match::Fuzzy && p.pinyin.is_some());
        let starts = typed_pinyin
            .and_then(|term| query.wanted[term].pinyin.as_deref())
            .and_then(|pinyin| self.starts.for_term(pinyin, self.tasks.len()));
        let new_share = || Share {
            scratch: Scratch::default(),
            cursors: query
                .wanted
                .iter()
                .map(|p| p.occurrences.as_deref().map(Occurrences::cursor))
                .collect(),
        };
        let score_task = |task: usize, share: &mut Share| -> Option<Hit> {
            let Share { scratch, cursors } = share;
            let doc = &self.tasks[task];
            let range = (doc.text.0 as usize, doc.text.1 as usize);
            // Only when read: slicing reads the text's last byte, and most
            // texts are not read.
            let text = || &self.texts[range.0..range.1];
            let masks = self.masks.view(doc.masks);
            let task_agencies =
                &self.task_agencies[doc.agencies.0 as usize..doc.agencies.1 as usize];
            let mut total = 0;
            let mut shown: Option<(i64, Field)> = None;
            for (term, pattern) in query.wanted.iter().enumerate() {
                // Fields in the order they win ties: the number, the text,
                // the agencies as listed, the sections innermost first.
                let number =
                    (pattern.number == Some(doc.number)).then_some((NUMBER_SCORE, Field::Number));
                let mut other: Option<(i64, Field)> = None;
                let mut consider = |score: i64, field: Field| {
                    if other.is_none_or(|(b, _)| score > b) {
                        other = Some((score, field));
                    }
                };
                for (position, &id) in task_agencies.iter().enumerate() {
                    let id = id as usize;
                    if let Some((score, name)) = agency_scores[term][id] {
                        // Searching for an agency, its lead tasks come first.
                        let lead_bonus = if position == 0 { 50 } else { 0 };
                        consider(score + lead_bonus, Field::Agency { agency: id, name });
                    }
                }
                if doc.section != NO_SECTION
                    && let Some((score, index)) = section_best[term][doc.section as usize]
                {
                    consider(score, Field::Section(index));
                }
                // The text is scored last, and not at all when it cannot
                // beat what the other fields give: most tasks match a
                // one-letter pinyin query by an agency or a heading.
                let to_beat = number.map(|(s, _)| s).max(other.map(|(s, _)| s));
                let known = (doc.bits, pattern.pairs_in(task));
                let text = match (&mut cursors[term], to_beat) {
                    (Some(cursor), _) => score_by_occurrences(
                        cursor.of_task(task),
                        range,
                        &self.texts,
                        doc.bits,
                        pattern,
                        to_beat,
                    ),
                    (None, Some(to_beat))
                        if text_cannot_reach(pattern, text, known, masks, to_beat) =>
                    {
                        None
                    }
                    (None, _) => {
                        let bounded = starts.as_ref().filter(|_| Some(term) == typed_pinyin);
                        let mut from = bounded.map_or(0, |s| s.get(task));
                        let score = score_field(text, masks, known, pattern, scratch, &mut from);
                        if let Some(starts) = bounded {
                            starts.set(task, from);
                        }
                        score
                    }
                };
                let mut best = number;
                for (score, field) in text.map(|s| (s, Field::Text)).into_iter().chain(other) {
                    if best.is_none_or(|(b, _)| score > b) {
                        best = Some((score, field));
                    }
                }
                let (score, field) = best?;
                total += score;
                if shown.is_none_or(|(s, _)| score > s) {
                    shown = Some((score, field));
                }
            }
            if !query.excluded.is_empty() {
                if doc.section != NO_SECTION && excluded_sections[doc.section as usize] {
                    return None;
                }
                if task_agencies
                    .iter()
                    .any(|&id| excluded_agencies[id as usize])
                    || excludes(&query, text(), scratch)
                {
                    return None;
                }
            }
            let field = shown.map_or(Field::Text, |(_, field)| field);
            Some(Hit::new(task, total, field))
        };

        let candidates = match within {
            // Scoring every task finds what scoring those hit before finds
            // (a longer query matches a subset of them): when they are
            // nearly all (a first letter matches most tasks by an agency),
            // that is cheaper than reading the hits to mark them.
            Some(previous) if previous.len() < self.tasks.len() / 8 * 7 => {
                // In catalog order, so that scoring reads the index from
                // start to end rather than in the previous ranking's order
                // (cache misses), and ties come out in catalog order.
                let mut marked = vec![false; self.tasks.len()];
                for hit in previous {
                    marked[hit.task()] = true;
                }
                // The one exception to "longer queries match a subset": typing
                // 16 after 1 finds task 16 by its number although 1 did not.
                for number in query.wanted.iter().filter_map(|p| p.number) {
                    for task in catalog.find_number(number) {
                        marked[task] = true;
                    }
                }
                Candidates::These((0..self.tasks.len()).filter(|&t| marked[t]).collect())
            }
            _ => Candidates::All(self.tasks.len()),
        };
        Hits::new(score_in_parallel(&candidates, &new_share, &score_task), top)
    }

    /// What reads the pairs of letters side by side from the index's
    /// masks (see [`pairs`]), to run once the index is in use: about 60 M
    /// instructions at 100k tasks, which read with the masks made the
    /// index a third slower to build; and a single search (`plantrack
    /// search`) costs less without them. Searches find the same with or without them; once they are
    /// there, pinyin keystrokes read fewer masks. Nothing to do without
    /// pinyin.
    pub fn pairs_later(&self) -> impl FnOnce() + Send + 'static {
        let with_pinyin = self.with_pinyin;
        let (tasks, masks, pairs) = (
            Arc::clone(&self.tasks),
            Arc::clone(&self.masks),
            Arc::clone(&self.pairs),
        );
        move || {
            if with_pinyin && let Some(read) = Pairs::of(&tasks, &masks) {
                let _ = pairs.set(read);
            }
        }
    }

    /// [`Index::pairs_later`], now.
    pub fn read_pairs(&self) {
        self.pairs_later()();
    }

    /// After a keystroke: when the query ends in a term of one character
    /// that matches only itself (知), finds that character's occurrences on
    /// a thread of its own while the user types on, so that the next
    /// character (知识) finds its term among them rather than reading every
    /// text (see [`occurrences`]). A one-character term itself is scored
    /// without them: most texts need not be read for it. When it ends in a
    /// longer such term whose kept occurrences know too little of what
    /// follows them to check one more character (知识产, narrowed twice),
    /// reads that again the same way. Results never depend on this.
    pub fn look_ahead(&self, query: &str) {
        let Some(last) = syntax::parse(query).into_iter().rfind(|t| !t.exclude) else {
            return;
        };
        let pattern = Pattern::new(last);
        let term: String = pattern.folded.iter().collect();
        let (tasks, texts) = (Arc::clone(&self.tasks), Arc::clone(&self.texts));
        if pattern.how == Match::Fuzzy
            && pattern.needles.len() == 1
            && pattern.literal.is_some()
            && pattern.pinyin.is_none()
        {
            self.kept
                .look_ahead(&term, pattern.case_sensitive, tasks, texts);
        } else if pattern.scored_by_occurrences() {
            self.kept
                .read_on(&term, pattern.case_sensitive, tasks, texts);
        }
    }

    /// Waits until what [`Index::look_ahead`] started is done, for a timing
    /// driver to measure the next keystroke as the user meets it (typed
    /// after the look-ahead, not waiting for it).
    pub fn wait_for_look_ahead(&self) {
        self.kept.wait_for_ahead();
    }

    /// The text a hit matched in, and the character positions to highlight.
    /// Computed only for the rows on screen.
    pub fn highlight(&self, catalog: &Catalog, hit: &Hit, query: &str) -> (String, Vec<usize>) {
        let query = Query::new(query);
        let task_masks: Vec<u32>;
        let (text, masks): (String, &[u32]) = match hit.field() {
            Field::Number => {
                let number = catalog.tasks[hit.task()].task.number.to_string();
                let all = (0..number.chars().count()).collect();
                return (number, all);
            }
            Field::Text => {
                task_masks = self.task_masks(hit.task()).iter().collect();
                (catalog.tasks[hit.task()].task.text.to_string(), &task_masks)
            }
            Field::Agency { agency, name } => (
                self.agencies[agency].names[name].clone(),
                &self.agencies[agency].masks[name],
            ),
            Field::Section(index) => {
                let heading = self.section_headings[index] as usize;
                (self.headings[heading].clone(), &self.heading_masks[heading])
            }
        };
        // Every wanted term that matches the field shown.
        let mut positions: Vec<usize> = query
            .wanted
            .iter()
            .filter_map(|p| positions_in(&text, masks, p))
            .flatten()
            .collect();
        positions.sort_unstable();
        positions.dedup();
        (text, positions)
    }
}

/// A search's hits: how many, and the best of them in order. Ranking every
/// hit cost more than finding them for a short query (53k for `zl` at 100k
/// tasks: a tenth of the keystroke), and a screen shows a few dozen: the
/// rest are ranked only when asked for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Hits {
    /// The first `ranked` best first, then the others in no particular
    /// order, none of them better than a ranked one.
    all: Vec<Hit>,
    ranked: usize,
}

/// Best score first, then catalog order: a total order (a task is hit once),
/// so an unstable sort or selection gives what a stable full sort does.
/// One number, lower first: the score's bits flipped so that a higher
/// score comes first, then the task.
fn rank_key(hit: &Hit) -> u64 {
    // Flipping the sign bit orders an i32's bits as an unsigned number
    // does; flipping them all puts the highest first.
    let score_first = !(hit.score.cast_unsigned() ^ (1 << 31));
    (u64::from(score_first) << 32) | u64::from(hit.task)
}

/// Moves the best `wanted` of `hits` (fewer than all) to the front, in no
/// order. Hits come in catalog order (each scoring thread's, one after
/// another) and most of a short query's share a few scores, so the best
/// seen so far (a heap, worst on top) soon turn
/// nearly every later hit away with one comparison; then one pass moves
/// those as good as the worst kept to the front. `select_nth_unstable`
/// moved the hits about three times over: 10 M of the 155 M instructions
/// of `s`…`samr` at 100k tasks, against 6.6 M now.
fn move_best_to_front(hits: &mut [Hit], wanted: usize) {
    let mut best: std::collections::BinaryHeap<u64> = hits[..wanted].iter().map(rank_key).collect();
    for hit in &hits[wanted..] {
        let key = rank_key(hit);
        if best.peek().is_some_and(|&worst| key < worst)
            && let Some(mut worst) = best.peek_mut()
        {
            *worst = key;
        }
    }
    let Some(&last_kept) = best.peek() else {
        return;
    };
    let mut front = 0;
    for at in 0..hits.len() {
        if rank_key(&hits[at]) <= last_kept {
            hits.swap(front, at);
            front += 1;
        }
    }
}

impl Hits {
    /// Hits in any order, the best `top` of them ranked.
    fn new(mut all: Vec<Hit>, top: usize) -> Self {
        // The scoring threads reserve room for every candidate; a narrow
        // query keeps few of them.
        if all.len() < all.capacity() / 2 {
            all.shrink_to_fit();
        }
        let mut hits = Self { all, ranked: 0 };
        hits.rank(top);
        hits
    }

    pub fn len(&self) -> usize {
        self.all.len()
    }

    pub fn is_empty(&self) -> bool {
        self.all.is_empty()
    }

    /// The hits ranked so far, best first (see [`Hits::rank`]).
    pub fn ranked(&self) -> &[Hit] {
        &self.all[..self.ranked]
    }

    /// Every hit, in no particular order: what a longer query narrows to.
    pub fn unordered(&self) -> &[Hit] {
        &self.all
    }

    /// Ranks at least the best `n` (or all, when fewer).
    pub fn rank(&mut self, n: usize) {
        let n = n.min(self.all.len());
        if n <= self.ranked {
            return;
        }
        let rest = &mut self.all[self.ranked..];
        let wanted = n - self.ranked;
        if wanted < rest.len() {
            move_best_to_front(rest, wanted);
        }
        rest[..wanted].sort_unstable_by_key(rank_key);
        self.ranked = n;
    }

    /// Keeps the hits `keep` says; those ranked stay ranked.
    pub fn retain(&mut self, mut keep: impl FnMut(&Hit) -> bool) {
        let kept_ranked = self.ranked().iter().filter(|h| keep(h)).count();
        self.all.retain(keep);
        self.ranked = kept_ranked;
    }

    /// Every hit, best first.
    pub fn into_ranked(mut self) -> Vec<Hit> {
        self.rank(self.all.len());
        self.all
    }
}

/// Below this many candidates a second thread costs more than it saves
/// (waking a helper is tens of microseconds; scoring a task well under
/// one).
const PARALLEL_MIN: usize = 8_192;

/// As [`PARALLEL_MIN`], for section headings: scoring one costs about
/// what scoring a task does.
const HEADINGS_PARALLEL_MIN: usize = 4_096;

/// The cores to search on, read once: the standard library reads the
/// cgroup's quota files on every call, half a dozen system calls.
pub(super) fn cores() -> usize {
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, usize::from))
}

/// What `work` puts out for `0..len`, in order; with two cores and `len`
/// of `min` or more, the upper half is done by a helper (see [`helpers`])
/// meanwhile. The first half's vector has room for both, so joining them
/// copies only the second. What ran alone before a keystroke's scoring
/// (scoring 15k headings, narrowing 99k occurrences at 100k tasks) was a
/// third of it.
pub(super) fn in_halves<T: Send>(
    len: usize,
    min: usize,
    work: impl Fn(std::ops::Range<usize>, &mut Vec<T>) + Sync,
) -> Vec<T> {
    let mut out = Vec::with_capacity(len);
    let Some(helpers) = helpers::helpers().filter(|_| len >= min) else {
        work(0..len, &mut out);
        return out;
    };
    let half = len / 2;
    let mut upper = Vec::with_capacity(len - half);
    helpers.scope(|scope| {
        scope.spawn(|_| work(half..len, &mut upper));
        work(0..half, &mut out);
    });
    out.extend(upper);
    out
}

/// What one share of the scoring keeps as it goes: the pinyin matcher's
/// buffers, and per wanted term where it is in the term's occurrences.
struct Share<'q> {
    scratch: Scratch,
    cursors: Vec<Option<occurrences::Cursor<'q>>>,
}

/// The tasks a keystroke scores, in catalog order.
enum Candidates {
    /// The first that many: all of them.
    All(usize),
    These(Vec<usize>),
}

impl Candidates {
    fn len(&self) -> usize {
        match self {
            Candidates::All(tasks) => *tasks,
            Candidates::These(tasks) => tasks.len(),
        }
    }
}

/// Candidates a thread claims at a time (see [`score_in_parallel`]).
const CLAIM: usize = 2_048;

/// Scores every candidate, on as many threads as there are cores when the
/// candidates are many; each thread's hits come out in catalog order, one
/// thread's after another's.
///
/// The threads claim the candidates a block at a time, not a share each:
/// a narrowed query's matches bunch together, and with halves one thread
/// scored for up to 5 ms longer than the other (`zhuanl` at 100k tasks:
/// 13.8 against 8.2 ms).
fn score_in_parallel<'q>(
    candidates: &Candidates,
    new_share: &(impl Fn() -> Share<'q> + Sync),
    score_task: &(impl Fn(usize, &mut Share<'q>) -> Option<Hit> + Sync),
) -> Vec<Hit> {
    let all = candidates.len();
    let claimed = AtomicUsize::new(0);
    // Into vectors the calling thread allocates: with one allocated on a
    // thread spawned for the keystroke (with mimalloc a new heap each
    // time) the heavy keys were 4–8 ms slower (BENCHMARKS.md, Round 8).
    let score_claims = |hits: &mut Vec<Hit>| {
        let mut share = new_share();
        loop {
            let start = claimed.fetch_add(CLAIM, Ordering::Relaxed);
            if start >= all {
                break;
            }
            let block = start..(start + CLAIM).min(all);
            // A cursor walks its occurrences in order; after a block
            // another thread scored it finds its place again.
            share.cursors.iter_mut().flatten().for_each(Cursor::restart);
            let mut score = |task| score_task(task, &mut share);
            match candidates {
                Candidates::All(_) => hits.extend(block.filter_map(score)),
                Candidates::These(tasks) => {
                    hits.extend(tasks[block].iter().filter_map(|&task| score(task)));
                }
            }
        }
    };
    // Most candidates of a short query match: growing the vector from
    // empty reallocated and copied it a dozen times. The calling thread's
    // has room for all; the helpers' are appended to it.
    let mut hits = Vec::with_capacity(all);
    let Some(helpers) = helpers::helpers().filter(|_| all >= PARALLEL_MIN) else {
        score_claims(&mut hits);
        return hits;
    };
    let mut theirs: Vec<Vec<Hit>> = (1..cores())
        .map(|_| Vec::with_capacity(all / cores()))
        .collect();
    helpers.scope(|scope| {
        for more in &mut theirs {
            scope.spawn(|_| score_claims(more));
        }
        score_claims(&mut hits);
    });
    for more in theirs {
        hits.extend(more);
    }
    hits
}

impl Index {
    /// `section` and the sections it lies in, innermost first.
    fn section_and_outer(&self, section: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(Some(section), |&at| {
            let parent = self.section_parents[at];
            (parent != NO_SECTION).then_some(parent as usize)
        })
    }

    fn task_masks(&self, task: usize) -> Classed<'_> {
        self.masks.view(self.tasks[task].masks)
    }
}

fn best_name(
    agency: &AgencyNames,
    pattern: &Pattern,
    scratch: &mut Scratch,
) -> Option<(i64, usize)> {
    agency
        .names
        .iter()
        .zip(&agency.masks)
        .zip(&agency.bits)
        .enumerate()
        .filter_map(|(i, ((name, masks), &bits))| {
            score_field(
                || name,
                &masks[..],
                (bits, PairHint::UNKNOWN),
                pattern,
                scratch,
                &mut 0,
            )
            .map(|s| (s, i))
        })
        .max_by_key(|&(score, i)| (score, std::cmp::Reverse(i)))
}

/// Whether `text` (with these `bits` and `masks`) surely scores less than
/// `to_beat` for `pattern`, told without reading past its first bytes:
/// when the text lacks a letter of the term as written, it can match by
/// pinyin alone, in a band below any match as written and no better than
/// [`pinyin::best_possible`]; a one-character term matches as written no
/// better than at the first character. The text and its masks are read
/// only when the bits and the bounds leave it open: for most tasks of a
/// short pinyin term an agency wins, and reading each text's first byte
/// and first mask to tell so (two cache misses a task) drew a fifth of the
/// samples in scoring `sa`'s tasks (perf).
fn text_cannot_reach<'t>(
    pattern: &Pattern,
    text: impl FnOnce() -> &'t str,
    (bits, pairs): (Bits, PairHint),
    masks: impl Masks,
    to_beat: i64,
) -> bool {
    let by_pinyin_below = || {
        pattern.pinyin_best.is_none_or(|(best, first)| {
            // A match starting at character `p` scores at most `best - p`
            // (40 less at most; see `pinyin::best_possible`), and can start
            // only where a reading starts with the first letter: a text
            // reaches `to_beat` (ties go to the text) only from one of its
            // first `best - to_beat + 1` characters. A task that a heading
            // "（三）…" matches for `sa` is decided by a byte of the
            // pairs' (see [`Pairs::first_at`]), or two masks before they
            // are read, not by reading the text.
            match usize::try_from(best - to_beat) {
                Err(_) => true,
                Ok(slack) if slack < pinyin::START_PENALTY_MAX => match pairs.first_at {
                    Some(at) => usize::from(at) > slack,
                    None => !masks.iter().take(slack + 1).any(|m| m & first != 0),
                },
                Ok(_) => false,
            }
        })
    };
    let as_written = pattern.letters & !bits.ascii == 0;
    if !as_written {
        // The masks are read only when the pairs leave a pinyin match
        // possible: for `zl` on a plan of long texts, six texts in ten
        // hold no z-l pair.
        return pattern.how != Match::Fuzzy || !pairs.possible || by_pinyin_below();
    }
    if pattern.how != Match::Fuzzy || pattern.needles.len() != 1 {
        return false;
    }
    // As `first_occurrence_score` scores: 99 less the position.
    let written_best = EXACT_SCORE + 99;
    if written_best >= to_beat {
        let late = pattern
            .literal
            .as_ref()
            .is_some_and(|literal| !text().as_bytes().starts_with(literal.needle()));
        if written_best - i64::from(late) >= to_beat {
            return false;
        }
    }
    !pairs.possible || by_pinyin_below()
}

/// A term's score in a text, from its occurrences there (see
/// [`Pattern::scored_by_occurrences`]), as [`score_field`] gives it; when
/// it does not occur, None also when no scattered match could reach
/// `to_beat`.
fn score_by_occurrences(
    found: &[occurrences::Found],
    (start, end): (usize, usize),
    texts: &str,
    bits: Bits,
    pattern: &Pattern,
    to_beat: Option<i64>,
) -> Option<i64> {
    let Some(first) = found.first() else {
        // Not as written. A fuzzy term may still match its characters
        // scattered, which scores below any match as written, and below
        // the pinyin band when the term is short enough.
        let below = pattern.folded.len() < SCATTERED_BELOW_PINYIN
            && to_beat.is_some_and(|b| b >= PINYIN_SCORE);
        if pattern.how != Match::Fuzzy || below {
            return None;
        }
        // As `score_field` scores a term without pinyin that is not in
        // the text as written, without looking for it there again.
        debug_assert!(pattern.pinyin.is_none() && pattern.needles.len() > 1);
        let text = &texts[start..end];
        let as_written = pattern.letters & !bits.ascii == 0;
        return (as_written && contains_in_order(text, pattern))
            .then(|| fuzzy_matcher(pattern).with(|m| m.fuzzy_match(text, &pattern.text)))
            .flatten();
    };
    let count = i64::try_from(found.len().min(5)).unwrap_or(5);
    Some(EXACT_SCORE + 100 * count - i64::from(first.place))
}

/// skim scores a matched character at most 16 and a bonus of at most 16
/// (twice the head bonus, for the first): a term of fewer characters than
/// this scores below [`PINYIN_SCORE`] when matched scattered.
const SCATTERED_BELOW_PINYIN: usize = 1_000;

/// Whether any excluded term occurs in `text`.
fn excludes(query: &Query, text: &str, scratch: &mut Scratch) -> bool {
    query.excluded.iter().any(|p| {
        let known = (Bits::ANY, PairHint::UNKNOWN);
        score_field(|| text, &[][..], known, p, scratch, &mut 0).is_some()
    })
}

thread_local! {
    static MATCHER: SkimMatcherV2 = SkimMatcherV2::default().ignore_case();
    static CASED_MATCHER: SkimMatcherV2 = SkimMatcherV2::default().respect_case();
}

fn fuzzy_matcher(pattern: &Pattern) -> &'static std::thread::LocalKey<SkimMatcherV2> {
    if pattern.case_sensitive {
        &CASED_MATCHER
    } else {
        &MATCHER
    }
}

/// Scores by kind of match, so that kinds never mix within a band: a number
/// typed exactly, then the term as written (exact substring, or anchored),
/// then pinyin spelling consecutive characters, then scattered fuzzy
/// matches. The skim scorer's word-boundary bonuses mean little in Chinese,
/// so exact matches rank by how often and how early the phrase occurs
/// instead.
const EXACT_SCORE: i64 = 100_000;
const PINYIN_SCORE: i64 = 50_000;
/// A term anchored at the start or end of a field occurs there once.
const ANCHORED_SCORE: i64 = EXACT_SCORE + 100;

/// Best score of one field for one term, or None. `bits` may say more than
/// the text holds (never less).
/// `text` is asked for only when it is read: an initials-only pinyin term
/// (`zl`) is decided by the masks alone, and slicing a text out of the
/// index's buffer reads the byte after it, a cache miss that was a fifth of
/// `zl`'s keystroke on a plan of long texts (perf).
///
/// `pinyin_from` is where the term's pinyin matches may start (see
/// [`starts`]): read, and updated with what this scoring finds.
fn score_field<'t>(
    text: impl Fn() -> &'t str,
    masks: impl Masks,
    (bits, pairs): (Bits, PairHint),
    pattern: &Pattern,
    scratch: &mut Scratch,
    pinyin_from: &mut starts::Bound,
) -> Option<i64> {
    // A letter of the term missing from the text: no match as written.
    let as_written = pattern.letters & !bits.ascii == 0;
    match pattern.how {
        Match::Fuzzy => {}
        Match::Exact => {
            return as_written
                .then(|| exact_occurrences_capped(text(), pattern))
                .flatten()
                .map(|(first, count)| EXACT_SCORE + 100 * count - first);
        }
        Match::Prefix | Match::Suffix | Match::Whole => {
            return (as_written && anchored(text(), pattern)).then_some(ANCHORED_SCORE);
        }
    }
    let mut by_pinyin = || {
        pattern
            .pinyin
            .as_deref()
            .filter(|_| {
                *pinyin_from != starts::NEVER
                    && pairs.possible
                    && bits.initials & pattern.pinyin_starts == pattern.pinyin_starts
            })
            .and_then(|pinyin| {
                let found = pinyin::find_with(
                    scratch,
                    &text,
                    masks,
                    pinyin,
                    pattern.whole.as_ref(),
                    (bits.initials, pairs.first_later),
                    usize::from(*pinyin_from),
                );
                *pinyin_from = found.map_or(starts::NEVER, |f| starts::bound_at(f.earliest));
                found
            })
            .map(|found| found.score + PINYIN_SCORE)
    };
    if pattern.needles.len() == 1 {
        let single = as_written
            .then(|| first_occurrence_score(text(), pattern))
            .flatten()
            .map(|s| s + EXACT_SCORE);
        return single.max(by_pinyin());
    }
    // A literal found is found in order; looking for its characters one
    // by one first only doubled the work of a hit.
    if pattern.literal.is_some()
        && as_written
        && let Some((first, count)) = exact_occurrences_capped(text(), pattern)
    {
        return Some(EXACT_SCORE + 100 * count - first);
    }
    if !as_written || !contains_in_order(text(), pattern) {
        return by_pinyin();
    }
    if pattern.literal.is_none()
        && let Some((first, count)) = exact_occurrences_capped(text(), pattern)
    {
        return Some(EXACT_SCORE + 100 * count - first);
    }
    by_pinyin().or_else(|| fuzzy_matcher(pattern).with(|m| m.fuzzy_match(text(), &pattern.text)))
}

/// The text's characters as a term compares them: lower-cased unless the
/// term is case-sensitive.
fn compared(text: &str, case_sensitive: bool) -> impl DoubleEndedIterator<Item = char> + '_ {
    text.chars().flat_map(move |c| {
        let same = case_sensitive.then_some(c);
        let folded = (!case_sensitive).then(|| c.to_lowercase());
        same.into_iter().chain(folded.into_iter().flatten())
    })
}

/// Whether an anchored term sits where its anchor says.
fn anchored(text: &str, pattern: &Pattern) -> bool {
    let wanted = &pattern.folded;
    match pattern.how {
        Match::Prefix => {
            let mut chars = compared(text, pattern.case_sensitive);
            wanted.iter().all(|&w| chars.next() == Some(w))
        }
        Match::Suffix => {
            let mut chars = compared(text, pattern.case_sensitive).rev();
            wanted.iter().rev().all(|&w| chars.next() == Some(w))
        }
        Match::Whole => compared(text, pattern.case_sensitive).eq(wanted.iter().copied()),
        Match::Fuzzy | Match::Exact => false,
    }
}

fn positions_in(text: &str, masks: impl Masks, pattern: &Pattern) -> Option<Vec<usize>> {
    let length = pattern.folded.len();
    match pattern.how {
        Match::Prefix | Match::Whole => {
            return anchored(text, pattern).then(|| (0..length).collect());
        }
        Match::Suffix => {
            let end = compared(text, pattern.case_sensitive).count();
            return anchored(text, pattern).then(|| (end - length..end).collect());
        }
        Match::Exact | Match::Fuzzy => {}
    }
    if let Some((first, _)) = exact_occurrences(text, pattern) {
        let first = usize::try_from(first).unwrap_or(0);
        return Some((first..first + length).collect());
    }
    if pattern.how == Match::Exact {
        return None;
    }
    if let Some(pinyin) = &pattern.pinyin
        && let Some((_, positions)) = pinyin::find(text, masks, pinyin)
    {
        return Some(positions);
    }
    if contains_in_order(text, pattern) {
        fuzzy_matcher(pattern).with(|m| m.fuzzy_indices(text, &pattern.text).map(|(_, p)| p))
    } else {
        None
    }
}

/// Where the term first occurs as written (case-folded unless
/// case-sensitive), in characters, and how many times it occurs.
fn exact_occurrences(text: &str, pattern: &Pattern) -> Option<(i64, i64)> {
    let folded = &pattern.folded;
    let chars: Vec<char> = compared(text, pattern.case_sensitive).collect();
    if folded.is_empty() || chars.len() < folded.len() {
        return None;
    }
    let mut first = None;
    let mut count = 0;
    for (i, window) in chars.windows(folded.len()).enumerate() {
        if window == folded.as_slice() {
            first.get_or_insert(i);
            count += 1;
        }
    }
    Some((i64::try_from(first?).ok()?, count))
}

/// [`exact_occurrences`] as the score uses it: the first position capped at
/// 99 and the count at 5. A term of characters that only match themselves
/// (Chinese, digits, any case-sensitive term) is looked for with its finder
/// in the text as it is, without lower-casing the text into a vector first.
fn exact_occurrences_capped(text: &str, pattern: &Pattern) -> Option<(i64, i64)> {
    let Some(literal) = &pattern.literal else {
        let (first, count) = exact_occurrences(text, pattern)?;
        return Some((first.min(99), count.min(5)));
    };
    let start = literal.find(text.as_bytes())?;
    let first = folded_len(&text[..start], pattern.case_sensitive);
    // Occurrences may overlap, as the windows of `exact_occurrences` do.
    let step = text[start..].chars().next().map_or(1, char::len_utf8);
    let mut count = 1;
    let mut from = start + step;
    while count < 5
        && let Some(next) = text
            .get(from..)
            .and_then(|rest| literal.find(rest.as_bytes()))
    {
        count += 1;
        from += next + step;
    }
    Some((i64::try_from(first.min(99)).unwrap_or(99), count))
}

/// One typed character matches nine tasks in ten; the fuzzy scorer would
/// spend its time confirming that. Earlier occurrences rank higher.
fn first_occurrence_score(text: &str, pattern: &Pattern) -> Option<i64> {
    let byte = match &pattern.literal {
        Some(finder) => finder.find(text.as_bytes())?,
        None => pattern.needles.first()?.find(text)?.0,
    };
    let position = char_count(&text[..byte]).min(99);
    Some(99 - i64::try_from(position).unwrap_or(99))
}

/// Counted by core, a word of bytes at a time from the bytes that start a
/// character: decoding the text up to a match was a tenth of a Chinese
/// keystroke, and counting its lead bytes one by one an eighth.
fn char_count(text: &str) -> usize {
    text.chars().count()
}

/// How many characters `text` has once compared (see [`compared`]): one
/// per character but for the one that lower-cases to two (İ, tested).
fn folded_len(text: &str, case_sensitive: bool) -> usize {
    let chars = char_count(text);
    // İ's lead byte, C4, is in no Chinese character, where its last byte,
    // B0, which `str::matches` looks for first, is in many.
    if case_sensitive || memchr::memchr(0xC4, text.as_bytes()).is_none() {
        chars
    } else {
        chars + text.matches('\u{130}').count()
    }
}

/// Cheap rejection before the scorer: every query character, in order,
/// case-folded.
fn contains_in_order(text: &str, pattern: &Pattern) -> bool {
    let mut from = 0;
    for (needle, finder) in pattern.needles.iter().zip(&pattern.char_finders) {
        let rest = &text[from..];
        let found = match finder {
            Some(finder) => finder
                .find(rest.as_bytes())
                .map(|at| at + finder.needle().len()),
            None => needle.find(rest).map(|(_, end)| end),
        };
        match found {
            Some(end) => from += end,
            None => return false,
        }
    }
    true
}

/// One lower-cased query character and the fastest way to find the text
/// characters that fold to it (see [`folds_to`]).
#[derive(Debug, Clone, Copy)]
enum Needle {
    /// Only the character itself folds to it (Chinese, digits,
    /// punctuation): `str::find`, which runs memchr over the bytes.
    Exact(char),
    /// An ASCII letter: itself and its upper case, found byte by byte.
    Letter(u8, u8),
    /// Anything else: every character of the text checked with `folds_to`.
    Folded(char),
}

impl Needle {
    fn new(wanted: char) -> Self {
        if wanted.is_ascii_alphabetic() && wanted != 'k' {
            // The Kelvin sign lower-cases to k; no other non-ASCII
            // character lower-cases to an ASCII letter (tested).
            Self::Letter(wanted as u8, wanted.to_ascii_uppercase() as u8)
        } else if (wanted.is_ascii() && !wanted.is_ascii_alphabetic()) || only_itself(wanted) {
            Self::Exact(wanted)
        } else {
            Self::Folded(wanted)
        }
    }

    /// Byte range of the first text character that folds to the needle.
    fn find(self, text: &str) -> Option<(usize, usize)> {
        match self {
            Self::Exact(c) => text.find(c).map(|i| (i, i + c.len_utf8())),
            Self::Letter(lower, upper) => text
                .bytes()
                .position(|b| b == lower || b == upper)
                .map(|i| (i, i + 1)),
            Self::Folded(wanted) => text
                .char_indices()
                .find(|&(_, c)| folds_to(c, wanted))
                .map(|(i, c)| (i, i + c.len_utf8())),
        }
    }
}

/// Characters no other character lower-cases to: the uncased blocks of
/// [`lowercases_to_itself`] without the full-width forms (ａ is the lower
/// case of Ａ). A test checks every character.
fn only_itself(c: char) -> bool {
    matches!(
        c,
        '\u{2E80}'..='\u{A4CF}'
            | '\u{AC00}'..='\u{D7AF}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{20000}'..='\u{3FFFF}'
    )
}

/// Whether `c` is `wanted` or lower-cases to exactly `wanted`. Looking up
/// Unicode's lower-case table for every Chinese character was a quarter of a
/// keystroke's time, and Chinese has no case: skip the lookup there.
fn folds_to(c: char, wanted: char) -> bool {
    if c == wanted {
        true
    } else if c.is_ascii() {
        c.to_ascii_lowercase() == wanted
    } else {
        !lowercases_to_itself(c) && c.to_lowercase().eq(std::iter::once(wanted))
    }
}

/// Ranges without upper-case letters: CJK radicals to Yi, Hangul
/// syllables, CJK compatibility ideographs, the full-width forms other than
/// Ａ–Ｚ, and the supplementary ideograph planes. A test checks every one.
fn lowercases_to_itself(c: char) -> bool {
    matches!(
        c,
        '\u{2E80}'..='\u{A4CF}'
            | '\u{AC00}'..='\u{D7AF}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{FF01}'..='\u{FF20}'
            | '\u{FF3B}'..='\u{FFEF}'
            | '\u{20000}'..='\u{3FFFF}'
    )
}

#[cfg(test)]
mod tests;
