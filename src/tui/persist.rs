//! Saving marks. Each change is handed to the saving thread in the same turn
//! it is made, and whatever is not written yet waits here, shared with the
//! signal thread so that a hang-up or kill still writes it (or hands it
//! back) before the process exits.

use super::action::Action;
use crate::model::TaskKey;
use crate::progress::{Change, Progress};
use crate::store::{Store, StoreError};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;

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

/// Changes made but not yet in the file, oldest first. The interface adds
/// to the end, the saver removes from the front what it wrote, and the
/// signal thread copies it at exit; nobody holds the lock across any I/O, so
/// none of them ever waits for another's disk or lock.
pub type Pending = Arc<Mutex<Vec<(TaskKey, Change)>>>;

/// A poisoned lock still guards valid data (a panic elsewhere cannot leave
/// the list half-edited), and the marks in it must still be written.
pub fn lock(pending: &Pending) -> MutexGuard<'_, Vec<(TaskKey, Change)>> {
    pending
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

enum Request {
    /// Write what is pending.
    Flush,
    /// Retry what is pending, then look for other processes' marks.
    Poll,
}

/// Saves on its own thread, so that a slow disk or another writer's lock
/// never freezes the screen or the keys. Results come back as actions.
pub struct Saver {
    requests: Option<Sender<Request>>,
    results: Receiver<Action>,
    pending: Pending,
    /// Requests sent and not yet finished.
    in_flight: Arc<AtomicUsize>,
    thread: Option<JoinHandle<()>>,
}

impl Saver {
    /// Starts the saving thread. `results` is the sending side of
    /// `receiver`: the store may use a clone to report a wait for its lock.
    pub fn spawn(
        store: Option<Box<dyn StateStore>>,
        results: Sender<Action>,
        receiver: Receiver<Action>,
    ) -> std::io::Result<Saver> {
        let pending: Pending = Arc::default();
        let in_flight = Arc::new(AtomicUsize::new(0));
        let (requests, incoming) = mpsc::channel();
        let mut worker = Worker {
            store,
            pending: pending.clone(),
            results,
        };
        let busy = in_flight.clone();
        let thread = std::thread::Builder::new()
            .name("saver".into())
            .spawn(move || {
                for request in incoming {
                    worker.handle(request);
                    busy.fetch_sub(1, Ordering::SeqCst);
                }
                // The interface ended: one last try for what is left.
                worker.flush();
            })?;
        Ok(Saver {
            requests: Some(requests),
            results: receiver,
            pending,
            in_flight,
            thread: Some(thread),
        })
    }

    /// The list the signal thread writes at exit.
    pub fn pending(&self) -> Pending {
        self.pending.clone()
    }

    fn send(&self, request: Request) {
        if let Some(requests) = &self.requests {
            self.in_flight.fetch_add(1, Ordering::SeqCst);
            if requests.send(request).is_err() {
                self.in_flight.fetch_sub(1, Ordering::SeqCst);
            }
        }
    }

    /// Adds `changes` to those waiting and asks for them all to be written.
    pub fn commit(&self, changes: Vec<(TaskKey, Change)>) {
        lock(&self.pending).extend(changes);
        self.send(Request::Flush);
    }

    /// Retries what failed and reads other processes' marks, unless the
    /// saver is still busy (a retry waiting for a lock must not queue more).
    pub fn poll(&self) {
        if !self.busy() {
            self.send(Request::Poll);
        }
    }

    /// Whether results are still to come.
    pub fn busy(&self) -> bool {
        self.in_flight.load(Ordering::SeqCst) > 0
    }

    /// The results that arrived since the last call.
    pub fn results(&self) -> Vec<Action> {
        self.results.try_iter().collect()
    }

    /// Ends the saving thread after a last try; what could not be written.
    pub fn finish(mut self) -> Vec<(TaskKey, Change)> {
        self.requests = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        std::mem::take(&mut *lock(&self.pending))
    }
}

struct Worker {
    store: Option<Box<dyn StateStore>>,
    pending: Pending,
    results: Sender<Action>,
}

impl Worker {
    fn handle(&mut self, request: Request) {
        if let Some(action) = self.flush() {
            let _ = self.results.send(action);
        }
        if let Request::Poll = request
            && let Some(action) = self.reload()
        {
            let _ = self.results.send(action);
        }
    }

    /// Writes what is pending, if anything; what the interface should be told.
    fn flush(&mut self) -> Option<Action> {
        let snapshot = lock(&self.pending).clone();
        if snapshot.is_empty() {
            return None;
        }
        let Some(store) = self.store.as_mut() else {
            return Some(Action::SaveFailed {
                error: "no state file".into(),
                pending: snapshot.len(),
            });
        };
        Some(match store.commit(&snapshot) {
            Ok(progress) => {
                // Only this thread removes, and only from the front: what was
                // added meanwhile stays.
                let mut pending = lock(&self.pending);
                let written = snapshot.len().min(pending.len());
                pending.drain(..written);
                Action::Saved(progress)
            }
            Err(error) => Action::SaveFailed {
                error,
                pending: lock(&self.pending).len(),
            },
        })
    }

    /// Other processes' marks, when the file changed.
    fn reload(&mut self) -> Option<Action> {
        match self.store.as_mut()?.reload_if_changed() {
            Ok(Some(progress)) => Some(Action::Reloaded(progress)),
            // A read error shows up on the next save, with its full text.
            Ok(None) | Err(_) => None,
        }
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

    /// The next result, waiting for the saving thread.
    fn next(saver: &Saver, results: &Receiver<Action>) -> Action {
        let _ = saver;
        results
            .recv_timeout(std::time::Duration::from_secs(20))
            .expect("a result from the saver")
    }

    #[test]
    fn a_failed_change_waits_and_goes_with_the_next() {
        let failing = Arc::new(Mutex::new(true));
        let saved = Arc::new(Mutex::new(Progress::default()));
        let (tx, rx) = mpsc::channel();
        // The receiver is read here directly; the saver's own is unused.
        let (_, unused) = mpsc::channel();
        let store = Flaky {
            failing: failing.clone(),
            saved: saved.clone(),
        };
        let saver = Saver::spawn(Some(Box::new(store)), tx, unused).expect("spawns");
        saver.commit(vec![change(1)]);
        assert_eq!(
            next(&saver, &rx),
            Action::SaveFailed {
                error: "disk full".into(),
                pending: 1
            }
        );
        *failing.lock().expect("test lock") = false;
        saver.commit(vec![change(2)]);
        assert!(matches!(next(&saver, &rx), Action::Saved(_)));
        assert!(lock(&saver.pending()).is_empty());
        let key = TaskKey::new("p", 1);
        let history = saved
            .lock()
            .expect("test lock")
            .get(&key)
            .map(|p| p.history().len());
        assert_eq!(history, Some(2));
        assert_eq!(saver.finish(), []);
    }

    #[test]
    fn what_cannot_be_written_by_the_end_is_handed_back() {
        let (tx, rx) = mpsc::channel();
        let saver = Saver::spawn(None, tx, rx).expect("spawns");
        saver.commit(vec![change(1)]);
        assert_eq!(saver.finish(), [change(1)]);
    }
}
