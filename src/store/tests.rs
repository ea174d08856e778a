use super::*;
use crate::progress::Status;

fn writer(person: &str) -> Writer {
    Writer {
        person: person.into(),
        agency: None,
        host: "h".into(),
    }
}

fn at(seconds: i64) -> Timestamp {
    Timestamp::from_second(1_700_000_000 + seconds).expect("valid test time")
}

fn open(dir: &Path, person: &str) -> Store {
    let location = Location {
        dir: dir.to_path_buf(),
        v1: None,
    };
    Store::open(location, writer(person)).expect("opens")
}

fn set(store: &mut Store, n: u32, to: Status) -> Vec<(TaskKey, Change)> {
    let key = TaskKey::new("p", n);
    store
        .append_with(|progress| {
            vec![Draft {
                key: key.clone(),
                what: ChangeKind::Status {
                    from: progress.status(&key),
                    to,
                    reason: String::new(),
                },
                undoes: None,
            }]
        })
        .expect("appends")
}

fn lines(path: &Path) -> Vec<String> {
    fs::read_to_string(path)
        .expect("reads")
        .lines()
        .map(String::from)
        .collect()
}

#[test]
fn each_change_is_one_line_of_its_writers_log_and_the_fold_is_the_state() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = dir.path().join("state");
    let mut ann = open(&state, "ann");
    assert!(!state.exists(), "opening creates nothing");
    set(&mut ann, 1, Status::Done);
    set(&mut ann, 2, Status::Blocked);
    let mut bob = open(&state, "bob");
    assert_eq!(bob.progress().status(&TaskKey::new("p", 1)), Status::Done);
    let written = set(&mut bob, 1, Status::InProgress);
    assert_eq!(
        written[0].1.what,
        ChangeKind::Status {
            from: Status::Done,
            to: Status::InProgress,
            reason: String::new(),
        },
        "from is what the other writer left"
    );
    assert_eq!(lines(&state.join("ann@h.jsonl")).len(), 2);
    assert_eq!(lines(&state.join("bob@h.jsonl")).len(), 1);
    assert!(ann.refresh().expect("reads"));
    assert!(
        !ann.refresh().expect("reads"),
        "nothing new the second time"
    );
    assert_eq!(ann.progress(), bob.progress());
    let line = &lines(&state.join("bob@h.jsonl"))[0];
    for field in [
        r#""id":""#,
        r#""seq":0"#,
        r#""by":"bob""#,
        r#""agency":null"#,
        r#""plan":"p""#,
        r#""task":1"#,
    ] {
        assert!(line.contains(field), "{field} in {line}");
    }
}

#[test]
fn a_writer_whose_clock_is_an_hour_behind_still_wins_with_its_later_change() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut ann = open(dir.path(), "ann");
    ann.set_clock(Box::new(|| at(3600)));
    set(&mut ann, 1, Status::Done);
    let mut late = open(dir.path(), "late");
    late.set_clock(Box::new(|| at(0)));
    let written = set(&mut late, 1, Status::Blocked);
    assert_eq!(written[0].1.at, at(3600), "the clock does not go back");
    assert_eq!(written[0].1.seq, 1);
    let mut reader = open(dir.path(), "reader");
    assert_eq!(
        reader.progress().status(&TaskKey::new("p", 1)),
        Status::Blocked
    );
    assert!(!reader.refresh().expect("reads"));
}

#[test]
fn a_torn_last_line_is_ignored_reported_and_cut_off_by_its_own_writer_only() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut ann = open(dir.path(), "ann");
    set(&mut ann, 1, Status::Done);
    let own = dir.path().join("ann@h.jsonl");
    let other = dir.path().join("bob@h.jsonl");
    let half = r#"{"id":"x","at":"2023-11-14T22:13:20Z","se"#;
    fs::write(&other, half).expect("writes");
    let mut file = OpenOptions::new().append(true).open(&own).expect("opens");
    file.write_all(half.as_bytes()).expect("writes");
    let mut ann = open(dir.path(), "ann");
    let notices = ann.take_notices();
    assert_eq!(notices.len(), 2, "{notices:?}");
    assert!(
        notices[0].contains("ann@h.jsonl:2: the last line is incomplete"),
        "{notices:?}"
    );
    assert!(notices[1].contains("bob@h.jsonl:1:"), "{notices:?}");
    assert_eq!(ann.progress().status(&TaskKey::new("p", 1)), Status::Done);
    set(&mut ann, 2, Status::Done);
    let own_lines = lines(&own);
    assert_eq!(
        own_lines.len(),
        2,
        "the torn line was cut off: {own_lines:?}"
    );
    assert!(own_lines.iter().all(|l| l.ends_with('}')));
    assert_eq!(
        fs::read_to_string(&other).expect("reads"),
        half,
        "not ours: untouched"
    );
    // Said once, not on every read.
    ann.refresh().expect("reads");
    assert!(ann.take_notices().is_empty());
}

