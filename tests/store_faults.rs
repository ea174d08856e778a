//! Damaged state files are reported and never overwritten; an unwritable
//! directory is reported and the change stays with the caller.

mod store_support;

use plantrack::model::TaskKey;
use plantrack::progress::{Change, ChangeKind, Status};
use plantrack::store::{Store, StoreError};
use std::path::Path;
use store_support::{run, text, write_plan};

/// (name, bytes, the message expected, with its position)
const DAMAGED: [(&str, &[u8], &str); 6] = [
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
        "state.json:1:50: the state file is not UTF-8 text (byte 0xe4)",
    ),
    (
        "wrong types",
        b"{\"format_version\": 1, \"tasks\": {\"t:1\": {\"history\": {}}}}",
        "state.json:1:51: not a plantrack state file of format version 1: invalid type: map, expected a sequence",
    ),
];

fn change() -> (TaskKey, Change) {
    (
        TaskKey::new("t", 1),
        Change {
            at: jiff::Timestamp::from_second(1_700_000_000).expect("valid"),
            by: "tester".into(),
            what: ChangeKind::Status {
                from: Status::NotStarted,
                to: Status::Done,
            },
        },
    )
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

#[test]
fn damaged_files_give_their_message_and_keep_their_bytes() {
    for (name, bytes, expected) in DAMAGED {
        let dir = tempfile::tempdir().expect("temp dir");
        let plan = write_plan(dir.path(), "t", 3);
        let state = dir.path().join("state.json");
        std::fs::write(&state, bytes).expect("writes");

        let error = Store::open(state.clone()).expect_err(name);
        assert!(error.is_invalid_file(), "{name}");
        let message = error.to_string();
        assert!(message.contains(expected), "{name}: {message}");
        assert!(
            message.contains("plantrack will not overwrite it"),
            "{name}: {message}"
        );
        assert_eq!(std::fs::read(&state).expect("reads"), bytes, "{name}: open");

        let error = Store::at(state.clone())
            .commit(&[change()])
            .expect_err(name);
        assert!(error.to_string().contains(expected), "{name}: {error}");
        assert_eq!(
            std::fs::read(&state).expect("reads"),
            bytes,
            "{name}: commit"
        );

        for args in [&["mark", "1", "done"][..], &["history", "1"]] {
            let output = run(&plan, &state, args);
            let stderr = text(&output.stderr);
            assert_eq!(output.status.code(), Some(1), "{name} {args:?}: {stderr}");
            assert!(stderr.contains(expected), "{name} {args:?}: {stderr}");
            assert!(output.stdout.is_empty(), "{name} {args:?}");
            assert_eq!(
                std::fs::read(&state).expect("reads"),
                bytes,
                "{name} {args:?}"
            );
        }
        assert!(
            text(&run(&plan, &state, &["mark", "1", "done"]).stderr).contains("nothing was saved")
        );
        // No temp file left beside it either.
        assert_eq!(
            files_in(dir.path()),
            ["state.json", "state.json.lock", "t.json"],
            "{name}"
        );
    }
}

#[test]
fn marks_for_tasks_in_no_loaded_plan_are_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plan = write_plan(dir.path(), "t", 3);
    let state = dir.path().join("state.json");
    let (mut store, _) = Store::open(state.clone()).expect("opens");
    let (_, mut old) = change();
    old.at = jiff::Timestamp::from_second(1_600_000_000).expect("valid");
    store
        .commit(&[(TaskKey::new("gone", 5), old)])
        .expect("saves");
    let output = run(
        &plan,
        &state,
        &["mark", "t:2", "in_progress", "--note", "在办"],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    let (_, progress) = Store::open(state.clone()).expect("opens");
    assert_eq!(progress.status(&TaskKey::new("gone", 5)), Status::Done);
    assert_eq!(progress.status(&TaskKey::new("t", 2)), Status::InProgress);
    assert_eq!(progress.note(&TaskKey::new("t", 2)), "在办");
    // history of a task no plan has still works with PLAN:N.
    let output = run(&plan, &state, &["history", "gone:5"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains("in no loaded plan"));
}

#[test]
fn mark_and_history_report_what_changed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plan = write_plan(dir.path(), "t", 3);
    let state = dir.path().join("state.json");
    let output = run(
        &plan,
        &state,
        &["mark", "2", "done", "--note", "等待财政部"],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(
        text(&output.stdout),
        format!(
            "t:2: not started → done\nt:2: note \"\" → \"等待财政部\"\nsaved to {}\n",
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
    // Errors: an unknown task and a bad status word are usage errors.
    let output = run(&plan, &state, &["mark", "9", "done"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("no loaded plan has a task 9; loaded plans: t (3 tasks"));
    let output = run(&plan, &state, &["mark", "1", "finito"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("\"finito\" is not a status"));
}

/// chmod 555 stops writes except for root (CAP_DAC_OVERRIDE), and these
/// tests may run as root. Then a directory that is not one at all (its
/// path now names a regular file) is used: the write fails just the same
/// way for the store, although with another reason.
#[test]
fn an_unwritable_directory_is_reported_and_the_change_kept_for_a_retry() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let shared = dir.path().join("shared");
    std::fs::create_dir(&shared).expect("mkdir");
    let state = shared.join("state.json");
    let (mut store, _) = Store::open(state.clone()).expect("opens");
    let pending = vec![change()];

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
        let error = store.commit(&pending).expect_err("cannot write");
        assert!(matches!(error, StoreError::Write { .. }), "{error:?}");
        std::fs::remove_file(&shared).expect("rm");
        std::fs::rename(dir.path().join("moved"), &shared).expect("move back");
        error
    } else {
        let error = store.commit(&pending).expect_err("cannot write");
        assert!(matches!(error, StoreError::NotWritable { .. }), "{error:?}");
        assert!(
            error.to_string().contains("the directory is not writable"),
            "{error}"
        );
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        error
    };
    let message = error.to_string();
    assert!(!error.is_invalid_file());
    assert!(
        message.contains("kept in memory and will be retried"),
        "{message}"
    );
    assert!(!state.exists(), "nothing was written");
    // The caller still holds the change and retries it once writing works.
    let saved = store.commit(&pending).expect("retry saves");
    assert_eq!(saved.status(&TaskKey::new("t", 1)), Status::Done);
}
