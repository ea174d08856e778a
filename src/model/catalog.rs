//! All loaded plans flattened into one task list, so that every view and
//! index addresses a task by a plain position.

use super::{Plan, Section, Task, TaskKey, TaskText};
use std::ops::Range;
use std::sync::Arc;

/// A plan's own fields, without its tree (which lives in the catalog).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanInfo {
    pub id: String,
    pub title: String,
    pub issuer: Option<String>,
    pub issued: Option<String>,
    pub document_number: Option<String>,
    pub addressees: Vec<String>,
    pub lead_rule: Option<String>,
    pub preamble: Vec<String>,
    /// Indices into [`Catalog::sections`] of the plan's top-level sections.
    pub top_sections: Vec<usize>,
    /// Positions in [`Catalog::tasks`] of every task of the plan.
    pub tasks: Range<usize>,
    /// Positions of the tasks that sit outside any section.
    pub loose_tasks: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionRef {
    pub plan: usize,
    pub parent: Option<usize>,
    pub depth: usize,
    pub number: String,
    pub title: String,
    pub paragraphs: Vec<String>,
    pub children: Vec<usize>,
    /// Tasks directly in this section.
    pub own_tasks: Range<usize>,
    /// Tasks in this section and all below it (contiguous by construction).
    pub all_tasks: Range<usize>,
}

