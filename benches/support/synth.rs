//! Synthetic plans built from the 2020 plan's own words and agency lists, so
//! that benchmarks see the character mix, text lengths and agency
//! distribution of real plans at any size. Deterministic from a seed.
//!
//! Shared by `examples/gen_plan.rs` and the benches (`#[path]` includes it),
//! so both measure exactly the same data.

// Each target that includes this file uses a different part of it.
#![allow(dead_code)]

use plantrack::import::han_numeral;
use plantrack::model::{AgencyRef, Plan, Role, Section, Task};

/// The 2020 plan as published (text extracted from the web page).
pub const SOURCE: &str = include_str!("../../tests/fixtures/2020-ip-strategy-plan.txt");

/// Tasks per group and groups per part, close to the 2020 plan (100 tasks in
/// 5 parts of up to 4 groups).
const TASKS_PER_GROUP: usize = 8;
const GROUPS_PER_PART: usize = 4;

/// What the generator draws from: every piece is taken from the real plan.
pub struct Vocabulary {
    /// Clauses of task texts (split at ，。；), punctuation removed.
    pub clauses: Vec<String>,
    /// Clause counts of the real tasks, to draw text lengths from.
    pub clause_counts: Vec<usize>,
    /// The agency list of every real task, with its per-remit flag; drawing a
    /// list uniformly reproduces the lead and co-agency frequencies.
    pub agency_lists: Vec<(Vec<String>, bool)>,
    pub part_titles: Vec<String>,
    pub group_titles: Vec<String>,
}

