//! The summary screen's model: the meeting report of `report::report`, laid
//! out as rows the screen shows one per line. The numbers are the report's;
//! nothing here counts tasks again, so the screen and `plantrack report`
//! cannot disagree.

use super::data::Data;
use super::lists::Cursor;
use crate::i18n::Label;
use crate::model::TaskKey;
use crate::progress::Progress;
use crate::report::{self, Report, TaskOut};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Heading(Label),
    /// The bar of every task.
    Overall,
    /// Done / in progress / blocked / not started of every task.
    OverallCounts,
    /// A plan's own bar, when several are loaded: `report.plans[i]`.
    Plan(usize),
    /// `report.parts[i]`: a part or a group.
    Part(usize),
    AgencyHeader,
    /// `report.agencies[i]`.
    Agency(usize),
    /// `report.light_lists[i]`'s heading.
    LightHeading(usize),
    /// `report.light_lists[list].tasks[task]`, at catalog position `at`.
    LightTask {
        list: usize,
        task: usize,
        at: usize,
    },
    /// `report.task_lists[i]`'s heading.
    ListHeading(usize),
    /// `report.task_lists[list].tasks[task]`, at catalog position `at`.
    Task {
        list: usize,
        task: usize,
        at: usize,
    },
    /// The note of the task above, on a line of its own.
    Note {
        list: usize,
        task: usize,
    },
    /// The heading of the suspended tasks, listed apart.
    SuspendedHeading,
    /// `report.suspended[task]`, at catalog position `at`.
    Suspended {
        task: usize,
        at: usize,
    },
    /// The reason of the suspended task above.
    Reason {
        task: usize,
    },
    /// An empty list says so.
    NoneListed,
    Blank,
}

impl Row {
    /// Rows the cursor stops on: blank lines and a task's note line are
    /// part of what is around them.
    pub fn selectable(self) -> bool {
        !matches!(self, Row::Blank | Row::Note { .. } | Row::Reason { .. })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub report: Report,
    pub rows: Vec<Row>,
    pub cursor: Cursor,
}

impl Summary {
    /// The report of every loaded plan as of `today`, in rows.
    pub fn build(data: &Data, progress: &Progress, today: jiff::civil::Date) -> Summary {
        let options = report::Options {
            day: Some(crate::deadline::Day {
                today,
                rules: data.rules,
            }),
            zone: data.tz.clone(),
            ..report::Options::default()
        };
        // Whole-plan options cannot fail: only an unknown agency can.
        let report = report::report(&data.catalog, progress, data.registry, &options, today)
            .unwrap_or_else(|_| empty_report(today));
        let rows = rows(&report, data);
        Summary {
            report,
            rows,
            cursor: Cursor::default(),
        }
    }

    /// The same rows again after marks changed, the cursor on the same row.
    pub fn rebuilt(&self, data: &Data, progress: &Progress, today: jiff::civil::Date) -> Summary {
        let mut next = Summary::build(data, progress, today);
        let selected = self.cursor.selected.min(next.rows.len().saturating_sub(1));
        next.cursor.selected = selected;
        next.cursor.offset.set(self.cursor.offset.get());
        next
    }

    pub fn selected_row(&self) -> Option<Row> {
        self.rows.get(self.cursor.selected).copied()
    }

    pub fn task_out(&self, list: usize, task: usize) -> Option<&TaskOut> {
        self.report.task_lists.get(list)?.tasks.get(task)
    }

    pub fn light_task_out(&self, list: usize, task: usize) -> Option<&TaskOut> {
        self.report.light_lists.get(list)?.tasks.get(task)
    }

    /// The catalog position of the selected task row, if it is one.
    pub fn selected_task(&self) -> Option<usize> {
        match self.selected_row()? {
            Row::Task { at, .. } | Row::LightTask { at, .. } | Row::Suspended { at, .. } => {
                Some(at)
            }
            _ => None,
        }
    }

