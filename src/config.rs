//! The configuration file, `~/.config/plantrack/config.toml`:
//!
//! ```toml
//! state = "/srv/team/plantrack-state.json"   # default progress file
//! lang = "zh"                                # interface language: zh or en
//! plan_dirs = ["/srv/team/plans"]            # extra places to load plans from
//! theme = "light"                            # dark or light terminal background
//! first_plan = "2021-ip-strategy"             # the plan shown first (default: the shipped one)
//! lock_timeout = 10                           # seconds a save waits for another's lock
//! due_soon_days = 15                         # days before a time limit a task turns yellow
//! ```
//!
//! A configuration problem never stops the program: an unknown key, a value
//! of the wrong kind or a file that is not TOML gives a warning with its
//! line, and the affected settings keep their defaults. The command line
//! and the environment override the file.

use std::path::{Path, PathBuf};
use toml::de::{DeTable, DeValue};

pub use crate::i18n::Lang;

/// Colours for a dark or a light terminal background.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Dark,
    Light,
}

/// The settings a file gave; `None` or empty where it gave none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    pub state: Option<PathBuf>,
    pub lang: Option<Lang>,
    pub plan_dirs: Vec<PathBuf>,
    pub theme: Option<Theme>,
    /// How often the interface syncs in the background, in seconds; none
    /// or 0: never (only `plantrack sync`).
    pub sync_interval: Option<u64>,
    /// Who may set a task's status.
    pub policy: Option<crate::replica::Policy>,
    /// The id of the plan to show first.
    pub first_plan: Option<String>,
    /// Seconds a save waits for the state's lock.
    pub lock_timeout: Option<u64>,
    /// Days before its time limit at which a task's light turns yellow.
    pub due_soon_days: Option<i32>,
}

const KEYS: &str = "state, lang, plan_dirs, theme, first_plan, lock_timeout, sync_interval, policy, \
    due_soon_days";

/// Something wrong in the file, where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// `~/.config/plantrack/config.toml` (per the platform's conventions).
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "plantrack").map(|d| d.config_dir().join("config.toml"))
}

/// Reads the file at `path`. A missing file is no configuration, and worth
/// a warning only when the user named the file (`explicit`). Every warning
/// comes back as a line ready to print.
pub fn load(path: &Path, explicit: bool) -> (Config, Vec<String>) {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !explicit => {
            return (Config::default(), Vec::new());
        }
        Err(e) => {
            return (
                Config::default(),
                vec![format!(
                    "cannot read the configuration file {}: {e}; using defaults",
                    path.display()
                )],
            );
        }
    };
    let home = directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf());
    let base = path.parent().unwrap_or(Path::new("."));
    let (config, warnings) = parse(&text, base, home.as_deref());
    let lines = warnings
        .iter()
        .map(|w| format!("{}:{}:{}: {}", path.display(), w.line, w.column, w.message))
        .collect();
    (config, lines)
}

/// The settings in `text`. Relative paths are taken from `base` (the file's
/// directory), and `~/` means `home`.
pub fn parse(text: &str, base: &Path, home: Option<&Path>) -> (Config, Vec<Warning>) {
    let mut config = Config::default();
    let mut warnings = Vec::new();
    let table = match DeTable::parse(text) {
        Ok(table) => table,
        Err(error) => {
            let (line, column) = line_column(text, error.span().map_or(0, |s| s.start));
            warnings.push(Warning {
                line,
                column,
                message: format!(
                    "not valid TOML: {}; the whole file is ignored, defaults are used",
                    error.message().trim_end()
                ),
            });
            return (config, warnings);
        }
    };
    let path = |text: &str| expand(text, base, home);
    for (key, value) in table.get_ref() {
        let (line, column) = line_column(text, key.span().start);
        let mut warn = |message: String| {
            warnings.push(Warning {
                line,
                column,
                message,
            });
        };
        let name: &str = key.get_ref();
        let value = value.get_ref();
        match name {
            "state" => match value.as_str() {
                Some(text) => config.state = Some(path(text)),
                None => warn(wrong("state", "a path in quotes", value)),
            },
            "lang" => match value.as_str() {
                Some("zh") => config.lang = Some(Lang::Zh),
                Some("en") => config.lang = Some(Lang::En),
                _ => warn(wrong("lang", "\"zh\" or \"en\"", value)),
            },
            "first_plan" => match value.as_str() {
                Some(id) => config.first_plan = Some(id.to_string()),
                None => warn(wrong("first_plan", "a plan id in quotes", value)),
            },
            "theme" => match value.as_str() {
                Some("dark") => config.theme = Some(Theme::Dark),
                Some("light") => config.theme = Some(Theme::Light),
                _ => warn(wrong("theme", "\"dark\" or \"light\"", value)),
            },
            "sync_interval" => match value {
                DeValue::Integer(n) => match u64::from_str_radix(n.as_str(), n.radix()) {
                    Ok(seconds) => config.sync_interval = (seconds > 0).then_some(seconds),
                    Err(_) => warn(wrong(
                        "sync_interval",
                        "a whole number of seconds (0: off)",
                        value,
                    )),
                },
                _ => warn(wrong(
                    "sync_interval",
                    "a whole number of seconds (0: off)",
                    value,
                )),
            },
            "policy" => match value.as_str() {
                Some("open") => config.policy = Some(crate::replica::Policy::Open),
                Some("lead-sets-status") => {
                    config.policy = Some(crate::replica::Policy::LeadSetsStatus);
                }
                _ => warn(wrong("policy", "\"open\" or \"lead-sets-status\"", value)),
            },
            "due_soon_days" => match value {
                DeValue::Integer(n) => match i32::from_str_radix(n.as_str(), n.radix()) {
                    Ok(days) if (0..=366).contains(&days) => config.due_soon_days = Some(days),
                    _ => warn(wrong(
                        "due_soon_days",
                        "a number of days from 0 to 366",
                        value,
                    )),
                },
                _ => warn(wrong(
                    "due_soon_days",
                    "a number of days from 0 to 366",
                    value,
                )),
            },
            "lock_timeout" => match value {
                DeValue::Integer(n) => match u64::from_str_radix(n.as_str(), n.radix()) {
                    Ok(seconds) => config.lock_timeout = Some(seconds),
                    Err(_) => warn(wrong("lock_timeout", "a whole number of seconds", value)),
                },
                _ => warn(wrong("lock_timeout", "a whole number of seconds", value)),
            },
            "plan_dirs" => {
                let dirs: Option<Vec<PathBuf>> = match value {
                    DeValue::String(one) => Some(vec![path(one)]),
                    DeValue::Array(list) => list
                        .iter()
                        .map(|item| item.get_ref().as_str().map(path))
                        .collect(),
                    _ => None,
                };
                match dirs {
                    Some(dirs) => config.plan_dirs = dirs,
                    None => warn(wrong("plan_dirs", "a list of paths in quotes", value)),
                }
            }
            unknown => warn(format!(
                "unknown key \"{unknown}\" is ignored (known keys: {KEYS})"
            )),
        }
    }
    (config, warnings)
}

