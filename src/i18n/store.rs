//! The state file's and the lock's errors in the user's language. English
//! is the error's own text (`StoreError`'s Display); Chinese is written
//! here, variant by variant, so that a new variant cannot be missed.

use super::Lang;
use crate::replica::{Refusal, SaveError, UndoError};
use crate::store::StoreError;

const KEEP_OUT: &str = "plantrack 不会覆盖它：请修复该文件，或把它移走以新建一个（见 docs/state-format.md 的“Recovering a damaged log”）";
const KEPT: &str = "什么也没有写入；更改保留在内存中，稍后会重试";

pub fn describe(error: &StoreError, lang: Lang) -> String {
    if lang == Lang::En {
        return error.to_string();
    }
    match error {
        StoreError::NoDefaultLocation => "不知道此用户的数据目录，因此没有默认的状态目录；请用 --state PATH 或环境变量 PLANTRACK_STATE 指定一个".to_string(),
        StoreError::Unreadable { path, source } => {
            format!("{}：无法读取状态：{source}；{KEEP_OUT}", path.display())
        }
        StoreError::Empty { path } => format!(
            "{}：状态文件是空的（0 字节）。空文件并不等于“没有标记”——没有标记的状态文件也含有 {{\"format_version\": 1, \"tasks\": {{}}}}——所以它多半被截断了（磁盘已满、复制中断）；如有备份请恢复。{KEEP_OUT}",
            path.display()
        ),
        StoreError::NotUtf8 { path, line, column, byte } => format!(
            "{}:{line}:{column}：文件不是 UTF-8 文本（字节 0x{byte:02x}）；它已损坏，或不是 plantrack 的文件。{KEEP_OUT}",
            path.display()
        ),
        StoreError::Truncated { path, line, column } => format!(
            "{}:{line}:{column}：状态文件提前结束：JSON 在中途断开（文件被截断）。{KEEP_OUT}",
            path.display()
        ),
        StoreError::InvalidJson { path, line, column, detail } => format!(
            "{}:{line}:{column}：状态文件不是有效的 JSON：{detail}。{KEEP_OUT}",
            path.display()
        ),
        StoreError::WrongShape { path, line, column, detail } => format!(
            "{}:{line}:{column}：不是格式版本 {} 的 plantrack 状态文件：{detail}。{KEEP_OUT}",
            path.display(),
            crate::store::v1::STATE_FORMAT_VERSION
        ),
        StoreError::UnknownVersion { path, found } => format!(
            "{}：不支持状态格式版本 {found}；本 plantrack 读取版本 {}。请用写入该文件的 plantrack（多半是较新的版本）。{KEEP_OUT}",
            path.display(),
            crate::store::v1::STATE_FORMAT_VERSION
        ),
        StoreError::BadLine { path, line, column, detail } => format!(
            "{}:{line}:{column}：不是本 plantrack 能理解的更改：{detail}。{KEEP_OUT}",
            path.display()
        ),
        StoreError::NotADirectory { path } => format!(
            "{}：这不是目录；状态是一个日志目录（版本 1 的状态文件直接给出文件本身，见 docs/state-format.md）",
            path.display()
        ),
        StoreError::Lock { path, source } => {
            format!("{}：无法取得保护状态的锁：{source}；{KEPT}", path.display())
        }
        StoreError::LockTimeout { path, holder, waited } => format!(
            "{}：等待保护状态的锁 {waited:?} 后放弃，锁由 {holder} 持有；{KEPT}。如果该进程卡住了，请结束它；要等更久，用 --lock-timeout SECONDS",
            path.display()
        ),
        StoreError::LockFileDenied { path, source } => format!(
            "{}：锁文件存在，但你无权打开它（{source}）；请其所有者让团队可读写（chmod g+rw），或用 --state 选择另一个状态；{KEPT}",
            path.display()
        ),
        StoreError::NotWritable { path, source } => format!(
            "{}：目录不可写（{source}）；{KEPT}。请让该目录可写，或用 --state / PLANTRACK_STATE 另选一个",
            path.display()
        ),
        StoreError::DiskFull { path, source } => {
            format!("{}：磁盘已满（{source}）；{KEPT}，腾出空间后即写入", path.display())
        }
        StoreError::Write { path, action, source } => {
            format!("{}：无法{}：{source}；{KEPT}", path.display(), action_zh(action))
        }
    }
}

