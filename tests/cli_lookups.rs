//! The lookup subcommands run as a user runs them, on the built-in plan.

use std::process::{Command, Output};

fn plantrack(args: &[&str]) -> Output {
    let dir = tempfile::tempdir().expect("temp dir");
    Command::new(env!("CARGO_BIN_EXE_plantrack"))
        .args(args)
        // An empty working directory: no ./plans, so the built-in plan is used.
        .current_dir(dir.path())
        .env("HOME", dir.path())
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .env("PLANTRACK_STATE", dir.path().join("state.json"))
        // Lights for a fixed day early in the plan's year: all on track.
        .env("PLANTRACK_TODAY", "2020-06-01")
        .env_remove("NO_COLOR")
        // English, as on a server whose locale is C.
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("runs")
}

fn stdout(args: &[&str]) -> String {
    let out = plantrack(args);
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

fn stderr_of_failure(args: &[&str]) -> String {
    let out = plantrack(args);
    assert!(!out.status.success(), "{args:?} should fail");
    String::from_utf8(out.stderr).expect("utf-8")
}

#[test]
fn show_prints_the_task_with_its_part_group_and_full_agency_names() {
    let text = stdout(&["show", "55"]);
    assert!(
        text.starts_with("2020-ip-strategy:55  [not started]\n"),
        "{text}"
    );
    assert!(text.contains("三、促进知识产权创造运用 › （一）提高知识产权审查质量和效率"));
    assert!(text.contains("加强专利审查能力建设"));
    assert!(
        text.contains("lead  知识产权局  国家知识产权局 (CNIPA)"),
        "{text}"
    );
}

#[test]
fn show_json_lists_agencies_in_order_with_roles() {
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&["show", "2020-ip-strategy:8", "--json"])).expect("json");
    let names: Vec<(&str, &str)> = json[0]["agencies"]
        .as_array()
        .expect("agencies")
        .iter()
        .map(|a| {
            (
                a["name"].as_str().unwrap_or(""),
                a["role"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        names,
        [
            ("中央军委装备发展部", "lead"),
            ("知识产权局", "participating"),
            ("财政部", "participating"),
            ("国防科工局", "participating")
        ]
    );
}

#[test]
fn agency_by_any_name_lists_lead_tasks_first() {
    for name in ["市场监管总局", "国家市场监督管理总局", "SAMR", "scjgzj"] {
        let text = stdout(&["agency", name]);
        let lead = text.find("Lead (5 of 5):").expect("lead section");
        let participating = text
            .find("Participating (4 of 4):")
            .expect("participating section");
        assert!(lead < participating, "{name}: {text}");
        assert!(
            text[lead..participating].contains(" 42  [ ]○  市场监管总局"),
            "{text}"
        );
    }
}

#[test]
fn an_unknown_agency_gets_suggestions() {
    let err = stderr_of_failure(&["agency", "市场监管局总"]);
    assert!(
        err.contains("no agency in the loaded plans is called \"市场监管局总\""),
        "{err}"
    );
    assert!(
        err.contains("did you mean") && err.contains("市场监管总局"),
        "{err}"
    );
}

#[test]
fn search_ranks_the_phrase_and_marks_it() {
    let text = stdout(&["search", "专利审查", "-n", "2"]);
    let first = text.lines().next().expect("a result");
    assert!(first.starts_with(" 55  知识产权局"), "{text}");
    assert!(first.contains("加强[专利审查]能力建设"), "{text}");
    let text = stdout(&["search", "zlsc", "-n", "1"]);
    assert!(text.contains("加强[专利审查]能力建设"), "{text}");
}

#[test]
fn without_a_terminal_the_interface_says_what_to_do_instead() {
    // Standard input and output are pipes here.
    let err = stderr_of_failure(&[]);
    assert!(err.contains("needs a terminal"), "{err}");
    assert!(err.contains("plantrack show 55"), "{err}");
}

#[test]
fn search_takes_the_fzf_syntax() {
    let numbers = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["search", "-n", "200"];
        all.extend_from_slice(args);
        stdout(&all)
            .lines()
            .map(|l| l.split_whitespace().next().unwrap_or("").to_string())
            .collect()
    };
    let both = numbers(&["专利", "商标"]);
    assert_eq!(both.len(), 5, "{both:?}");
    for n in &both {
        assert!(numbers(&["专利"]).contains(n) && numbers(&["商标"]).contains(n));
    }
    // Excluding 商标 leaves the 专利 tasks without it.
    let without = numbers(&["专利", "!商标"]);
    assert!(without.iter().all(|n| !both.contains(n)), "{without:?}");
    assert_eq!(without.len() + both.len(), numbers(&["专利"]).len());
    // Only the lead abbreviation, not scattered letters of English names.
    let samr = numbers(&["SAMR"]);
    assert!(samr.len() < numbers(&["samr"]).len());
    assert!(samr.contains(&"42".to_string()), "{samr:?}");
    assert_eq!(numbers(&["ZLSC"])[..2], numbers(&["zlsc"])[..2]);
    let text = stdout(&["search", "^加强", "-n", "1"]);
    assert!(text.contains("[加强]"), "{text}");
}

#[test]
fn list_filters_by_part_and_agency_and_columns_line_up() {
    let text = stdout(&["list", "--part", "四"]);
    let numbers: Vec<&str> = text.lines().map(|l| l[..3].trim()).collect();
    assert_eq!(numbers, ["82", "83", "84", "85", "86", "87"]);
    assert_eq!(stdout(&["list", "--part", "4"]), text);
    // The text column starts at the same display column on every line.
    let starts: Vec<usize> = text
        .lines()
        .map(|l| {
            let cut: String = l
                .chars()
                .take_while(|c| !"维认办继促推".contains(*c))
                .collect();
            plantrack::text::display_width(&cut)
        })
        .collect();
    assert!(
        starts.windows(2).all(|w| w[0] == w[1]),
        "{starts:?}\n{text}"
    );
    let text = stdout(&["list", "--agency", "CNIPA"]);
    assert_eq!(text.lines().count(), 57);
}

#[test]
fn agencies_counts_lead_and_participating() {
    let text = stdout(&["agencies"]);
    let ip = text
        .lines()
        .find(|l| l.starts_with("知识产权局"))
        .expect("row");
    let cells: Vec<&str> = ip.split_whitespace().collect();
    assert_eq!(cells[..4], ["知识产权局", "35", "22", "0/57"]);
}

#[test]
fn bad_task_selectors_say_what_to_type() {
    let err = stderr_of_failure(&["show", "abc"]);
    assert!(
        err.contains("\"abc\" is not a task number; write a number such as 5, or PLAN:NUMBER"),
        "{err}"
    );
    let err = stderr_of_failure(&["show", "101"]);
    assert!(
        err.contains(
            "no loaded plan has a task 101; loaded plans: 2020-ip-strategy (100 tasks, numbered 1–100)"
        ),
        "{err}"
    );
    let err = stderr_of_failure(&["show", "nope:1"]);
    assert!(
        err.contains("no loaded plan has task nope:1; loaded plans:"),
        "{err}"
    );
}

#[test]
fn a_broken_plan_is_reported_and_the_others_still_load() {
    let dir = tempfile::tempdir().expect("temp dir");
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{\"format_version\": 1,").expect("write");
    let good = dir.path().join("good.json");
    std::fs::write(
        &good,
        r#"{"format_version":1,"id":"g","title":"G","tasks":[{"number":1,"text":"一件事。"}]}"#,
    )
    .expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_plantrack"))
        .args([
            "--plans",
            dir.path().to_str().expect("utf-8 path"),
            "show",
            "1",
        ])
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("broken.json:1:21: not valid JSON: EOF while parsing a value"),
        "{err}"
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("一件事。"));

    let out = Command::new(env!("CARGO_BIN_EXE_plantrack"))
        .args(["--plan", broken.to_str().expect("utf-8 path"), "list"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no plan could be loaded"));
}

#[test]
fn validate_names_file_line_and_column() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        "{\"format_version\": 3, \"id\": \"x\", \"title\": \"X\"}",
    )
    .expect("write");
    let out = plantrack(&["validate", bad.to_str().expect("utf-8 path")]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("plan format version 3 is not supported"),
        "{text}"
    );
    let shipped = concat!(env!("CARGO_MANIFEST_DIR"), "/plans/2020-ip-strategy.json");
    let text = stdout(&["validate", shipped]);
    assert!(
        text.contains("plan \"2020-ip-strategy\", 100 tasks in 5 parts"),
        "{text}"
    );
}

#[test]
fn import_writes_a_plan_and_reports_repairs_by_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let source = dir.path().join("2021-test.txt");
    std::fs::write(
        &source,
        "2021年测试推进计划\n\n一、加强保护\n\n1. 加强专利 审查。（知识产权局、 公安部负责）\n",
    )
    .expect("write");
    let output = dir.path().join("out.json");
    let out = plantrack(&[
        "import",
        source.to_str().expect("utf-8 path"),
        "-o",
        output.to_str().expect("utf-8 path"),
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("line 5:"), "{err}");
    assert!(err.contains("plan \"out\": 1 tasks"), "{err}");
    let plan = plantrack::plan_io::load_file(&output).expect("the written plan loads");
    assert_eq!(plan.id, "out");
    assert_eq!(plan.sections[0].tasks[0].text, "加强专利审查。");
}
