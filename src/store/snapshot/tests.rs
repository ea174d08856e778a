//! The snapshot must never change what the state says: on random
//! histories, opening with it equals folding every log from scratch, after
//! appends, new writers, and a snapshot or log damaged or rewritten.

use super::super::{Location, Store, Writer, parse_line};
use super::{SNAPSHOT_FILE, load};
use crate::model::TaskKey;
use crate::progress::{Change, ChangeKind, Feedback, Progress, Status};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

const WRITERS: [&str; 4] = [
    "ann@h.jsonl",
    "bob@h.jsonl",
    "cy@k.jsonl",
    "migrated-v1.jsonl",
];

fn random_line(rng: &mut fastrand::Rng) -> String {
    let status = |rng: &mut fastrand::Rng| Status::ALL[rng.usize(..Status::ALL.len())];
    let what = match rng.u8(..4) {
        0 => ChangeKind::Note {
            from: String::new(),
            to: format!("备注 {}\n第二行", rng.u32(..1000)),
        },
        1 => ChangeKind::Feedback {
            agency: "知识产权局".into(),
            from: Feedback::default(),
            to: Feedback {
                progress: format!("进展 {}", rng.u32(..100)),
                problems: String::new(),
                next: if rng.bool() {
                    "下一步".into()
                } else {
                    String::new()
                },
            },
        },
        2 => ChangeKind::Due {
            from: None,
            to: Some(jiff::civil::date(2020, rng.i8(1..=12), rng.i8(1..=28))),
        },
        _ => ChangeKind::Status {
            from: status(rng),
            to: status(rng),
            reason: if rng.bool() {
                "经费不足".into()
            } else {
                String::new()
            },
        },
    };
    let change = Change {
        id: format!("{:016x}", rng.u64(..)),
        // Few distinct times, so that ties in the clock are common.
        at: jiff::Timestamp::from_second(1_700_000_000 + rng.i64(0..50)).expect("valid"),
        seq: rng.u32(0..3),
        by: ["ann", "bob", "cy"][rng.usize(..3)].into(),
        agency: rng.bool().then(|| "商务部".to_string()),
        what,
        undoes: rng.bool().then(|| format!("{:016x}", rng.u64(..))),
    };
    let key = TaskKey::new(["p", "q"][rng.usize(..2)], rng.u32(1..20));
    super::super::format_line(&key, &change) + "\n"
}

fn append(dir: &Path, name: &str, rng: &mut fastrand::Rng, lines: std::ops::Range<usize>) {
    let lines = rng.usize(lines);
    let mut file = fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join(name))
        .expect("opens a log");
    for _ in 0..lines {
        file.write_all(random_line(rng).as_bytes()).expect("writes");
    }
}

fn location(dir: &Path) -> Location {
    Location {
        dir: dir.to_path_buf(),
        v1: None,
    }
}

fn writer() -> Writer {
    Writer {
        person: "reader".into(),
        agency: None,
        host: "h".into(),
    }
}