fn wrong(key: &str, wanted: &str, value: &DeValue<'_>) -> String {
    let shown = match value {
        DeValue::String(text) => format!("\"{text}\""),
        other => format!("a TOML {}", other.type_str()),
    };
    format!("{key} must be {wanted}, not {shown}; the default is used")
}

fn expand(text: &str, base: &Path, home: Option<&Path>) -> PathBuf {
    match (text.strip_prefix("~/"), home) {
        (Some(rest), Some(home)) => home.join(rest),
        _ => base.join(text),
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_here(text: &str) -> (Config, Vec<Warning>) {
        parse(text, Path::new("/etc/pt"), Some(Path::new("/home/ann")))
    }

    #[test]
    fn every_key_is_read_and_paths_are_expanded() {
        let (config, warnings) = parse_here(
            "state = \"~/team/state.json\"\nlang = \"en\"\nplan_dirs = [\"plans\", \"/srv/plans\"]\ntheme = \"light\"\nlock_timeout = 30\nsync_interval = 300\npolicy = \"lead-sets-status\"\nfirst_plan = \"p2\"\ndue_soon_days = 10\n",
        );
        assert_eq!(warnings, []);
        assert_eq!(
            config,
            Config {
                state: Some(PathBuf::from("/home/ann/team/state.json")),
                lang: Some(Lang::En),
                plan_dirs: vec![PathBuf::from("/etc/pt/plans"), PathBuf::from("/srv/plans")],
                theme: Some(Theme::Light),
                sync_interval: Some(300),
                policy: Some(crate::replica::Policy::LeadSetsStatus),
                first_plan: Some("p2".into()),
                lock_timeout: Some(30),
                due_soon_days: Some(10),
            }
        );
    }

    #[test]
    fn an_unknown_key_is_a_warning_with_its_line_and_the_rest_still_applies() {
        let (config, warnings) =
            parse_here("lang = \"zh\"\n\n  colour = \"red\"\ntheme = \"dark\"\n");
        assert_eq!(config.lang, Some(Lang::Zh));
        assert_eq!(config.theme, Some(Theme::Dark));
        assert_eq!(warnings.len(), 1);
        assert_eq!((warnings[0].line, warnings[0].column), (3, 3));
        assert!(warnings[0].message.contains("unknown key \"colour\""));
    }

    #[test]
    fn a_wrong_value_keeps_the_default_and_says_what_was_wanted() {
        let (config, warnings) = parse_here("lang = \"fr\"\nplan_dirs = 3\n");
        assert_eq!(config, Config::default());
        assert_eq!(warnings[0].line, 1);
        assert!(warnings[0].message.contains("\"zh\" or \"en\", not \"fr\""));
        assert_eq!(warnings[1].line, 2);
        assert!(warnings[1].message.contains("not a TOML integer"));
    }

    #[test]
    fn a_file_that_is_not_toml_gives_line_and_column_and_defaults() {
        let (config, warnings) = parse_here("lang = \"zh\"\ntheme = dark\n");
        assert_eq!(config, Config::default());
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].line, 2);
        assert_eq!(warnings[0].column, 9);
        assert!(
            warnings[0].message.starts_with("not valid TOML"),
            "{:?}",
            warnings[0]
        );
    }
}
