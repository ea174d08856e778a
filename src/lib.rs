//! plantrack: follow a government work plan from the terminal.
//!
//! Data flows one way:
//!
//! ```text
//! plan files ──plan_io──▶ model::Plan ──▶ model::Catalog ──▶ search::Index
//!                                            │                    │
//! change logs ─store──▶ progress::Progress ──┴──▶ tui::state::App ─┴──▶ frame
//!                 ▲ (replica: the one owner of plans + state, under cli and tui)
//!                 └── sync (git)
//! ```
//!
//! `import` turns an official plan text into a `Plan`; `agencies` resolves any
//! name of an agency; `cli` holds one module per subcommand.

pub mod agencies;
pub mod cli;
pub mod clipboard;
pub mod config;
pub mod deadline;
pub mod i18n;
pub mod import;
pub mod model;
pub mod plan_cache;
pub mod plan_io;
pub mod progress;
pub mod replica;
pub mod report;
pub mod roster;
pub mod search;
pub mod store;
pub mod sync;
pub mod terminal_text;
pub mod text;
pub mod tui;
