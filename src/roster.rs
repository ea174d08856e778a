//! Who does what: every agency named in the loaded plans with the tasks it
//! leads and takes part in. Names are folded through the registry, so
//! 国家发展改革委 and 发展改革委 are one agency.

use crate::agencies::Registry;
use crate::model::{Catalog, Role};
use std::collections::HashMap;

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
    let mut agencies: Vec<AgencyTasks> = Vec::new();
    for (index, entry) in catalog.tasks.iter().enumerate() {
        for agency in &entry.task.agencies {
            let name = canonical(&agency.name);
            let slot = *by_name.entry(name.clone()).or_insert_with(|| {
                agencies.push(AgencyTasks {
                    name,
                    lead: Vec::new(),
                    participating: Vec::new(),
                });
                agencies.len() - 1
            });
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
