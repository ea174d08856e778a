//! Every subcommand's human output in Chinese and in English, compared with
//! tests/golden/cli-zh.txt and cli-en.txt. After an intended change,
//! regenerate with `UPDATE_GOLDEN=1 cargo test --test cli_lang` and read
//! the diff. Also: where the language comes from when none is given.

mod cli_support;

use cli_support::plantrack;
use std::path::Path;

/// What one run prints, stdout then stderr, with the temporary directory
/// and the times of changes (made now) written as placeholders.
fn run(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> String {
    let mut command = plantrack(dir, args);
    command.env("TZ", "UTC").env("PLANTRACK_USER", "tester");
    for (name, value) in env {
        command.env(name, value);
    }
    let out = command.output().expect("runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let text = text.replace(&dir.display().to_string(), "DIR");
    text.lines()
        .map(|line| {
            // "2026-11-29 17:38:31 +00:00  tester  …"
            let stamped = line.len() > 27
                && line.as_bytes()[4] == b'-'
                && line.as_bytes()[10] == b' '
                && line[..4].bytes().all(|b| b.is_ascii_digit());
            if stamped {
                format!("TIME{}", &line[26..])
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

const SESSION: &[&[&str]] = &[
    &["mark", "55", "进行中", "--note", "审查员扩招"],
    &["mark", "５５", "done"],
    &["mark", "55", "已完成"],
    &["show", "55"],
    &["show", "82"],
    &["history", "55"],
    &["history", "56"],
    &["list", "--part", "四"],
    &["list", "--status", "已完成"],
    &["agency", "公安部"],
    &["search", "专利", "商标"],
    &["search", "xqzv"],
    &["show", "999"],
    &["show", "abc"],
    &["agency", "国防科技部"],
    &["list", "--part", "九"],
    &["undo"],
    &["undo"],
    // Feedback: refused without an agency; saved; the same again.
    &["feedback", "55", "--progress", "已起草"],
    &[
        "feedback",
        "55",
        "--progress",
        "已起草",
        "--as",
        "张三@知识产权局",
    ],
    &[
        "feedback",
        "55",
        "--progress",
        "已起草",
        "--as",
        "张三@知识产权局",
    ],
    &["mark", "55", "suspended"],
    &["mark", "55", "done", "--reason", "已验收"],
    &["--as", "国防科技部", "mark", "55", "done"],
    &["history", "55"],
    // Time limits: set, not understood, no such day, back to the plan's.
    &["due", "56", "9月底"],
    &["due", "56", "下周"],
    &["due", "56", "2020-02-30"],
    &["due", "56", "none"],
    &["report", "--since", "2020-13-01"],
    &[
        "report", "--form", "office", "--format", "docx", "-o", "r.docx",
    ],
    // clap's own parse errors: Chinese written by us, English clap's.
    &["shwo", "55"],
    &["show"],
    &["list", "--frob"],
];

/// With a state file that is empty (cut short): every command that reads
/// or writes it says what is wrong and what to do.
const DAMAGED_STATE: &[&[&str]] = &[
    &["mark", "55", "done"],
    &["show", "55"],
    &["undo"],
    &["history", "55"],
];

fn session(lang: &str) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    commands(dir.path(), lang, SESSION)
}

fn commands(dir: &Path, lang: &str, commands: &[&[&str]]) -> String {
    let mut all = String::new();
    for args in commands {
        let mut with_lang = vec!["--lang", lang];
        with_lang.extend_from_slice(args);
        all.push_str(&format!("$ plantrack {}\n", with_lang.join(" ")));
        all.push_str(&run(dir, &with_lang, &[]));
        all.push_str("\n\n");
    }
    all
}

fn compare(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).expect("write golden");
        return;
    }
    let expected = std::fs::read_to_string(&path).expect("golden file");
    assert!(
        expected == actual,
        "{name} differs; UPDATE_GOLDEN=1 cargo test --test cli_lang, then read the diff\n{actual}"
    );
}

#[test]
fn every_subcommand_speaks_chinese() {
    compare("cli-zh.txt", &session("zh"));
}

#[test]
fn every_subcommand_speaks_english() {
    compare("cli-en.txt", &session("en"));
}

fn damaged_state(lang: &str) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("state.json"), "").expect("empty state");
    commands(dir.path(), lang, DAMAGED_STATE)
}

#[test]
fn state_file_errors_speak_chinese() {
    compare("cli-state-zh.txt", &damaged_state("zh"));
}

#[test]
fn state_file_errors_speak_english() {
    compare("cli-state-en.txt", &damaged_state("en"));
}

/// An invented county notice: one measure with its agency, one without, a
/// department the registry does not know.
const NOTICE: &str = "某县人民政府关于做好秋季防汛工作的通知
各乡镇人民政府，县政府各部门：
一、加强组织领导
（一）落实防汛责任。各乡镇要逐级压实责任，汛前完成隐患排查（县水务局负责）。
（二）做好物资储备。储备沙袋、救生衣等物资，确保随时可用。
";

const PLAN_FILES: &[&[&str]] = &[
    &["import", "notice.txt", "-o", "plans/notice.json"],
    &[
        "import",
        "notice.txt",
        "--allow-partial",
        "-o",
        "plans/notice.json",
    ],
    &["validate", "plans/notice.json", "empty.json", "v3.json"],
    &["import", "missing.txt"],
];

fn plan_files(lang: &str) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("notice.txt"), NOTICE).expect("notice");
    std::fs::write(dir.path().join("empty.json"), "").expect("empty");
    let v3 = "{\"format_version\": 3, \"id\": \"x\", \"title\": \"X\"}";
    std::fs::write(dir.path().join("v3.json"), v3).expect("v3");
    commands(dir.path(), lang, PLAN_FILES)
}

#[test]
fn import_and_validate_speak_chinese() {
    compare("cli-plans-zh.txt", &plan_files("zh"));
}

#[test]
fn import_and_validate_speak_english() {
    compare("cli-plans-en.txt", &plan_files("en"));
}

#[test]
fn the_language_comes_from_the_flag_the_configuration_or_the_locale() {
    let dir = tempfile::tempdir().expect("temp dir");
    let show = |args: &[&str], env: &[(&str, &str)]| run(dir.path(), args, env);
    let first_line = |text: String| text.lines().next().unwrap_or_default().to_string();
    let english = "2020-ip-strategy:55  [not started]";
    let chinese = "2020-ip-strategy:55  [未开始]";
    assert_eq!(first_line(show(&["show", "55"], &[])), english, "LANG=C");
    let en_us = [("LANG", "en_US.UTF-8")];
    assert_eq!(first_line(show(&["show", "55"], &en_us)), english);
    let zh_cn = [("LANG", "zh_CN.UTF-8")];
    assert_eq!(first_line(show(&["show", "55"], &zh_cn)), chinese);
    assert_eq!(
        first_line(show(&["--lang", "en", "show", "55"], &zh_cn)),
        english
    );
    let config = dir.path().join("config/plantrack/config.toml");
    std::fs::create_dir_all(config.parent().expect("a parent")).expect("config dir");
    std::fs::write(&config, "lang = \"zh\"\n").expect("config");
    assert_eq!(first_line(show(&["show", "55"], &[])), chinese, "config");
    assert_eq!(
        first_line(show(&["--lang", "en", "show", "55"], &[])),
        english
    );
}
