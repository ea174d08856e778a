//! docs/json-output.md against the program: every `--json` lookup runs on
//! the built-in plan, and the fields each table of the document lists must
//! be exactly the fields printed.

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

const DOC: &str = include_str!("../docs/json-output.md");

mod cli_support;

fn plantrack(dir: &Path, args: &[&str]) -> Value {
    let out = cli_support::plantrack(dir, args).output().expect("runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{args:?} is not JSON: {e}"))
}

/// The backquoted names in the first column of the table under `### name`.
fn documented(name: &str) -> BTreeSet<String> {
    let heading = format!("### {name}\n");
    let start = DOC
        .find(&heading)
        .unwrap_or_else(|| panic!("docs/json-output.md has no section {name}"))
        + heading.len();
    let section = DOC[start..].split("\n#").next().unwrap_or_default();
    let fields: BTreeSet<String> = section
        .lines()
        .filter(|l| l.starts_with("| `"))
        .flat_map(|l| {
            let first = l.split('|').nth(1).unwrap_or_default();
            first
                .split('`')
                .skip(1)
                .step_by(2)
                .map(String::from)
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(!fields.is_empty(), "section {name} lists no fields");
    fields
}

fn keys(value: &Value) -> BTreeSet<String> {
    value
        .as_object()
        .unwrap_or_else(|| panic!("not an object: {value}"))
        .keys()
        .cloned()
        .collect()
}

fn check(name: &str, value: &Value) {
    assert_eq!(keys(value), documented(name), "fields of {name}");
}

#[test]
fn every_json_lookup_prints_exactly_the_documented_fields() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dir = dir.path();

    let mark = plantrack(dir, &["mark", "55", "blocked", "--note", "待批", "--json"]);
    check("mark result", &mark);
    // A change carries `at`, `by` and one of `status` or `note`.
    for change in mark["changes"].as_array().expect("changes") {
        let fields = keys(change);
        assert!(fields.is_subset(&documented("change")), "{change}");
        assert!(fields.contains("at") && fields.contains("by"), "{change}");
    }

    let show = plantrack(dir, &["show", "55", "--json"]);
    check("task", &show[0]);
    check("agency in task", &show[0]["agencies"][0]);
    assert_eq!(show[0]["status"], "blocked");

    check(
        "task",
        &plantrack(dir, &["list", "--part", "4", "--json"])[0],
    );
    check(
        "agency summary",
        &plantrack(dir, &["agencies", "--json"])[0],
    );

    let agency = plantrack(dir, &["agency", "知识产权局", "--json"]);
    let mut detail = documented("agency summary");
    detail.extend(documented("agency detail"));
    assert_eq!(keys(&agency), detail);
    check("task", &agency["lead_tasks"][0]);

    let search = plantrack(dir, &["search", "专利审查", "--json"]);
    check("search hit", &search[0]);
    check("task", &search[0]["task"]);

    let history = plantrack(dir, &["history", "55", "--json"]);
    check("history", &history);
    assert!(keys(&history["history"][0]).is_subset(&documented("change")));

    let report = plantrack(dir, &["report", "--json", "--date", "2024-06-28"]);
    check("report", &report);
    check("counts", &report["overall"]);
    check("plan summary", &report["plans"][0]);
    check("part progress", &report["parts"][0]);
    check("agency progress", &report["agencies"][0]);
    check("task list", &report["task_lists"][0]);
    check("task", &report["task_lists"][0]["tasks"][0]);
    assert!(report["agency"].is_null());

    let one = plantrack(dir, &["report", "--format", "json", "--agency", "CNIPA"]);
    check("agency report", &one["agency"]);
}
