//! Damaged state is reported and never overwritten; an unwritable directory
//! is reported and nothing is half-written.

mod store_support;

use plantrack::model::TaskKey;
use plantrack::progress::{Change, ChangeKind, Status};
use plantrack::store::{Draft, Location, Store, StoreError, Writer, format_line};
use std::path::Path;
use store_support::{read_state, run, text, try_read_state, write_plan};

/// A version 1 state file given as `--state` is migrated from; damaged, it
/// is reported with its position. (name, bytes, the message expected)
const DAMAGED_V1: [(&str, &[u8], &str); 6] = [
    (
        "corrupt",
        b"{\n  \"format_version\": 1,\n  \"tasks\": {]\n}\n",
        "state.json:3:13: the state file is not valid JSON",
    ),
    (
        "truncated",
        b"{\n  \"format_version\": 1,\n  \"tasks\": {\n    \"t:1\": {\"history\": [",
        "state.json:4:24: the state file ends too early",
    ),
    ("empty", b"", "state.json: the state file is empty"),
    (
        "wrong version",
        b"{\"format_version\": 7, \"tasks\": {}}\n",
        "state.json: state format version 7 is not supported; this plantrack reads version 1",
    ),
    (
        "not UTF-8",
        b"{\"format_version\": 1, \"tasks\": {\"t:1\": {\"note\": \"\xe4\xb8\", \"history\": []}}}",
        "state.json:1:50: the file is not UTF-8 text (byte 0xe4)",
    ),
    (
        "wrong types",
        b"{\"format_version\": 1, \"tasks\": {\"t:1\": {\"history\": {}}}}",
        "state.json:1:51: not a plantrack state file of format version 1: invalid type: map, expected a sequence",
    ),
];

const GOOD: &str = r#"{"id":"a1","at":"2023-11-14T22:13:20Z","seq":0,"by":"bob","agency":null,"plan":"t","task":1,"change":{"status":{"from":"not_started","to":"done"}}}"#;

