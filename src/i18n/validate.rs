//! `plantrack validate`'s lines and the plan files' load errors in the
//! user's language; English is the errors' own Display.

use super::Lang;
use crate::plan_io::LoadError;

pub fn load_error(error: &LoadError, lang: Lang) -> String {
    if lang == Lang::En {
        return error.to_string();
    }
    match error {
        LoadError::Unreadable { origin, reason } => format!("{origin}：无法读取文件：{reason}"),
        LoadError::NotAFile { origin } => format!(
            "{origin}：不是普通文件（是目录、FIFO 或设备），不作为计划读取；计划是 JSON 文件"
        ),
        LoadError::Empty { origin } => {
            format!("{origin}：文件是空的；应为一个计划 JSON 对象（见 docs/plan-format.md）")
        }
        LoadError::NotUtf8 {
            origin,
            line,
            column,
            byte,
        } => format!(
            "{origin}:{line}:{column}：不是 UTF-8 文本（字节 0x{byte:02x}）；请将文件存为 UTF-8"
        ),
        // The detail is serde_json's, in English; where it is, is ours.
        LoadError::Invalid {
            origin,
            line,
            column,
            message,
        } => {
            format!("{origin}:{line}:{column}：计划文件有误：{message}")
        }
        LoadError::UnknownVersion { origin, found } => format!(
            "{origin}：不支持计划格式版本 {found}；本 plantrack 读取版本 1 和 {}（请升级 plantrack，或重新导入该计划）",
            crate::model::FORMAT_VERSION
        ),
        LoadError::DuplicateTask {
            origin,
            line,
            column,
            number,
        } => format!(
            "{origin}:{line}:{column}：任务编号 {number} 出现了两次；每个任务须有自己的编号"
        ),
    }
}

/// `ok  FILE: plan "ID", 82 tasks in 4 parts` (parts only for a file read
/// here, not for the loaded plans).
pub fn plan_ok(lang: Lang, origin: &str, id: &str, tasks: usize, parts: Option<usize>) -> String {
    match (lang, parts) {
        (Lang::Zh, Some(parts)) => {
            format!("ok  {origin}：计划“{id}”，{tasks} 项任务，{parts} 部分")
        }
        (Lang::Zh, None) => format!("ok  {origin}：计划“{id}”，{tasks} 项任务"),
        (Lang::En, Some(parts)) => {
            format!("ok  {origin}: plan \"{id}\", {tasks} tasks in {parts} parts")
        }
        (Lang::En, None) => format!("ok  {origin}: plan \"{id}\", {tasks} tasks"),
    }
}

pub fn no_agency(lang: Lang, number: u32) -> String {
    match lang {
        Lang::Zh => format!("    警告：任务 {number} 没有写明责任部门"),
        Lang::En => format!("    warning: task {number} names no responsible agency"),
    }
}

pub fn unknown_agency(lang: Lang, name: &str, tasks: &[String], near: &[String]) -> String {
    let list = tasks.join(", ");
    match lang {
        Lang::Zh => format!(
            "    警告：部门“{name}”（任务 {}）不在部门名录中；{}",
            tasks.join("、"),
            if near.is_empty() {
                "没有相近的登记名称".to_string()
            } else {
                format!("最相近的登记名称：{}", near.join("、"))
            }
        ),
        Lang::En => format!(
            "    warning: agency “{name}” (task{} {list}) is not in the agency registry; {}",
            if tasks.len() == 1 { "" } else { "s" },
            if near.is_empty() {
                "no registered name is close".to_string()
            } else {
                format!("nearest registered: {}", near.join("、"))
            }
        ),
    }
}

pub fn orphans(lang: Lang, keys: &[String]) -> String {
    match lang {
        Lang::Zh => format!(
            "注意：状态中保留了 {} 项任务的记录，但已加载的计划中没有这些任务（保留，未删除）：{}",
            keys.len(),
            keys.join(", ")
        ),
        Lang::En => format!(
            "note: the state keeps marks for {} task(s) that no loaded plan has (kept, not deleted): {}",
            keys.len(),
            keys.join(", ")
        ),
    }
}
