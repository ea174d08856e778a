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

/// Each hit's task number and the field it shows.
fn numbers_and_fields(catalog: &Catalog, hits: &[Hit]) -> Vec<(u32, Field)> {
    hits.iter()
        .map(|h| (catalog.tasks[h.task()].task.number, h.field()))
        .collect()
}

fn numbers(catalog: &Catalog, hits: &[Hit]) -> Vec<u32> {
    hits.iter()
        .map(|h| catalog.tasks[h.task()].task.number)
        .collect()
}

#[test]
fn the_index_reads_the_catalogs_texts_in_place() {
    let catalog = catalog();
    let index = Index::build(&catalog, names_of);
    assert!(Arc::ptr_eq(&index.texts, catalog.texts()));
    for (doc, entry) in index.tasks.iter().zip(&catalog.tasks) {
        let range = doc.text.0 as usize..doc.text.1 as usize;
        assert_eq!(&index.texts[range], entry.task.text.as_str());
    }
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
    assert_eq!(hits[0].field(), Field::Number);
    assert_eq!(numbers(&catalog, &hits)[0], 53);
}

#[test]
fn section_titles_are_searched() {
    let catalog = catalog();
    let index = Index::build(&catalog, names_of);
    let hits = index.search(&catalog, "保护力度", None);
    assert_eq!(numbers(&catalog, &hits), [42, 53]);
    assert!(matches!(hits[0].field(), Field::Section(_)));
}

#[test]
fn a_heading_several_sections_bear_finds_each_section_s_tasks() {
    let part = |number: &str, title: &str, task: Task| {
        Section::new(
            number,
            title,
            vec![],
            vec![Section::new("1", "组织实施", vec![task], vec![])],
        )
    };
    let catalog = Catalog::new(vec![Plan::new(
        "p",
        "计划",
        vec![
            part("一", "加强专利保护", task(1, "完善审查机制。", &["公安部"])),
            part("二", "加强商标保护", task(2, "优化注册流程。", &["公安部"])),
        ],
    )]);
    let index = Index::build(&catalog, names_of);
    assert_eq!(index.headings.len(), 3, "（1）组织实施 kept once");
    let hits = index.search(&catalog, "组织实施", None);
    assert_eq!(numbers(&catalog, &hits), [1, 2]);
    // Each shows its own section, by the heading the two share.
    let sections: Vec<Field> = hits.iter().map(Hit::field).collect();
    assert_eq!(sections, [Field::Section(1), Field::Section(3)]);
    for hit in &hits {
        assert_eq!(
            index.highlight(&catalog, hit, "组织实施").0,
            "（1）组织实施"
        );
    }
    // An outer heading still counts for the tasks below it, and excludes.
    assert_eq!(
        numbers(&catalog, &index.search(&catalog, "商标", None)),
        [2]
    );
    let without = index.search(&catalog, "组织实施 !专利", None);
    assert_eq!(numbers(&catalog, &without), [2]);
}

