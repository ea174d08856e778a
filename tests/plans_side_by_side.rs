//! Two plans loaded at once: the shipped plan first unless the
//! configuration names another, and every list that mixes them labels each
//! task with its plan.

mod cli_support;

use cli_support::plantrack;
use plantrack::model::{Plan, Section, Task};
use std::path::Path;

fn with_second_plan(dir: &Path) {
    let plan = Plan::new(
        "2021-pilot",
        "2021年知识产权试点工作安排",
        vec![Section::new(
            "一",
            "专利转化",
            vec![Task::new(
                1,
                "推进专利开放许可试点，完善商标质押登记。",
                &["知识产权局"],
            )],
            vec![],
        )],
    );
    std::fs::create_dir_all(dir.join("plans")).expect("plans dir");
    std::fs::write(
        dir.join("plans/2021-pilot.json"),
        plantrack::plan_io::to_json(&plan),
    )
    .expect("plan file");
}

fn stdout(dir: &Path, args: &[&str]) -> String {
    let out = plantrack(dir, args).output().expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn the_shipped_plan_comes_first_unless_the_configuration_says_otherwise() {
    let dir = tempfile::tempdir().expect("temp dir");
    with_second_plan(dir.path());
    let first = |text: String| text.lines().next().unwrap_or_default().to_string();
    assert!(first(stdout(dir.path(), &["list"])).starts_with("2020-ip-strategy:1 "));
    let config = dir.path().join("config/plantrack/config.toml");
    std::fs::create_dir_all(config.parent().expect("parent")).expect("config dir");
    std::fs::write(&config, "first_plan = \"2021-pilot\"\n").expect("config");
    assert!(first(stdout(dir.path(), &["list"])).starts_with("2021-pilot:1 "));
}

#[test]
fn lists_that_mix_plans_label_each_task() {
    let dir = tempfile::tempdir().expect("temp dir");
    with_second_plan(dir.path());
    let hits = stdout(dir.path(), &["search", "专利", "商标", "-n", "50"]);
    assert!(
        hits.lines().any(|l| l.starts_with("2021-pilot:1 ")),
        "{hits}"
    );
    assert!(
        hits.lines().any(|l| l.starts_with("2020-ip-strategy:")),
        "{hits}"
    );
    let agency = stdout(dir.path(), &["agency", "知识产权局"]);
    assert!(agency.contains("2021-pilot:1 "), "{agency}");
}
