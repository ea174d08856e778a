//! Helpers shared by the `store_*` process tests.
#![allow(dead_code)] // each test file uses a different part

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub const BIN: &str = env!("CARGO_BIN_EXE_plantrack");

/// Writes a plan with tasks 1..=count (the built-in plan is not used: the
/// tests must not depend on its content).
pub fn write_plan(dir: &Path, id: &str, count: u32) -> PathBuf {
    let tasks: Vec<String> = (1..=count)
        .map(|n| {
            format!(
                r#"{{"number":{n},"text":"任务{n}","agencies":[{{"name":"知识产权局","role":"lead"}}]}}"#
            )
        })
        .collect();
    let path = dir.join(format!("{id}.json"));
    let text = format!(
        r#"{{"format_version":1,"id":"{id}","title":"T","tasks":[{}]}}"#,
        tasks.join(",")
    );
    std::fs::write(&path, text).expect("write the test plan");
    path
}

/// `plantrack --plan PLAN --state STATE ARGS…`, with a fixed user and zone.
pub fn plantrack(plan: &Path, state: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(BIN);
    command
        .arg("--plan")
        .arg(plan)
        .arg("--state")
        .arg(state)
        .args(args)
        .env("PLANTRACK_USER", "tester")
        .env("TZ", "UTC")
        .env("PLANTRACK_HOST", "test")
        // The English words these tests read, whatever the machine's locale.
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("PLANTRACK_STATE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

pub fn run(plan: &Path, state: &Path, args: &[&str]) -> Output {
    plantrack(plan, state, args)
        .output()
        .expect("run plantrack")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A small deterministic generator (xorshift64*): the fault injection must
/// be the same on every run.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound.max(1)
    }
}

/// Every note text ever written, in any task: what survived, whatever
/// order the changes came in.
pub fn notes_in(progress: &plantrack::progress::Progress) -> std::collections::BTreeSet<String> {
    use plantrack::progress::ChangeKind;
    progress
        .iter()
        .flat_map(|(_, task)| task.history())
        .filter_map(|change| match &change.what {
            ChangeKind::Note { to, .. } => Some(to.clone()),
            ChangeKind::Status { .. }
            | ChangeKind::Proposal { .. }
            | ChangeKind::Due { .. }
            | ChangeKind::Feedback { .. } => None,
        })
        .collect()
}

/// Everything the state directory holds, read as plantrack reads it.
pub fn read_state(dir: &Path) -> plantrack::progress::Progress {
    try_read_state(dir).expect("the state directory reads")
}

pub fn try_read_state(
    dir: &Path,
) -> Result<plantrack::progress::Progress, plantrack::store::StoreError> {
    use plantrack::store::{Location, Store, Writer};
    let location = Location {
        dir: dir.to_path_buf(),
        v1: None,
    };
    let writer = Writer {
        person: "reader".into(),
        agency: None,
        host: "test".into(),
    };
    Store::open(location, writer).map(|store| store.progress().clone())
}
