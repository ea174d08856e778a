//! Importer (to be written on the `importer` branch).
//!
//! Placeholder so that the `bench` branch builds before the importer lands:
//! the real module replaces this file whole when that branch is merged.

use crate::model::Plan;
use std::fmt;

pub struct Imported {
    pub plan: Plan,
    pub report: Report,
}

#[derive(Debug, Default)]
pub struct Report {
    pub repairs: Vec<String>,
    pub doubts: Vec<String>,
}

impl fmt::Display for Report {
    fn fmt(&self, _: &mut fmt::Formatter<'_>) -> fmt::Result {
        Ok(())
    }
}

#[derive(Debug, thiserror::Error)]
#[error("the importer is not part of this build yet")]
pub struct ImportError;

pub fn import_text(_text: &str, _id: &str) -> Result<Imported, ImportError> {
    Err(ImportError)
}