/// Every line of every log, folded without the store's reading code.
fn full_fold(dir: &Path) -> Progress {
    let mut progress = Progress::default();
    let mut logs: Vec<PathBuf> = fs::read_dir(dir)
        .expect("lists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    logs.sort();
    for path in logs {
        let text = fs::read(&path).expect("reads");
        for (n, line) in text.split(|&b| b == b'\n').enumerate() {
            if !line.is_empty() {
                let (key, change) = parse_line(line, &path, n + 1).expect("parses");
                progress.record(key, change);
            }
        }
    }
    progress
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum After {
    Nothing,
    Appended,
    NewWriter,
    SnapshotTruncated,
    SnapshotByteFlipped,
    SnapshotForeign,
    LogRewrittenSameLength,
    LogCut,
    LogRemoved,
}

impl After {
    /// Whether the snapshot must still be used after this.
    fn keeps_snapshot(self) -> bool {
        matches!(self, After::Nothing | After::Appended | After::NewWriter)
    }
}

fn damage(dir: &Path, after: After, rng: &mut fastrand::Rng) {
    let snapshot = dir.join(SNAPSHOT_FILE);
    let log = dir.join(WRITERS[rng.usize(..2)]);
    match after {
        After::Nothing => {}
        After::Appended => {
            for name in WRITERS {
                if dir.join(name).exists() {
                    append(dir, name, rng, 1..20);
                }
            }
        }
        After::NewWriter => append(dir, "dee@z.jsonl", rng, 15..16),
        After::SnapshotTruncated => {
            let bytes = fs::read(&snapshot).expect("reads");
            fs::write(&snapshot, &bytes[..rng.usize(..bytes.len())]).expect("writes");
        }
        After::SnapshotByteFlipped => {
            let mut bytes = fs::read(&snapshot).expect("reads");
            let at = rng.usize(..bytes.len());
            bytes[at] ^= 1 << rng.u8(..8);
            fs::write(&snapshot, bytes).expect("writes");
        }
        After::SnapshotForeign => fs::write(&snapshot, "not a snapshot\n").expect("writes"),
        After::LogRewrittenSameLength => {
            // One hex digit of an id: same length, still valid, another
            // change.
            let mut text = fs::read_to_string(&log).expect("reads");
            let at = text.find("\"id\":\"").expect("an id") + 6;
            let digit = if &text[at..=at] == "a" { "b" } else { "a" };
            text.replace_range(at..=at, digit);
            fs::write(&log, text).expect("writes");
        }
        After::LogCut => {
            let text = fs::read_to_string(&log).expect("reads");
            let first = text.find('\n').expect("a line") + 1;
            fs::write(&log, &text[first..]).expect("writes");
        }
        After::LogRemoved => fs::remove_file(&log).expect("removes"),
    }
}

#[test]
fn opening_with_the_snapshot_equals_folding_every_log() {
    let afters = [
        After::Nothing,
        After::Appended,
        After::NewWriter,
        After::SnapshotTruncated,
        After::SnapshotByteFlipped,
        After::SnapshotForeign,
        After::LogRewrittenSameLength,
        After::LogCut,
        After::LogRemoved,
    ];
    for seed in 0..36_u64 {
        let mut rng = fastrand::Rng::with_seed(seed);
        let after = afters[usize::try_from(seed).expect("small") % afters.len()];
        let temp = tempfile::tempdir().expect("temp dir");
        let dir = temp.path();
        append(dir, WRITERS[0], &mut rng, 5..60);
        append(dir, WRITERS[1], &mut rng, 5..60);
        if rng.bool() {
            append(dir, WRITERS[2], &mut rng, 1..10);
        }
        let first = Store::open_snapshot_after(location(dir), writer(), 0).expect("opens");
        assert!(dir.join(SNAPSHOT_FILE).exists(), "seed {seed}: written");
        assert_eq!(first.progress, full_fold(dir), "seed {seed}: first open");

        damage(dir, after, &mut rng);
        assert_eq!(
            load(dir).is_some(),
            after.keeps_snapshot(),
            "seed {seed}: {after:?} must {} the snapshot",
            if after.keeps_snapshot() {
                "keep"
            } else {
                "discard"
            }
        );
        let again = Store::open_snapshot_after(location(dir), writer(), usize::MAX).expect("opens");
        let expected = full_fold(dir);
        assert_eq!(again.progress, expected, "seed {seed}: after {after:?}");
        assert_eq!(
            again.latest,
            first_latest(&expected),
            "seed {seed}: the clock"
        );
        // Only what was appended since was parsed, when the snapshot held.
        if after == After::Nothing {
            assert_eq!(again.parsed, 0, "seed {seed}: nothing parsed");
        }
    }
}

/// The latest clock reading in a fold, as the store keeps it.
fn first_latest(progress: &Progress) -> Option<(jiff::Timestamp, u32)> {
    progress
        .iter()
        .flat_map(|(_, t)| t.history().iter().map(|c| (c.at, c.seq)))
        .max()
}

#[test]
fn a_torn_last_line_is_not_covered_and_is_read_once_whole() {
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = temp.path();
    let mut rng = fastrand::Rng::with_seed(99);
    append(dir, WRITERS[0], &mut rng, 30..31);
    let torn = random_line(&mut rng);
    let (head, rest) = torn.split_at(20);
    fs::OpenOptions::new()
        .append(true)
        .open(dir.join(WRITERS[0]))
        .and_then(|mut f| f.write_all(head.as_bytes()))
        .expect("writes half a line");
    let first = Store::open_snapshot_after(location(dir), writer(), 0).expect("opens");
    assert_eq!(first.parsed, 30);
    // The writer finishes the line: the snapshot still holds, and the line
    // is read from where the snapshot ends.
    fs::OpenOptions::new()
        .append(true)
        .open(dir.join(WRITERS[0]))
        .and_then(|mut f| f.write_all(rest.as_bytes()))
        .expect("writes the rest");
    assert!(load(dir).is_some());
    let again = Store::open_snapshot_after(location(dir), writer(), usize::MAX).expect("opens");
    assert_eq!(again.parsed, 1);
    assert_eq!(again.progress, full_fold(dir));
}

#[test]
fn a_short_history_writes_no_snapshot_and_a_read_only_directory_still_opens() {
    use std::os::unix::fs::PermissionsExt;
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = temp.path();
    let mut rng = fastrand::Rng::with_seed(5);
    append(dir, WRITERS[0], &mut rng, 10..11);
    Store::open(location(dir), writer()).expect("opens");
    assert!(!dir.join(SNAPSHOT_FILE).exists(), "below the threshold");
    fs::set_permissions(dir, fs::Permissions::from_mode(0o555)).expect("chmod");
    let store = Store::open_snapshot_after(location(dir), writer(), 0);
    fs::set_permissions(dir, fs::Permissions::from_mode(0o755)).expect("chmod");
    assert_eq!(store.expect("opens").progress, full_fold(dir));
    let leftovers: Vec<_> = fs::read_dir(dir)
        .expect("lists")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(SNAPSHOT_FILE))
        .collect();
    // Root can write anyway; then the snapshot is whole, with no temporary.
    assert!(leftovers.len() <= 1);
}
