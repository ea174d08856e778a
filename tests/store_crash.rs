//! Crash test: `plantrack mark` processes are killed with SIGKILL at
//! pseudo-random moments; the state must always read (a torn last line is
//! ignored, never fatal) and hold every mark a process reported as saved.
//! The state starts as a version 1 file, so early kills land inside its
//! migration too.

mod store_support;

use plantrack::model::TaskKey;
use plantrack::progress::{Change, ChangeKind, Progress, Status};
use plantrack::store::v1::to_json;
use plantrack::store::{Location, Store, Writer};
use std::collections::BTreeSet;
use std::time::{Duration, Instant};
use store_support::{Rng, notes_in, plantrack, text, write_plan};

const TASKS: u32 = 20;
/// Marks with a kill aimed at them, at least; more until `KILLS` landed.
const ROUNDS: usize = 150;
/// Kills that must land while a mark runs for the test to mean anything.
const KILLS: usize = 50;
const SEED: u64 = 0x5eed_2020;

/// Old marks for tasks in no loaded plan, in the version 1 file; they must
/// survive the migration whatever kills it.
fn seeded_orphans() -> Progress {
    let mut progress = Progress::default();
    for n in 1..=400 {
        for (i, to) in [Status::InProgress, Status::Done].into_iter().enumerate() {
            let at = jiff::Timestamp::from_second(1_600_000_000 + i64::from(n) * 10 + i as i64)
                .expect("valid time");
            progress.record(
                TaskKey::new("retired-plan", n),
                Change::new(
                    at,
                    "前任",
                    ChangeKind::Status {
                        from: Status::NotStarted,
                        to,
                        reason: String::new(),
                    },
                ),
            );
        }
    }
    progress
}

/// Busy-waits: the pseudo-random delay before a kill is the fault being
/// injected, not a way to wait for anything.
fn spin_for(delay: Duration) {
    let start = Instant::now();
    while start.elapsed() < delay {
        std::thread::yield_now();
    }
}

#[test]
fn marks_survive_processes_killed_at_random_moments() {
    use std::os::unix::process::ExitStatusExt;

    let dir = tempfile::tempdir().expect("temp dir");
    let plan = write_plan(dir.path(), "t", TASKS);
    let state = dir.path().join("state.json");
    let orphans = seeded_orphans();
    let v1 = to_json(&orphans).expect("serializes");
    std::fs::write(&state, &v1).expect("seed state");
    let open = || {
        let location = Location::resolve(Some(&state)).expect("resolves");
        let writer = Writer {
            person: "reader".into(),
            agency: None,
            host: "test".into(),
        };
        Store::open(location, writer)
    };

    let mark = |round: usize| {
        let task = (round as u32 % TASKS + 1).to_string();
        let status = Status::ALL[round % 4].as_str();
        let note = format!("crash-{round}");
        plantrack(&plan, &state, &["mark", &task, status, "--note", &note])
    };

    // Calibrate the kill window on this machine: a few marks left to
    // finish, timed after the first, which also migrates the version 1
    // file (timed with them, it made the window too wide on a busy
    // machine, and too few kills landed).
    let started = Instant::now();
    let calibration = 4;
    let mut reported = BTreeSet::new();
    let mut timed = Duration::ZERO;
    for round in 0..calibration {
        let run = Instant::now();
        let output = mark(round).output().expect("runs");
        assert!(output.status.success(), "{}", text(&output.stderr));
        reported.insert(format!("crash-{round}"));
        if round > 0 {
            timed += run.elapsed();
        }
    }
    let lifetime = timed / (calibration as u32 - 1);
    let window = u64::try_from(lifetime.as_micros()).unwrap_or(u64::MAX) * 3 / 2;
    // From here on the migration is redone by nobody: start each round
    // from a fresh migration half the time, so kills also land in it.
    let log_dir = dir.path().join("state.json.d");

    let mut rng = Rng::new(SEED);
    let (mut kills, mut unreadable, mut torn) = (0, 0, 0);
    let mut round = calibration;
    // A machine busier during the calibration than after it lets marks
    // finish before their kill: go on until enough kills landed (within
    // a bound), rather than fail for a weak run.
    while round < calibration + ROUNDS || (kills < KILLS && round < calibration + 3 * ROUNDS) {
        if round % 10 == 0 {
            // Kills inside the migration: drop the migrated log and let the
            // next mark write it again (the other logs stay).
            let _ = std::fs::remove_file(log_dir.join("migrated-v1.jsonl"));
        }
        let child = mark(round).spawn().expect("spawns");
        let mut child = child;
        spin_for(Duration::from_micros(rng.below(window)));
        // Fails only if the child was already reaped, which it is not.
        let _ = child.kill();
        let output = child.wait_with_output().expect("waits");
        if output.status.signal() == Some(9) {
            kills += 1;
        }
        // The process's own report: exit 0, or its "saved to" line if it
        // was killed after printing it.
        if output.status.success() || text(&output.stdout).contains("saved to") {
            reported.insert(format!("crash-{round}"));
        }
        match open() {
            Ok(mut store) => torn += store.take_notices().len(),
            Err(error) => {
                eprintln!("unreadable after round {round}: {error}");
                unreadable += 1;
            }
        }
        round += 1;
    }
    let aimed = round - calibration;
    // One more mark after the kills: it cuts off any torn line of its own
    // log and must see everything.
    let output = mark(round).output().expect("runs");
    assert!(output.status.success(), "{}", text(&output.stderr));
    reported.insert(format!("crash-{round}"));

    let store = open().expect("the state reads");
    let last = store.progress();
    let saved = notes_in(last);
    let lost: Vec<&String> = reported.difference(&saved).collect();
    let plain = |history: &[Change]| -> Vec<(jiff::Timestamp, String, ChangeKind)> {
        history
            .iter()
            .map(|c| (c.at, c.by.clone(), c.what.clone()))
            .collect()
    };
    let orphans_kept = orphans.iter().all(|(key, task)| {
        last.get(key)
            .is_some_and(|t| plain(t.history()) == plain(task.history()))
    });
    eprintln!(
        "crash test: {} mark processes ({aimed} with a kill aimed at them, window {window} µs), \
         {kills} killed by SIGKILL while running, {} reported saved, {} marks lost, \
         {unreadable} times the state did not read, {torn} torn last lines seen (ignored), {:.1} s",
        round + 1,
        reported.len(),
        lost.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(lost.is_empty(), "lost marks: {lost:?}");
    assert_eq!(unreadable, 0);
    assert!(orphans_kept, "marks of retired tasks must be kept");
    assert_eq!(
        std::fs::read_to_string(&state).expect("reads"),
        v1,
        "the v1 file is left as it was"
    );
    assert!(
        kills >= KILLS,
        "only {kills} kills landed in {aimed} rounds; the test is too weak"
    );
}
