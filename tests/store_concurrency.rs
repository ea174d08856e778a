//! Writers at once on one server: different tasks all survive; the same
//! task is won by the later change and both changes stay in the history.

mod store_support;

use plantrack::model::TaskKey;
use plantrack::progress::ChangeKind;
use std::path::Path;
use std::sync::Barrier;
use std::time::Instant;
use store_support::{plantrack, read_state, text, write_plan};

const EACH: u32 = 500;

/// One "process" of the issue: a loop of `plantrack mark` calls.
fn mark_range(
    plan: &Path,
    state: &Path,
    user: &str,
    numbers: std::ops::RangeInclusive<u32>,
    status: &str,
) {
    for n in numbers {
        let output = plantrack(plan, state, &["mark", &n.to_string(), status])
            .env("PLANTRACK_USER", user)
            .output()
            .expect("runs");
        assert!(
            output.status.success(),
            "mark {n} failed: {}",
            text(&output.stderr)
        );
    }
}

/// Two of the four share a log (one person in two terminals), two have
/// their own: both the lock and the fold are exercised.
#[test]
fn four_writers_of_500_marks_each_lose_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plan = write_plan(dir.path(), "t", 4 * EACH);
    let state = dir.path().join("state");
    let started = Instant::now();
    let writers = [
        ("alice", "done"),
        ("alice", "blocked"),
        ("bob", "in_progress"),
        ("carol", "done"),
    ];
    let start = Barrier::new(writers.len());
    std::thread::scope(|scope| {
        for (i, (user, status)) in writers.iter().enumerate() {
            let (start, plan, state) = (&start, &plan, &state);
            let first = i as u32 * EACH + 1;
            scope.spawn(move || {
                start.wait();
                mark_range(plan, state, user, first..=first + EACH - 1, status);
            });
        }
    });
    let elapsed = started.elapsed();
    let progress = read_state(&state);
    let present = writers
        .iter()
        .enumerate()
        .map(|(i, (_, status))| {
            let first = i as u32 * EACH + 1;
            (first..first + EACH)
                .filter(|&n| progress.status(&TaskKey::new("t", n)).as_str() == *status)
                .count()
        })
        .sum::<usize>();
    eprintln!(
        "concurrency test: {} marks made by {} concurrent writers, {present} present, {} lost, {:.1} s",
        4 * EACH,
        writers.len(),
        4 * EACH as usize - present,
        elapsed.as_secs_f64()
    );
    assert_eq!(present, 4 * EACH as usize);
    let lines = |name: &str| {
        std::fs::read_to_string(state.join(name))
            .expect("log")
            .lines()
            .count()
    };
    assert_eq!(lines("alice@test.jsonl"), 2 * EACH as usize);
    assert_eq!(lines("bob@test.jsonl"), EACH as usize);
}

#[test]
fn the_same_task_from_two_writers_is_won_by_time_and_both_are_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plan = write_plan(dir.path(), "t", 10);
    let state = dir.path().join("state");
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
        let progress = read_state(&state);
        let key = TaskKey::new("t", round);
        let history = progress.get(&key).expect("marked").history();
        let mut by: Vec<&str> = history.iter().map(|c| c.by.as_str()).collect();
        by.sort_unstable();
        assert_eq!(by, ["alice", "bob"], "both changes are in the history");
        let latest = history
            .iter()
            .max_by(|a, b| a.order().cmp(&b.order()))
            .expect("two changes");
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