/// xorshift64*: tiny, deterministic, good enough to shuffle words.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        // A zero state would stay zero.
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n` (n > 0); the modulo bias is irrelevant here.
    pub fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next_u64() % n as u64).unwrap_or(0)
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The published text wraps lines inside words and mixes half- and
/// full-width punctuation: join the pieces and use the full-width forms the
/// plans use.
fn clean(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if c.is_whitespace() {
            let before = i.checked_sub(1).map(|j| chars[j]);
            let after = chars.get(i + 1).copied();
            // A space only separates two Latin words or numbers.
            if before.is_some_and(|b| b.is_ascii_alphanumeric())
                && after.is_some_and(|a| a.is_ascii_alphanumeric())
            {
                out.push(' ');
            }
            continue;
        }
        out.push(match c {
            '(' => '（',
            ')' => '）',
            ',' => '，',
            ':' => '：',
            ';' => '；',
            other => other,
        });
    }
    out
}

fn task_start(line: &str) -> Option<&str> {
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 {
        return None;
    }
    line[digits..].strip_prefix('.')
}

const NUMERALS: &str = "一二三四五六七八九十";

fn part_heading(line: &str) -> Option<&str> {
    let (numeral, title) = line.split_once('、')?;
    (!numeral.is_empty() && numeral.chars().all(|c| NUMERALS.contains(c))).then_some(title)
}

fn group_heading(line: &str) -> Option<&str> {
    let line = line.trim_start_matches(['(', '（']);
    let end = line.find([')', '）'])?;
    let numeral = &line[..end];
    let title = line[end..].trim_start_matches([')', '）']);
    (!numeral.is_empty() && numeral.chars().all(|c| NUMERALS.contains(c))).then_some(title)
}

/// Splits `text（甲、乙负责）` into the text and the agency list.
fn split_responsibility(text: &str) -> Option<(String, Vec<String>, bool)> {
    let open = text.rfind('（')?;
    let inside = text[open..].trim_end_matches('。');
    let inside = inside.strip_prefix('（')?.strip_suffix('）')?;
    let (names, per_remit) = if let Some(names) = inside
        .strip_suffix("按职责分别负责")
        .or_else(|| inside.strip_suffix("按职责分工负责"))
    {
        (names, true)
    } else {
        (inside.strip_suffix("负责")?, false)
    };
    let names = names.split('、').map(str::to_string).collect();
    Some((text[..open].to_string(), names, per_remit))
}

impl Vocabulary {
    pub fn from_source(source: &str) -> Self {
        let mut vocabulary = Self {
            clauses: Vec::new(),
            clause_counts: Vec::new(),
            agency_lists: Vec::new(),
            part_titles: Vec::new(),
            group_titles: Vec::new(),
        };
        // The plan body: from its title line to the closing rule on leads.
        let body = source
            .split_once("推进计划\n")
            .map_or(source, |(_, body)| body);
        let body = body
            .split_once("上述各项任务分工中")
            .map_or(body, |(b, _)| b);
        let mut tasks: Vec<String> = Vec::new();
        let mut in_task = false;
        for line in body.lines().map(str::trim).filter(|l| !l.is_empty()) {
            if let Some(rest) = task_start(line) {
                tasks.push(rest.to_string());
                in_task = true;
            } else if let Some(title) = part_heading(line) {
                vocabulary.part_titles.push(clean(title));
                in_task = false;
            } else if let Some(title) = group_heading(line) {
                vocabulary.group_titles.push(clean(title));
                in_task = false;
            } else if in_task && let Some(last) = tasks.last_mut() {
                // A wrapped task, or its agency parenthesis on a line of its own.
                last.push_str(line);
            }
        }
        for task in &tasks {
            let Some((text, names, per_remit)) = split_responsibility(&clean(task)) else {
                continue;
            };
            let clauses: Vec<String> = text
                .split(['，', '。', '；'])
                .map(str::trim)
                .filter(|c| c.chars().count() >= 2)
                .map(str::to_string)
                .collect();
            vocabulary.clause_counts.push(clauses.len().max(1));
            vocabulary.clauses.extend(clauses);
            vocabulary.agency_lists.push((names, per_remit));
        }
        vocabulary
    }

    /// One task text: real clauses, some spliced at a random point with
    /// another clause so that a large plan is not a few hundred sentences
    /// repeated.
    fn text(&self, rng: &mut Rng) -> String {
        let count = *rng.pick(&self.clause_counts);
        let mut text = String::new();
        for i in 0..count {
            if i > 0 {
                text.push('，');
            }
            let clause = rng.pick(&self.clauses);
            if rng.below(2) == 0 {
                let other = rng.pick(&self.clauses);
                let cut = |s: &str, rng: &mut Rng| {
                    let n = s.chars().count();
                    s.char_indices()
                        .nth(1 + rng.below(n.max(2) - 1))
                        .map_or(s.len(), |(i, _)| i)
                };
                let head = cut(clause, rng);
                let tail = cut(other, rng);
                text.push_str(&clause[..head]);
                text.push_str(&other[tail..]);
            } else {
                text.push_str(clause);
            }
        }
        text.push('。');
        text
    }
}

/// A plan of `tasks` tasks, numbered from 1, in parts of groups like the 2020 plan.
pub fn generate(vocabulary: &Vocabulary, tasks: usize, seed: u64) -> Plan {
    let mut rng = Rng::new(seed);
    let mut parts: Vec<Section> = Vec::new();
    let mut number = 0u32;
    let groups = tasks.div_ceil(TASKS_PER_GROUP);
    for group in 0..groups {
        if group % GROUPS_PER_PART == 0 {
            parts.push(Section {
                number: han_numeral(section_number(parts.len())),
                title: rng.pick(&vocabulary.part_titles).clone(),
                paragraphs: vec![],
                tasks: vec![],
                sections: vec![],
            });
        }
        let in_group = TASKS_PER_GROUP.min(tasks - group * TASKS_PER_GROUP);
        let mut group_tasks = Vec::with_capacity(in_group);
        for _ in 0..in_group {
            number += 1;
            let (names, per_remit) = rng.pick(&vocabulary.agency_lists);
            let agencies = names
                .iter()
                .enumerate()
                .map(|(i, name)| AgencyRef {
                    name: name.as_str().into(),
                    role: if i == 0 {
                        Role::Lead
                    } else {
                        Role::Participating
                    },
                })
                .collect();
            let tail = if *per_remit {
                "按职责分别负责"
            } else {
                "负责"
            };
            let mut task = Task::new(number, vocabulary.text(&mut rng), &[]);
            task.agencies = agencies;
            task.per_remit = *per_remit;
            task.responsibility = format!("（{}{tail}）", names.join("、"));
            group_tasks.push(task);
        }
        if let Some(part) = parts.last_mut() {
            part.sections.push(Section {
                number: han_numeral(section_number(part.sections.len())),
                title: rng.pick(&vocabulary.group_titles).clone(),
                paragraphs: vec![],
                tasks: group_tasks,
                sections: vec![],
            });
        }
    }
    Plan::new(
        &format!("synthetic-{tasks}-{seed}"),
        &format!("合成推进计划（{tasks}项任务，种子{seed}）"),
        parts,
    )
}

/// One task as a line for other tools: number, text, agencies.
pub fn text_line(task: &Task) -> String {
    let names: Vec<&str> = task.agencies.iter().map(|a| &*a.name).collect();
    format!("{} {} {}", task.number, task.text, names.join(" "))
}

/// The numeral of the next section after `count` of them.
fn section_number(count: usize) -> u32 {
    u32::try_from(count + 1).unwrap_or(u32::MAX)
}
