//! The search's fast paths (case-folding shortcuts, pinyin pruning, shared
//! scratch buffers, parallel scoring) must not change a single result. This
//! test keeps the first, straightforward implementation as the reference and
//! compares every hit, score, field and highlight on a generated plan.

#[path = "../benches/support/synth.rs"]
mod synth;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use plantrack::agencies::Registry;
use plantrack::model::Catalog;
use plantrack::plan_cache;
use plantrack::plan_io::load_file_cached;
use plantrack::search::pinyin::initial_masks;
use plantrack::search::{Field, Hit, Index};
use plantrack::text::readings;
use std::collections::HashMap;

fn names_of(name: &str) -> Vec<String> {
    Registry::builtin().names_of(name)
}

/// The search as first written: every field scored from scratch per query.
mod reference {
    use super::*;

    pub struct Query<'q> {
        text: &'q str,
        folded: Vec<char>,
        pinyin: bool,
        number: Option<u32>,
    }

    impl<'q> Query<'q> {
        pub fn new(text: &'q str) -> Self {
            Self {
                text,
                folded: text.chars().flat_map(char::to_lowercase).collect(),
                pinyin: !text.is_empty()
                    && text
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()),
                number: text.parse().ok(),
            }
        }
    }

    fn letter_bit(letter: u8) -> u32 {
        if letter.is_ascii_lowercase() {
            1 << (letter - b'a')
        } else if letter.is_ascii_digit() {
            1 << (26 + (letter - b'0') % 6)
        } else {
            0
        }
    }

    pub fn pinyin_find(text: &str, masks: &[u32], query: &str) -> Option<(i64, Vec<usize>)> {
        let query = query.as_bytes();
        let first = letter_bit(*query.first()?);
        let chars: Vec<char> = text.chars().collect();
        let mut best: Option<(i64, Vec<usize>)> = None;
        for start in 0..chars.len() {
            if masks.get(start).is_none_or(|m| m & first == 0) {
                continue;
            }
            if let Some(length) = match_from(&chars, start, query) {
                let letters = query.len() as i64;
                let score = letters * 16 - length as i64 * 2 - (start as i64).min(40);
                if best.as_ref().is_none_or(|(s, _)| score > *s) {
                    best = Some((score, (start..start + length).collect()));
                }
                if start == 0 {
                    break;
                }
            }
        }
        best
    }

    fn match_from(chars: &[char], start: usize, query: &[u8]) -> Option<usize> {
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
                for length in 1..=common {
                    stack.push((pos + 1, done + length));
                }
            }
        }
        None
    }

    fn first_occurrence_score(text: &str, wanted: char) -> Option<i64> {
        let position = text
            .chars()
            .position(|c| c == wanted || c.to_lowercase().eq(std::iter::once(wanted)))?;
        Some(99 - (position.min(99) as i64))
    }

    fn contains_in_order(text: &str, folded: &[char]) -> bool {
        let mut wanted = folded.iter().peekable();
        for c in text.chars() {
            let Some(&&next) = wanted.peek() else { break };
            if c == next || c.to_lowercase().eq(std::iter::once(next)) {
                wanted.next();
            }
        }
        wanted.peek().is_none()
    }

    fn exact_occurrences(text: &str, folded: &[char]) -> Option<(i64, i64)> {
        let chars: Vec<char> = text.chars().flat_map(char::to_lowercase).collect();
        if folded.is_empty() || chars.len() < folded.len() {
            return None;
        }
        let mut first = None;
        let mut count = 0;
        for (i, window) in chars.windows(folded.len()).enumerate() {
            if window == folded {
                first.get_or_insert(i);
                count += 1;
            }
        }
        Some((first? as i64, count))
    }

    fn score_field(text: &str, query: &Query) -> Option<i64> {
        let matcher = SkimMatcherV2::default().ignore_case();
        let by_pinyin = || {
            query
                .pinyin
                .then(|| pinyin_find(text, &initial_masks(text), query.text))
                .flatten()
                .map(|(score, _)| score + 50_000)
        };
        if query.folded.len() == 1 {
            let single = first_occurrence_score(text, query.folded[0]).map(|s| s + 100_000);
            return single.max(by_pinyin());
        }
        if !contains_in_order(text, &query.folded) {
            return by_pinyin();
        }
        if let Some((first, count)) = exact_occurrences(text, &query.folded) {
            return Some(100_000 + 100 * count.min(5) - first.min(99));
        }
        by_pinyin().or_else(|| matcher.fuzzy_match(text, query.text))
    }

    pub fn positions(text: &str, query: &Query) -> Vec<usize> {
        let matcher = SkimMatcherV2::default().ignore_case();
        if let Some((first, _)) = exact_occurrences(text, &query.folded) {
            let first = first as usize;
            return (first..first + query.folded.len()).collect();
        }
        if query.pinyin
            && let Some((_, positions)) = pinyin_find(text, &initial_masks(text), query.text)
        {
            return positions;
        }
        if contains_in_order(text, &query.folded) {
            matcher
                .fuzzy_indices(text, query.text)
                .map(|(_, p)| p)
                .unwrap_or_default()
        } else {
            Vec::new()
        }
    }

    pub fn agencies(catalog: &Catalog) -> Vec<Vec<String>> {
        let mut ids: HashMap<&str, usize> = HashMap::new();
        let mut all = Vec::new();
        for entry in &catalog.tasks {
            for a in &entry.task.agencies {
                ids.entry(a.name.as_str()).or_insert_with(|| {
                    let mut names = vec![a.name.clone()];
                    for name in names_of(&a.name) {
                        if !names.contains(&name) {
                            names.push(name);
                        }
                    }
                    all.push(names);
                    all.len() - 1
                });
            }
        }
        all
    }

    pub fn search(catalog: &Catalog, agencies: &[Vec<String>], query: &str) -> Vec<Hit> {
        let query = query.trim();
        if query.is_empty() {
            return Vec::new();
        }
        let query = Query::new(query);
        let ids: HashMap<&str, usize> = agencies
            .iter()
            .enumerate()
            .map(|(i, names)| (names[0].as_str(), i))
            .collect();
        let agency_scores: Vec<Option<(i64, usize)>> = agencies
            .iter()
            .map(|names| {
                names
                    .iter()
                    .enumerate()
                    .filter_map(|(i, n)| score_field(n, &query).map(|s| (s, i)))
                    .max_by_key(|&(s, i)| (s, std::cmp::Reverse(i)))
            })
            .collect();
        let section_scores: Vec<Option<i64>> = catalog
            .sections
            .iter()
            .map(|s| score_field(&s.heading(), &query))
            .collect();
        let mut hits: Vec<Hit> = (0..catalog.tasks.len())
            .filter_map(|task| {
                let entry = &catalog.tasks[task];
                let mut best: Option<(i64, Field)> = None;
                let mut consider = |score: Option<i64>, field: Field| {
                    if let Some(score) = score
                        && best.is_none_or(|(b, _)| score > b)
                    {
                        best = Some((score, field));
                    }
                };
                if query.number == Some(entry.task.number) {
                    consider(Some(1_000_000), Field::Number);
                }
                consider(score_field(&entry.task.text, &query), Field::Text);
                for (position, a) in entry.task.agencies.iter().enumerate() {
                    let id = ids[a.name.as_str()];
                    if let Some((score, name)) = agency_scores[id] {
                        let lead_bonus = if position == 0 { 50 } else { 0 };
                        consider(Some(score + lead_bonus), Field::Agency { agency: id, name });
                    }
                }
                let mut section = entry.section;
                while let Some(index) = section {
                    consider(section_scores[index], Field::Section(index));
                    section = catalog.sections[index].parent;
                }
                best.map(|(score, field)| Hit { task, score, field })
            })
            .collect();
        hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.task.cmp(&b.task)));
        hits
    }

    pub fn highlight(
        catalog: &Catalog,
        agencies: &[Vec<String>],
        hit: &Hit,
        query: &str,
    ) -> (String, Vec<usize>) {
        let query = Query::new(query.trim());
        let text = match hit.field {
            Field::Number => {
                let number = catalog.tasks[hit.task].task.number.to_string();
                let all = (0..number.chars().count()).collect();
                return (number, all);
            }
            Field::Text => catalog.tasks[hit.task].task.text.clone(),
            Field::Agency { agency, name } => agencies[agency][name].clone(),
            Field::Section(index) => catalog.sections[index].heading(),
        };
        let positions = positions(&text, &query);
        (text, positions)
    }
}

