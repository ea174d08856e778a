//! Every command that writes records the person and agency named with
//! `--as`, whatever kind of change it makes.

mod store_support;

use plantrack::model::TaskKey;
use store_support::{plantrack, read_state, text};

#[test]
fn mark_due_and_feedback_all_record_who_and_which_agency() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plan = dir.path().join("t.json");
    std::fs::write(
        &plan,
        r#"{"format_version":1,"id":"t","title":"2020年测试计划","tasks":[{"number":1,"text":"任务","agencies":[{"name":"知识产权局","role":"lead"}]}]}"#,
    )
    .expect("writes");
    let state = dir.path().join("state");
    for args in [
        &["--as", "张三@知识产权局", "mark", "1", "in_progress"][..],
        &["--as", "张三@知识产权局", "due", "1", "2020-09-30"],
        &[
            "--as",
            "张三@知识产权局",
            "feedback",
            "1",
            "--progress",
            "已起草",
        ],
    ] {
        let output = plantrack(&plan, &state, args).output().expect("runs");
        assert!(
            output.status.success(),
            "{args:?}: {}",
            text(&output.stderr)
        );
    }
    let progress = read_state(&state);
    let history = progress
        .get(&TaskKey::new("t", 1))
        .expect("task 1 has changes")
        .history();
    assert_eq!(history.len(), 3, "{history:?}");
    for change in history {
        assert_eq!(change.by, "张三", "{change:?}");
        assert_eq!(change.agency.as_deref(), Some("知识产权局"), "{change:?}");
    }
}
