//! `plantrack import` as a user meets it: refusals with their own message
//! and a non-zero exit, nothing written for a partial import unless asked,
//! standard input, `--id`, and where the written plan is loaded from.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn run(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_plantrack"))
        .args(args)
        .current_dir(dir)
        .env("HOME", dir)
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("plantrack runs");
    if let Some(mut pipe) = child.stdin.take() {
        pipe.write_all(stdin.unwrap_or_default()).expect("stdin");
    }
    child.wait_with_output().expect("plantrack finishes")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

/// Each refusal: non-zero, its own message, and no plan written.
#[test]
fn refusals_each_say_what_is_wrong() {
    let dir = tempfile::tempdir().expect("tempdir");
    let zip = {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        w.start_file("notes.txt", zip::write::SimpleFileOptions::default())
            .expect("zip");
        w.write_all(b"hello").expect("zip");
        w.finish().expect("zip").into_inner()
    };
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| u8::try_from(i * 7919 % 251).unwrap_or(0))
        .collect();
    let no_lists = std::fs::read(fixture("no-lists.txt")).expect("fixture");
    for (name, bytes, needle) in [
        ("empty.txt", Vec::new(), "empty"),
        ("garbage.bin", garbage, "binary data"),
        (
            "plan.docx",
            zip,
            "zip archive but not a Word .docx or Excel .xlsx",
        ),
        ("no-lists.txt", no_lists, "assigns no agencies"),
    ] {
        std::fs::write(dir.path().join(name), &bytes).expect("write");
        let out = run(dir.path(), &["import", name, "-o", "out.json"], None);
        let message = stderr(&out);
        assert!(!out.status.success(), "{name}: {message}");
        assert!(message.contains(needle), "{name}: {message}");
        assert!(!message.contains("iconv"), "{name}: {message}");
        assert!(!dir.path().join("out.json").exists(), "{name}");
    }
}

/// The same refusals in Chinese: every sentence of them.
#[test]
fn refusals_in_chinese() {
    let dir = tempfile::tempdir().expect("tempdir");
    let no_lists = std::fs::read(fixture("no-lists.txt")).expect("fixture");
    for (name, bytes, said) in [
        (
            "empty.txt",
            Vec::new(),
            "empty.txt：文件是空的：没有可导入的内容",
        ),
        (
            "scan.pdf",
            b"%PDF-1.4 ...".to_vec(),
            "scan.pdf：这是 PDF：import 读取文本，不读取 PDF；请先提取文本（如 pdftotext FILE.pdf FILE.txt），再导入 .txt 文件",
        ),
        (
            "old.doc",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 ...".to_vec(),
            "old.doc：这是旧格式的 Word .doc 或 Excel .xls 文件，import 无法读取",
        ),
        (
            "garbage.bin",
            vec![0xff, 0xfe, 0x00, 0xd8, 0x00],
            "garbage.bin：这是二进制数据，不是可读取的文件（以 UTF-16 LE 字节顺序标记开头，却不能按 UTF-16 LE 解码）；import 读取纯文本",
        ),
        (
            "no-lists.txt",
            no_lists,
            "没有找到任务：这份文件没有分配部门",
        ),
    ] {
        std::fs::write(dir.path().join(name), &bytes).expect("write");
        let out = run(
            dir.path(),
            &["--lang", "zh", "import", name, "-o", "out.json"],
            None,
        );
        let message = stderr(&out);
        assert!(!out.status.success(), "{name}: {message}");
        assert!(message.contains(said), "{name}: {message}");
        assert!(!dir.path().join("out.json").exists(), "{name}");
    }
    let out = run(
        dir.path(),
        &["--lang", "zh", "import", "empty.txt", "--id", "a b"],
        None,
    );
    assert!(
        stderr(&out)
            .contains("计划标识“a b”含有 ' '；只能用字母、数字、“-”“_”和“.”；请用 --id 指定"),
        "{}",
        stderr(&out)
    );
}