impl SectionRef {
    /// The heading as printed in the plan: 一、… for parts, （一）… below.
    pub fn heading(&self) -> String {
        match self.depth {
            0 => format!("{}、{}", self.number, self.title),
            1 => format!("（{}）{}", self.number, self.title),
            _ => format!("{}. {}", self.number, self.title),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskEntry {
    pub plan: usize,
    /// The innermost section holding the task.
    pub section: Option<usize>,
    pub task: Task,
}

#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub plans: Vec<PlanInfo>,
    pub sections: Vec<SectionRef>,
    pub tasks: Vec<TaskEntry>,
    /// Per plan, its tasks' positions in order of task number, for
    /// finding a task by number with a binary search; `None` where the
    /// plan numbers its tasks in document order (the usual case), which is
    /// then the order of [`PlanInfo::tasks`] itself. A hash map of every
    /// task took 200 of the 220 ms of building the catalog of 1M tasks
    /// (each insert a cache miss in a table larger than the caches), and
    /// 17 bytes a task.
    by_number: Vec<Option<Vec<u32>>>,
    /// Every task's text, side by side in catalog order; each task's
    /// [`TaskText`] is a slice of it, and the search index reads it whole.
    texts: Arc<String>,
}

impl Catalog {
    pub fn new(plans: Vec<Plan>) -> Self {
        // Sized once: grown by doubling, the task list of 100k tasks kept
        // up to 31k unused entries of 270 bytes each for the whole session.
        fn count(sections: &[Section]) -> (usize, usize) {
            sections
                .iter()
                .fold((sections.len(), 0), |(s, t), section| {
                    let (below_s, below_t) = count(&section.sections);
                    (s + below_s, t + section.tasks.len() + below_t)
                })
        }
        let (sections, tasks) = plans.iter().fold((0, 0), |(s, t), plan| {
            let (ps, pt) = count(&plan.sections);
            (s + ps, t + plan.tasks.len() + pt)
        });
        let mut catalog = Self {
            plans: Vec::with_capacity(plans.len()),
            sections: Vec::with_capacity(sections),
            tasks: Vec::with_capacity(tasks),
            by_number: Vec::with_capacity(plans.len()),
            texts: Arc::default(),
        };
        for plan in plans {
            catalog.add(plan);
        }
        catalog.share_texts();
        catalog
    }

    /// The buffer of every task's text (see [`Catalog::texts`]): the one
    /// the plan cache read them into when that is already it (a single
    /// cached plan), else one made here, each task's own string freed as
    /// its text is copied in.
    fn share_texts(&mut self) {
        if let Some(buffer) = self.texts_side_by_side() {
            self.texts = buffer;
            return;
        }
        let bytes = self.tasks.iter().map(|e| e.task.text.len()).sum();
        let mut all = String::with_capacity(bytes);
        let mut ends = Vec::with_capacity(self.tasks.len());
        for entry in &mut self.tasks {
            all.push_str(&entry.task.text);
            entry.task.text = TaskText::default();
            ends.push(all.len());
        }
        let all = Arc::new(all);
        for (entry, text) in self
            .tasks
            .iter_mut()
            .zip(TaskText::side_by_side(&all, &ends))
        {
            // Whole characters: each range is one text as it was.
            entry.task.text = text.unwrap_or_default();
        }
        self.texts = all;
    }

    /// The buffer the tasks' texts are already slices of, in catalog order
    /// and covering it exactly, if there is one.
    fn texts_side_by_side(&self) -> Option<Arc<String>> {
        let buffer = self.tasks.first()?.task.text.buffer();
        let mut at = 0;
        for entry in &self.tasks {
            let range = entry.task.text.range_in(buffer)?;
            if range.start != at {
                return None;
            }
            at = range.end;
        }
        (at == buffer.len()).then(|| Arc::clone(buffer))
    }

    /// Every task's text side by side, in catalog order: task `t`'s is
    /// `tasks[t].task.text.range_in(texts())`.
    pub fn texts(&self) -> &Arc<String> {
        &self.texts
    }

    fn add(&mut self, plan: Plan) {
        let plan_index = self.plans.len();
        let first_task = self.tasks.len();
        for task in plan.tasks {
            self.push_task(plan_index, None, task);
        }
        let loose_tasks = first_task..self.tasks.len();
        let top_sections = plan
            .sections
            .into_iter()
            .map(|s| self.add_section(plan_index, None, 0, s))
            .collect();
        self.plans.push(PlanInfo {
            id: plan.id,
            title: plan.title,
            issuer: plan.issuer,
            issued: plan.issued,
            document_number: plan.document_number,
            addressees: plan.addressees,
            lead_rule: plan.lead_rule,
            preamble: plan.preamble,
            top_sections,
            tasks: first_task..self.tasks.len(),
            loose_tasks,
        });
        let number = |position: &u32| self.tasks[*position as usize].task.number;
        // Positions fit in u32: no plan file holds 4 G tasks (they are at
        // most 1 GiB).
        let mut order: Vec<u32> = (first_task..self.tasks.len()).map(|p| p as u32).collect();
        let order = if order.is_sorted_by_key(number) {
            None
        } else {
            // Stable: a number given twice finds the first in the plan.
            order.sort_by_key(number);
            Some(order)
        };
        self.by_number.push(order);
    }

    fn add_section(
        &mut self,
        plan: usize,
        parent: Option<usize>,
        depth: usize,
        section: Section,
    ) -> usize {
        let index = self.sections.len();
        let start = self.tasks.len();
        self.sections.push(SectionRef {
            plan,
            parent,
            depth,
            number: section.number,
            title: section.title,
            paragraphs: section.paragraphs,
            children: Vec::new(),
            own_tasks: start..start,
            all_tasks: start..start,
        });
        for task in section.tasks {
            self.push_task(plan, Some(index), task);
        }
        let own_end = self.tasks.len();
        let children = section
            .sections
            .into_iter()
            .map(|child| self.add_section(plan, Some(index), depth + 1, child))
            .collect();
        let this = &mut self.sections[index];
        this.children = children;
        this.own_tasks = start..own_end;
        this.all_tasks = start..self.tasks.len();
        index
    }

    fn push_task(&mut self, plan: usize, section: Option<usize>, task: Task) {
        self.tasks.push(TaskEntry {
            plan,
            section,
            task,
        });
    }

    pub fn plan_index(&self, id: &str) -> Option<usize> {
        self.plans.iter().position(|p| p.id == id)
    }

    pub fn key(&self, task: usize) -> TaskKey {
        let entry = &self.tasks[task];
        TaskKey::new(self.plans[entry.plan].id.clone(), entry.task.number)
    }

    /// The short label of the task's plan (its id) where several plans are
    /// loaded, for lists that mix them; None with one plan.
    pub fn plan_label(&self, task: usize) -> Option<&str> {
        (self.plans.len() > 1).then(|| self.plans[self.tasks[task].plan].id.as_str())
    }

    pub fn find(&self, key: &TaskKey) -> Option<usize> {
        let plan = self.plan_index(&key.plan)?;
        self.position(plan, key.number)
    }

    /// The position of task `number` of plan `plan`.
    fn position(&self, plan: usize, number: u32) -> Option<usize> {
        let number_at = |position: usize| self.tasks[position].task.number;
        let position = match self.by_number.get(plan)? {
            Some(order) => {
                let i = order.partition_point(|&p| number_at(p as usize) < number);
                *order.get(i)? as usize
            }
            None => {
                let range = self.plans.get(plan)?.tasks.clone();
                let i = self.tasks[range.clone()].partition_point(|t| t.task.number < number);
                // Past the plan's last task is another plan's first.
                (i < range.len()).then_some(range.start + i)?
            }
        };
        (position < self.tasks.len() && number_at(position) == number).then_some(position)
    }

    /// Every task with this number, across all plans (a bare `55`).
    pub fn find_number(&self, number: u32) -> Vec<usize> {
        (0..self.plans.len())
            .filter_map(|plan| self.position(plan, number))
            .collect()
    }

    /// Sections from the top down to the one holding the task.
    pub fn section_path(&self, task: usize) -> Vec<&SectionRef> {
        let mut path = Vec::new();
        let mut current = self.tasks[task].section;
        while let Some(index) = current {
            let section = &self.sections[index];
            path.push(section);
            current = section.parent;
        }
        path.reverse();
        path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(number: u32) -> Task {
        Task::new(number, format!("任务{number}"), &["知识产权局"])
    }

    fn section(number: &str, tasks: Vec<Task>, sections: Vec<Section>) -> Section {
        Section::new(number, &format!("第{number}部分"), tasks, sections)
    }

    fn plan(id: &str, sections: Vec<Section>) -> Plan {
        Plan::new(id, id, sections)
    }

    #[test]
    fn sections_cover_contiguous_task_ranges() {
        let catalog = Catalog::new(vec![plan(
            "a",
            vec![
                section(
                    "一",
                    vec![],
                    vec![
                        section("一", vec![task(1), task(2)], vec![]),
                        section("二", vec![task(3)], vec![]),
                    ],
                ),
                section("二", vec![task(4)], vec![]),
            ],
        )]);
        assert_eq!(catalog.sections[0].all_tasks, 0..3);
        assert_eq!(catalog.sections[0].own_tasks, 0..0);
        assert_eq!(catalog.sections[2].all_tasks, 2..3);
        assert_eq!(catalog.sections[3].all_tasks, 3..4);
        assert_eq!(catalog.sections[3].depth, 0);
        assert_eq!(catalog.plans[0].top_sections, [0, 3]);
        let path: Vec<String> = catalog
            .section_path(2)
            .iter()
            .map(|s| s.heading())
            .collect();
        assert_eq!(path, ["一、第一部分", "（二）第二部分"]);
    }

    #[test]
    fn tasks_numbered_out_of_document_order_are_found_by_number() {
        let catalog = Catalog::new(vec![
            plan(
                "a",
                vec![section("一", vec![task(3), task(1), task(7)], vec![])],
            ),
            plan("b", vec![section("一", vec![task(2), task(4)], vec![])]),
            plan("c", vec![section("一", vec![task(5), task(9)], vec![])]),
        ]);
        assert_eq!(catalog.find(&TaskKey::new("a", 1)), Some(1));
        assert_eq!(catalog.find(&TaskKey::new("a", 7)), Some(2));
        assert_eq!(catalog.find(&TaskKey::new("a", 3)), Some(0));
        assert_eq!(catalog.find(&TaskKey::new("b", 4)), Some(4));
        for missing in [0, 2, 4, 8, 10] {
            assert_eq!(catalog.find(&TaskKey::new("a", missing)), None, "{missing}");
        }
        // Past the end of one plan is not the next plan's first task.
        assert_eq!(catalog.find(&TaskKey::new("b", 5)), None);
        assert_eq!(catalog.find(&TaskKey::new("c", 9)), Some(6));
        assert_eq!(catalog.find(&TaskKey::new("c", 10)), None);
        assert_eq!(catalog.find_number(2), [3]);
        assert_eq!(catalog.find_number(5), [5]);
    }

    #[test]
    fn tasks_are_found_by_key_and_by_bare_number_across_plans() {
        let catalog = Catalog::new(vec![
            plan("a", vec![section("一", vec![task(1), task(2)], vec![])]),
            plan("b", vec![section("一", vec![task(2)], vec![])]),
        ]);
        assert_eq!(catalog.find(&TaskKey::new("b", 2)), Some(2));
        assert_eq!(catalog.find(&TaskKey::new("c", 2)), None);
        assert_eq!(catalog.find_number(2), [1, 2]);
        assert_eq!(catalog.key(2), TaskKey::new("b", 2));
        assert_eq!(catalog.plans[1].tasks, 2..3);
    }

    #[test]
    fn every_task_text_is_a_slice_of_one_buffer_in_catalog_order() {
        let catalog = Catalog::new(vec![
            plan("a", vec![section("一", vec![task(1), task(22)], vec![])]),
            plan("b", vec![section("一", vec![task(333)], vec![])]),
        ]);
        assert_eq!(catalog.texts().as_str(), "任务1任务22任务333");
        let mut at = 0;
        for (entry, text) in catalog.tasks.iter().zip(["任务1", "任务22", "任务333"]) {
            assert_eq!(entry.task.text, text);
            let range = entry.task.text.range_in(catalog.texts()).expect("shared");
            assert_eq!(range.start, at);
            at = range.end;
        }
    }

    #[test]
    fn texts_already_side_by_side_in_one_buffer_are_not_copied() {
        let buffer = Arc::new("甲乙丙".to_string());
        let mut tasks = vec![task(1), task(2)];
        tasks[0].text = TaskText::shared(&buffer, 0..3).expect("whole characters");
        tasks[1].text = TaskText::shared(&buffer, 3..9).expect("whole characters");
        let catalog = Catalog::new(vec![plan("a", vec![section("一", tasks.clone(), vec![])])]);
        assert!(Arc::ptr_eq(catalog.texts(), &buffer));
        // Not in catalog order: copied, each text as it was.
        tasks.swap(0, 1);
        let catalog = Catalog::new(vec![plan("a", vec![section("一", tasks, vec![])])]);
        assert!(!Arc::ptr_eq(catalog.texts(), &buffer));
        assert_eq!(catalog.texts().as_str(), "乙丙甲");
        assert_eq!(catalog.tasks[1].task.text, "甲");
    }
}
