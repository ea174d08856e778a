//! Progress reports for meetings and the periodic progress report: what is
//! done, by part and group and by agency, and which tasks are blocked or not
//! started, with their notes. Pure: [`report`] builds a [`Report`] from the
//! loaded plans and marks; `markdown`, `csv` and `json` turn it into text.
//! The date is a parameter, so the same inputs always give the same bytes.

pub mod csv;
pub mod docx;
pub mod json;
pub mod markdown;
pub mod office;
pub mod period;
mod task;
pub mod xlsx;

pub use period::Period;
pub use task::{AgencyOut, LimitOut, TaskOut, UpdatedOut};

use crate::agencies::Registry;
use crate::deadline::{self, Light};
use crate::model::Catalog;
use crate::progress::{Progress, Status, Tally};
use crate::roster::{self, AgencyTasks};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::Serialize;

/// Which breakdown a report gives; without one, it gives both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
    Part,
    Agency,
}

#[derive(Debug, Clone)]
pub struct Options {
    /// `None`: parts and agencies both.
    pub by: Option<By>,
    /// Report only this agency's tasks (any of its names).
    pub agency: Option<String>,
    /// Which tasks to list; empty means blocked and not started (whole-plan
    /// report) or every status (agency report).
    pub statuses: Vec<Status>,
    /// The day the tasks' lights are for; none: no lights.
    pub day: Option<crate::deadline::Day>,
    /// Where the readers are: times and days of changes are shown in it, as
    /// `--since` and `--as-of` days are read in it (the server's zone, taken
    /// at the edge; UTC unless said).
    pub zone: TimeZone,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            by: None,
            agency: None,
            statuses: Vec::new(),
            day: None,
            zone: TimeZone::UTC,
        }
    }
}

/// How a time column names its zone: `时间（Asia/Shanghai）`.
pub fn zone_label(zone: &TimeZone) -> &str {
    zone.iana_name().unwrap_or("当地时间")
}

/// The statuses listed when the user names none: what a meeting must talk about.
pub const ATTENTION: [Status; 2] = [Status::Blocked, Status::NotStarted];

/// `total` and the percentages leave suspended tasks out: they are
/// counted apart, in `suspended`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub total: usize,
    pub done: usize,
    pub in_progress: usize,
    pub blocked: usize,
    pub not_started: usize,
    pub suspended: usize,
}

impl From<Tally> for Counts {
    fn from(tally: Tally) -> Self {
        Self {
            total: tally.total(),
            done: tally.done,
            in_progress: tally.in_progress,
            blocked: tally.blocked,
            not_started: tally.not_started,
            suspended: tally.suspended,
        }
    }
}

impl Counts {
    /// Whole percent done, rounded down: a plan at 99.6 % is not "100 %".
    pub fn percent_done(&self) -> usize {
        (self.done * 100).checked_div(self.total).unwrap_or(0)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanSummary {
    pub id: String,
    pub title: String,
    pub issuer: Option<String>,
    pub issued: Option<String>,
    pub document_number: Option<String>,
    pub counts: Counts,
}

/// A part or group (any depth) with the progress of every task under it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SectionProgress {
    pub plan: String,
    /// The section's position in the catalog, to find it by.
    #[serde(skip)]
    pub section: usize,
    /// 0 for a part (一、…), 1 for a group (（一）…), deeper below.
    pub depth: usize,
    pub heading: String,
    pub counts: Counts,
    /// Lights of its tasks (all zero when the report has no day).
    pub lights: LightCounts,
}

/// How many tasks are red and yellow (and green).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct LightCounts {
    pub red: usize,
    pub yellow: usize,
    pub green: usize,
}

impl LightCounts {
    pub fn of(lights: impl IntoIterator<Item = Option<Light>>) -> Self {
        let mut counts = LightCounts::default();
        for light in lights.into_iter().flatten() {
            match light {
                Light::Red => counts.red += 1,
                Light::Yellow => counts.yellow += 1,
                Light::Green => counts.green += 1,
            }
        }
        counts
    }
}

