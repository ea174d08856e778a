//! What the interface reads but never changes during a session: the plans,
//! the search index, the agency table, the language and the styles.

use super::theme::Theme;
use crate::agencies::Registry;
use crate::i18n::Lang;
use crate::model::{Catalog, Role};
use crate::search::Index;
use jiff::Timestamp;
use std::collections::HashMap;

/// One agency as the plans name it, with the tasks it leads and joins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgencyInfo {
    /// The name the plans use (the registry's canonical short name).
    pub name: String,
    pub full: Option<String>,
    /// Catalog positions, in document order.
    pub lead: Vec<usize>,
    pub participating: Vec<usize>,
}

impl AgencyInfo {
    pub fn total(&self) -> usize {
        self.lead.len() + self.participating.len()
    }

    /// Lead tasks first, then the others, each in document order.
    pub fn tasks(&self) -> impl Iterator<Item = (usize, Role)> + '_ {
        self.lead
            .iter()
            .map(|&t| (t, Role::Lead))
            .chain(self.participating.iter().map(|&t| (t, Role::Participating)))
    }
}

/// How agency names are resolved; the registry provides the real one.
pub struct Naming<'a> {
    /// The full official name, when known.
    pub full: &'a dyn Fn(&str) -> Option<String>,
    /// One name per agency, so that two spellings of it are one row.
    pub canonical: &'a dyn Fn(&str) -> String,
    /// Every name the search should know an agency by.
    pub search: &'a dyn Fn(&str) -> Vec<String>,
}

impl Naming<'static> {
    /// Names as the plans write them, nothing more (tests, no registry).
    pub fn plain() -> Naming<'static> {
        Naming {
            full: &|_| None,
            canonical: &|name| name.to_string(),
            search: &|_| Vec::new(),
        }
    }
}

pub struct Data {
    pub catalog: Catalog,
    pub index: Index,
    pub agencies: Vec<AgencyInfo>,
    pub lang: Lang,
    pub theme: Theme,
    /// Who the changes are recorded as.
    pub user: String,
    /// Inside a tmux that drops the clipboard sequence: copying says how to
    /// let it through.
    pub tmux_blocks_copy: bool,
    /// Passed in so that tests get fixed times.
    pub clock: Box<dyn Fn() -> Timestamp>,
    /// Why marks cannot be saved, when the state file is unreadable.
    pub read_only: Option<String>,
    /// Where the marks are saved, for the banner and the help.
    pub state_path: Option<String>,
    /// History times are shown in this zone (UTC in tests).
    pub tz: jiff::tz::TimeZone,
    /// Names for the summary and the copied text, the same the `report`
    /// and `show` subcommands use, so both say the same.
    pub registry: &'static Registry,
}

impl Data {
    /// The agencies' names as the plans write them and in full, which
    /// wrapping keeps whole.
    pub fn agency_names(&self) -> Vec<&str> {
        self.agencies
            .iter()
            .flat_map(|a| std::iter::once(a.name.as_str()).chain(a.full.as_deref()))
            .collect()
    }

    pub fn new(catalog: Catalog, naming: &Naming, lang: Lang, theme: Theme) -> Data {
        let index = Index::build(&catalog, |name| (naming.search)(name));
        let agencies = agency_table(&catalog, naming);
        Data {
            catalog,
            index,
            agencies,
            lang,
            theme,
            user: String::new(),
            tmux_blocks_copy: false,
            clock: Box::new(Timestamp::now),
            read_only: None,
            state_path: None,
            tz: jiff::tz::TimeZone::system(),
            registry: Registry::builtin(),
        }
    }
}

fn agency_table(catalog: &Catalog, naming: &Naming) -> Vec<AgencyInfo> {
    let mut table: Vec<AgencyInfo> = Vec::new();
    let mut position: HashMap<String, usize> = HashMap::new();
    for (task, entry) in catalog.tasks.iter().enumerate() {
        for agency in &entry.task.agencies {
            let name = (naming.canonical)(&agency.name);
            let row = *position.entry(name.clone()).or_insert_with(|| {
                table.push(AgencyInfo {
                    full: (naming.full)(&name),
                    name,
                    lead: Vec::new(),
                    participating: Vec::new(),
                });
                table.len() - 1
            });
            let info = &mut table[row];
            // A plan that lists one agency twice in a task counts it once.
            if info.lead.last() == Some(&task) || info.participating.last() == Some(&task) {
                continue;
            }
            match agency.role {
                Role::Lead => info.lead.push(task),
                Role::Participating => info.participating.push(task),
            }
        }
    }
    table
}
