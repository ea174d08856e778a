//! Saving marks. Each change is committed in the same turn it is made, and
//! whatever could not be written waits here, shared with the signal thread
//! so that a hang-up or kill still writes it before the process exits.

use super::action::Action;
use crate::model::TaskKey;
use crate::progress::{Change, Progress};
use crate::store::{Store, StoreError};
use std::sync::{Arc, Mutex, MutexGuard};

/// What the interface needs of the state file; the store provides it, tests
/// provide fakes.
pub trait StateStore: Send {
    fn commit(&mut self, changes: &[(TaskKey, Change)]) -> Result<Progress, String>;
    fn reload_if_changed(&mut self) -> Result<Option<Progress>, String>;
}

impl StateStore for Store {
    fn commit(&mut self, changes: &[(TaskKey, Change)]) -> Result<Progress, String> {
        Store::commit(self, changes).map_err(|e: StoreError| e.to_string())
    }

    fn reload_if_changed(&mut self) -> Result<Option<Progress>, String> {
        Store::reload_if_changed(self).map_err(|e| e.to_string())
    }
}

pub struct Persist {
    /// None when the state file could not be opened (read-only session).
    store: Option<Box<dyn StateStore>>,
    /// Changes made but not yet in the file, oldest first.
    pending: Vec<(TaskKey, Change)>,
}

pub type Shared = Arc<Mutex<Persist>>;

/// A poisoned lock still guards valid data (a panic elsewhere cannot leave
/// the list half-edited), and the marks in it must still be written.
pub fn lock(shared: &Shared) -> MutexGuard<'_, Persist> {
    shared
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Persist {
    pub fn new(store: Option<Box<dyn StateStore>>) -> Persist {
        Persist {
            store,
            pending: Vec::new(),
        }
    }

    pub fn shared(self) -> Shared {
        Arc::new(Mutex::new(self))
    }

    pub fn pending(&self) -> usize {
        self.pending.len()
    }

    /// Adds `changes` to those waiting and writes them all; what the
    /// interface should be told.
    pub fn commit(&mut self, changes: Vec<(TaskKey, Change)>) -> Action {
        self.pending.extend(changes);
        self.flush_action()
    }

    /// Writes what is waiting, if anything: the retry after a failure.
    pub fn retry(&mut self) -> Option<Action> {
        (!self.pending.is_empty()).then(|| self.flush_action())
    }

    fn flush_action(&mut self) -> Action {
        let Some(store) = self.store.as_mut() else {
            return Action::SaveFailed {
                error: "no state file".into(),
                pending: self.pending.len(),
            };
        };
        match store.commit(&self.pending) {
            Ok(progress) => {
                self.pending.clear();
                Action::Saved(progress)
            }
            Err(error) => Action::SaveFailed {
                error,
                pending: self.pending.len(),
            },
        }
    }

    /// Other processes' marks, when the file changed.
    pub fn poll(&mut self) -> Option<Action> {
        match self.store.as_mut()?.reload_if_changed() {
            Ok(Some(progress)) => Some(Action::Reloaded(progress)),
            // A read error shows up on the next save, with its full text.
            Ok(None) | Err(_) => None,
        }
    }

    /// Last chance before exit: true when nothing is left unsaved.
    pub fn flush(&mut self) -> bool {
        self.pending.is_empty() || matches!(self.flush_action(), Action::Saved(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::ChangeKind;

    /// Fails while `failing` is set, like a full disk.
    struct Flaky {
        failing: Arc<Mutex<bool>>,
        saved: Arc<Mutex<Progress>>,
    }

    impl StateStore for Flaky {
        fn commit(&mut self, changes: &[(TaskKey, Change)]) -> Result<Progress, String> {
            if *self.failing.lock().expect("test lock") {
                return Err("disk full".into());
            }
            let mut saved = self.saved.lock().expect("test lock");
            for (key, change) in changes {
                saved.record(key.clone(), change.clone());
            }
            Ok(saved.clone())
        }

        fn reload_if_changed(&mut self) -> Result<Option<Progress>, String> {
            Ok(None)
        }
    }

    fn change(n: i64) -> (TaskKey, Change) {
        (
            TaskKey::new("p", 1),
            Change {
                at: jiff::Timestamp::from_second(n).expect("time"),
                by: "t".into(),
                what: ChangeKind::Note {
                    from: String::new(),
                    to: n.to_string(),
                },
            },
        )
    }

    #[test]
    fn a_failed_change_waits_and_goes_with_the_next() {
        let failing = Arc::new(Mutex::new(true));
        let saved = Arc::new(Mutex::new(Progress::default()));
        let mut persist = Persist::new(Some(Box::new(Flaky {
            failing: failing.clone(),
            saved: saved.clone(),
        })));
        assert_eq!(
            persist.commit(vec![change(1)]),
            Action::SaveFailed {
                error: "disk full".into(),
                pending: 1
            }
        );
        *failing.lock().expect("test lock") = false;
        assert!(matches!(persist.commit(vec![change(2)]), Action::Saved(_)));
        assert_eq!(persist.pending(), 0);
        let key = TaskKey::new("p", 1);
        let history = saved
            .lock()
            .expect("test lock")
            .get(&key)
            .map(|p| p.history().len());
        assert_eq!(history, Some(2));
        assert!(persist.flush());
        assert_eq!(persist.retry(), None);
    }
}