#[test]
fn a_line_that_cannot_be_read_stops_writes_and_names_its_place() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut ann = open(dir.path(), "ann");
    set(&mut ann, 1, Status::Done);
    let bad = dir.path().join("bob@h.jsonl");
    let good = format_line(&TaskKey::new("p", 2), &{
        let mut c = Change::new(
            at(1),
            "bob",
            ChangeKind::Status {
                from: Status::NotStarted,
                to: Status::Done,
                reason: String::new(),
            },
        );
        c.id = "b1".into();
        c
    });
    let text = format!("{good}\n{}\n", good.replace("\"done\"", "\"finished\""));
    fs::write(&bad, &text).expect("writes");
    let error = match Store::open(ann.location().clone(), writer("ann")) {
        Err(error) => error,
        Ok(_) => panic!("an unknown status must not be read as anything"),
    };
    let message = error.to_string();
    assert!(error.is_invalid_file());
    assert!(message.contains("bob@h.jsonl:2:"), "{message}");
    assert!(message.contains("finished"), "{message}");
    let refused = ann.append_with(|_| {
        vec![Draft {
            key: TaskKey::new("p", 3),
            what: ChangeKind::Note {
                from: String::new(),
                to: "x".into(),
            },
            undoes: None,
        }]
    });
    assert!(refused.is_err(), "no write on a state that cannot be read");
    assert_eq!(lines(&dir.path().join("ann@h.jsonl")).len(), 1);
    assert_eq!(fs::read_to_string(&bad).expect("reads"), text);
}

#[test]
fn a_version_1_file_is_migrated_with_its_history_and_left_as_it_was() {
    let dir = tempfile::tempdir().expect("temp dir");
    let old = dir.path().join("state.json");
    let mut progress = Progress::default();
    let key = TaskKey::new("p", 55);
    progress.record(
        key.clone(),
        Change::new(
            at(0),
            "wang",
            ChangeKind::Status {
                from: Status::NotStarted,
                to: Status::InProgress,
                reason: String::new(),
            },
        ),
    );
    progress.record(
        key.clone(),
        Change::new(
            at(10),
            "li",
            ChangeKind::Status {
                from: Status::InProgress,
                to: Status::Blocked,
                reason: String::new(),
            },
        ),
    );
    progress.record(
        TaskKey::new("retired", 7),
        Change::new(
            at(5),
            "zhao",
            ChangeKind::Note {
                from: String::new(),
                to: "旧".into(),
            },
        ),
    );
    let bytes = v1::to_json(&progress).expect("serializes");
    fs::write(&old, &bytes).expect("writes");
    let location = Location::resolve(Some(&old)).expect("resolves");
    assert_eq!(location.dir, dir.path().join("state.json.d"));
    let mut store = Store::open(location.clone(), writer("ann")).expect("opens");
    assert_eq!(store.progress().status(&key), Status::Blocked);
    assert_eq!(
        store.progress().get(&key).map(|t| t.history().len()),
        Some(2)
    );
    set(&mut store, 1, Status::Done);
    assert_eq!(
        fs::read_to_string(&old).expect("reads"),
        bytes,
        "kept as it was"
    );
    let migrated = location.dir.join(MIGRATED_LOG);
    assert_eq!(lines(&migrated).len(), 3);
    let reopened = Store::open(location, writer("bob")).expect("opens");
    assert_eq!(
        reopened.progress().note(&TaskKey::new("retired", 7)),
        "旧",
        "marks of tasks no plan has are kept"
    );
    assert_eq!(
        reopened.progress().get(&key).map(|t| t.history().len()),
        Some(2),
        "no change twice"
    );
    // Another office migrating a copy of the same file writes the same lines.
    let copy = dir.path().join("copy.json");
    fs::write(&copy, &bytes).expect("writes");
    let mut other = Store::open(
        Location::resolve(Some(&copy)).expect("resolves"),
        writer("ann"),
    )
    .expect("opens");
    set(&mut other, 1, Status::Done);
    assert_eq!(
        fs::read(dir.path().join("copy.json.d").join(MIGRATED_LOG)).expect("reads"),
        fs::read(&migrated).expect("reads")
    );
}

#[test]
fn a_symlinked_state_directory_is_followed_not_replaced() {
    let dir = tempfile::tempdir().expect("temp dir");
    let team = dir.path().join("team");
    fs::create_dir(&team).expect("mkdir");
    let link = dir.path().join("mine");
    std::os::unix::fs::symlink(&team, &link).expect("symlink");
    let mut store = open(&link, "ann");
    set(&mut store, 1, Status::Done);
    assert!(
        fs::symlink_metadata(&link)
            .expect("stat")
            .file_type()
            .is_symlink()
    );
    assert_eq!(lines(&team.join("ann@h.jsonl")).len(), 1);
}

