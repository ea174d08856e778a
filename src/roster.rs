//! Who does what: every agency named in the loaded plans with the tasks it
//! leads and takes part in. Names are folded through the registry, so
//! 国家发展改革委 and 发展改革委 are one agency.

use crate::agencies::Registry;
use crate::model::{Catalog, Role};
use foldhash::{HashMap, HashMapExt};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgencyTasks {
    /// The registry's short name, or the name as written when unknown.
    pub name: String,
    /// Catalog positions, in catalog order.
    pub lead: Vec<usize>,
    pub participating: Vec<usize>,
}

impl AgencyTasks {
    /// Lead tasks first, then the rest, each in plan order.
    pub fn tasks(&self) -> impl Iterator<Item = (usize, Role)> + '_ {
        self.lead
            .iter()
            .map(|&t| (t, Role::Lead))
            .chain(self.participating.iter().map(|&t| (t, Role::Participating)))
    }

    pub fn total(&self) -> usize {
        self.lead.len() + self.participating.len()
    }
}

/// Every agency, most lead tasks first, then by total, then by name.
pub fn roster(catalog: &Catalog, registry: &Registry) -> Vec<AgencyTasks> {
    build(catalog, &|name| registry.canonical(name).to_string())
}

/// The agency list and its one order, with names folded by `canonical`
/// (the registry, or the names as written in tests): most lead tasks
/// first, then most tasks, then by name. The CLI and the interface both
/// list agencies in this order.
pub fn build(catalog: &Catalog, canonical: &dyn Fn(&str) -> String) -> Vec<AgencyTasks> {
    let mut by_name: HashMap<String, usize> = HashMap::new();
    // The same few hundred names are written on every task: each is folded
    // once, not once per mention (300,000 registry lookups at 100k tasks
    // were a third of a one-shot search).
    let mut by_written: HashMap<&str, usize> = HashMap::new();
    let mut agencies: Vec<AgencyTasks> = Vec::new();
    for (index, entry) in catalog.tasks.iter().enumerate() {
        for agency in &entry.task.agencies {
            let slot = match by_written.get(&*agency.name) {
                Some(&slot) => slot,
                None => {
                    let name = canonical(&agency.name);
                    let slot = *by_name.entry(name.clone()).or_insert_with(|| {
                        agencies.push(AgencyTasks {
                            name,
                            lead: Vec::new(),
                            participating: Vec::new(),
                        });
                        agencies.len() - 1
                    });
                    by_written.insert(&agency.name, slot);
                    slot
                }
            };
            let tasks = match agency.role {
                Role::Lead => &mut agencies[slot].lead,
                Role::Participating => &mut agencies[slot].participating,
            };
            // A name listed twice in one task counts once.
            if tasks.last() != Some(&index) {
                tasks.push(index);
            }
        }
    }
    agencies.sort_by(|a, b| {
        b.lead
            .len()
            .cmp(&a.lead.len())
            .then(b.total().cmp(&a.total()))
            .then_with(|| a.name.cmp(&b.name))
    });
    agencies
}

/// The roster entry for any name of an agency, or suggestions when none fits.
pub fn find<'r>(
    roster: &'r [AgencyTasks],
    registry: &Registry,
    query: &str,
) -> Result<&'r AgencyTasks, Vec<String>> {
    let wanted = registry
        .resolve(query)
        .map_or(query.trim(), |agency| agency.short.as_str());
    if let Some(found) = roster.iter().find(|a| a.name == wanted) {
        return Ok(found);
    }
    let in_use: Vec<&str> = roster.iter().map(|a| a.name.as_str()).collect();
    Err(registry
        .suggest(query, &in_use)
        .into_iter()
        .filter(|name| in_use.contains(&name.as_str()))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Plan, Section, Task};

    #[test]
    fn names_of_one_agency_fold_into_one_entry_counted_once_per_task() {
        let tasks = vec![
            Task::new(1, "一", &["国家知识产权局", "财政部"]),
            Task::new(2, "二", &["知识产权局", "国家知识产权局"]),
            Task::new(3, "三", &["财政部", "知识产权局", "知识产权局"]),
            Task::new(4, "四", &["没有登记的办公室"]),
        ];
        let plan = Plan::new("p", "P", vec![Section::new("一", "甲", tasks, vec![])]);
        let roster = roster(&Catalog::new(vec![plan]), Registry::builtin());
        let names: Vec<&str> = roster.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["知识产权局", "财政部", "没有登记的办公室"]);
        assert_eq!(roster[0].lead, [0, 1]);
        assert_eq!(roster[0].participating, [1, 2]);
        assert_eq!(roster[1].lead, [2]);
        assert_eq!(roster[1].participating, [0]);
        assert_eq!(roster[2].lead, [3]);
    }
}
