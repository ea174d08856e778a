use super::*;
use crate::model::{Plan, Section, Task};

fn task(number: u32, text: &str, agencies: &[&str]) -> Task {
    Task::new(number, text, agencies)
}

fn catalog() -> Catalog {
    Catalog::new(vec![Plan::new(
        "p",
        "计划",
        vec![
            Section::new(
                "一",
                "提高知识产权审查质量和效率",
                vec![
                    task(
                        55,
                        "加强专利审查能力建设，完善质量评价机制。",
                        &["知识产权局"],
                    ),
                    task(56, "优化商标审查质量评价指标体系。", &["知识产权局"]),
                ],
                vec![],
            ),
            Section::new(
                "二",
                "加大保护力度",
                vec![
                    task(
                        42,
                        "持续开展集中执法保护行动。",
                        &["市场监管总局", "公安部"],
                    ),
                    task(53, "组织开展“昆仑2020”专项行动。", &["公安部"]),
                ],
                vec![],
            ),
        ],
    )])
}

fn names_of(name: &str) -> Vec<String> {
    match name {
        "市场监管总局" => vec!["国家市场监督管理总局".into(), "SAMR".into()],
        "知识产权局" => vec!["国家知识产权局".into(), "CNIPA".into()],
        _ => vec![],
    }
}

fn numbers(catalog: &Catalog, hits: &[Hit]) -> Vec<u32> {
    hits.iter()
        .map(|h| catalog.tasks[h.task].task.number)
        .collect()
}

#[test]
fn chinese_text_finds_the_task_first() {
    let catalog = catalog();
    let index = Index::build(&catalog, names_of);
    let hits = index.search(&catalog, "专利审查", None);
    assert_eq!(numbers(&catalog, &hits), [55]);
    let (text, positions) = index.highlight(&catalog, &hits[0], "专利审查");
    assert!(text.starts_with("加强专利审查"));
    assert_eq!(positions, [2, 3, 4, 5]);
}

#[test]
fn pinyin_initials_and_full_pinyin_find_chinese_text() {
    let catalog = catalog();
    let index = Index::build(&catalog, names_of);
    for query in ["zlsc", "zhuanlishencha", "zhuanli"] {
        let hits = index.search(&catalog, query, None);
        assert_eq!(numbers(&catalog, &hits).first(), Some(&55), "query {query}");
        let (_, positions) = index.highlight(&catalog, &hits[0], query);
        assert_eq!(positions[0], 2, "query {query}");
    }
}

#[test]
fn agencies_match_by_any_name() {
    let catalog = catalog();
    let index = Index::build(&catalog, names_of);
    let hits = index.search(&catalog, "samr", None);
    assert_eq!(numbers(&catalog, &hits), [42]);
    let (text, positions) = index.highlight(&catalog, &hits[0], "samr");
    assert_eq!((text.as_str(), positions), ("SAMR", vec![0, 1, 2, 3]));
    let hits = index.search(&catalog, "国家市场监督", None);
    assert_eq!(numbers(&catalog, &hits), [42]);
}

#[test]
fn a_number_puts_that_task_first() {
    let catalog = catalog();
    let index = Index::build(&catalog, names_of);
    let hits = index.search(&catalog, "53", None);
    assert_eq!(hits[0].field, Field::Number);
    assert_eq!(numbers(&catalog, &hits)[0], 53);
}

#[test]
fn section_titles_are_searched() {
    let catalog = catalog();
    let index = Index::build(&catalog, names_of);
    let hits = index.search(&catalog, "保护力度", None);
    assert_eq!(numbers(&catalog, &hits), [42, 53]);
    assert!(matches!(hits[0].field, Field::Section(_)));
}

#[test]
fn one_character_ranks_earlier_occurrences_first_and_ties_by_order() {
    let catalog = catalog();
    let index = Index::build(&catalog, names_of);
    let hits = index.search(&catalog, "审", None);
    // 56 has 审 at position 4, 55 at 4 too: catalog order breaks the tie.
    assert_eq!(numbers(&catalog, &hits), [55, 56]);
}

#[test]
fn narrowing_gives_the_same_result_as_a_fresh_search() {
    let catalog = catalog();
    let index = Index::build(&catalog, names_of);
    let mut previous: Option<Vec<Hit>> = None;
    let query = "专利审查能力";
    for end in query.char_indices().map(|(i, c)| i + c.len_utf8()) {
        let typed = &query[..end];
        let narrowed = index.search(&catalog, typed, previous.as_deref());
        assert_eq!(narrowed, index.search(&catalog, typed, None), "at {typed}");
        previous = Some(narrowed);
    }
}

#[test]
fn nothing_matches_nonsense_and_empty_queries() {
    let catalog = catalog();
    let index = Index::build(&catalog, names_of);
    assert!(index.search(&catalog, "xqzv", None).is_empty());
    assert!(index.search(&catalog, "  ", None).is_empty());
}

#[test]
fn narrowing_still_finds_a_task_by_its_number() {
    let catalog = catalog();
    let index = Index::build(&catalog, names_of);
    // "5" matches no text, agency or heading; "55" is task 55's number.
    let typed_5 = index.search(&catalog, "5", None);
    assert!(
        typed_5
            .iter()
            .all(|h| catalog.tasks[h.task].task.number != 55)
    );
    let narrowed = index.search(&catalog, "55", Some(&typed_5));
    assert_eq!(narrowed, index.search(&catalog, "55", None));
    assert_eq!(numbers(&catalog, &narrowed)[0], 55);
}

#[test]
fn the_uncased_ranges_really_lower_case_to_themselves() {
    let uncased = (0..=0x3_FFFF)
        .filter_map(char::from_u32)
        .filter(|&c| lowercases_to_itself(c));
    for c in uncased {
        assert!(
            c.to_lowercase().eq(std::iter::once(c)),
            "{c:?} U+{:04X}",
            c as u32
        );
    }
}

#[test]
fn needles_find_exactly_the_characters_that_fold_to_them() {
    // What Needle::new relies on: nothing non-ASCII lower-cases to an ASCII
    // letter but the Kelvin sign, and nothing else lower-cases to (or into)
    // a character of the only_itself blocks or an ASCII non-letter.
    for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
        let lower: Vec<char> = c.to_lowercase().collect();
        for &l in lower.iter().filter(|&&l| l != c) {
            if l.is_ascii_alphabetic() && lower.len() == 1 {
                assert!(
                    c.is_ascii() || c == '\u{212A}',
                    "{c:?} lower-cases to {l:?}"
                );
            }
            assert!(!matches!(Needle::new(l), Needle::Exact(_)), "{c:?} → {l:?}");
        }
    }
}

#[test]
fn an_index_for_one_query_finds_what_the_full_index_finds() {
    let catalog = catalog();
    let names = |_: &str| vec!["CNIPA".to_string()];
    let full = Index::build(&catalog, names);
    for query in ["专利审查", "CNIPA", "审查 质量", "55", "zlsc"] {
        let one = Index::build_for(&catalog, names, query);
        let hits = full.search(&catalog, query, None);
        assert_eq!(one.search(&catalog, query, None), hits, "{query}");
        for hit in &hits {
            assert_eq!(
                one.highlight(&catalog, hit, query),
                full.highlight(&catalog, hit, query)
            );
        }
    }
}
