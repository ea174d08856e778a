//! Completion scripts and the man page name every subcommand.

use clap::CommandFactory;
use plantrack::cli::Cli;

mod cli_support;

fn stdout(args: &[&str]) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = cli_support::plantrack(dir.path(), args)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

fn subcommands() -> Vec<String> {
    let names: Vec<String> = Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for expected in ["show", "report", "completions", "man", "mark"] {
        assert!(names.iter().any(|n| n == expected), "{names:?}");
    }
    names
}

#[test]
fn completions_name_every_subcommand() {
    for shell in ["bash", "zsh", "fish"] {
        let script = stdout(&["completions", shell]);
        assert!(script.len() > 1000, "{shell} script is too short");
        for name in subcommands() {
            assert!(script.contains(&name), "{shell} completion lacks {name}");
        }
    }
}

#[test]
fn man_page_is_roff_naming_every_subcommand_and_the_exit_status() {
    let page = stdout(&["man"]);
    assert!(page.contains("\n.TH plantrack 1 "), "{page}");
    assert_eq!(page.matches(".TH ").count(), 1, "one title");
    for name in subcommands() {
        assert!(
            page.contains(&format!("plantrack\\-{name}(1)")),
            "man lacks {name}"
        );
    }
    assert!(page.contains(".SH \"EXIT STATUS\""));
}

#[test]
fn completions_offer_status_words_agencies_and_task_numbers() {
    let bash = stdout(&["completions", "bash"]);
    // `plantrack mark 55 <TAB>`, `list --status <TAB>`: the words, both languages.
    for word in ["in_progress", "已完成", "受阻"] {
        assert!(bash.contains(word), "{word} missing");
    }
    // `plantrack agency <TAB>`: short names; `show <TAB>`: task numbers.
    assert!(bash.contains("市场监管总局"));
    assert!(bash.contains(" 100"), "task numbers");
    let fish = stdout(&["completions", "fish"]);
    assert!(fish.contains("已完成") && fish.contains("知识产权局"));
}
