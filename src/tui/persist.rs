//! Saving marks: the interface's side of the replica. Each change is written
//! in the same turn it is made; whatever could not be written waits in the
//! replica, shared with the signal thread so that a hang-up or kill still
//! writes it before the process exits.

use super::action::Action;
use crate::model::TaskKey;
use crate::progress::{Change, ChangeKind, Status};
use crate::replica::{Replica, UndoError};
use std::sync::{Arc, Mutex, MutexGuard};

pub struct Persist {
    replica: Replica,
}

pub type Shared = Arc<Mutex<Persist>>;

/// A poisoned lock still guards valid data (a panic elsewhere cannot leave
/// the replica half-written), and the marks in it must still be written.
pub fn lock(shared: &Shared) -> MutexGuard<'_, Persist> {
    shared
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Persist {
    pub fn new(replica: Replica) -> Persist {
        Persist { replica }
    }

    pub fn shared(self) -> Shared {
        Arc::new(Mutex::new(self))
    }

    pub fn replica(&self) -> &Replica {
        &self.replica
    }

    pub fn pending(&self) -> usize {
        self.replica.pending()
    }

    /// Sets a task's status and/or note; what the interface should be told.
    pub fn mark(&mut self, key: &TaskKey, status: Option<Status>, note: Option<&str>) -> Action {
        let outcome = self.replica.mark(key, status, note);
        let progress = self.replica.progress().clone();
        match outcome {
            Ok(written)
                if written
                    .iter()
                    .any(|(_, c)| matches!(c.what, ChangeKind::Proposal { .. })) =>
            {
                Action::Proposed {
                    progress,
                    key: key.clone(),
                }
            }
            Ok(_) => Action::Saved(progress),
            Err(error) => Action::SaveFailed { error, progress },
        }
    }

    /// Reverts this user's last change, unless someone changed the task since.
    pub fn undo(&mut self) -> Action {
        match self.replica.undo() {
            Ok(undone) => Action::Undone {
                progress: self.replica.progress().clone(),
                key: undone.key,
                status: match undone.change.what {
                    ChangeKind::Status { to, .. } => Some(to),
                    ChangeKind::Note { .. } | ChangeKind::Proposal { .. } => None,
                },
            },
            Err(UndoError::Save(error)) => Action::SaveFailed {
                error,
                progress: self.replica.progress().clone(),
            },
            Err(refused) => Action::UndoRefused(refused.to_string()),
        }
    }

    /// Writes what is waiting, if anything: the retry after a failure.
    pub fn retry(&mut self) -> Option<Action> {
        let outcome = self.replica.retry()?;
        let progress = self.replica.progress().clone();
        Some(match outcome {
            Ok(()) => Action::Saved(progress),
            Err(error) => Action::SaveFailed { error, progress },
        })
    }

    /// Other writers' changes, when any came in; a state that broke turns
    /// the interface read-only.
    pub fn poll(&mut self) -> Option<Action> {
        match self.replica.refresh() {
            Ok(true) => Some(Action::Reloaded(self.replica.progress().clone())),
            Ok(false) => None,
            Err(error) => Some(Action::SaveFailed {
                error,
                progress: self.replica.progress().clone(),
            }),
        }
    }

    /// What could not be written, handed over for the user to keep.
    pub fn take_pending(&mut self) -> Vec<(TaskKey, Change)> {
        self.replica.take_pending()
    }

    /// Last chance before exit: true when nothing is left unsaved.
    pub fn flush(&mut self) -> bool {
        match self.replica.retry() {
            None | Some(Ok(())) => true,
            Some(Err(_)) => false,
        }
    }
}
