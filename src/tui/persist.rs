//! Saving marks: the interface's side of the replica. Each mark is handed to
//! the saving thread, which owns the replica, in the same turn it is made;
//! results come back as actions. What is not written yet waits here too,
//! shared with the signal thread so that a hang-up or kill still writes it
//! (or hands it back) before the process exits.

use super::action::Action;
use super::app::Save;
use crate::model::TaskKey;
use crate::progress::{Change, ChangeKind};
use crate::replica::{Replica, SaveError, UndoError};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;

/// Marks asked for and not yet written, oldest first: the interface adds
/// to the end, the saver removes from the front what it wrote, and the
/// signal thread copies it at exit. Nobody holds the lock across any I/O,
/// so none of them ever waits for another's disk or lock.
pub type Pending = Arc<Mutex<Vec<(TaskKey, Change)>>>;

/// A poisoned lock still guards valid data (a panic elsewhere cannot leave
/// the list half-edited), and the marks in it must still be written.
pub fn lock(pending: &Pending) -> MutexGuard<'_, Vec<(TaskKey, Change)>> {
    pending
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

enum Request {
    Save(Save),
    /// Retry what failed, then read other writers' changes.
    Poll,
}

/// Saves on its own thread, so that a slow disk or another writer's lock
/// never freezes the screen or the keys.
pub struct Saver {
    requests: Option<Sender<Request>>,
    results: Receiver<Action>,
    pending: Pending,
    /// Requests sent and not yet finished.
    in_flight: Arc<AtomicUsize>,
    thread: Option<JoinHandle<()>>,
}

impl Saver {
    /// Starts the saving thread with the replica. `results` is the sending
    /// side of `receiver`.
    pub fn spawn(
        replica: Replica,
        results: Sender<Action>,
        receiver: Receiver<Action>,
    ) -> std::io::Result<Saver> {
        Saver::spawn_sharing(replica, Pending::default(), results, receiver)
    }