/// Queries that exercise every path: one character (Chinese, Latin, digit),
/// Chinese words, pinyin initials / full / mixed, upper-case ASCII (fuzzy
/// only), agency names in every form, numbers, nonsense, and a query
/// longer than any pinyin run.
const QUERIES: &[&str] = &[
    "专利审查",
    "zlsc",
    "zhuanlishencha",
    "zhuanlsc",
    "TISC",
    "tisc",
    "专",
    "z",
    "s",
    "2",
    "2020",
    "16",
    "cnipa",
    "SAMR",
    "国家知识产权局",
    "zscqj",
    "知识产权 保护",
    "xqzv",
    "保护力度",
    "zhishichanquanbaohuzhishichanquanbaohuzhishichanquanbaohuzhishichanquanbaohu",
    "ＴＩＳＣ",
    "改革",
    "gg",
    "kk",
    "Tisc",
    "ｔｉｓｃ",
    "ΣΑΜ",
    "知识产权",
    "产权产权",
    "、",
    "2020年",
];

#[test]
fn fast_search_gives_exactly_the_reference_results() {
    let vocabulary = synth::Vocabulary::from_source(synth::SOURCE);
    let plan = synth::generate(&vocabulary, 1_500, 11);
    // Once as parsed from the JSON, once as served from the plan cache.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("plan.json");
    std::fs::write(&path, plantrack::plan_io::to_json(&plan)).expect("write plan");
    let cache = dir.path().join("cache");
    let parsed = load_file_cached(&path, Some(&cache)).expect("parses");
    let bytes = std::fs::read(&path).expect("read plan");
    let key = plan_cache::Key::of(&std::fs::metadata(&path).expect("metadata"), &bytes);
    let entry = plan_cache::entry_path(&cache, &path);
    assert!(
        plan_cache::read(&entry, &key).is_some(),
        "the cache was filled"
    );
    let cached = load_file_cached(&path, Some(&cache)).expect("from the cache");
    assert_eq!(parsed, plan);
    for plan in [parsed, cached] {
        same_as_reference(Catalog::new(vec![plan]));
    }
}

