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
use plantrack::search::syntax::{self, Match, Term};
use plantrack::search::{Field, Hit, Index};
use plantrack::text::readings;
use std::collections::HashMap;

fn names_of(name: &str) -> Vec<String> {
    Registry::builtin().names_of(name)
}

/// The search as first written: every field scored from scratch per query.
mod reference {
    use super::*;

    /// One term, compared straightforwardly.
    pub struct Pattern {
        how: Match,
        exclude: bool,
        case_sensitive: bool,
        text: String,
        folded: Vec<char>,
        pinyin: Option<String>,
        number: Option<u32>,
    }

    impl Pattern {
        fn new(term: Term) -> Self {
            let case_sensitive = term.text.chars().any(char::is_uppercase);
            let letters = term.text.bytes().all(|b| b.is_ascii_alphanumeric());
            let mixed = term.text.bytes().any(|b| b.is_ascii_uppercase())
                && term.text.bytes().any(|b| b.is_ascii_lowercase());
            Self {
                how: term.how,
                exclude: term.exclude,
                case_sensitive,
                folded: fold(&term.text, case_sensitive),
                pinyin: (term.how == Match::Fuzzy && !term.exclude && letters && !mixed)
                    .then(|| term.text.to_lowercase()),
                number: if term.how == Match::Fuzzy {
                    term.text.parse().ok()
                } else {
                    None
                },
                text: term.text,
            }
        }
    }

    fn fold(text: &str, case_sensitive: bool) -> Vec<char> {
        if case_sensitive {
            text.chars().collect()
        } else {
            text.chars().flat_map(char::to_lowercase).collect()
        }
    }

    fn matcher(p: &Pattern) -> SkimMatcherV2 {
        if p.case_sensitive {
            SkimMatcherV2::default().respect_case()
        } else {
            SkimMatcherV2::default().ignore_case()
        }
    }