/// The step that failed, from the store's fixed English phrases.
fn action_zh(action: &str) -> &str {
    match action {
        "append to the log" => "追加到日志",
        "create a temporary file" => "创建临时文件",
        "create the state directory" => "创建状态目录",
        "cut off a torn last line" => "截去残缺的最后一行",
        "fsync the directory" => "同步（fsync）目录",
        "fsync the log" => "同步（fsync）日志",
        "open the lock file" => "打开锁文件",
        "open the log" => "打开日志",
        "read the log's end" => "读取日志末尾",
        "read the log's size" => "读取日志大小",
        "rename the migrated history" => "重命名迁移后的历史",
        "write the migrated history" => "写入迁移后的历史",
        other => other,
    }
}

/// Why a change was not allowed, in the user's language.
pub fn refusal(refusal: &Refusal, lang: Lang) -> String {
    if lang == Lang::En {
        return refusal.to_string();
    }
    match refusal {
        Refusal::PolicyNeedsAgency => "规则 lead-sets-status 需要知道您代表哪个部门：请设置 PLANTRACK_AGENCY（例如 PLANTRACK_AGENCY=知识产权局）".to_string(),
        Refusal::FeedbackNeedsAgency => "反馈按部门记录：请说明您代表哪个部门——在配置文件的 [me] 中写 agency，或用 --as 部门、PLANTRACK_AGENCY（例如 PLANTRACK_AGENCY=知识产权局）".to_string(),
        Refusal::ProgressRequired => "反馈须写明进展情况（--progress）".to_string(),
        Refusal::SuspendedNeedsReason => "中止任务须写明原因：加上 --reason 原因（例如 --reason \"职责已划转\"）".to_string(),
        Refusal::ReasonWithoutStatus => "原因只用于 受阻（blocked）或 中止（suspended）".to_string(),
        Refusal::PastDay(at) => format!(
            "这是截至 {} 的状态，只读；去掉 --as-of 才能修改",
            at.strftime("%Y-%m-%d")
        ),
    }
}

/// Why an undo was not made, in the user's language; times in `zone`.
pub fn undo_error(error: &UndoError, lang: Lang, zone: &jiff::tz::TimeZone) -> String {
    match error {
        UndoError::ChangedSince { key, by, at } => {
            let when = at
                .to_zoned_datetime(zone.clone())
                .strftime("%Y-%m-%d %H:%M")
                .to_string();
            super::undo_refused(lang, key.number, by, &when)
        }
        UndoError::Nothing => super::tr(lang, super::Label::NothingToUndo).to_string(),
        UndoError::Save(error) => save_error(error, lang),
    }
}

/// A change not written, in the user's language: a refusal is worded here,
/// a failed write or a read-only state carries the words it was given.
pub fn save_error(error: &SaveError, lang: Lang) -> String {
    match error {
        SaveError::Refused(why) => refusal(why, lang),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn state_errors_follow_the_language() {
        let error = StoreError::Empty {
            path: PathBuf::from("/s/ann.jsonl"),
        };
        let zh = describe(&error, Lang::Zh);
        assert!(zh.starts_with("/s/ann.jsonl：状态文件是空的"), "{zh}");
        assert!(zh.contains("plantrack 不会覆盖它"), "{zh}");
        assert_eq!(describe(&error, Lang::En), error.to_string());
        let lock = StoreError::LockTimeout {
            path: PathBuf::from("/s"),
            holder: "pid 7".into(),
            waited: std::time::Duration::from_secs(5),
        };
        let zh = describe(&lock, Lang::Zh);
        assert!(zh.contains("锁由 pid 7 持有"), "{zh}");
        assert!(zh.contains("--lock-timeout"), "{zh}");
    }
}
