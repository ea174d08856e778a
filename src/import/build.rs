//! The body of a plan: numbered items segmented from paragraphs, classified
//! as tasks, headings or text, and nested into sections.

use super::Ctx;
use super::agencies::{self, Final, Fix, Pair};
use super::lines::{Joined, Para};
use super::markers::{self, Damage, Kind, Marker};
use super::report::{Place, Said};
use crate::model::{Section, Task, TaskExtra, TaskList, TimeLimit, agencies_in_order};

/// A heading is short and at most one sentence; longer unlisted items are text.
const HEADING_MAX_CHARS: usize = 40;
/// A lead-rule paragraph is one sentence, not a section of prose.
const RULE_MAX_CHARS: usize = 120;

/// A numbered item with the unnumbered paragraphs that continue it, or (no
/// marker) paragraphs that follow a finished task.
struct Item<'a> {
    marker: Option<Marker>,
    paras: Vec<&'a Para>,
}

fn is_heading_like(text: &str) -> bool {
    let body = text.trim_end_matches(['。', '：']);
    body.chars().count() <= HEADING_MAX_CHARS && !body.contains(['。', '；', '！', '？'])
}

fn is_rule_paragraph(text: &str) -> bool {
    agencies::is_lead_rule(text)
        && text.chars().count() <= RULE_MAX_CHARS
        && final_of(text).is_none()
}

fn final_of(text: &str) -> Option<Final> {
    agencies::final_list(text)
}

impl Item<'_> {
    /// A task is finished once its text ends with its agency list. The list
    /// can start in the paragraph before (a wrapped list), so look at two.
    fn is_closed(&self) -> bool {
        let n = self.paras.len();
        let tail = &self.paras[n.saturating_sub(2)..];
        final_of(&Joined::new(tail).text).is_some()
    }

    /// A numbered item still collecting the text of a task.
    fn is_task_in_progress(&self) -> bool {
        let Some(marker) = &self.marker else {
            return false;
        };
        let joined = Joined::new(&self.paras);
        let body = joined.text.get(marker.len..).unwrap_or_default();
        !self.is_closed() && !is_heading_like(body)
    }
}

fn segment(body: &[Para]) -> Vec<Item<'_>> {
    let mut items: Vec<Item<'_>> = Vec::new();
    for para in body {
        let marker = markers::parse(&para.text)
            .filter(|m| {
                // A bracket-damaged marker inside an unfinished task is more
                // likely the wrapped end of the task's text than a heading.
                m.damage.is_none() || !items.last().is_some_and(Item::is_task_in_progress)
            })
            .or_else(|| unnumbered_task(&items, para));
        if marker.is_some() {
            items.push(Item {
                marker,
                paras: vec![para],
            });
            continue;
        }
        let rule = is_rule_paragraph(&para.text);
        match items.last_mut() {
            Some(last) if last.marker.is_some() && !last.is_closed() && !rule => {
                last.paras.push(para);
            }
            _ => items.push(Item {
                marker: None,
                paras: vec![para],
            }),
        }
    }
    items
}

/// Word 分工 documents often put the assignment on lines of their own under
/// the task (牵头单位：… / 配合单位：… / 完成时限：…) instead of in brackets:
/// such lines become the unfinished paragraph's agency list.
fn attach_label_lines(body: &[Para], ctx: &mut Ctx) -> Vec<Para> {
    let mut out: Vec<Para> = Vec::new();
    let mut i = 0;
    while i < body.len() {
        let run = body[i..]
            .iter()
            .take_while(|p| agencies::is_label_line(&p.text))
            .count();
        let names_a_unit = body[i..i + run]
            .iter()
            .any(|p| agencies::is_agency_list(&p.text));
        let target = out.last_mut().filter(|last| {
            final_of(&last.text).is_none()
                && markers::parse(&last.text).is_some_and(|m| m.len < last.text.len())
        });
        match target {
            Some(last) if run > 0 && names_a_unit => {
                let lines: Vec<&Para> = body[i..i + run].iter().collect();
                let list: Vec<&str> = lines
                    .iter()
                    .map(|p| p.text.trim_end_matches(['。', '；']))
                    .collect();
                last.text = format!("{}（{}）", last.text, list.join("；"));
                ctx.report.repair(
                    lines[0].line,
                    Said::ListLinesJoined {
                        list: list.join(" / "),
                        line: last.line,
                    },
                );
                i += run;
            }
            _ => {
                out.push(body[i].clone());
                i += 1;
            }
        }
    }
    out
}