#[test]
fn a_held_lock_is_waited_for_with_the_holder_named_then_given_up() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = open(dir.path(), "ann");
    set(&mut store, 1, Status::Done);
    let held = File::open(dir.path().join(LOCK_FILE)).expect("opens");
    FileExt::try_lock(&held).expect("locks");
    store.set_lock_timeout(Duration::from_millis(700));
    let mut heard = Vec::new();
    let error = store
        .append_waiting(
            |_| {
                vec![Draft {
                    key: TaskKey::new("p", 2),
                    what: ChangeKind::Note {
                        from: String::new(),
                        to: "x".into(),
                    },
                    undoes: None,
                }]
            },
            &mut |text| heard.push(text.to_string()),
        )
        .expect_err("times out");
    let message = error.to_string();
    assert!(
        message.contains(&format!(
            "held by process {} (ann, since ",
            std::process::id()
        )),
        "{message}"
    );
    assert!(message.contains("gave up after waiting 700ms"), "{message}");
    assert_eq!(heard.len(), 1, "{heard:?}");
    assert!(
        heard[0].contains("waiting for the lock, held by process"),
        "{heard:?}"
    );
    FileExt::unlock(&held).expect("unlocks");
    set(&mut store, 2, Status::Done);
}

#[test]
fn files_that_are_not_logs_are_skipped_with_a_notice() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = open(dir.path(), "ann");
    set(&mut store, 1, Status::Done);
    fs::create_dir(dir.path().join("odd.jsonl")).expect("mkdir");
    fs::write(dir.path().join("README.txt"), "not a log").expect("writes");
    let mut store = open(dir.path(), "ann");
    let notices = store.take_notices();
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(
        notices[0].contains("odd.jsonl: not a regular file"),
        "{notices:?}"
    );
}

#[test]
fn writer_log_names_are_safe_file_names() {
    let odd = Writer {
        person: ".a/b c".into(),
        agency: None,
        host: "srv\n1".into(),
    };
    assert_eq!(odd.log_name(), "_a_b_c@srv_1.jsonl");
    assert_eq!(writer("李明").log_name(), "李明@h.jsonl");
}

#[test]
fn a_path_that_is_a_file_but_not_version_1_state_is_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let old = dir.path().join("state.json");
    fs::write(&old, "{\"format_version\": 1, \"tasks\": ").expect("writes");
    let location = Location::resolve(Some(&old)).expect("resolves");
    let error = Store::open(location, writer("ann")).err().expect("refused");
    assert!(error.to_string().contains("ends too early"), "{error}");
}

#[test]
fn write_failures_are_sorted_into_actionable_kinds() {
    let p = Path::new("/d");
    let e = StoreError::writing(p, "x", io::Error::from(io::ErrorKind::PermissionDenied));
    assert!(matches!(e, StoreError::NotWritable { .. }));
    assert!(e.to_string().contains("the directory is not writable"));
    assert!(e.to_string().contains("kept in memory and will be retried"));
    let e = StoreError::writing(p, "x", io::Error::from(io::ErrorKind::StorageFull));
    assert!(e.to_string().contains("the disk is full"), "{e}");
    assert!(!e.is_invalid_file());
    assert!(StoreError::Empty { path: p.into() }.is_invalid_file());
}

#[test]
fn without_user_variables_the_account_name_comes_from_passwd() {
    let passwd = "root:x:0:0:root:/root:/bin/bash\nann:x:1000:1000:Ann:/home/ann:/bin/sh\n";
    assert_eq!(name_for_uid(passwd, 1000).as_deref(), Some("ann"));
    assert_eq!(name_for_uid(passwd, 0).as_deref(), Some("root"));
    assert_eq!(name_for_uid(passwd, 7), None);
    assert_eq!(name_for_uid("garbage", 0), None);
}

#[test]
fn proc_locks_lines_are_read_for_the_file_s_device_and_inode() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("x");
    fs::write(&path, "").expect("write");
    let meta = fs::metadata(&path).expect("stat");
    use std::os::unix::fs::MetadataExt;
    let dev = meta.dev();
    let major = ((dev >> 8) & 0xfff) | ((dev >> 32) & !0xfff);
    let minor = (dev & 0xff) | ((dev >> 12) & !0xff);
    let place = format!("{major:02x}:{minor:02x}:{}", meta.ino());
    let locks = format!(
        "1: POSIX  ADVISORY  WRITE 10 {place} 0 EOF\n2: FLOCK  ADVISORY  WRITE 42 00:01:1 0 EOF\n2: -> FLOCK  ADVISORY  WRITE 43 {place} 0 EOF\n3: FLOCK  ADVISORY  WRITE 44 {place} 0 EOF\n"
    );
    assert_eq!(flock_holder(&locks, &meta), Some(44));
    assert_eq!(flock_holder("", &meta), None);
}
