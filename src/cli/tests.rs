use super::*;

#[test]
fn every_subcommand_and_argument_has_chinese_help() {
    let command = <Cli as clap::CommandFactory>::command();
    let mut missing = Vec::new();
    for arg in command.get_arguments() {
        if i18n::help::arg(None, arg.get_id().as_str()).is_none() {
            missing.push(format!("--{}", arg.get_id()));
        }
    }
    for sub in command.get_subcommands() {
        let name = sub.get_name();
        if i18n::help::about(Some(name)).is_none() {
            missing.push(name.to_string());
        }
        for arg in sub.get_arguments() {
            if i18n::help::arg(Some(name), arg.get_id().as_str()).is_none() {
                missing.push(format!("{name} {}", arg.get_id()));
            }
        }
    }
    assert!(missing.is_empty(), "no Chinese help for {missing:?}");
}

#[test]
fn the_chinese_help_is_chinese_throughout() {
    let mut command = command(Lang::Zh);
    let help = command.render_long_help().to_string();
    for words in [
        "用法：plantrack",
        "命令",
        "选项",
        "跟踪政府工作计划",
        "--lang <LANG>",
        "界面语言",
    ] {
        assert!(help.contains(words), "{words} missing:\n{help}");
    }
    let search = command
        .find_subcommand_mut("search")
        .map(|c| c.render_long_help().to_string())
        .unwrap_or_default();
    for words in ["参数", "空格分隔的词都要匹配", "显示帮助", "界面语言"] {
        assert!(search.contains(words), "{words} missing:\n{search}");
    }
    assert!(!search.contains("Print help"), "{search}");
}

#[test]
fn the_language_of_the_help_is_found_before_parsing() {
    let args = |list: &[&str]| -> Vec<std::ffi::OsString> {
        list.iter().map(std::ffi::OsString::from).collect()
    };
    assert_eq!(
        early_lang(&args(&["plantrack", "--lang", "zh", "--help"])),
        Lang::Zh
    );
    assert_eq!(
        early_lang(&args(&["plantrack", "show", "--lang=en", "-h"])),
        Lang::En
    );
}