    pub fn parse(query: &str) -> (Vec<Pattern>, Vec<Pattern>) {
        syntax::parse(query)
            .into_iter()
            .map(Pattern::new)
            .partition(|p| !p.exclude)
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

    /// A text character as one query character: itself, or (unless case
    /// matters) lower-casing to exactly it.
    fn same(c: char, wanted: char, case_sensitive: bool) -> bool {
        c == wanted || (!case_sensitive && c.to_lowercase().eq(std::iter::once(wanted)))
    }

    fn first_occurrence_score(text: &str, p: &Pattern) -> Option<i64> {
        let position = text
            .chars()
            .position(|c| same(c, p.folded[0], p.case_sensitive))?;
        Some(99 - (position.min(99) as i64))
    }

    fn contains_in_order(text: &str, p: &Pattern) -> bool {
        let mut wanted = p.folded.iter().peekable();
        for c in text.chars() {
            let Some(&&next) = wanted.peek() else { break };
            if same(c, next, p.case_sensitive) {
                wanted.next();
            }
        }
        wanted.peek().is_none()
    }

    fn exact_occurrences(chars: &[char], folded: &[char]) -> Option<(i64, i64)> {
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

    /// Where an anchored term occupies the field, in characters.
    fn anchored(chars: &[char], p: &Pattern) -> Option<std::ops::Range<usize>> {
        let n = p.folded.len();
        let at_start = chars.starts_with(&p.folded);
        let at_end = chars.ends_with(&p.folded);
        match p.how {
            Match::Prefix if at_start => Some(0..n),
            Match::Suffix if at_end => Some(chars.len() - n..chars.len()),
            Match::Whole if chars == p.folded.as_slice() => Some(0..n),
            _ => None,
        }
    }

    fn score_field(text: &str, p: &Pattern) -> Option<i64> {
        let chars = fold(text, p.case_sensitive);
        match p.how {
            Match::Exact => {
                let (first, count) = exact_occurrences(&chars, &p.folded)?;
                return Some(100_000 + 100 * count.min(5) - first.min(99));
            }
            Match::Prefix | Match::Suffix | Match::Whole => {
                return anchored(&chars, p).map(|_| 100_100);
            }
            Match::Fuzzy => {}
        }
        let by_pinyin = || {
            p.pinyin
                .as_deref()
                .and_then(|pinyin| pinyin_find(text, &initial_masks(text), pinyin))
                .map(|(score, _)| score + 50_000)
        };
        if p.folded.len() == 1 {
            let single = first_occurrence_score(text, p).map(|s| s + 100_000);
            return single.max(by_pinyin());
        }
        if !contains_in_order(text, p) {
            return by_pinyin();
        }
        if let Some((first, count)) = exact_occurrences(&chars, &p.folded) {
            return Some(100_000 + 100 * count.min(5) - first.min(99));
        }
        by_pinyin().or_else(|| matcher(p).fuzzy_match(text, &p.text))
    }

    fn positions_of(text: &str, p: &Pattern) -> Option<Vec<usize>> {
        let chars = fold(text, p.case_sensitive);
        if p.how != Match::Fuzzy && p.how != Match::Exact {
            return anchored(&chars, p).map(|r| r.collect());
        }
        if let Some((first, _)) = exact_occurrences(&chars, &p.folded) {
            let first = first as usize;
            return Some((first..first + p.folded.len()).collect());
        }
        if p.how == Match::Exact {
            return None;
        }
        if let Some(pinyin) = &p.pinyin
            && let Some((_, positions)) = pinyin_find(text, &initial_masks(text), pinyin)
        {
            return Some(positions);
        }
        if contains_in_order(text, p) {
            matcher(p).fuzzy_indices(text, &p.text).map(|(_, p)| p)
        } else {
            None
        }
    }

    pub fn positions(text: &str, wanted: &[Pattern]) -> Vec<usize> {
        let mut all: Vec<usize> = wanted
            .iter()
            .filter_map(|p| positions_of(text, p))
            .flatten()
            .collect();
        all.sort_unstable();
        all.dedup();
        all
    }

    pub fn agencies(catalog: &Catalog) -> Vec<Vec<String>> {
        let mut ids: HashMap<&str, usize> = HashMap::new();
        let mut all = Vec::new();
        for entry in &catalog.tasks {
            for a in &entry.task.agencies {
                ids.entry(&*a.name).or_insert_with(|| {
                    let mut names = vec![a.name.to_string()];
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
        let (wanted, excluded) = parse(query);
        if wanted.is_empty() && excluded.is_empty() {
            return Vec::new();
        }
        let ids: HashMap<&str, usize> = agencies
            .iter()
            .enumerate()
            .map(|(i, names)| (names[0].as_str(), i))
            .collect();
        let excludes = |text: &str| excluded.iter().any(|p| score_field(text, p).is_some());
        let mut hits: Vec<Hit> = (0..catalog.tasks.len())
            .filter_map(|task| {
                let entry = &catalog.tasks[task];
                let mut sections = Vec::new();
                let mut section = entry.section;
                while let Some(index) = section {
                    sections.push(index);
                    section = catalog.sections[index].parent;
                }
                let excluded = excludes(&entry.task.text)
                    || entry
                        .task
                        .agencies
                        .iter()
                        .any(|a| agencies[ids[&*a.name]].iter().any(|n| excludes(n)))
                    || sections
                        .iter()
                        .any(|&s| excludes(&catalog.sections[s].heading()));
                if excluded {
                    return None;
                }
                let mut total = 0;
                let mut shown: Option<(i64, Field)> = None;
                for p in &wanted {
                    let mut best: Option<(i64, Field)> = None;
                    let mut consider = |score: Option<i64>, field: Field| {
                        if let Some(score) = score
                            && best.is_none_or(|(b, _)| score > b)
                        {
                            best = Some((score, field));
                        }
                    };
                    if p.number == Some(entry.task.number) {
                        consider(Some(1_000_000), Field::Number);
                    }
                    consider(score_field(&entry.task.text, p), Field::Text);
                    for (position, a) in entry.task.agencies.iter().enumerate() {
                        let id = ids[&*a.name];
                        let by_name = agencies[id]
                            .iter()
                            .enumerate()
                            .filter_map(|(i, n)| score_field(n, p).map(|s| (s, i)))
                            .max_by_key(|&(s, i)| (s, std::cmp::Reverse(i)));
                        if let Some((score, name)) = by_name {
                            let lead_bonus = if position == 0 { 50 } else { 0 };
                            consider(Some(score + lead_bonus), Field::Agency { agency: id, name });
                        }
                    }
                    for &index in &sections {
                        consider(
                            score_field(&catalog.sections[index].heading(), p),
                            Field::Section(index),
                        );
                    }
                    let (score, field) = best?;
                    total += score;
                    if shown.is_none_or(|(s, _)| score > s) {
                        shown = Some((score, field));
                    }
                }
                let field = shown.map_or(Field::Text, |(_, f)| f);
                Some(Hit::new(task, total, field))
            })
            .collect();
        hits.sort_by(|a, b| b.score().cmp(&a.score()).then(a.task().cmp(&b.task())));
        hits
    }

    pub fn highlight(
        catalog: &Catalog,
        agencies: &[Vec<String>],
        hit: &Hit,
        query: &str,
    ) -> (String, Vec<usize>) {
        let (wanted, _) = parse(query);
        let text = match hit.field() {
            Field::Number => {
                let number = catalog.tasks[hit.task()].task.number.to_string();
                let all = (0..number.chars().count()).collect();
                return (number, all);
            }
            Field::Text => catalog.tasks[hit.task()].task.text.to_string(),
            Field::Agency { agency, name } => agencies[agency][name].clone(),
            Field::Section(index) => catalog.sections[index].heading(),
        };
        let positions = positions(&text, &wanted);
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
    // Most tasks match these by an agency or a heading, where the text is
    // not scored at all when it cannot beat them (`text_cannot_reach`).
    "sa",
    "san",
    "c zl",
    "SAMR",
    "samr",
    "shenchazhiliang",
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
    // The fzf syntax: several terms, exact, anchored, excluded, smart case.
    "专利 商标",
    "zhuan li",
    "知识产权局 地理标志",
    "'知识产权",
    "'zl",
    "^加强",
    "^知识产权局$",
    "。$",
    "工作。$",
    "!专利",
    "知识产权 !保护",
    "保护 !^加强",
    "!市场监管总局 专利",
    "ZLSC",
    "ZL sc",
    "Samr",
    "CNIPA 审查",
    "! ' ^ $",
    "!",
    "'产权 zl !'",
    // Narrowing must stop where a longer query does not match a subset:
    // an excluded term grows (`!z` → `!zl` excludes less), an end anchor
    // is followed by more (`l$` → `l$s` is another term), a number grows.
    "zl !z",
    "z !zl 专",
    "zl$ sc",
    "^zl$",
    "zl 'sc zl$",
    "!专利 z",
    "1 16 z",
    "z$",
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
    let mut expected_all = Vec::new();
    for query in QUERIES {
        let expected = reference::search(&catalog, &agencies, query);
        expected_all.push(expected.clone());
        let fresh = index.search(&catalog, query, None);
        assert_eq!(fresh, expected, "query {query}");
        // Typed one character at a time, narrowing as the TUI does, then
        // erased one character at a time, then typed again: every step
        // gives exactly what the same query gives searched at once.
        let typed = query
            .char_indices()
            .map(|(i, c)| &query[..i + c.len_utf8()]);
        let erased = query.char_indices().rev().map(|(i, _)| &query[..i]);
        let steps = typed.clone().chain(erased).chain(typed);
        let mut previous: Vec<Hit> = Vec::new();
        let mut searched = "";
        for step in steps {
            let within = syntax::narrows(searched, step).then_some(previous.as_slice());
            previous = index.search(&catalog, step, within);
            searched = step;
            assert_eq!(
                previous,
                index.search(&catalog, step, None),
                "query {query}, at {step:?} typed or erased"
            );
        }
        assert_eq!(previous, expected, "query {query}, typed");
        for hit in expected.iter().take(30) {
            assert_eq!(
                index.highlight(&catalog, hit, query),
                reference::highlight(&catalog, &agencies, hit, query),
                "query {query}, task {}",
                hit.task()
            );
        }
    }
    // Once the pairs of letters side by side are read, which only spare
    // reading texts that cannot match, and again typed one character at a
    // time.
    index.read_pairs();
    for (query, expected) in QUERIES.iter().zip(&expected_all) {
        assert_eq!(
            &index.search(&catalog, query, None),
            expected,
            "query {query}, pairs"
        );
        let mut previous: Vec<Hit> = Vec::new();
        let mut searched = "";
        for (i, c) in query.char_indices() {
            let step = &query[..i + c.len_utf8()];
            let within = syntax::narrows(searched, step).then_some(previous.as_slice());
            previous = index.search(&catalog, step, within);
            searched = step;
        }
        assert_eq!(&previous, expected, "query {query}, typed, pairs");
    }
}

#[test]
fn scoring_on_several_threads_gives_the_reference_results() {
    // Above the index's threshold for a second thread (8,192 candidates).
    let vocabulary = synth::Vocabulary::from_source(synth::SOURCE);
    let catalog = Catalog::new(vec![synth::generate(&vocabulary, 9_000, 3)]);
    let index = Index::build(&catalog, names_of);
    // Read on two threads, as the plan is large enough.
    index.read_pairs();
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
