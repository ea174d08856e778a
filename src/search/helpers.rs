//! The threads that score a keystroke's tasks beside the thread that
//! searches: made once, and kept off that thread's core.
//!
//! A thread spawned per keystroke was queued on the spawning thread's
//! core, not on the idle one (this 2-core VM's kernel did not place it
//! better, nor move it soon): it started at that core's next tick, 1–3.4 ms
//! late, and then the two took turns of a tick each while the other core
//! idled (`perf record -e sched:sched_switch`: the two threads preempted
//! each other 20 times in 6 keystrokes). A helper made once is woken
//! instead, and before each keystroke it is allowed every core the
//! searching thread may use but the one it runs on: on two cores, the
//! other one; on many, the kernel still chooses among the rest.

use rustix::thread::{Pid, gettid, sched_getaffinity, sched_getcpu, sched_setaffinity};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::time::Duration;

pub(super) struct Helpers {
    pool: rayon::ThreadPool,
    threads: usize,
    /// Each helper's thread id, as it starts.
    started: Arc<Started>,
    /// The core every helper was last kept off, plus one; 0 when none
    /// was. A keystroke on the same core asks the kernel for nothing: on
    /// many cores that was a system call per helper, two or three times a
    /// keystroke.
    kept_off: AtomicUsize,
}

#[derive(Default)]
struct Started {
    ids: Mutex<Vec<Pid>>,
    one_more: Condvar,
}

/// How long the first use waits for the helpers to start and say who they
/// are (they take well under a millisecond); one that has not is kept off
/// no core.
const START_WAIT: Duration = Duration::from_millis(200);

impl Helpers {
    /// Runs `op` on this thread and what it spawns on the helpers
    /// meanwhile; returns when all of it is done.
    pub(super) fn scope<'scope, R>(&self, op: impl FnOnce(&rayon::Scope<'scope>) -> R) -> R {
        self.keep_off(sched_getcpu());
        self.pool.in_place_scope(op)
    }

    /// Allows the helpers every core this thread may use but `core`, when
    /// that leaves one. Where the kernel refuses, they run where it puts
    /// them, as before.
    fn keep_off(&self, core: usize) {
        if self.kept_off.load(Ordering::Relaxed) == core + 1 {
            return;
        }
        let Ok(mut allowed) = sched_getaffinity(None) else {
            return;
        };
        if !allowed.is_set(core) || allowed.count() < 2 {
            return;
        }
        allowed.unset(core);
        let Ok(ids) = self.started.ids.lock() else {
            return;
        };
        let all_kept_off = ids
            .iter()
            .all(|&id| sched_setaffinity(Some(id), &allowed).is_ok());
        if all_kept_off && ids.len() == self.threads {
            self.kept_off.store(core + 1, Ordering::Relaxed);
        }
    }
}

/// The helpers, one fewer than the cores; None on one core, or when
/// threads cannot be made (the search then scores on its own thread).
/// Made on first use: [`super::Index::build`] asks for them, so that they
/// have started before the first keystroke.
pub(super) fn helpers() -> Option<&'static Helpers> {
    static HELPERS: OnceLock<Option<Helpers>> = OnceLock::new();
    HELPERS
        .get_or_init(|| {
            let threads = super::cores().checked_sub(1).filter(|&n| n > 0)?;
            let started = Arc::new(Started::default());
            let starting = Arc::clone(&started);
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .thread_name(|_| "search".into())
                .start_handler(move |_| {
                    if let Ok(mut ids) = starting.ids.lock() {
                        ids.push(gettid());
                        starting.one_more.notify_all();
                    }
                })
                .build()
                .ok()?;
            // Until each is known, a keystroke could not keep it off its core.
            if let Ok(ids) = started.ids.lock() {
                let _ = started
                    .one_more
                    .wait_timeout_while(ids, START_WAIT, |ids| ids.len() < threads);
            }
            Some(Helpers {
                pool,
                threads,
                started,
                kept_off: AtomicUsize::new(0),
            })
        })
        .as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers_may_run_on_every_core_of_the_caller_but_its_own() {
        let Some(helpers) = helpers() else {
            assert_eq!(
                super::super::cores(),
                1,
                "helpers are made on two cores or more"
            );
            return;
        };
        let own = sched_getaffinity(None).expect("the test thread's cores");
        let mut seen = None;
        helpers.scope(|scope| {
            scope.spawn(|_| seen = sched_getaffinity(None).ok());
        });
        let theirs = seen.expect("a helper's cores");
        let cores = |set: &rustix::thread::CpuSet| {
            (0..rustix::thread::CpuSet::MAX_CPU)
                .filter(|&core| set.is_set(core))
                .collect::<Vec<_>>()
        };
        let (own, theirs) = (cores(&own), cores(&theirs));
        if own.len() < 2 {
            return;
        }
        // The one left out is where the caller ran when it asked.
        assert_eq!(theirs.len(), own.len() - 1, "{own:?} {theirs:?}");
        assert!(
            theirs.iter().all(|core| own.contains(core)),
            "{own:?} {theirs:?}"
        );
    }
}