    /// As `spawn`, with the list of unsaved marks shared with whoever
    /// already holds `pending` (the signal thread, started earlier).
    pub fn spawn_sharing(
        replica: Replica,
        pending: Pending,
        results: Sender<Action>,
        receiver: Receiver<Action>,
    ) -> std::io::Result<Saver> {
        let in_flight = Arc::new(AtomicUsize::new(0));
        let (requests, incoming) = mpsc::channel();
        let mut worker = Worker {
            replica,
            pending: pending.clone(),
            results,
            failed: 0,
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
                worker.retry();
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

    /// Asks for a change to be written; `by` (and `agency`, for feedback)
    /// and the clock reading are kept with it until it is, in case it has
    /// to be handed back.
    pub fn save(&self, save: Save, by: &str, agency: &str) {
        let at = jiff::Timestamp::now();
        let change = |what| Change::new(at, by, what);
        let entries: Vec<(TaskKey, Change)> = match &save {
            Save::Mark {
                key,
                status,
                reason,
                note,
            } => {
                let status = status.map(|to| ChangeKind::Status {
                    from: to,
                    to,
                    reason: reason.clone(),
                });
                let note = note.as_ref().map(|to| ChangeKind::Note {
                    from: String::new(),
                    to: to.clone(),
                });
                (status.into_iter().chain(note))
                    .map(|what| (key.clone(), change(what)))
                    .collect()
            }
            Save::Due { key, to } => vec![(
                key.clone(),
                change(ChangeKind::Due {
                    from: None,
                    to: *to,
                }),
            )],
            Save::Feedback { key, entry } => {
                let mut feedback = change(ChangeKind::Feedback {
                    agency: agency.to_string(),
                    from: crate::progress::Feedback::default(),
                    to: entry.clone(),
                });
                feedback.agency = Some(agency.to_string());
                vec![(key.clone(), feedback)]
            }
            Save::Undo => Vec::new(),
        };
        lock(&self.pending).extend(entries);
        self.send(Request::Save(save));
    }

    /// Retries what failed and reads other writers' changes, unless the
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
    replica: Replica,
    pending: Pending,
    results: Sender<Action>,
    /// Entries at the front of `pending` whose write failed; the replica
    /// holds them and retries them first.
    failed: usize,
}

impl Worker {
    fn tell(&self, action: Action) {
        let _ = self.results.send(action);
    }

    /// The first `n` entries of the list are written (or will never be).
    fn drop_front(&self, n: usize) {
        let mut pending = lock(&self.pending);
        let n = n.min(pending.len());
        pending.drain(..n);
    }

    fn handle(&mut self, request: Request) {
        match request {
            Request::Save(Save::Undo) => self.undo(),
            Request::Save(save) => self.write(save),
            Request::Poll => {
                if let Some(action) = self.retry() {
                    self.tell(action);
                }
                match self.replica.refresh() {
                    Ok(true) => self.tell(Action::Reloaded(self.replica.progress().clone())),
                    Ok(false) => {}
                    Err(error) => self.tell(Action::SaveFailed {
                        error,
                        progress: self.replica.progress().clone(),
                    }),
                }
            }
        }
    }

    /// Writes one change asked for; its entries in the pending list go once
    /// written or refused, and stay (to be retried first) when the write
    /// failed.
    fn write(&mut self, save: Save) {
        let results = self.results.clone();
        let mut waiting = |holder: &str| {
            let _ = results.send(Action::SaveWaiting(holder.to_string()));
        };
        let (key, entries, outcome) = match save {
            Save::Mark {
                key,
                status,
                reason,
                note,
            } => {
                let entries = usize::from(status.is_some()) + usize::from(note.is_some());
                let outcome =
                    self.replica
                        .mark_waiting(&key, status, &reason, note.as_deref(), &mut waiting);
                (key, entries, outcome)
            }
            Save::Due { key, to } => {
                let outcome = self.replica.set_due(&key, to);
                (key, 1, outcome)
            }
            Save::Feedback { key, entry } => {
                let outcome = self.replica.feedback(&key, entry);
                (key, 1, outcome)
            }
            Save::Undo => return self.undo(),
        };
        let progress = self.replica.progress().clone();
        match outcome {
            Ok(written) => {
                // Everything that failed before went first.
                self.drop_front(self.failed + entries);
                self.failed = 0;
                let proposed = written.iter().find_map(|(_, c)| match &c.what {
                    ChangeKind::Proposal { from, to, reason } => Some((*from, *to, reason.clone())),
                    _ => None,
                });
                self.tell(match proposed {
                    Some((from, to, reason)) => Action::Proposed {
                        progress,
                        key,
                        from,
                        to,
                        reason,
                    },
                    None => Action::Saved(progress),
                });
            }
            // Not allowed: the user is told why; nothing to hand back.
            Err(error @ SaveError::Refused(_)) => {
                let mut pending = lock(&self.pending);
                let at = self.failed.min(pending.len());
                let end = (at + entries).min(pending.len());
                pending.drain(at..end);
                drop(pending);
                self.tell(Action::SaveFailed { error, progress });
            }
            Err(error) => {
                self.failed += entries;
                self.tell(Action::SaveFailed { error, progress });
            }
        }
    }

    fn undo(&mut self) {
        let action = match self.replica.undo() {
            Ok(undone) => Action::Undone {
                progress: self.replica.progress().clone(),
                key: undone.key,
                what: Box::new(undone.change.what),
            },
            Err(UndoError::Save(error)) => Action::SaveFailed {
                error,
                progress: self.replica.progress().clone(),
            },
            Err(refused) => Action::UndoRefused(refused),
        };
        self.tell(action);
    }

    /// Writes what failed before, if anything; what the interface should be
    /// told.
    fn retry(&mut self) -> Option<Action> {
        let outcome = self.replica.retry()?;
        let progress = self.replica.progress().clone();
        Some(match outcome {
            Ok(()) => {
                self.drop_front(self.failed);
                self.failed = 0;
                Action::Saved(progress)
            }
            Err(error) => Action::SaveFailed { error, progress },
        })
    }
}
