//! clap's parse errors in Chinese: clap has no translations, so the message
//! is written here from the error's kind and context; English stays clap's.

use clap::error::{ContextKind, ContextValue, Error, ErrorKind};

/// The whole message for stderr, or `None` for what is not an error (help,
/// version) or a kind without the context to say it well (clap's own then).
pub fn render(error: &Error) -> Option<String> {
    let text = |kind| match error.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join("、")),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        Some(ContextValue::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let arg = text(ContextKind::InvalidArg);
    let value = text(ContextKind::InvalidValue);
    let mut message = match error.kind() {
        ErrorKind::UnknownArgument => format!("无法识别的参数“{}”", arg?),
        ErrorKind::InvalidSubcommand => {
            format!("无法识别的命令“{}”", text(ContextKind::InvalidSubcommand)?)
        }
        ErrorKind::InvalidValue => match value? {
            v if v.is_empty() => format!("“{}”需要一个值，但没有给出", arg?),
            v => format!("“{}”的值“{v}”无效", arg?),
        },
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(error)
                .map(|e| format!("：{e}"))
                .unwrap_or_default();
            format!("“{}”的值“{}”无效{why}", arg?, value?)
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数：{}", arg?),
        ErrorKind::MissingSubcommand => {
            format!("“{}”需要一个命令", text(ContextKind::InvalidSubcommand)?)
        }
        ErrorKind::ArgumentConflict => match text(ContextKind::PriorArg) {
            Some(prior) if Some(&prior) != arg.as_ref() => {
                format!("参数“{}”不能与“{prior}”同时使用", arg?)
            }
            _ => format!("参数“{}”不能重复给出", arg?),
        },
        ErrorKind::TooManyValues => format!("“{}”多出了值“{}”", arg?, value?),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("“{}”的值个数不对", arg?)
        }
        ErrorKind::NoEquals => format!("给“{}”赋值须用等号（=）", arg?),
        ErrorKind::InvalidUtf8 => "参数不是有效的 UTF-8 文本".to_string(),
        _ => return None,
    };
    if let Some(valid) = text(ContextKind::ValidValue) {
        message.push_str(&format!("\n\n  可选的值：{valid}"));
    }
    if let Some(valid) = text(ContextKind::ValidSubcommand) {
        message.push_str(&format!("\n\n  可用的命令：{valid}"));
    }
    let suggested = text(ContextKind::SuggestedSubcommand)
        .or_else(|| text(ContextKind::SuggestedArg))
        .or_else(|| text(ContextKind::SuggestedValue));
    if let Some(suggested) = suggested {
        message.push_str(&format!("\n\n  提示：是否想用“{suggested}”？"));
    }
    if let Some(usage) = text(ContextKind::Usage) {
        // clap's usage line reads "Usage: …"; the Chinese help says 用法.
        let usage = usage.trim().trim_start_matches("Usage:").trim();
        message.push_str(&format!("\n\n用法：{usage}"));
    }
    Some(format!("错误：{message}\n\n要了解更多，请用“--help”。\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::{Arg, Command};

    fn command() -> Command {
        Command::new("plantrack")
            .subcommand(Command::new("show").arg(Arg::new("task").required(true)))
            .subcommand(
                Command::new("list").arg(
                    Arg::new("status")
                        .long("status")
                        .value_parser(["done", "blocked"]),
                ),
            )
    }

    fn zh(args: &[&str]) -> String {
        let error = command().try_get_matches_from(args).expect_err("an error");
        render(&error).expect("rendered")
    }

    #[test]
    fn parse_errors_read_in_chinese() {
        let unknown = zh(&["plantrack", "show", "1", "--frob"]);
        assert!(
            unknown.starts_with("错误：无法识别的参数“--frob”"),
            "{unknown}"
        );
        assert!(unknown.contains("用法：plantrack show"), "{unknown}");
        let sub = zh(&["plantrack", "shwo"]);
        assert!(sub.starts_with("错误：无法识别的命令“shwo”"), "{sub}");
        assert!(sub.contains("提示：是否想用“show”？"), "{sub}");
        let missing = zh(&["plantrack", "show"]);
        assert!(
            missing.starts_with("错误：缺少必需的参数：<task>"),
            "{missing}"
        );
        let value = zh(&["plantrack", "list", "--status", "x"]);
        assert!(
            value.starts_with("错误：“--status <status>”的值“x”无效"),
            "{value}"
        );
        assert!(value.contains("可选的值：done、blocked"), "{value}");
        assert!(!value.contains("Usage"), "{value}");
    }

    #[test]
    fn help_is_not_an_error() {
        let help = command().try_get_matches_from(["plantrack", "--help"]);
        assert!(render(&help.expect_err("help")).is_none());
    }
}
