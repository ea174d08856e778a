//! `plantrack sync`'s words in the user's language. English is the
//! error's own text (`SyncError`'s Display) and the lines below; Chinese is
//! written here, variant by variant.

use super::Lang;
use crate::sync::{Report, Status, SyncError};

pub fn error(error: &SyncError, lang: Lang) -> String {
    if lang == Lang::En {
        return error.to_string();
    }
    match error {
        SyncError::NoGit => "未安装 git（或不在 PATH 中）：plantrack sync 使用本机的 git；请安装（例如 apt install git）后重试".to_string(),
        SyncError::NotSetUp { dir } => format!(
            "{}：尚未设置同步；请运行 plantrack sync --init URL（或用 --bundle / --from-bundle 经移动存储传递）",
            dir.display()
        ),
        SyncError::NoRemote { dir } => format!(
            "{}：没有远端仓库；请运行 plantrack sync --init URL，或用 --bundle / --from-bundle 传递更改",
            dir.display()
        ),
        SyncError::Git { dir, command, stderr } => {
            format!("在 {} 中执行 git {command} 失败：{stderr}", dir.display())
        }
        SyncError::Rewrite { dir, file, what } => format!(
            "{}会改写或删除 {file} 中已有的行；此处未做任何更改。日志只会增长：有人编辑或截断了该日志。请用 `git -C {} log -p -- {file}` 比较",
            what_zh(what),
            dir.display()
        ),
        SyncError::Store(error) => super::store::describe(error, lang),
    }
}

/// The step that would have rewritten a log (`SyncError::Rewrite::what`).
fn what_zh(what: &str) -> &str {
    match what {
        "committing this directory" => "提交本目录",
        "committing this directory (the log was deleted)" => "提交本目录（日志已被删除）",
        "the incoming changes" => "收到的更改",
        "the incoming changes (they delete the log)" => "收到的更改（它们删除了该日志）",
        other => other,
    }
}

/// `sync --status`: the remote, then what is not sent and what is to come.
pub fn status(status: &Status, lang: Lang) -> Vec<String> {
    let zh = lang == Lang::Zh;
    let mut lines = vec![match (&status.remote, zh) {
        (Some(url), true) if status.fetched => format!("远端：{url}"),
        (Some(url), false) if status.fetched => format!("remote: {url}"),
        (Some(url), true) => format!("远端：{url}（现在连不上；以下为上次同步时的情况）"),
        (Some(url), false) => format!("remote: {url} (not reachable now; as of the last sync)"),
        (None, true) => "远端：无（仅用 bundle 传递）".to_string(),
        (None, false) => "remote: none (bundles only)".to_string(),
    }];
    let counts =
        |label_zh: &str, label_en: &str, logs: &std::collections::BTreeMap<String, usize>| {
            if logs.is_empty() {
                return vec![if zh {
                    format!("{label_zh}：无")
                } else {
                    format!("{label_en}: nothing")
                }];
            }
            logs.iter()
                .map(|(log, n)| {
                    if zh {
                        format!("{label_zh}：{log} 中 {n} 项更改")
                    } else {
                        format!("{label_en}: {n} change(s) in {log}")
                    }
                })
                .collect()
        };
    lines.extend(counts("未发送", "unsent", &status.unsent));
    lines.extend(counts("待接收", "to receive", &status.incoming));
    lines
}

/// After a sync: what was sent and received, and that the directory is in step.
pub fn report(report: &Report, dir: &str, lang: Lang) -> Vec<String> {
    let zh = lang == Lang::Zh;
    let mut lines = vec![if zh {
        format!("已发送：{} 项更改", report.committed)
    } else {
        format!("sent: {} change(s)", report.committed)
    }];
    if report.received.is_empty() {
        lines.push(
            if zh {
                "已接收：无新更改"
            } else {
                "received: nothing new"
            }
            .to_string(),
        );
    }
    for (log, n) in &report.received {
        lines.push(if zh {
            format!("已接收：{log} 中 {n} 项更改")
        } else {
            format!("received: {n} change(s) in {log}")
        });
    }
    lines.push(match (zh, report.pushed) {
        (true, true) => format!("{dir}：已与远端同步"),
        (true, false) => format!("{dir}：已同步"),
        (false, true) => format!("{dir}: in step with the remote"),
        (false, false) => format!("{dir}: in step"),
    });
    lines
}

/// `sync --bundle FILE`.
pub fn bundle_written(dir: &str, file: &str, committed: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => {
            format!("已把 {dir} 的全部更改写入 {file}（自上次同步以来新增 {committed} 项）")
        }
        Lang::En => {
            format!("wrote every change of {dir} to {file} ({committed} new since the last sync)")
        }
    }
}