/// A paragraph without a number that carries its own agency list, after a
/// finished task or a heading, is a task of its own (offices drop numbers,
/// and web pages lose them); it takes the numbering style of the tasks
/// before it. A list alone on its line still belongs to the item before.
fn unnumbered_task(items: &[Item<'_>], para: &Para) -> Option<Marker> {
    let Some(Final::Found(pair)) = final_of(&para.text) else {
        return None;
    };
    if para.text.get(..pair.open)?.chars().count() < 6 {
        return None;
    }
    let task_kind = items
        .iter()
        .rev()
        .find(|i| i.is_closed())
        .and_then(|i| i.marker.as_ref())
        .map(|m| m.kind);
    let open = items
        .last()
        .filter(|last| last.marker.is_some() && !last.is_closed());
    if let Some(last) = open {
        // An unfinished item of the tasks' own style is a task wrapped over
        // lines; one of another style is a heading over this paragraph.
        let kind = last.marker.as_ref().map(|m| m.kind);
        let single_heading = last.paras.len() == 1
            && last
                .paras
                .first()
                .is_some_and(|p| !p.text.ends_with(['，', '、', '；', '：']));
        if kind == task_kind || task_kind.is_none() && !single_heading || last.is_task_in_progress()
        {
            return None;
        }
    }
    Some(Marker {
        kind: task_kind.unwrap_or(Kind::Arabic),
        value: None,
        len: 0,
        damage: Some(Damage::Unnumbered),
        written: String::new(),
    })
}

struct SectionBuilder {
    level: usize,
    number: String,
    /// The heading as written (marker regularised), for folding into a parent.
    heading: String,
    title: String,
    line: usize,
    paragraphs: Vec<String>,
    tasks: Vec<Task>,
    sections: Vec<Section>,
}

impl SectionBuilder {
    fn has_tasks(&self) -> bool {
        fn count(s: &Section) -> usize {
            s.tasks.len() + s.sections.iter().map(count).sum::<usize>()
        }
        !self.tasks.is_empty() || self.sections.iter().map(count).sum::<usize>() > 0
    }

    fn into_section(self) -> Section {
        Section {
            number: self.number,
            title: self.title,
            paragraphs: self.paragraphs,
            tasks: self.tasks,
            sections: self.sections,
        }
    }
}

/// A task's number as written, for the numbering decision at the end.
struct Written {
    value: Option<u32>,
    line: usize,
    label: String,
}

/// What the body contributes to the plan.
#[derive(Default)]
pub(crate) struct Body {
    pub tasks: Vec<Task>,
    pub sections: Vec<Section>,
    /// Text that belongs to no section: before the first one, or after tasks
    /// that sit directly under the plan.
    pub loose_paragraphs: Vec<String>,
    pub lead_rule: Option<String>,
    pub coverage: Coverage,
}

/// How much of the document became tasks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coverage {
    /// Numbered paragraphs (headings, measures, text) in the body.
    pub numbered: usize,
    /// Paragraphs without a number taken as tasks for their agency list.
    pub unnumbered_tasks: usize,
    /// Numbered paragraphs after the first task that read as measures (too
    /// long for a heading) but carry no agency list: (line, label as written).
    pub without_list: Vec<(usize, String)>,
}