    /// Catalog positions of the listed tasks in screen order (red, then
    /// yellow, then blocked, then not started), each once.
    pub fn listed(&self) -> Vec<usize> {
        let mut seen = std::collections::HashSet::new();
        self.rows
            .iter()
            .filter_map(|row| match row {
                Row::Task { at, .. } | Row::LightTask { at, .. } | Row::Suspended { at, .. } => {
                    Some(*at)
                }
                _ => None,
            })
            .filter(|at| seen.insert(*at))
            .collect()
    }

    /// Moves over selectable rows by `delta`; says whether anything moved.
    pub fn step(&mut self, delta: isize) -> bool {
        let stops: Vec<usize> = (0..self.rows.len())
            .filter(|&r| self.rows[r].selectable())
            .collect();
        let Some(last) = stops.len().checked_sub(1) else {
            return false;
        };
        let here = stops
            .iter()
            .position(|&r| r >= self.cursor.selected)
            .unwrap_or(last);
        let target = here.saturating_add_signed(delta).min(last);
        self.cursor.set(stops[target])
    }
}

fn rows(report: &Report, data: &Data) -> Vec<Row> {
    let mut rows = Vec::new();
    // Time first: what is overdue or close to its limit, by lead agency.
    for (list, lights) in report.light_lists.iter().enumerate() {
        rows.push(Row::LightHeading(list));
        for (task, out) in lights.tasks.iter().enumerate() {
            if let Some(at) = data
                .catalog
                .find(&TaskKey::new(out.plan.as_str(), out.number))
            {
                rows.push(Row::LightTask { list, task, at });
            }
        }
        rows.push(Row::Blank);
    }
    rows.extend([
        Row::Heading(Label::Overall),
        Row::Overall,
        Row::OverallCounts,
    ]);
    if !report.parts.is_empty() {
        rows.extend([Row::Blank, Row::Heading(Label::ByPart)]);
        for (plan_index, plan) in report.plans.iter().enumerate() {
            // With several plans, each plan's parts follow its own bar.
            if report.plans.len() > 1 {
                rows.push(Row::Plan(plan_index));
            }
            rows.extend(
                report
                    .parts
                    .iter()
                    .enumerate()
                    .filter(|(_, part)| part.plan == plan.id)
                    .map(|(i, _)| Row::Part(i)),
            );
        }
    }
    if !report.agencies.is_empty() {
        rows.extend([Row::Blank, Row::Heading(Label::ByAgency), Row::AgencyHeader]);
        rows.extend((0..report.agencies.len()).map(Row::Agency));
    }
    for (list, tasks) in report.task_lists.iter().enumerate() {
        rows.extend([Row::Blank, Row::ListHeading(list)]);
        if tasks.tasks.is_empty() {
            rows.push(Row::NoneListed);
        }
        for (task, out) in tasks.tasks.iter().enumerate() {
            // Every listed task comes from the catalog, so it is found.
            let Some(at) = data
                .catalog
                .find(&TaskKey::new(out.plan.as_str(), out.number))
            else {
                continue;
            };
            rows.push(Row::Task { list, task, at });
            if !out.note.is_empty() {
                rows.push(Row::Note { list, task });
            }
        }
    }
    // Apart, after everything that counts: they are in no total.
    if !report.suspended.is_empty() {
        rows.extend([Row::Blank, Row::SuspendedHeading]);
        for (task, out) in report.suspended.iter().enumerate() {
            let Some(at) = data
                .catalog
                .find(&TaskKey::new(out.plan.as_str(), out.number))
            else {
                continue;
            };
            rows.push(Row::Suspended { task, at });
            if !out.reason.is_empty() {
                rows.push(Row::Reason { task });
            }
        }
    }
    rows
}

fn empty_report(date: jiff::civil::Date) -> Report {
    Report {
        date,
        title: String::new(),
        plans: Vec::new(),
        overall: report::Counts::default(),
        parts: Vec::new(),
        agencies: Vec::new(),
        listed: Vec::new(),
        task_lists: Vec::new(),
        agency: None,
        light_lists: Vec::new(),
        period: None,
        suspended: Vec::new(),
        zone: jiff::tz::TimeZone::UTC,
    }
}