/// Tasks of one light, grouped by lead agency (agencies in the roster's
/// order), each in plan order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LightList {
    pub light: Light,
    pub tasks: Vec<TaskOut>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgencyProgress {
    /// The short name plans use.
    pub name: String,
    pub full_name: Option<String>,
    pub lead: Counts,
    pub participating: Counts,
    /// Lights of the tasks it leads.
    pub lead_lights: LightCounts,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TaskList {
    pub status: Status,
    pub tasks: Vec<TaskOut>,
}

/// One agency's own tasks, lead and participating apart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgencyReport {
    #[serde(flatten)]
    pub progress: AgencyProgress,
    pub lead_tasks: Vec<TaskOut>,
    pub participating_tasks: Vec<TaskOut>,
    /// Every task the agency leads or takes part in, whatever the status
    /// filter: the scope of its 本期进展.
    #[serde(skip)]
    pub scope: std::collections::BTreeSet<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The date the report speaks for.
    pub date: Date,
    /// The document's title, ready to print.
    pub title: String,
    pub plans: Vec<PlanSummary>,
    /// Every task of every loaded plan (or of the agency, with `--agency`).
    pub overall: Counts,
    /// Parts and groups in plan order; empty unless asked for.
    pub parts: Vec<SectionProgress>,
    /// Every agency, most lead tasks first; empty unless asked for.
    pub agencies: Vec<AgencyProgress>,
    /// The statuses whose tasks are listed; empty in an agency report
    /// means every status.
    pub listed: Vec<Status>,
    /// Tasks of the listed statuses (whole-plan report only).
    pub task_lists: Vec<TaskList>,
    /// Set with `--agency`; the breakdowns above are then empty.
    pub agency: Option<AgencyReport>,
    /// Red, then yellow tasks: what a meeting takes first (only with a day).
    pub light_lists: Vec<LightList>,
    /// What changed since a date (`--since`), when asked for.
    pub period: Option<Period>,
    /// Suspended tasks (of the agency, with `--agency`), listed apart with
    /// their reasons: they are in no total.
    pub suspended: Vec<TaskOut>,
    /// The zone its times are shown in ([`Options::zone`]).
    #[serde(skip)]
    pub zone: TimeZone,
}

impl Report {
    /// With 本期进展; an agency's report keeps only its own tasks' changes.
    pub fn with_period(mut self, mut period: Period) -> Self {
        if let Some(agency) = &self.agency {
            period.tasks.retain(|t| agency.scope.contains(&t.task.key));
        }
        self.period = Some(period);
        self
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    #[error("no agency in the loaded plans is called \"{query}\"")]
    NoSuchAgency {
        query: String,
        /// Names in use that look like the query.
        suggestions: Vec<String>,
    },
}

/// Builds the report of every loaded plan, or of one agency, as of `today`.
pub fn report(
    catalog: &Catalog,
    progress: &Progress,
    registry: &Registry,
    options: &Options,
    today: Date,
) -> Result<Report, ReportError> {
    // One status per task, looked up once: every table below sums ranges of it.
    let statuses = progress.statuses(catalog);
    let tally = |tasks: &[usize]| Counts::from(Tally::of(tasks.iter().map(|&t| statuses[t])));
    let task_out = |t: usize| {
        let out = TaskOut::of(catalog, progress, registry, t);
        match options.day {
            Some(day) => out.lit(catalog, t, day),
            None => out,
        }
    };
    let plans: Vec<PlanSummary> = catalog
        .plans
        .iter()
        .map(|plan| PlanSummary {
            id: plan.id.clone(),
            title: plan.title.clone(),
            issuer: plan.issuer.clone(),
            issued: plan.issued.clone(),
            document_number: plan.document_number.clone(),
            counts: Tally::of_range(&statuses, plan.tasks.clone()).into(),
        })
        .collect();
    let plan_title = match plans.as_slice() {
        [only] => format!("《{}》", only.title),
        _ => "工作计划".to_string(),
    };
    let roster = roster::roster(catalog, registry);
    let lights = match options.day {
        Some(day) => deadline::lights(
            catalog,
            &deadline::limits(catalog, progress),
            &statuses,
            day.rules,
            day.today,
        ),
        None => vec![None; catalog.tasks.len()],
    };
    let light_counts =
        |tasks: &mut dyn Iterator<Item = usize>| LightCounts::of(tasks.map(|t| lights[t]));
    let agency_progress = |agency: &AgencyTasks| AgencyProgress {
        lead_lights: light_counts(&mut agency.lead.iter().copied()),
        name: agency.name.clone(),
        full_name: registry.resolve(&agency.name).map(|a| a.full.clone()),
        lead: tally(&agency.lead),
        participating: tally(&agency.participating),
    };

    if let Some(query) = &options.agency {
        let agency = roster::find(&roster, registry, query).map_err(|suggestions| {
            ReportError::NoSuchAgency {
                query: query.clone(),
                suggestions,
            }
        })?;
        // Suspended tasks are always listed apart, with their reasons.
        let listed = |tasks: &[usize]| -> Vec<TaskOut> {
            tasks
                .iter()
                .copied()
                .filter(|&t| statuses[t].counts())
                .filter(|&t| options.statuses.is_empty() || options.statuses.contains(&statuses[t]))
                .map(task_out)
                .collect()
        };
        let progress = agency_progress(agency);
        let name = match &progress.full_name {
            Some(full) if *full != progress.name => format!("{}（{full}）", progress.name),
            _ => progress.name.clone(),
        };
        let all: Vec<usize> = agency.tasks().map(|(t, _)| t).collect();
        let suspended = all
            .iter()
            .copied()
            .filter(|&t| statuses[t] == Status::Suspended)
            .map(task_out)
            .collect();
        return Ok(Report {
            date: today,
            title: format!("{name}承担{plan_title}任务落实进展情况"),
            plans,
            overall: tally(&all),
            parts: Vec::new(),
            agencies: Vec::new(),
            listed: options.statuses.clone(),
            task_lists: Vec::new(),
            agency: Some(AgencyReport {
                lead_tasks: listed(&agency.lead),
                participating_tasks: listed(&agency.participating),
                progress,
                scope: (agency.lead.iter().chain(&agency.participating))
                    .map(|&t| catalog.key(t).to_string())
                    .collect(),
            }),
            light_lists: Vec::new(),
            period: None,
            suspended,
            zone: options.zone.clone(),
        });
    }

    let parts = if options.by == Some(By::Agency) {
        Vec::new()
    } else {
        let mut rows = Vec::new();
        for plan in &catalog.plans {
            // Depth first, so each group follows its part as in the plan.
            let mut stack: Vec<usize> = plan.top_sections.iter().rev().copied().collect();
            while let Some(index) = stack.pop() {
                let section = &catalog.sections[index];
                rows.push(SectionProgress {
                    plan: plan.id.clone(),
                    section: index,
                    depth: section.depth,
                    heading: section.heading(),
                    counts: Tally::of_range(&statuses, section.all_tasks.clone()).into(),
                    lights: light_counts(&mut section.all_tasks.clone()),
                });
                stack.extend(section.children.iter().rev());
            }
        }
        rows
    };
    let agencies = if options.by == Some(By::Part) {
        Vec::new()
    } else {
        roster.iter().map(agency_progress).collect()
    };
    let wanted: &[Status] = if options.statuses.is_empty() {
        &ATTENTION
    } else {
        &options.statuses
    };
    // Suspended tasks have their own list, `suspended`, with the reasons.
    let task_lists = wanted
        .iter()
        .filter(|s| s.counts())
        .map(|&status| TaskList {
            status,
            tasks: (0..catalog.tasks.len())
                .filter(|&t| statuses[t] == status)
                .map(task_out)
                .collect(),
        })
        .collect();
    Ok(Report {
        date: today,
        title: format!("{plan_title}落实进展情况"),
        overall: Tally::of(statuses.iter().copied()).into(),
        plans,
        parts,
        agencies,
        listed: wanted.to_vec(),
        task_lists,
        agency: None,
        light_lists: light_lists(&roster, &lights, &task_out),
        period: None,
        suspended: (0..catalog.tasks.len())
            .filter(|&t| statuses[t] == Status::Suspended)
            .map(task_out)
            .collect(),
        zone: options.zone.clone(),
    })
}

/// Red and yellow tasks, each once, under its lead agency in the roster's
/// order (tasks without a lead last); empty lists left out.
fn light_lists(
    roster: &[AgencyTasks],
    lights: &[Option<Light>],
    task_out: &dyn Fn(usize) -> TaskOut,
) -> Vec<LightList> {
    let mut seen = vec![false; lights.len()];
    let mut order: Vec<usize> = Vec::new();
    for agency in roster {
        for &t in &agency.lead {
            if !seen[t] {
                seen[t] = true;
                order.push(t);
            }
        }
    }
    order.extend((0..lights.len()).filter(|&t| !seen[t]));
    [Light::Red, Light::Yellow]
        .into_iter()
        .map(|light| LightList {
            light,
            tasks: order
                .iter()
                .filter(|&&t| lights[t] == Some(light))
                .map(|&t| task_out(t))
                .collect(),
        })
        .filter(|l| !l.tasks.is_empty())
        .collect()
}

/// Status words as a Chinese progress report writes them.
pub fn status_zh(status: Status) -> &'static str {
    match status {
        Status::NotStarted => "未开始",
        Status::InProgress => "进行中",
        Status::Done => "已完成",
        Status::Blocked => "受阻",
        Status::Suspended => "中止",
    }
}