struct Builder<'c> {
    ctx: &'c mut Ctx,
    /// Marker kinds in order of first appearance: their index is their level.
    levels: Vec<Kind>,
    /// Last numeral seen at each level since the parent changed.
    last_value: Vec<Option<u32>>,
    stack: Vec<SectionBuilder>,
    body: Body,
    written: Vec<Written>,
    last_task_label: Option<String>,
    /// The numbering style of the tasks so far: an item of that style
    /// without a list is a measure that lost its list, never a heading.
    task_kind: Option<Kind>,
}

pub(crate) fn build(body: &[Para], ctx: &mut Ctx) -> Body {
    let body = attach_label_lines(body, ctx);
    let body = body.as_slice();
    let mut builder = Builder {
        ctx,
        levels: Vec::new(),
        last_value: Vec::new(),
        stack: Vec::new(),
        body: Body::default(),
        written: Vec::new(),
        last_task_label: None,
        task_kind: None,
    };
    for item in segment(body) {
        match &item.marker {
            Some(marker) => builder.numbered(marker.clone(), &item.paras),
            None => builder.loose(&item.paras),
        }
    }
    builder.close_to(0);
    builder.number_tasks();
    builder.body
}

impl Builder<'_> {
    fn level_of(&mut self, kind: Kind) -> usize {
        if let Some(level) = self.levels.iter().position(|&k| k == kind) {
            return level;
        }
        self.levels.push(kind);
        self.levels.len() - 1
    }

    /// Closes every open section at `level` or deeper. A section without any
    /// task is not worth a node of its own below a part: its heading and text
    /// become text of the section above.
    fn close_to(&mut self, level: usize) {
        while self.stack.last().is_some_and(|s| s.level >= level) {
            let Some(done) = self.stack.pop() else {
                break;
            };
            if done.has_tasks() {
                match self.stack.last_mut() {
                    Some(parent) => parent.sections.push(done.into_section()),
                    None => self.body.sections.push(done.into_section()),
                }
                continue;
            }
            match self.stack.last_mut() {
                Some(parent) => {
                    self.ctx.report.doubt(
                        done.line,
                        Said::EmptySectionMerged {
                            section: done.heading.clone(),
                            parent: parent.heading.clone(),
                        },
                    );
                    parent.paragraphs.push(done.heading);
                    parent.paragraphs.extend(done.paragraphs);
                }
                None => {
                    self.ctx.report.doubt(
                        done.line,
                        Said::EmptySectionKept {
                            section: done.heading.clone(),
                        },
                    );
                    self.body.sections.push(done.into_section());
                }
            }
        }
    }

    /// Where text outside tasks goes: the innermost open section, else the
    /// plan's preamble. Returns where, for the report.
    fn add_text(&mut self, text: String) -> Place {
        match self.stack.last_mut() {
            Some(section) => {
                section.paragraphs.push(text);
                Place::Section(section.heading.clone())
            }
            None => {
                self.body.loose_paragraphs.push(text);
                Place::Preamble
            }
        }
    }

    fn loose(&mut self, paras: &[&Para]) {
        for para in paras {
            self.ctx.keep(para);
            if is_rule_paragraph(&para.text) && self.body.lead_rule.is_none() {
                self.body.lead_rule = Some(para.text.clone());
                continue;
            }
            let place = self.add_text(para.text.clone());
            self.ctx.report.doubt(
                para.line,
                Said::LooseParagraph {
                    after: self.last_task_label.clone(),
                    place,
                },
            );
        }
    }

    fn numbered(&mut self, mut marker: Marker, paras: &[&Para]) {
        if marker.damage == Some(Damage::Unnumbered) {
            self.body.coverage.unnumbered_tasks += 1;
        } else {
            self.body.coverage.numbered += 1;
        }
        let level = self.level_of(marker.kind);
        self.close_to(level);
        self.last_value.resize(level + 1, None);
        let Some(first) = paras.first() else {
            return;
        };
        if marker.value.is_none() {
            let inferred = self.last_value[level].map_or(1, |v| v + 1);
            marker.value = Some(inferred);
        }
        self.last_value[level] = marker.value;
        match marker.damage {
            Some(Damage::MissingOpen) => self.ctx.report.repair(
                first.line,
                Said::MissingOpenBracket {
                    written: marker.written.clone(),
                    label: marker.label(),
                },
            ),
            Some(Damage::Unnumbered) => self.ctx.report.note(
                first.line,
                Said::Unnumbered {
                    numeral: marker.numeral(),
                },
            ),
            Some(Damage::LostNumeral) => self.ctx.report.repair(
                first.line,
                Said::LostNumeral {
                    written: marker.written.clone(),
                    label: marker.label(),
                    numeral: marker.numeral(),
                },
            ),
            None => {}
        }
        for para in paras {
            self.ctx.keep(para);
        }

        let mut joined = Joined::new(paras);
        let mut final_pair = None;
        match final_of(&joined.text) {
            Some(Final::Found(pair)) => final_pair = Some(pair),
            Some(Final::Repairable(fix)) => {
                let (offset, mark, closing) = match fix {
                    Fix::Open(o) => (o, "（", false),
                    Fix::Close(o) => (o, "）", true),
                };
                let line = joined.line_at(offset.saturating_sub(1));
                joined.insert(offset, mark);
                if let Some(Final::Found(pair)) = final_of(&joined.text) {
                    self.ctx.report.repair(
                        line,
                        Said::PutBackBracket {
                            closing,
                            list: pair.content(&joined.text).to_string(),
                        },
                    );
                    final_pair = Some(pair);
                }
            }
            None => {}
        }
        let brackets = agencies::match_brackets(&joined.text, '（', '）');
        let in_body = |p: &&Pair| p.open >= marker.len;
        let agency_pairs: Vec<Pair> = brackets
            .pairs
            .iter()
            .filter(in_body)
            .filter(|p| agencies::is_agency_list(p.content(&joined.text)))
            // A list follows a sentence; brackets in mid-sentence that happen
            // to read like one (（由企业负责）) are not an assignment.
            .filter(|p| after_sentence(&joined.text, p.open, marker.len))
            .copied()
            .collect();
        let at_end = final_pair.is_some();
        let list_pair = final_pair.or_else(|| agency_pairs.iter().max_by_key(|p| p.close).copied());

        let Some(list_pair) = list_pair else {
            self.heading_or_text(&marker, level, paras);
            return;
        };
        self.task(&marker, paras, &joined, list_pair, at_end, &agency_pairs);
    }

    fn heading_or_text(&mut self, marker: &Marker, level: usize, paras: &[&Para]) {
        let Some(first) = paras.first() else {
            return;
        };
        let rest = first.text.get(marker.len..).unwrap_or_default();
        let heading = format!("{}{}", marker.label(), rest);
        if is_heading_like(rest) && self.task_kind != Some(marker.kind) {
            self.check_brackets(&Joined::new(paras), marker.len, None, &heading);
            let title = rest.trim_end_matches('。').to_string();
            self.stack.push(SectionBuilder {
                level,
                number: marker.numeral(),
                heading,
                title,
                line: first.line,
                paragraphs: paras[1..].iter().map(|p| p.text.clone()).collect(),
                tasks: Vec::new(),
                sections: Vec::new(),
            });
            return;
        }
        let mut texts = vec![heading.clone()];
        texts.extend(paras[1..].iter().map(|p| p.text.clone()));
        let mut place = Place::Preamble;
        for text in texts {
            place = self.add_text(text);
        }
        let short: String = heading.chars().take(16).collect();
        // Before the first task such items are the plan's introduction
        // (指导思想, 基本原则); after it they are measures whose list is missing.
        if !self.written.is_empty() {
            self.body
                .coverage
                .without_list
                .push((first.line, format!("{short}…")));
        }
        self.ctx.report.doubt(
            first.line,
            Said::NumberedWithoutList {
                short: short.to_string(),
                heading_like: is_heading_like(rest),
                place,
            },
        );
    }

    fn task(
        &mut self,
        marker: &Marker,
        paras: &[&Para],
        joined: &Joined,
        list_pair: Pair,
        at_end: bool,
        agency_pairs: &[Pair],
    ) {
        let label = match marker.kind {
            Kind::Arabic => marker.numeral(),
            _ => marker.label(),
        };
        let text_all = &joined.text;
        // Every list, in written order, with the sentences before it; a list
        // inside another list's brackets is part of that list.
        let mut pairs: Vec<Pair> = agency_pairs
            .iter()
            .copied()
            .chain(std::iter::once(list_pair))
            .filter(|p| p.close <= list_pair.close)
            .collect();
        pairs.sort_by_key(|p| p.open);
        pairs.dedup();
        let outer: Vec<Pair> = pairs
            .iter()
            .copied()
            .filter(|p| !pairs.iter().any(|q| q.open < p.open && p.close < q.close))
            .collect();
        let mut parts: Vec<(String, Pair, agencies::List)> = Vec::new();
        let mut from = marker.len;
        for pair in &outer {
            let Some(list) = agencies::parse_list(pair.content(text_all)) else {
                continue;
            };
            let sentences = text_all
                .get(from..pair.open)
                .unwrap_or_default()
                .trim()
                .to_string();
            from = pair.end();
            parts.push((sentences, *pair, list));
        }
        let mut text: String = parts.iter().map(|(t, _, _)| t.as_str()).collect();
        let after = text_all
            .get(list_pair.end()..)
            .unwrap_or_default()
            .trim_matches(|c: char| c.is_whitespace() || c == '。' || c == '；');
        if !at_end && !after.is_empty() {
            text.push_str(after);
            self.ctx.report.doubt(
                joined.line_at(list_pair.open),
                Said::ListNotAtEnd {
                    label: label.clone(),
                },
            );
        }
        let mut names: Vec<String> = Vec::new();
        let mut others: Vec<String> = Vec::new();
        let mut limits: Vec<String> = Vec::new();
        let mut scopes: Vec<String> = Vec::new();
        // Per remit only when every list says so: one list's 按职责分工负责
        // covers its own sentences, not the task's others.
        let mut per_remit = true;
        let mut lead_named = false;
        for (_, pair, list) in &parts {
            if let Some(rule) = &list.lead_rule
                && self.body.lead_rule.is_none()
            {
                self.body.lead_rule = Some(rule.clone());
            }
            // The first list's lead leads the task; later lists add their
            // agencies in written order, each once.
            if names.is_empty() {
                lead_named = list.lead_named;
            }
            for name in &list.agencies {
                if !names.contains(name) {
                    names.push(name.clone());
                }
            }
            per_remit &= list.per_remit;
            others.extend(list.others.clone().filter(|o| !others.contains(o)));
            limits.extend(list.time_limit.clone().filter(|t| !limits.contains(t)));
            scopes.extend(list.scope.clone());
            let content = pair.content(text_all);
            if list.agencies.is_empty() && list.others.is_none() {
                self.ctx.report.doubt(
                    joined.line_at(pair.open),
                    Said::ListNamesNoAgency {
                        label: label.clone(),
                        list: content.to_string(),
                    },
                );
            }
            if !list.unread.is_empty() {
                self.ctx.report.doubt(
                    joined.line_at(pair.open),
                    Said::UnreadInList {
                        label: label.clone(),
                        list: content.to_string(),
                        unread: list.unread.join("，"),
                    },
                );
            }
            for name in &list.agencies {
                self.check_name(name, joined.line_at(pair.open), &label);
            }
        }
        if parts.len() > 1 {
            self.ctx.report.note(
                joined.first_line(),
                Said::SeveralLists {
                    label: label.clone(),
                    count: parts.len(),
                    names: names.join("、"),
                },
            );
        }
        let lead_assumed = !lead_named && names.len() > 1;
        if lead_assumed {
            self.ctx.report.note(
                joined.first_line(),
                Said::LeadAssumed {
                    label: label.clone(),
                    lead: names.first().cloned().unwrap_or_default(),
                },
            );
        }
        for para in paras.iter().skip(1) {
            let own_line =
                agencies::final_list(&para.text).is_some() && para.text.starts_with('（');
            self.ctx.report.repair(
                para.line,
                Said::Joined {
                    label: label.clone(),
                    line: joined.first_line(),
                    own_line,
                },
            );
        }
        let list_pairs: Vec<Pair> = parts.iter().map(|(_, p, _)| *p).collect();
        let odd: Vec<String> = brackets_in_text(text_all, marker.len, &list_pairs, list_pair);
        if !odd.is_empty() {
            self.ctx.report.doubt(
                joined.line_at(marker.len),
                Said::OddParentheses {
                    label: label.clone(),
                    odd: odd.join(" "),
                },
            );
        }
        self.check_brackets(joined, marker.len, Some(&label), "");

        self.written.push(Written {
            value: marker.value,
            line: joined.first_line(),
            label: label.clone(),
        });
        let seq = u32::try_from(self.written.len()).unwrap_or(u32::MAX);
        let responsibility = parts
            .iter()
            .map(|(_, p, _)| p.content(text_all))
            .collect::<Vec<_>>()
            .join("；");
        let lists = if parts.len() > 1 {
            parts
                .iter()
                .map(|(sentences, pair, list)| TaskList {
                    text: sentences.clone(),
                    responsibility: pair.content(text_all).to_string(),
                    agencies: list.agencies.clone(),
                })
                .collect()
        } else {
            Vec::new()
        };
        let time_limit = (!limits.is_empty()).then(|| {
            let written = limits.join("；");
            let date = limits
                .iter()
                .filter_map(|l| crate::deadline::forms::written(l))
                .max()
                .map(|d| d.to_string());
            TimeLimit { written, date }
        });
        let mut task = Task::new(seq, text, &[]);
        task.agencies = agencies_in_order(names);
        task.per_remit = per_remit;
        task.responsibility = responsibility;
        task.lead_assumed = lead_assumed;
        task.set_extra(TaskExtra {
            others: (!others.is_empty()).then(|| others.join("；")),
            time_limit,
            scope: (!scopes.is_empty()).then(|| scopes.join("；")),
            lists,
            source_notes: Vec::new(),
            written_number: None,
        });
        match self.stack.last_mut() {
            Some(section) => section.tasks.push(task),
            None => self.body.tasks.push(task),
        }
        self.last_task_label = Some(label);
        self.task_kind = Some(marker.kind);
    }

    /// An agency name the registry does not know is a doubt, with the
    /// nearest names it does know.
    fn check_name(&mut self, name: &str, line: usize, label: &str) {
        let registry = crate::agencies::Registry::builtin();
        if registry.resolve(name).is_some() {
            return;
        }
        let near = registry.suggest(name, &[]);
        self.ctx.report.doubt(
            line,
            Said::UnknownAgency {
                label: label.to_string(),
                name: name.to_string(),
                near,
            },
        );
    }

    /// Unbalanced （）, 《》 and “” are extraction damage that cannot be repaired
    /// with confidence: name them with a little context.
    /// `task`: the label of the task checked; else the `heading` checked.
    fn check_brackets(&mut self, joined: &Joined, from: usize, task: Option<&str>, heading: &str) {
        let text = &joined.text;
        for (open, close) in [('（', '）'), ('《', '》'), ('“', '”')] {
            let b = agencies::match_brackets(text, open, close);
            let lonely = b
                .unmatched_close
                .iter()
                .map(|&i| (i, close, open))
                .chain(b.unmatched_open.iter().map(|&i| (i, open, close)));
            for (at, mark, missing) in lonely.filter(|(i, _, _)| *i >= from) {
                self.ctx.report.doubt(
                    joined.line_at(at),
                    Said::Unbalanced {
                        task: task.map(String::from),
                        heading: heading.to_string(),
                        mark,
                        missing,
                        context: context(text, at),
                    },
                );
            }
        }
    }

    /// Task numbers as written when they are unique; otherwise 1, 2, 3 … in
    /// order of appearance (measures numbered （一） per part repeat).
    fn number_tasks(&mut self) {
        let values: Vec<Option<u32>> = self.written.iter().map(|w| w.value).collect();
        let mut seen = std::collections::HashSet::new();
        let repeat = values
            .iter()
            .zip(&self.written)
            .find(|(v, _)| v.is_none() || !seen.insert(**v));
        let renumbered = repeat.is_some();
        let labels: Vec<String> = self.written.iter().map(|w| w.label.clone()).collect();
        let finals: Vec<u32> = if let Some((_, w)) = repeat {
            self.ctx.report.doubt(
                w.line,
                Said::RepeatedNumber {
                    label: w.label.clone(),
                    count: self.written.len(),
                },
            );
            (1..=u32::try_from(self.written.len()).unwrap_or(u32::MAX)).collect()
        } else {
            let finals: Vec<u32> = values.iter().map(|v| v.unwrap_or(0)).collect();
            for (pair, w) in finals.windows(2).zip(self.written.iter().skip(1)) {
                if pair[1] != pair[0].saturating_add(1) {
                    self.ctx.report.doubt(
                        w.line,
                        Said::NumbersJump {
                            from: pair[0],
                            to: pair[1],
                        },
                    );
                }
            }
            finals
        };
        let renumber = |task: &mut Task| {
            let index = usize::try_from(task.number)
                .unwrap_or(usize::MAX)
                .saturating_sub(1);
            task.number = finals.get(index).copied().unwrap_or(task.number);
            // Numbering that restarts in each part is kept as written.
            if renumbered && let Some(label) = labels.get(index) {
                task.extra_mut().written_number = Some(label.clone());
            }
        };
        fn visit(section: &mut Section, f: &dyn Fn(&mut Task)) {
            section.tasks.iter_mut().for_each(f);
            for child in &mut section.sections {
                visit(child, f);
            }
        }
        self.body.tasks.iter_mut().for_each(&renumber);
        for section in &mut self.body.sections {
            visit(section, &renumber);
        }
    }
}