/// What import says about a document with a little of every kind of
/// damage, word for word in each language (tests/golden/import-messages-*.txt;
/// `UPDATE_GOLDEN=1` rewrites them).
#[test]
fn import_messages_in_both_languages_match_golden() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("plans")).expect("mkdir");
    std::fs::copy(fixture("messages.txt"), dir.path().join("messages.txt")).expect("copy");
    let args = [
        "import",
        "messages.txt",
        "-o",
        "plans/m.json",
        "--allow-partial",
    ];
    for lang in ["zh", "en"] {
        let mut all = vec!["--lang", lang];
        all.extend(args);
        let out = run(dir.path(), &all, None);
        let said = stderr(&out);
        assert!(out.status.success(), "{said}");
        let golden = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join(format!("tests/golden/import-messages-{lang}.txt"));
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::write(&golden, &said).expect("write golden");
            continue;
        }
        let expected = std::fs::read_to_string(&golden).expect("golden file");
        assert!(
            expected == said,
            "{lang} differs from {}:\n{said}",
            golden.display()
        );
    }
    // Chinese through and through: no English word in the Chinese output
    // but the file names, format names and the option it names.
    let zh = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/import-messages-zh.txt"),
    )
    .expect("golden file");
    let allowed = [
        "messages",
        "txt",
        "UTF",
        "plans",
        "json",
        "plantrack",
        "validate",
        "ASCII",
    ];
    for word in zh.split(|c: char| !c.is_ascii_alphabetic()) {
        assert!(
            word.len() < 2 || allowed.contains(&word),
            "English “{word}” in:\n{zh}"
        );
    }
}

#[test]
fn a_partial_import_writes_nothing_unless_allowed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "某某工作方案\n1. 完善科技评价制度，健全评价体系。（科技部负责）\n2. 加强基础研究投入，稳定支持一批创新基地，完善多元投入机制。\n3. 推进成果转化。（科技部、教育部负责）\n";
    std::fs::write(dir.path().join("plan.txt"), text).expect("write");
    let out = run(dir.path(), &["import", "plan.txt", "-o", "plan.json"], None);
    let message = stderr(&out);
    assert!(!out.status.success(), "{message}");
    assert!(message.contains("line 3: 2.加强基础研究投入"), "{message}");
    assert!(message.contains("--allow-partial"), "{message}");
    assert!(!dir.path().join("plan.json").exists());
    let out = run(
        dir.path(),
        &["import", "plan.txt", "-o", "plan.json", "--allow-partial"],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.path().join("plan.json").exists());
}

#[test]
fn standard_input_id_and_where_the_plan_loads_from() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("plans")).expect("mkdir");
    let text = std::fs::read(fixture("forms.txt")).expect("fixture");
    let out = run(
        dir.path(),
        &["import", "-", "--id", "ip-2021", "-o", "plans/ip.json"],
        Some(&text),
    );
    let message = stderr(&out);
    assert!(out.status.success(), "{message}");
    assert!(
        message.contains("standard input: read as plain text, UTF-8"),
        "{message}"
    );
    assert!(message.contains("plan \"ip-2021\""), "{message}");
    assert!(
        message.contains("loads it as plan \"ip-2021\""),
        "{message}"
    );
    assert!(message.contains("from plans/"), "{message}");
    // And it does: the task key carries the id.
    let out = run(dir.path(), &["show", "ip-2021:8"], None);
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        shown.contains("time limit: 2021年12月底前完成 (by 2021-12-31)"),
        "{shown}"
    );
    // Outside plans/, it says how to open it.
    let out = run(
        dir.path(),
        &["import", "-", "-o", "elsewhere.json"],
        Some(&text),
    );
    let message = stderr(&out);
    assert!(
        message.contains("plantrack --plan elsewhere.json"),
        "{message}"
    );
}

#[test]
fn validate_reports_unknown_agencies() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = run(
        dir.path(),
        &[
            "import",
            fixture("forms.txt").to_str().unwrap_or_default(),
            "-o",
            "forms.json",
        ],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let out = run(dir.path(), &["validate", "forms.json"], None);
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(
        shown.contains("agency “工业和信息部” (task 14) is not in the agency registry; nearest registered: 工业和信息化部"),
        "{shown}"
    );
}
