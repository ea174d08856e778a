//! The lists' models: a cursor with its scroll offset, the plan tree as a
//! flat list of visible rows, the status filter and the agency order.

use super::data::AgencyInfo;
use crate::model::{Catalog, Role};
use crate::progress::Status;
use std::cell::Cell;
use std::collections::HashSet;

/// A selected row and the first row on screen. The offset is the one thing
/// drawing may change (to keep the selection visible), hence the `Cell`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cursor {
    pub selected: usize,
    pub offset: Cell<usize>,
}

impl Cursor {
    /// Moves by `delta` rows within `len`; says whether anything moved.
    pub fn step(&mut self, delta: isize, len: usize) -> bool {
        if len == 0 {
            return false;
        }
        let target = self
            .selected
            .saturating_add_signed(delta)
            .min(len.saturating_sub(1));
        self.set(target)
    }

    pub fn set(&mut self, row: usize) -> bool {
        let changed = self.selected != row;
        self.selected = row;
        changed
    }

    pub fn clamp(&mut self, len: usize) {
        self.selected = self.selected.min(len.saturating_sub(1));
    }

    /// The offset that shows the selection in `height` rows, moving the
    /// window as little as possible; remembered for the next frame.
    pub fn visible_offset(&self, height: usize, len: usize) -> usize {
        let height = height.max(1);
        let mut offset = self.offset.get().min(len.saturating_sub(height));
        if self.selected < offset {
            offset = self.selected;
        } else if self.selected >= offset + height {
            offset = self.selected + 1 - height;
        }
        self.offset.set(offset);
        offset
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Filter {
    #[default]
    All,
    /// Everything not done (nor suspended).
    Open,
    Only(Status),
}

impl Filter {
    pub fn matches(self, status: Status) -> bool {
        match self {
            Filter::All => true,
            // Suspended work is not open either: nobody is to carry it out.
            Filter::Open => !matches!(status, Status::Done | Status::Suspended),
            Filter::Only(wanted) => status == wanted,
        }
    }

    pub fn next(self) -> Filter {
        match self {
            Filter::All => Filter::Open,
            Filter::Open => Filter::Only(Status::NotStarted),
            Filter::Only(Status::NotStarted) => Filter::Only(Status::InProgress),
            Filter::Only(Status::InProgress) => Filter::Only(Status::Blocked),
            Filter::Only(Status::Blocked) => Filter::Only(Status::Suspended),
            Filter::Only(Status::Suspended) => Filter::Only(Status::Done),
            Filter::Only(Status::Done) => Filter::All,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Node {
    Section(usize),
    Task(usize),
}

/// One visible row of the tree: a node and its depth, in 8 bytes, since a
/// plan has a row for each of its tasks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    index: u32,
    depth: u16,
    section: bool,
}

impl Row {
    /// `None` when the index or the depth does not fit (over 4 billion
    /// nodes, or 65,535 levels): a row that cannot be kept exactly is left
    /// out rather than made to name another node.
    pub fn new(node: Node, depth: usize) -> Option<Row> {
        let (index, section) = match node {
            Node::Section(index) => (index, true),
            Node::Task(index) => (index, false),
        };
        Some(Row {
            index: u32::try_from(index).ok()?,
            depth: u16::try_from(depth).ok()?,
            section,
        })
    }

    pub fn node(self) -> Node {
        // Widening: the index came from a `usize`.
        let index = self.index as usize;
        if self.section {
            Node::Section(index)
        } else {
            Node::Task(index)
        }
    }

    pub fn depth(self) -> usize {
        usize::from(self.depth)
    }
}

/// The rows of one plan that are visible with these sections collapsed and
/// the tasks that `shows`: with `filtered`, a section shows while any task
/// under it does.
pub fn tree_rows(
    catalog: &Catalog,
    plan: usize,
    collapsed: &HashSet<usize>,
    filtered: bool,
    shows: &dyn Fn(usize) -> bool,
) -> Vec<Row> {
    let Some(info) = catalog.plans.get(plan) else {
        return Vec::new();
    };
    // Unfiltered, every task and section of the plan may show: reserved at
    // once, never more than the open tree takes. Filtered, the count is
    // unknown until `shows` has seen every task.
    let mut rows = if filtered {
        Vec::new()
    } else {
        let sections = catalog.sections.iter().filter(|s| s.plan == plan).count();
        Vec::with_capacity(info.tasks.len() + sections)
    };
    for task in info.loose_tasks.clone().filter(|&t| shows(t)) {
        rows.extend(Row::new(Node::Task(task), 0));
    }
    let mut stack: Vec<usize> = info.top_sections.iter().rev().copied().collect();
    while let Some(index) = stack.pop() {
        let section = &catalog.sections[index];
        if filtered && !section.all_tasks.clone().any(shows) {
            continue;
        }
        rows.extend(Row::new(Node::Section(index), section.depth));
        if collapsed.contains(&index) {
            continue;
        }
        for task in section.own_tasks.clone().filter(|&t| shows(t)) {
            rows.extend(Row::new(Node::Task(task), section.depth + 1));
        }
        stack.extend(section.children.iter().rev());
    }
    rows
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Most tasks first: the agencies with most to do are the ones asked about.
    #[default]
    Count,
    /// By pinyin, which is how Chinese readers expect names ordered.
    Name,
}

pub fn agency_order(agencies: &[AgencyInfo], sort: Sort) -> Vec<usize> {
    let mut order: Vec<usize> = (0..agencies.len()).collect();
    match sort {
        // The table is already in the roster's order (most lead tasks first).
        Sort::Count => {}
        Sort::Name => {
            let keys: Vec<String> = agencies
                .iter()
                .map(|a| crate::text::pinyin_full(&a.name))
                .collect();
            order.sort_by(|&a, &b| keys[a].cmp(&keys[b]).then(a.cmp(&b)));
        }
    }
    order
}

/// An agency's tasks that `shows`, lead tasks first.
pub fn agency_task_rows(info: &AgencyInfo, shows: &dyn Fn(usize) -> bool) -> Vec<(usize, Role)> {
    info.tasks().filter(|&(task, _)| shows(task)).collect()
}

#[cfg(test)]
mod tests {
    use super::{Node, Row};

    #[test]
    fn a_row_keeps_its_node_and_depth_up_to_the_largest_it_holds() {
        let index = usize::try_from(u32::MAX).expect("usize holds u32");
        let depth = usize::from(u16::MAX);
        for node in [
            Node::Section(0),
            Node::Task(0),
            Node::Section(index),
            Node::Task(index),
        ] {
            for depth in [0, depth] {
                let row = Row::new(node, depth).expect("fits");
                assert_eq!((row.node(), row.depth()), (node, depth));
            }
        }
        // One past: no row, rather than a row naming another node.
        assert_eq!(Row::new(Node::Task(0), depth + 1), None);
        if let Some(past) = index.checked_add(1) {
            assert_eq!(Row::new(Node::Task(past), 0), None);
        }
        assert_eq!(std::mem::size_of::<Row>(), 8);
    }
}
