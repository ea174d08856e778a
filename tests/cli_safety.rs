//! What a damaged or hostile file, a skewed clock or a careless setting does
//! to the commands: never a silent loss, never a normal-looking result.

mod cli_support;

use cli_support::plantrack;
use std::path::Path;
use std::process::Output;

fn run(dir: &Path, args: &[&str]) -> Output {
    plantrack(dir, args).output().expect("runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The state as plantrack reads it from `dir/state.json` (a version 1 file
/// there is migrated into `state.json.d/`; otherwise it is the directory).
fn read_state(dir: &Path) -> plantrack::progress::Progress {
    use plantrack::store::{Location, Store, Writer};
    let location = Location::resolve(Some(&dir.join("state.json"))).expect("resolves");
    let writer = Writer {
        person: "reader".into(),
        agency: None,
        host: "test".into(),
    };
    Store::open(location, writer)
        .expect("the state reads")
        .progress()
        .clone()
}

/// A mark from a machine whose clock is an hour behind the last change.
#[test]
fn a_mark_made_with_a_clock_behind_still_takes_effect() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ahead = jiff::Timestamp::now() + jiff::SignedDuration::from_hours(1);
    let state = serde_json::json!({
        "format_version": 1,
        "tasks": {
            "2020-ip-strategy:2": {
                "history": [{
                    "at": ahead.to_string(),
                    "by": "ann",
                    "status": {"from": "not_started", "to": "done"}
                }]
            }
        }
    });
    std::fs::write(dir.path().join("state.json"), state.to_string()).expect("write");
    let out = run(dir.path(), &["mark", "2", "in_progress"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("done → in progress"),
        "{}",
        text(&out.stdout)
    );
    let progress = read_state(dir.path());
    let key = plantrack::model::TaskKey::new("2020-ip-strategy", 2);
    assert_eq!(
        progress.status(&key),
        plantrack::progress::Status::InProgress
    );
    let history = progress.get(&key).expect("marked").history();
    assert_eq!(history.len(), 2);
    assert!(
        history[1].order() > history[0].order(),
        "the new change is ordered after the one it replaced"
    );
}

#[test]
fn plan_ids_that_would_break_the_shared_file_are_refused_on_load() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, id) in [("empty.json", ""), ("space.json", " x")] {
        let plan = serde_json::json!({
            "format_version": 1, "id": id, "title": "T",
            "tasks": [{"number": 1, "text": "一件事。"}]
        });
        let path = dir.path().join(name);
        std::fs::write(&path, serde_json::to_string_pretty(&plan).expect("json")).expect("write");
        let path = path.to_str().expect("utf-8");
        let out = run(dir.path(), &["validate", path]);
        assert_eq!(out.status.code(), Some(1), "{name}");
        let shown = text(&out.stdout);
        assert!(
            shown.contains(&format!("{path}:3:1: the plan id")),
            "{shown}"
        );
        let out = run(dir.path(), &["--plan", path, "mark", "1", "done"]);
        assert!(!out.status.success(), "{name}: marked");
        assert!(
            !dir.path().join("state.json").exists(),
            "{name}: wrote a bad key"
        );
    }
}

#[test]
fn a_state_value_plantrack_does_not_know_fails_report_and_validate_with_its_place() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = "{\n  \"format_version\": 1,\n  \"tasks\": {\n    \"2020-ip-strategy:2\": {\n      \"history\": [\n        {\"at\": \"2026-01-05T08:00:00Z\", \"by\": \"ann\", \"status\": {\"from\": \"not_started\", \"to\": \"finished\"}}\n      ]\n    }\n  }\n}\n";
    std::fs::write(dir.path().join("state.json"), state).expect("write");
    let where_ = format!("{}:6:", dir.path().join("state.json").display());
    for args in [
        &["report"][..],
        &["report", "--format", "csv"],
        &["validate"],
    ] {
        let out = run(dir.path(), args);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{args:?}: {}",
            text(&out.stdout)
        );
        let all = text(&out.stdout) + &text(&out.stderr);
        assert!(all.contains(&where_), "{args:?}: {all}");
        assert!(
            all.contains("unknown variant `finished`"),
            "{args:?}: {all}"
        );
        assert!(!all.contains("已完成0项"), "{args:?}: {all}");
    }
}

