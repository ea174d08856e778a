//! `policy = "lead-sets-status"`: a participating agency's status change is
//! a proposal the lead sees, not applied.

mod store_support;

use plantrack::model::TaskKey;
use plantrack::progress::Status;
use store_support::{plantrack, read_state, text};

#[test]
fn a_participant_proposes_and_the_lead_decides() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plan = dir.path().join("t.json");
    std::fs::write(
        &plan,
        r#"{"format_version":1,"id":"t","title":"T","tasks":[{"number":1,"text":"任务","agencies":[{"name":"教育部","role":"lead"},{"name":"知识产权局","role":"participating"}]}]}"#,
    )
    .expect("writes");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "policy = \"lead-sets-status\"\n").expect("writes");
    let state = dir.path().join("state");
    let run = |agency: &str, args: &[&str]| {
        plantrack(&plan, &state, args)
            .env("PLANTRACK_CONFIG", &config)
            .env("PLANTRACK_AGENCY", agency)
            .output()
            .expect("runs")
    };
    let output = run("国家知识产权局", &["mark", "1", "done"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        text(&output.stdout)
            .contains("Task t:1: not started → done (proposed to the lead agency) · saved"),
        "{}",
        text(&output.stdout)
    );
    assert_eq!(
        read_state(&state).status(&TaskKey::new("t", 1)),
        Status::NotStarted
    );
    let history = text(&run("教育部", &["history", "1"]).stdout);
    assert!(
        history.contains("not started → done (proposed to the lead agency)"),
        "{history}"
    );
    let output = run("教育部", &["mark", "1", "done"]);
    assert!(
        text(&output.stdout).contains("t:1: not started → done"),
        "{}",
        text(&output.stdout)
    );
    assert_eq!(
        read_state(&state).status(&TaskKey::new("t", 1)),
        Status::Done
    );
}
