//! Fuzzy search over every loaded task: number, text, agencies (any of their
//! names) and section headings, with pinyin for Chinese. Pure: built from the
//! catalog once, then queried per keystroke.
//!
//! Agencies and sections are few and shared by many tasks, so they are
//! scored once per query and each task takes the best of its own; only the
//! task texts are scanned per task.

pub mod pinyin;

use crate::model::Catalog;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use pinyin::Scratch;
use std::collections::HashMap;

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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Position in the catalog.
    pub task: usize,
    pub score: i64,
    pub field: Field,
}

/// Every name one agency can be searched by, with their pinyin masks.
#[derive(Debug)]
pub struct AgencyNames {
    /// The name as the plans write it.
    pub name_in_plan: String,
    pub names: Vec<String>,
    masks: Vec<Box<[u32]>>,
}

/// What a keystroke reads of one task, as ranges into the index's shared
/// buffers: scanning 100k tasks whose texts, masks and agency lists lie
/// scattered over the heap was bound by cache misses; laid end to end they
/// are read in order.
#[derive(Debug)]
struct TaskDoc {
    number: u32,
    /// The innermost section, or `NO_SECTION`.
    section: u32,
    /// Byte range of the task text in [`Index::texts`].
    text: (usize, usize),
    /// Range of the text's pinyin masks (see [`pinyin::initial_masks`]) in
    /// [`Index::masks`].
    masks: (usize, usize),
    /// Range of the task's agency ids in [`Index::task_agencies`].
    agencies: (usize, usize),
}

const NO_SECTION: u32 = u32::MAX;

#[derive(Debug)]
pub struct Index {
    tasks: Vec<TaskDoc>,
    /// Every task text, one after the other (a copy of the catalog's).
    texts: String,
    masks: Vec<u32>,
    task_agencies: Vec<u32>,
    /// Each section's parent, or `NO_SECTION`.
    section_parents: Vec<u32>,
    pub agencies: Vec<AgencyNames>,
    /// Section headings as shown, built once: formatting them per query
    /// cost a string per section per keystroke.
    headings: Vec<String>,
    section_masks: Vec<Box<[u32]>>,
}

/// A query prepared once per keystroke.
struct Query<'q> {
    text: &'q str,
    /// The lower-cased query, one needle per character.
    folded: Vec<Needle>,
    pinyin: bool,
    number: Option<u32>,
}

impl<'q> Query<'q> {
    fn new(text: &'q str) -> Self {
        Self {
            text,
            folded: text
                .chars()
                .flat_map(char::to_lowercase)
                .map(Needle::new)
                .collect(),
            pinyin: pinyin::is_pinyin_query(text),
            number: text.parse().ok(),
        }
    }
}

/// A number typed exactly is what the user wants, above any text match.
const NUMBER_SCORE: i64 = 1_000_000;

impl Index {
    /// `names_of` gives every name of an agency as written in a plan (short,
    /// full, English, abbreviation, aliases); the registry provides it.
    pub fn build(catalog: &Catalog, names_of: impl Fn(&str) -> Vec<String>) -> Self {
        let mut agencies = Vec::new();
        let mut agency_ids: HashMap<&str, u32> = HashMap::new();
        let mut tasks = Vec::with_capacity(catalog.tasks.len());
        let total_text = catalog.tasks.iter().map(|e| e.task.text.len()).sum();
        let mut texts = String::with_capacity(total_text);
        let mut masks = Vec::with_capacity(total_text / 3);
        let mut task_agencies = Vec::new();
        let mut mask_cache = pinyin::MaskCache::default();
        let to_u32 = |n: usize| u32::try_from(n).unwrap_or(NO_SECTION);
        for entry in &catalog.tasks {
            let first_agency = task_agencies.len();
            let ids = entry.task.agencies.iter().map(|a| {
                *agency_ids.entry(a.name.as_str()).or_insert_with(|| {
                    let mut names = vec![a.name.clone()];
                    for name in names_of(&a.name) {
                        if !names.contains(&name) {
                            names.push(name);
                        }
                    }
                    let masks = names.iter().map(|n| pinyin::initial_masks(n)).collect();
                    agencies.push(AgencyNames {
                        name_in_plan: a.name.clone(),
                        names,
                        masks,
                    });
                    to_u32(agencies.len() - 1)
                })
            });
            task_agencies.extend(ids);
            let text = &entry.task.text;
            let first_mask = masks.len();
            masks.extend(text.chars().map(|c| mask_cache.mask(c)));
            texts.push_str(text);
            tasks.push(TaskDoc {
                number: entry.task.number,
                section: entry.section.map_or(NO_SECTION, to_u32),
                text: (texts.len() - text.len(), texts.len()),
                masks: (first_mask, masks.len()),
                agencies: (first_agency, task_agencies.len()),
            });
        }
        let headings: Vec<String> = catalog.sections.iter().map(|s| s.heading()).collect();
        let section_masks = headings.iter().map(|h| pinyin::initial_masks(h)).collect();
        let section_parents = catalog
            .sections
            .iter()
            .map(|s| s.parent.map_or(NO_SECTION, to_u32))
            .collect();
        Self {
            tasks,
            texts,
            masks,
            task_agencies,
            section_parents,
            agencies,
            headings,
            section_masks,
        }
    }

