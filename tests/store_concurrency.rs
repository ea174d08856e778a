//! Two writers at once: different tasks all survive; the same task is won
//! by the later change and both changes stay in the history.

mod store_support;

use plantrack::model::TaskKey;
use plantrack::progress::{ChangeKind, Status};
use plantrack::store::parse_state;
use std::path::Path;
use std::sync::Barrier;
use std::time::Instant;
use store_support::{plantrack, text, write_plan};

const EACH: u32 = 500;

/// One "process" of the issue: a loop of `plantrack mark` calls.
fn mark_range(plan: &Path, state: &Path, numbers: std::ops::RangeInclusive<u32>, status: &str) {
    for n in numbers {
        let output = plantrack(plan, state, &["mark", &n.to_string(), status])
            .output()
            .expect("runs");
        assert!(
            output.status.success(),
            "mark {n} failed: {}",
            text(&output.stderr)
        );
    }
}

#[test]
fn two_writers_of_500_marks_each_lose_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plan = write_plan(dir.path(), "t", 2 * EACH);
    let state = dir.path().join("state.json");
    let started = Instant::now();
    let start = Barrier::new(2);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            start.wait();
            mark_range(&plan, &state, 1..=EACH, "done");
        });
        scope.spawn(|| {
            start.wait();
            mark_range(&plan, &state, EACH + 1..=2 * EACH, "blocked");
        });
    });
    let elapsed = started.elapsed();
    let progress = parse_state(&std::fs::read(&state).expect("reads"), &state).expect("parses");
    let done = (1..=EACH)
        .filter(|&n| progress.status(&TaskKey::new("t", n)) == Status::Done)
        .count();
    let blocked = (EACH + 1..=2 * EACH)
        .filter(|&n| progress.status(&TaskKey::new("t", n)) == Status::Blocked)
        .count();
    eprintln!(
        "concurrency test: {} marks made by 2 concurrent writers, {} present, {} lost, {:.1} s",
        2 * EACH,
        done + blocked,
        2 * EACH as usize - done - blocked,
        elapsed.as_secs_f64()
    );
    assert_eq!((done, blocked), (EACH as usize, EACH as usize));
}

#[test]
fn the_same_task_from_two_writers_is_won_by_time_and_both_are_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plan = write_plan(dir.path(), "t", 10);
    let state = dir.path().join("state.json");
    for round in 1..=10u32 {
        let start = Barrier::new(2);
        let task = round.to_string();
        std::thread::scope(|scope| {
            for (user, status) in [("alice", "blocked"), ("bob", "done")] {
                let (start, plan, state, task) = (&start, &plan, &state, &task);
                scope.spawn(move || {
                    let mut command = plantrack(plan, state, &["mark", task, status]);
                    command.env("PLANTRACK_USER", user);
                    start.wait();
                    let output = command.output().expect("runs");
                    assert!(output.status.success(), "{}", text(&output.stderr));
                });
            }
        });
        let progress = parse_state(&std::fs::read(&state).expect("reads"), &state).expect("parses");
        let key = TaskKey::new("t", round);
        let history = progress.get(&key).expect("marked").history();
        let mut by: Vec<&str> = history.iter().map(|c| c.by.as_str()).collect();
        by.sort_unstable();
        assert_eq!(by, ["alice", "bob"], "both changes are in the history");
        let latest = history.iter().max_by_key(|c| c.at).expect("two changes");
        let ChangeKind::Status { to, .. } = latest.what else {
            panic!("status changes only")
        };
        assert_eq!(progress.status(&key), to, "the later change wins");
        // The second writer saw the first one's mark under the lock.
        let ChangeKind::Status { from, .. } = history[1].what else {
            panic!("status changes only")
        };
        let ChangeKind::Status { to: first_to, .. } = history[0].what else {
            panic!("status changes only")
        };
        assert_eq!(from, first_to, "from is what the later writer replaced");
    }
}