/// Damaged log lines (the second line of `bob@test.jsonl`).
fn damaged_logs() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let line = |bad: &str| format!("{GOOD}\n{bad}\n").into_bytes();
    vec![
        (
            "not JSON",
            line("{\"id\":"),
            "bob@test.jsonl:2:6: not a change",
        ),
        (
            "unknown status",
            line(&GOOD.replace("\"done\"", "\"finished\"")),
            "bob@test.jsonl:2:",
        ),
        (
            "unknown field",
            line(&GOOD.replace("\"seq\":0", "\"seq\":0,\"colour\":1")),
            "unknown field `colour`",
        ),
        (
            "not UTF-8",
            [format!("{GOOD}\n").as_bytes(), b"{\"id\":\"\xe4\xb8\"}\n"].concat(),
            "bob@test.jsonl:2:8: the file is not UTF-8 text (byte 0xe4)",
        ),
        (
            "bad plan id",
            line(&GOOD.replace("\"plan\":\"t\"", "\"plan\":\" x\"")),
            "plan id \" x\" is empty or has white space",
        ),
    ]
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("lists")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn refused_everywhere(plan: &Path, state: &Path, watched: &Path, bytes: &[u8], expected: &str) {
    for args in [&["mark", "1", "done"][..], &["history", "1"]] {
        let output = run(plan, state, args);
        let stderr = text(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
        assert!(output.stdout.is_empty(), "{args:?}");
        assert_eq!(std::fs::read(watched).expect("reads"), bytes, "{args:?}");
    }
    assert!(text(&run(plan, state, &["mark", "1", "done"]).stderr).contains("nothing was saved"));
    // `validate` says so too, and lookups still show the plan.
    let output = run(plan, state, &["validate"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stdout).contains(expected),
        "{}",
        text(&output.stdout)
    );
    assert!(run(plan, state, &["show", "1"]).status.success());
}

#[test]
fn a_damaged_version_1_file_gives_its_message_and_keeps_its_bytes() {
    for (name, bytes, expected) in DAMAGED_V1 {
        let dir = tempfile::tempdir().expect("temp dir");
        let plan = write_plan(dir.path(), "t", 3);
        let state = dir.path().join("state.json");
        std::fs::write(&state, bytes).expect("writes");
        let location = Location::resolve(Some(&state)).expect("resolves");
        let error = match Store::open(location, writer()) {
            Err(error) => error,
            Ok(_) => panic!("{name}: opened"),
        };
        assert!(error.is_invalid_file(), "{name}");
        let message = error.to_string();
        assert!(message.contains(expected), "{name}: {message}");
        assert!(
            message.contains("plantrack will not overwrite it"),
            "{name}: {message}"
        );
        refused_everywhere(&plan, &state, &state, bytes, expected);
        assert_eq!(
            files_in(dir.path()),
            ["state.json", "t.json"],
            "{name}: nothing created"
        );
    }
}

#[test]
fn a_damaged_log_gives_its_message_and_keeps_its_bytes() {
    for (name, bytes, expected) in damaged_logs() {
        let dir = tempfile::tempdir().expect("temp dir");
        let plan = write_plan(dir.path(), "t", 3);
        let state = dir.path().join("state");
        std::fs::create_dir(&state).expect("mkdir");
        let log = state.join("bob@test.jsonl");
        std::fs::write(&log, &bytes).expect("writes");
        let error = try_read_state(&state).expect_err(name);
        assert!(error.is_invalid_file(), "{name}");
        assert!(error.to_string().contains(expected), "{name}: {error}");
        refused_everywhere(&plan, &state, &log, &bytes, expected);
        assert_eq!(
            files_in(&state),
            ["bob@test.jsonl"],
            "{name}: no log of our own, no lock"
        );
    }
}

fn writer() -> Writer {
    Writer {
        person: "tester".into(),
        agency: None,
        host: "test".into(),
    }
}

#[test]
fn marks_for_tasks_in_no_loaded_plan_are_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plan = write_plan(dir.path(), "t", 3);
    let state = dir.path().join("state");
    std::fs::create_dir(&state).expect("mkdir");
    let mut old = Change::new(
        jiff::Timestamp::from_second(1_600_000_000).expect("valid"),
        "前任",
        ChangeKind::Status {
            from: Status::NotStarted,
            to: Status::Done,
            reason: String::new(),
        },
    );
    old.id = "old1".into();
    let line = format_line(&TaskKey::new("gone", 5), &old);
    std::fs::write(state.join("前任@old.jsonl"), line + "\n").expect("writes");
    let output = run(
        &plan,
        &state,
        &["mark", "t:2", "in_progress", "--note", "在办"],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    let progress = read_state(&state);
    assert_eq!(progress.status(&TaskKey::new("gone", 5)), Status::Done);
    assert_eq!(progress.status(&TaskKey::new("t", 2)), Status::InProgress);
    assert_eq!(progress.note(&TaskKey::new("t", 2)), "在办");
    let output = run(&plan, &state, &["history", "gone:5"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains("in no loaded plan"));
}

#[test]
fn mark_and_history_report_what_changed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plan = write_plan(dir.path(), "t", 3);
    let state = dir.path().join("state");
    let output = run(
        &plan,
        &state,
        &["mark", "2", "done", "--note", "等待财政部"],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(
        text(&output.stdout),
        format!(
            "Task t:2: not started → done · saved\nTask t:2: note “等待财政部” · saved\nsaved to {}\n",
            state.display()
        )
    );
    let output = run(&plan, &state, &["mark", "2", "--note", "", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(json["status"], "done");
    assert_eq!(json["note"], "");
    assert_eq!(json["changes"][0]["note"]["from"], "等待财政部");
    let output = run(&plan, &state, &["history", "t:2"]);
    let stdout = text(&output.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 5, "{stdout}");
    assert!(
        lines[1].ends_with("+00:00  tester  status  not started → done"),
        "{stdout}"
    );
    assert!(
        lines[3].ends_with("tester  note    \"等待财政部\" → \"\""),
        "{stdout}"
    );
    assert_eq!(lines[4], "now: done");
    let output = run(&plan, &state, &["mark", "9", "done"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("no loaded plan has a task 9; loaded plans: t (3 tasks"));
    let output = run(&plan, &state, &["mark", "1", "finito"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("\"finito\" is not a status"));
}

/// chmod 555 stops writes except for root (CAP_DAC_OVERRIDE), and these
/// tests may run as root. Then the state directory is replaced by a regular
/// file: the write fails just the same way, although with another reason.
#[test]
fn an_unwritable_directory_is_reported_and_nothing_is_half_written() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let shared = dir.path().join("shared");
    std::fs::create_dir(&shared).expect("mkdir");
    let location = Location {
        dir: shared.clone(),
        v1: None,
    };
    let mut store = Store::open(location, writer()).expect("opens");
    let draft = || {
        vec![Draft {
            key: TaskKey::new("t", 1),
            what: ChangeKind::Status {
                from: Status::NotStarted,
                to: Status::Done,
                reason: String::new(),
            },
            undoes: None,
        }]
    };
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    let root_ignores_chmod = std::fs::write(shared.join("probe"), b"").is_ok();
    let error = if root_ignores_chmod {
        eprintln!(
            "running as root: chmod 555 does not stop writes; replacing the directory by a regular file instead"
        );
        std::fs::remove_file(shared.join("probe")).expect("rm probe");
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        std::fs::rename(&shared, dir.path().join("moved")).expect("move away");
        std::fs::write(&shared, b"not a directory").expect("write file");
        let error = store.append_with(|_| draft()).expect_err("cannot write");
        assert!(matches!(error, StoreError::Write { .. }), "{error:?}");
        std::fs::remove_file(&shared).expect("rm");
        std::fs::rename(dir.path().join("moved"), &shared).expect("move back");
        error
    } else {
        let error = store.append_with(|_| draft()).expect_err("cannot write");
        assert!(matches!(error, StoreError::NotWritable { .. }), "{error:?}");
        assert!(
            error.to_string().contains("the directory is not writable"),
            "{error}"
        );
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        error
    };
    assert!(!error.is_invalid_file());
    assert!(error.to_string().contains("will be retried"), "{error}");
    assert!(
        files_in(&shared).is_empty(),
        "nothing was written: {:?}",
        files_in(&shared)
    );
    store
        .append_with(|_| draft())
        .expect("saves once writing works");
    assert_eq!(
        read_state(&shared).status(&TaskKey::new("t", 1)),
        Status::Done
    );
}

/// A clock an hour behind: "saved", and it did change the task.
#[test]
fn a_mark_from_a_clock_an_hour_behind_still_wins() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plan = write_plan(dir.path(), "t", 3);
    let state = dir.path().join("state");
    std::fs::create_dir(&state).expect("mkdir");
    // A teammate's change stamped an hour ahead of this machine.
    let ahead = jiff::Timestamp::now()
        .checked_add(jiff::SignedDuration::from_hours(1))
        .expect("valid");
    let mut theirs = Change::new(
        ahead,
        "bob",
        ChangeKind::Status {
            from: Status::NotStarted,
            to: Status::Done,
            reason: String::new(),
        },
    );
    theirs.id = "bob1".into();
    std::fs::write(
        state.join("bob@fast.jsonl"),
        format_line(&TaskKey::new("t", 2), &theirs) + "\n",
    )
    .expect("writes");
    let output = run(&plan, &state, &["mark", "2", "blocked"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains("t:2: done → blocked"));
    assert_eq!(
        read_state(&state).status(&TaskKey::new("t", 2)),
        Status::Blocked
    );
}