#[test]
fn work_done_in_halves_comes_out_whole_and_in_order() {
    for len in [0, 1, 2, 3, 1_001] {
        let squares: Vec<usize> = (0..len).map(|i| i * i).collect();
        for min in [0, usize::MAX] {
            let halves = in_halves(len, min, |part, out| out.extend(part.map(|i| i * i)));
            assert_eq!(halves, squares, "{len} split at {min}");
        }
    }
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
            .all(|h| catalog.tasks[h.task()].task.number != 55)
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

fn found(query: &str) -> Vec<u32> {
    let catalog = catalog();
    let index = Index::build(&catalog, names_of);
    numbers(&catalog, &index.search(&catalog, query, None))
}

#[test]
fn every_term_must_match_some_field() {
    // 专利 in 55's text only; 审查 in 55 and 56; an agency and a text word.
    assert_eq!(found("审查 专利"), [55]);
    // 专利; 专项 with 力 in its section's heading (加大保护力度).
    assert_eq!(found("zhuan li"), [55, 53]);
    assert_eq!(found("公安部 昆仑"), [53]);
    assert_eq!(found("知识产权局 商标"), [56]);
    assert!(found("专利 昆仑").is_empty());
}

#[test]
fn exact_terms_do_not_match_scattered_characters() {
    // 质…评 occurs scattered in 55 and 56, together in neither.
    assert_eq!(found("质评"), [55, 56]);
    assert!(found("'质评").is_empty());
    assert_eq!(found("'质量评价"), [56, 55]);
}

#[test]
fn anchors_hold_a_term_to_the_start_or_end_of_a_field() {
    assert_eq!(found("^加强"), [55]);
    assert_eq!(found("^专利"), Vec::<u32>::new());
    assert_eq!(found("行动。$"), [42, 53]);
    // 53 is led by 公安部.
    assert_eq!(found("^公安部$"), [53, 42]);
    assert_eq!(found("^公安$"), Vec::<u32>::new());
}

#[test]
fn excluded_terms_leave_out_tasks_with_them_in_any_field() {
    assert_eq!(found("审查 !商标"), [55]);
    // Excluded by an agency name and by a section heading.
    assert_eq!(found("行动 !SAMR"), [53]);
    assert_eq!(found("!保护力度"), [55, 56]);
    // Only exclusions: everything else, in catalog order.
    assert_eq!(found("!公安部"), [55, 56]);
}

#[test]
fn smart_case_upper_case_terms_match_case_sensitively() {
    let catalog = catalog();
    let index = Index::build(&catalog, names_of);
    // Mixed case is neither the abbreviation nor pinyin.
    assert_eq!(found("SAMR"), [42]);
    assert!(found("Samr").is_empty());
    assert!(found("sAMR").is_empty());
    // Pinyin has no case: ZLSC finds what zlsc finds.
    assert_eq!(found("ZLSC"), found("zlsc"));
    let hits = index.search(&catalog, "SAMR", None);
    let (text, positions) = index.highlight(&catalog, &hits[0], "SAMR");
    assert_eq!((text.as_str(), positions), ("SAMR", vec![0, 1, 2, 3]));
}

#[test]
fn the_task_shows_its_best_term_with_every_term_highlighted() {
    let catalog = catalog();
    let index = Index::build(&catalog, names_of);
    let hits = index.search(&catalog, "质量 专利", None);
    assert_eq!(numbers(&catalog, &hits), [55]);
    assert_eq!(hits[0].field(), Field::Text);
    let (_, positions) = index.highlight(&catalog, &hits[0], "质量 专利");
    // 加强专利审查能力建设，完善质量评价机制。
    assert_eq!(positions, [2, 3, 13, 14]);
    // The score adds up the terms'.
    let one = index.search(&catalog, "专利", None)[0].score();
    let other = index.search(&catalog, "质量", None);
    let other = other
        .iter()
        .find(|h| h.task() == hits[0].task())
        .map(|h| h.score());
    assert_eq!(Some(hits[0].score()), other.map(|s| s + one));
}

#[test]
fn narrowing_with_operators_gives_the_same_result_as_a_fresh_search() {
    let catalog = catalog();
    let index = Index::build(&catalog, names_of);
    for query in [
        "审查 !商标",
        "!公安部 行动",
        "^加强 专利$",
        "行动。$",
        "'质量 评价",
    ] {
        let mut previous: Option<Vec<Hit>> = None;
        let mut searched = String::new();
        for end in query.char_indices().map(|(i, c)| i + c.len_utf8()) {
            let typed = &query[..end];
            let within = previous
                .as_deref()
                .filter(|_| syntax::narrows(&searched, typed));
            let narrowed = index.search(&catalog, typed, within);
            assert_eq!(narrowed, index.search(&catalog, typed, None), "at {typed}");
            previous = Some(narrowed);
            searched = typed.to_string();
        }
    }
}

/// Hits in a shuffled order with many tied scores, and the same fully
/// ranked by a stable sort (score down, then catalog order).
fn shuffled_hits(rng: &mut fastrand::Rng, len: usize) -> (Vec<Hit>, Vec<Hit>) {
    // Few distinct scores: ties everywhere; and the ends of the range.
    let scores = [i64::MIN, -3_000, -1, 0, 1, 2_000, 3_000, i64::MAX];
    let mut all: Vec<Hit> = (0..len)
        .map(|task| Hit::new(task, scores[rng.usize(..scores.len())], Field::Text))
        .collect();
    let mut expected = all.clone();
    expected.sort_by_key(|h| std::cmp::Reverse(h.score()));
    rng.shuffle(&mut all);
    (all, expected)
}

#[test]
fn ranking_the_best_few_gives_the_full_sort_s_first_rows() {
    let mut rng = fastrand::Rng::with_seed(16);
    for len in [0, 1, 2, 7, 100, 2_000] {
        let (all, expected) = shuffled_hits(&mut rng, len);
        for top in [0, 1, 3, len / 2, len.saturating_sub(1), len, len + 5] {
            let hits = Hits::new(all.clone(), top);
            assert_eq!(hits.len(), len);
            assert_eq!(hits.ranked(), &expected[..top.min(len)], "{len} {top}");
            // Ranked further in steps, as the list scrolls.
            let mut stepped = hits.clone();
            for more in [top + 1, top + 10, top * 3 + 12] {
                stepped.rank(more);
                assert_eq!(stepped.ranked(), &expected[..more.min(len)], "{len} {more}");
            }
            assert_eq!(hits.into_ranked(), expected, "{len} {top}");
        }
    }
}

#[test]
fn a_hit_keeps_its_task_and_field_and_holds_its_score_to_the_i32_range() {
    for field in [
        Field::Number,
        Field::Text,
        Field::Section(0),
        Field::Section(70_000),
        Field::Agency { agency: 0, name: 0 },
        Field::Agency {
            agency: 41,
            name: 3,
        },
    ] {
        let hit = Hit::new(99_999, -1_234, field);
        assert_eq!(
            (hit.task(), hit.score(), hit.field()),
            (99_999, -1_234, field)
        );
    }
    assert_eq!(
        Hit::new(0, i64::MAX, Field::Text).score(),
        i64::from(i32::MAX)
    );
    assert_eq!(
        Hit::new(0, i64::MIN, Field::Text).score(),
        i64::from(i32::MIN)
    );
}

#[test]
fn keeping_some_hits_keeps_the_ranked_ones_in_order() {
    let mut rng = fastrand::Rng::with_seed(5);
    let (all, expected) = shuffled_hits(&mut rng, 500);
    let mut hits = Hits::new(all, 40);
    hits.retain(|h| h.task() % 3 != 0);
    let kept: Vec<Hit> = expected.into_iter().filter(|h| h.task() % 3 != 0).collect();
    assert_eq!(hits.len(), kept.len());
    assert!(hits.ranked().len() < 40);
    assert_eq!(hits.ranked(), &kept[..hits.ranked().len()]);
    hits.rank(40);
    assert_eq!(hits.ranked(), &kept[..40]);
    assert_eq!(hits.into_ranked(), kept);
}

#[test]
fn searching_for_the_best_few_ranks_them_as_the_full_search_does() {
    let catalog = catalog();
    let index = Index::build(&catalog, names_of);
    for query in ["z", "专利", "审查", "cnipa", "行动 !公安部", "5"] {
        let full = index.search(&catalog, query, None);
        for top in [0, 1, 2, full.len()] {
            let hits = index.search_top(&catalog, query, None, top);
            assert_eq!(hits.len(), full.len(), "{query}");
            assert_eq!(hits.ranked(), &full[..top.min(full.len())], "{query} {top}");
        }
    }
}

#[test]
fn only_dotted_capital_i_lower_cases_to_more_than_one_character() {
    // What `folded_len` relies on.
    for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
        assert!(c.to_lowercase().len() == 1 || c == '\u{130}', "{c:?}");
    }
    let pattern = Pattern::new(syntax::parse("'专利").remove(0));
    for text in ["İİ专利", "aİ专利专利", "专利", "ß专利"] {
        assert_eq!(
            exact_occurrences_capped(text, &pattern),
            exact_occurrences(text, &pattern),
            "{text}"
        );
    }
    assert_eq!(folded_len("İa专", false), 4);
    assert_eq!(folded_len("İa专", true), 3);
}