/// A light in a report's words, after its symbol: ● 逾期, ▲ 临近, ○ 正常.
pub fn light_zh(light: Light) -> &'static str {
    match light {
        Light::Red => "逾期",
        Light::Yellow => "临近",
        Light::Green => "正常",
    }
}

/// A time limit as the office forms write it: the plan's own words, or the
/// day with where it came from (调整: set by staff; 默认: the plan's default).
pub fn limit_zh(source: deadline::Source, written: Option<&str>, date: Option<Date>) -> String {
    let day = date.map(date_zh);
    match (source, written, day) {
        (deadline::Source::Plan, Some(written), _) => written.to_string(),
        (deadline::Source::Set, _, Some(day)) => format!("{day}（调整）"),
        (deadline::Source::Default, _, Some(day)) => format!("{day}（默认）"),
        _ => String::new(),
    }
}

/// `2020年5月13日`: the way dates are written in a Chinese report.
pub fn date_zh(date: Date) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

/// What a task is called in a table: its number with one plan loaded,
/// `PLAN:N` when a number alone could be ambiguous.
pub fn task_label(report: &Report, task: &TaskOut) -> String {
    if report.plans.len() > 1 {
        task.key.clone()
    } else {
        task.number.to_string()
    }
}

#[cfg(test)]
pub(crate) mod tests;