    /// Matches, best first; ties keep catalog order (plan, then document
    /// order). `within` narrows to the hits of a shorter query the user has
    /// just extended, which is valid because a longer query only ever
    /// matches a subset.
    pub fn search(&self, catalog: &Catalog, query: &str, within: Option<&[Hit]>) -> Vec<Hit> {
        let query = query.trim();
        if query.is_empty() {
            return Vec::new();
        }
        let query = Query::new(query);
        let mut scratch = Scratch::default();
        let agency_scores: Vec<Option<(i64, usize)>> = self
            .agencies
            .iter()
            .map(|a| best_name(a, &query, &mut scratch))
            .collect();
        let section_scores: Vec<Option<i64>> = self
            .headings
            .iter()
            .zip(&self.section_masks)
            .map(|(heading, masks)| score_field(heading, masks, &query, &mut scratch))
            .collect();

        let score_task = |task: usize, scratch: &mut Scratch| -> Option<Hit> {
            let doc = &self.tasks[task];
            let mut best: Option<(i64, Field)> = None;
            let mut consider = |score: Option<i64>, field: Field| {
                if let Some(score) = score
                    && best.is_none_or(|(b, _)| score > b)
                {
                    best = Some((score, field));
                }
            };
            if query.number == Some(doc.number) {
                consider(Some(NUMBER_SCORE), Field::Number);
            }
            consider(
                score_field(
                    &self.texts[doc.text.0..doc.text.1],
                    &self.masks[doc.masks.0..doc.masks.1],
                    &query,
                    scratch,
                ),
                Field::Text,
            );
            for &id in &self.task_agencies[doc.agencies.0..doc.agencies.1] {
                let id = id as usize;
                if let Some((score, name)) = agency_scores[id] {
                    consider(Some(score), Field::Agency { agency: id, name });
                }
            }
            let mut section = doc.section;
            while section != NO_SECTION {
                let index = section as usize;
                consider(section_scores[index], Field::Section(index));
                section = self.section_parents[index];
            }
            best.map(|(score, field)| Hit { task, score, field })
        };

        let mut hits: Vec<Hit> = match within {
            Some(previous) => {
                let mut hits = score_in_parallel(previous, |h| h.task, &score_task);
                // The one exception to "longer queries match a subset": typing
                // 16 after 1 finds task 16 by its number although 1 did not.
                if let Some(number) = query.number {
                    for task in catalog.find_number(number) {
                        if !previous.iter().any(|h| h.task == task) {
                            hits.extend(score_task(task, &mut scratch));
                        }
                    }
                }
                hits
            }
            None => {
                let all: Vec<usize> = (0..self.tasks.len()).collect();
                score_in_parallel(&all, |&t| t, &score_task)
            }
        };
        hits.sort_unstable_by(|a, b| b.score.cmp(&a.score).then(a.task.cmp(&b.task)));
        hits
    }

    /// The text a hit matched in, and the character positions to highlight.
    /// Computed only for the rows on screen.
    pub fn highlight(&self, catalog: &Catalog, hit: &Hit, query: &str) -> (String, Vec<usize>) {
        let query = Query::new(query.trim());
        let (text, masks): (String, &[u32]) = match hit.field {
            Field::Number => {
                let number = catalog.tasks[hit.task].task.number.to_string();
                let all = (0..number.chars().count()).collect();
                return (number, all);
            }
            Field::Text => (
                catalog.tasks[hit.task].task.text.clone(),
                self.task_masks(hit.task),
            ),
            Field::Agency { agency, name } => (
                self.agencies[agency].names[name].clone(),
                &self.agencies[agency].masks[name],
            ),
            Field::Section(index) => (self.headings[index].clone(), &self.section_masks[index]),
        };
        let positions = positions_in(&text, masks, &query).unwrap_or_default();
        (text, positions)
    }
}