#[test]
fn the_build_on_two_threads_makes_the_same_index_as_on_one() {
    let catalog = catalog();
    for with_pinyin in [true, false] {
        let one = Index::build_split(&catalog, names_of, with_pinyin, usize::MAX);
        // Split: the tasks up to half the text bytes on one thread, the
        // rest on the other (both shares hold tasks here).
        let two = Index::build_split(&catalog, names_of, with_pinyin, 1);
        assert_eq!(format!("{one:?}"), format!("{two:?}"));
        assert!(!one.tasks.is_empty());
        if with_pinyin {
            assert!(!two.masks.all().is_empty());
        }
    }
}

#[test]
fn the_letter_table_gives_each_ascii_letter_its_bit() {
    for b in 0..=255u8 {
        let expected = if b.is_ascii_alphabetic() {
            pinyin::letter_bit(b.to_ascii_lowercase())
        } else {
            0
        };
        assert_eq!(LETTER_BITS[usize::from(b)], expected, "byte {b}");
    }
}

#[test]
fn a_text_that_could_start_a_match_early_enough_is_read_to_beat_a_heading() {
    // `sa` matches the heading "（三）工作要求" at its second character: a
    // text matching there too ties it (and wins the tie), one matching
    // later does not, one with no early start is not read at all.
    let catalog = Catalog::new(vec![Plan::new(
        "p",
        "计划",
        vec![Section::new(
            "一",
            "总体要求",
            vec![],
            vec![Section::new(
                "三",
                "工作要求",
                vec![
                    task(1, "加三项工作。", &["公安部"]),
                    task(2, "加强三项工作。", &["公安部"]),
                    task(3, "三项工作。", &["公安部"]),
                    task(4, "推进工作。", &["公安部"]),
                ],
                vec![],
            )],
        )],
    )]);
    let index = Index::build(&catalog, names_of);
    let hits = index.search(&catalog, "sa", None);
    let fields = numbers_and_fields(&catalog, &hits);
    assert_eq!(
        fields,
        [
            (3, Field::Text),
            (1, Field::Text),
            (2, Field::Section(1)),
            (4, Field::Section(1)),
        ]
    );
    assert_eq!(hits[1].score(), hits[2].score(), "a tie");
}