fn same_as_reference(catalog: Catalog) {
    let index = Index::build(&catalog, names_of);
    let agencies = reference::agencies(&catalog);
    for query in QUERIES {
        let expected = reference::search(&catalog, &agencies, query);
        // Typed one character at a time, narrowing as the TUI does.
        let mut previous: Option<Vec<Hit>> = None;
        for (i, c) in query.char_indices() {
            let typed = &query[..i + c.len_utf8()];
            previous = Some(index.search(&catalog, typed, previous.as_deref()));
        }
        let narrowed = previous.unwrap_or_default();
        let fresh = index.search(&catalog, query, None);
        assert_eq!(fresh, expected, "query {query}");
        assert_eq!(narrowed, expected, "query {query}, typed");
        for hit in expected.iter().take(30) {
            assert_eq!(
                index.highlight(&catalog, hit, query),
                reference::highlight(&catalog, &agencies, hit, query),
                "query {query}, task {}",
                hit.task
            );
        }
    }
}

#[test]
fn scoring_on_several_threads_gives_the_reference_results() {
    // Above the index's threshold for a second thread (8,192 candidates).
    let vocabulary = synth::Vocabulary::from_source(synth::SOURCE);
    let catalog = Catalog::new(vec![synth::generate(&vocabulary, 9_000, 3)]);
    let index = Index::build(&catalog, names_of);
    let agencies = reference::agencies(&catalog);
    for query in ["专", "z", "保护"] {
        let first = index.search(&catalog, query, None);
        assert_eq!(
            first,
            reference::search(&catalog, &agencies, query),
            "{query}"
        );
        let longer = format!("{query}力");
        assert_eq!(
            index.search(&catalog, &longer, Some(&first)),
            reference::search(&catalog, &agencies, &longer),
            "{longer}"
        );
    }
}