/// Whether the bracket at `open` follows the end of a sentence (or starts
/// the item's text).
fn after_sentence(text: &str, open: usize, from: usize) -> bool {
    let before = text.get(from..open).unwrap_or_default().trim_end();
    before.is_empty() || before.ends_with(['。', '；', '！', '？', '）', '”'])
}

/// Matched （…） inside a task's text that are not agency lists, as written.
fn brackets_in_text(text: &str, from: usize, agency_pairs: &[Pair], list: Pair) -> Vec<String> {
    let mut pairs: Vec<Pair> = agencies::match_brackets(text, '（', '）')
        .pairs
        .into_iter()
        .filter(|p| p.open >= from && *p != list && !agency_pairs.contains(p))
        .collect();
    pairs.sort_by_key(|p| p.open);
    pairs
        .iter()
        .filter_map(|p| text.get(p.open..p.end()))
        .map(str::to_string)
        .collect()
}

/// A few characters either side of a byte offset.
fn context(text: &str, at: usize) -> String {
    let before: Vec<char> = text
        .get(..at)
        .unwrap_or_default()
        .chars()
        .rev()
        .take(8)
        .collect();
    let after: String = text.get(at..).unwrap_or_default().chars().take(8).collect();
    before.into_iter().rev().collect::<String>() + &after
}