#[test]
fn a_text_that_ties_an_agency_is_shown_though_most_texts_are_not_read() {
    // 知识产权局 takes part in both tasks (no lead bonus): its name scores
    // as much as a text that starts with the term, which then wins the tie.
    let catalog = Catalog::new(vec![Plan::new(
        "p",
        "计划",
        vec![Section::new(
            "一",
            "总体要求",
            vec![
                task(1, "知识产权保护体系建设。", &["公安部", "知识产权局"]),
                task(2, "完善保护体系。", &["公安部", "知识产权局"]),
            ],
            vec![],
        )],
    )]);
    let index = Index::build(&catalog, names_of);
    for query in ["知", "z"] {
        let hits = index.search(&catalog, query, None);
        let fields = numbers_and_fields(&catalog, &hits);
        assert_eq!(fields.len(), 2, "{query}");
        assert_eq!(fields[0], (1, Field::Text), "{query}");
        assert!(
            matches!(fields[1], (2, Field::Agency { .. })),
            "{query}: {fields:?}"
        );
        assert_eq!(hits[0].score(), hits[1].score(), "{query}: a tie");
    }
}

/// Texts of a few characters only, so that terms repeat, overlap (产产产)
/// and run on from the end of one text into the next; some tasks have an
/// agency that matches most terms, some none, so that the text decides.
fn few_characters_catalog(rng: &mut fastrand::Rng, tasks: u32) -> Catalog {
    let alphabet: Vec<char> = "知识产权局专利审查。".chars().collect();
    let tasks = (1..=tasks)
        .map(|number| {
            let text: String = (0..rng.usize(0..30))
                .map(|_| alphabet[rng.usize(..alphabet.len())])
                .collect();
            let agencies: &[&str] = if rng.bool() {
                &["公安部", "知识产权局"]
            } else {
                &["公安部"]
            };
            task(number, &text, agencies)
        })
        .collect();
    Catalog::new(vec![Plan::new(
        "p",
        "计划",
        vec![Section::new("一", "总体要求", tasks, vec![])],
    )])
}