/// Below this many candidates a second thread costs more than it saves
/// (starting one is tens of microseconds; scoring a task well under one).
const PARALLEL_MIN: usize = 8_192;

/// Scores every candidate, on as many threads as there are cores when the
/// candidates are many. Order within the result does not matter: the
/// caller sorts by score and task.
fn score_in_parallel<T: Sync>(
    candidates: &[T],
    task_of: impl Fn(&T) -> usize + Sync,
    score_task: &(impl Fn(usize, &mut Scratch) -> Option<Hit> + Sync),
) -> Vec<Hit> {
    let score_chunk = |chunk: &[T]| -> Vec<Hit> {
        let mut scratch = Scratch::default();
        chunk
            .iter()
            .filter_map(|c| score_task(task_of(c), &mut scratch))
            .collect()
    };
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    if threads < 2 || candidates.len() < PARALLEL_MIN {
        return score_chunk(candidates);
    }
    let chunk_len = candidates.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let mut chunks = candidates.chunks(chunk_len);
        let first = chunks.next().unwrap_or_default();
        let others: Vec<_> = chunks
            .map(|chunk| scope.spawn(move || score_chunk(chunk)))
            .collect();
        let mut hits = score_chunk(first);
        for other in others {
            // A panic in a scoring thread is a bug; carry it over.
            hits.extend(
                other
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e)),
            );
        }
        hits
    })
}

impl Index {
    fn task_masks(&self, task: usize) -> &[u32] {
        let (start, end) = self.tasks[task].masks;
        &self.masks[start..end]
    }
}

fn best_name(agency: &AgencyNames, query: &Query, scratch: &mut Scratch) -> Option<(i64, usize)> {
    agency
        .names
        .iter()
        .zip(&agency.masks)
        .enumerate()
        .filter_map(|(i, (name, masks))| score_field(name, masks, query, scratch).map(|s| (s, i)))
        .max_by_key(|&(score, i)| (score, std::cmp::Reverse(i)))
}

thread_local! {
    static MATCHER: SkimMatcherV2 = SkimMatcherV2::default().ignore_case();
}

/// Best of the fuzzy score and the pinyin score of one field, or None.
fn score_field(text: &str, masks: &[u32], query: &Query, scratch: &mut Scratch) -> Option<i64> {
    let fuzzy = if query.folded.len() == 1 {
        first_occurrence_score(text, query.folded[0])
    } else if contains_in_order(text, &query.folded) {
        MATCHER.with(|m| m.fuzzy_match(text, query.text))
    } else {
        None
    };
    let by_pinyin = if query.pinyin {
        pinyin::find_with(scratch, text, masks, query.text).map(|(score, ..)| score)
    } else {
        None
    };
    fuzzy.max(by_pinyin)
}

fn positions_in(text: &str, masks: &[u32], query: &Query) -> Option<Vec<usize>> {
    let fuzzy = if contains_in_order(text, &query.folded) {
        MATCHER.with(|m| m.fuzzy_indices(text, query.text))
    } else {
        None
    };
    let by_pinyin = if query.pinyin {
        pinyin::find(text, masks, query.text)
    } else {
        None
    };
    match (fuzzy, by_pinyin) {
        (Some(f), Some(p)) => Some(if p.0 > f.0 { p.1 } else { f.1 }),
        (f, p) => f.or(p).map(|(_, positions)| positions),
    }
}

/// One typed character matches nine tasks in ten; the fuzzy scorer would
/// spend its time confirming that. Earlier occurrences rank higher.
fn first_occurrence_score(text: &str, wanted: Needle) -> Option<i64> {
    let (byte, _) = wanted.find(text)?;
    let position = text[..byte].chars().count();
    Some(32 - i64::try_from(position.min(31)).unwrap_or(31))
}

/// Cheap rejection before the scorer: every query character, in order,
/// case-folded.
fn contains_in_order(text: &str, folded: &[Needle]) -> bool {
    let mut from = 0;
    for needle in folded {
        match needle.find(&text[from..]) {
            Some((_, end)) => from += end,
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