#[test]
fn a_plan_file_with_a_byte_order_mark_loads() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bom.json");
    let plan =
        r#"{"format_version":1,"id":"bom","title":"T","tasks":[{"number":1,"text":"一件事。"}]}"#;
    std::fs::write(&path, [&b"\xef\xbb\xbf"[..], plan.as_bytes()].concat()).expect("write");
    let out = run(dir.path(), &["validate", path.to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", text(&out.stdout));
}

#[cfg(unix)]
#[test]
fn a_fifo_in_the_plans_directory_is_skipped_with_a_warning() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plans = dir.path().join("plans");
    std::fs::create_dir(&plans).expect("mkdir");
    let made = std::process::Command::new("mkfifo")
        .arg(plans.join("pipe.json"))
        .status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    std::os::unix::fs::symlink("/dev/zero", plans.join("zero.json")).expect("symlink");
    // With a deadline: on failure this would hang or eat memory.
    let mut child = plantrack(dir.path(), &["list"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while child.try_wait().expect("status").is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("list hung on a FIFO");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("output");
    assert!(out.status.success());
    let err = text(&out.stderr);
    assert!(err.contains("pipe.json: not a regular file"), "{err}");
    assert!(err.contains("zero.json: not a regular file"), "{err}");
    assert!(text(&out.stdout).contains("知识产权局"));
}

#[cfg(unix)]
#[test]
fn report_files_get_the_mode_the_umask_gives() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let out = std::process::Command::new("sh")
        .args([
            "-c",
            "umask 022 && exec \"$0\" report -o r.md",
            env!("CARGO_BIN_EXE_plantrack"),
        ])
        .current_dir(dir.path())
        .env("HOME", dir.path())
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .env("PLANTRACK_STATE", dir.path().join("state.json"))
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let mode = std::fs::metadata(dir.path().join("r.md"))
        .expect("written")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o644);
}

#[cfg(unix)]
#[test]
fn a_lock_file_one_may_not_open_is_not_called_an_unwritable_directory() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("state.json")).expect("state directory");
    let lock = dir.path().join("state.json/.plantrack.lock");
    std::fs::write(&lock, "").expect("write");
    std::fs::set_permissions(&lock, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    if std::fs::File::open(&lock).is_ok() {
        eprintln!("running as root: mode 000 does not stop opening; nothing to check here");
        return;
    }
    let out = run(dir.path(), &["mark", "1", "done"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("the lock file exists but you may not open it"),
        "{err}"
    );
    assert!(!err.contains("directory is not writable"), "{err}");
}

/// The command printed for a change that could not be saved finds the same
/// task again: a plan loaded with --plan is named in it.
#[test]
fn the_printed_command_for_an_unsaved_mark_works_for_a_plan_given_with_plan() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plan = dir.path().join("own.json");
    let body =
        r#"{"format_version":1,"id":"own","title":"T","tasks":[{"number":3,"text":"一件事。"}]}"#;
    std::fs::write(&plan, body).expect("write");
    std::fs::create_dir(dir.path().join("state.json")).expect("state directory");
    let lock =
        std::fs::File::create(dir.path().join("state.json/.plantrack.lock")).expect("lock file");
    fs4::FileExt::try_lock(&lock).expect("locked");
    let args = [
        "--plan",
        "own.json",
        "--lock-timeout",
        "0",
        "mark",
        "3",
        "--note=-x",
    ];
    let out = run(dir.path(), &args);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    let again = err
        .lines()
        .skip_while(|l| !l.ends_with("to record it later, run:"))
        .nth(1)
        .expect("the command")
        .trim()
        .replacen("plantrack", env!("CARGO_BIN_EXE_plantrack"), 1);
    assert!(
        again.contains(&format!("--plan {}", plan.display())),
        "{again}"
    );
    drop(lock);
    // From another directory, as a user would paste it later.
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let out = std::process::Command::new("sh")
        .args(["-c", &again])
        .current_dir(elsewhere.path())
        .env("HOME", elsewhere.path())
        .output()
        .expect("sh");
    assert!(out.status.success(), "{again}: {}", text(&out.stderr));
    let progress = read_state(dir.path());
    assert_eq!(
        progress.note(&plantrack::model::TaskKey::new("own", 3)),
        "-x"
    );
}