#[test]
fn terms_found_among_kept_occurrences_give_what_a_fresh_index_gives() {
    let mut rng = fastrand::Rng::with_seed(29);
    let catalog = few_characters_catalog(&mut rng, 300);
    let texts: Vec<&str> = catalog.tasks.iter().map(|e| e.task.text.as_str()).collect();
    // One index for every query, as the interface keeps it: each search
    // starts from the occurrences the ones before it kept.
    let kept = Index::build(&catalog, names_of);
    let mut previous: Vec<Hit> = Vec::new();
    let mut searched = String::new();
    let mut step = |query: String| {
        let within = syntax::narrows(&searched, &query).then_some(previous.as_slice());
        let hits = kept.search(&catalog, &query, within);
        // As the interface does: the next step may wait for it.
        kept.look_ahead(&query);
        let fresh = Index::build(&catalog, names_of).search(&catalog, &query, None);
        assert_eq!(hits, fresh, "{query:?} after {searched:?}");
        previous = hits;
        searched = query;
    };
    for round in 0..40 {
        // A term from some text (or, every fourth round, made up), typed
        // at the end, erased, then typed again from its end backwards:
        // each longer term contains the last, not always at its start.
        let term: Vec<char> = if round % 4 == 3 {
            let alphabet: Vec<char> = "知识产权局专利审查。".chars().collect();
            (0..rng.usize(2..7))
                .map(|_| alphabet[rng.usize(..alphabet.len())])
                .collect()
        } else {
            let chars: Vec<char> = texts[rng.usize(..texts.len())].chars().collect();
            let start = rng.usize(..chars.len().max(1));
            let len = rng.usize(2..8);
            chars.iter().skip(start).take(len).copied().collect()
        };
        let [before, after] = [["", ""], ["'", ""], ["!局 ", ""], ["", " 专利"]][rng.usize(..4)];
        let typed = (1..=term.len()).map(|n| term[..n].iter().collect::<String>());
        let erased = (1..term.len()).rev().map(|n| term[..n].iter().collect());
        let from_end = (1..=term.len())
            .rev()
            .map(|n| term[n - 1..].iter().collect());
        for part in typed.chain(erased).chain(from_end) {
            step(format!("{before}{part}{after}"));
        }
    }
}

#[test]
fn masks_past_the_class_table_read_back_exactly() {
    // Every character of the basic CJK block and some beyond the basic
    // plane: several hundred distinct masks, more than one byte classes.
    let chars: Vec<char> = (0x4E00..=0x9FFF)
        .chain(0x2_0000..0x2_0400)
        .filter_map(char::from_u32)
        .collect();
    let texts: Vec<String> = chars.chunks(700).map(|c| c.iter().collect()).collect();
    let tasks = texts
        .iter()
        .zip(1..)
        .map(|(text, number)| task(number, text, &["知识产权局"]))
        .collect();
    let catalog = Catalog::new(vec![Plan::new(
        "p",
        "计划",
        vec![Section::new("一", "任务", tasks, vec![])],
    )]);
    // On two threads, each classing what it meets first.
    let index = Index::build_split(&catalog, names_of, true, 1);
    assert!(index.masks.overflowed() > 0);
    for (task, text) in texts.iter().enumerate() {
        let read: Vec<u32> = index.task_masks(task).iter().collect();
        assert_eq!(read, pinyin::initial_masks(text).to_vec(), "task {task}");
    }
}
