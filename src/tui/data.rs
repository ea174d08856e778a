//! What the interface reads but never changes during a session: the plans,
//! the search index, the agency table, the language and the styles.

use super::theme::Theme;
use crate::agencies::Registry;
use crate::i18n::Lang;
use crate::model::{Catalog, Role};
use crate::search::Index;
use jiff::Timestamp;
use std::sync::Arc;

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
    /// Shared with the replica, which owns the loaded plans.
    pub catalog: Arc<Catalog>,
    pub index: Index,
    pub agencies: Vec<AgencyInfo>,
    pub lang: Lang,
    pub theme: Theme,
    /// Who the changes are recorded as.
    pub user: String,
    /// The agency the user acts for, whose feedback they edit.
    pub agency: Option<String>,
    /// Inside a tmux that drops the clipboard sequence: copying says how to
    /// let it through.
    pub tmux_blocks_copy: bool,
    /// Passed in so that tests get fixed times. `Send`: the data is built
    /// on the loading thread.
    pub clock: Box<dyn Fn() -> Timestamp + Send>,
    /// Where the marks are saved, for the banner and the help.
    pub state_path: Option<String>,
    /// History times are shown in this zone (UTC in tests).
    pub tz: jiff::tz::TimeZone,
    /// Names for the summary and the copied text, the same the `report`
    /// and `show` subcommands use, so both say the same.
    pub registry: &'static Registry,
    /// When a task turns yellow before its limit.
    pub rules: crate::deadline::Rules,
    /// The day the lights are for, when not the clock's (`PLANTRACK_TODAY`,
    /// or the day of a view as of a past date).
    pub fixed_today: Option<jiff::civil::Date>,
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

    pub fn new(
        catalog: impl Into<Arc<Catalog>>,
        naming: &Naming,
        lang: Lang,
        theme: Theme,
    ) -> Data {
        let catalog = catalog.into();
        let index = Index::build(&catalog, |name| (naming.search)(name));
        let agencies = agency_table(&catalog, naming);
        Data {
            catalog,
            index,
            agencies,
            lang,
            theme,
            user: String::new(),
            agency: None,
            tmux_blocks_copy: false,
            clock: Box::new(Timestamp::now),
            state_path: None,
            tz: jiff::tz::TimeZone::system(),
            registry: Registry::builtin(),
            rules: crate::deadline::Rules::default(),
            fixed_today: None,
        }
    }

    /// The day it is now where the user is: what the lights are for.
    pub fn today(&self) -> jiff::civil::Date {
        self.fixed_today
            .unwrap_or_else(|| (self.clock)().to_zoned_datetime(self.tz.clone()).date())
    }
}

/// The agencies in the one order the replica's roster uses.
fn agency_table(catalog: &Catalog, naming: &Naming) -> Vec<AgencyInfo> {
    crate::roster::build(catalog, naming.canonical)
        .into_iter()
        .map(|agency| AgencyInfo {
            full: (naming.full)(&agency.name),
            name: agency.name,
            lead: agency.lead,
            participating: agency.participating,
        })
        .collect()
}
