//! What the subcommands print, in Chinese and English: the words of their
//! human output and their error messages. `--json` keys and values stay as
//! they are in every language, for scripts.

use super::{Lang, status};
use crate::progress::Status;

fn pick(lang: Lang, zh: String, en: String) -> String {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// A field label with its separator: `备注：` / `note: `.
pub fn field(lang: Lang, field: Field) -> &'static str {
    use Field::*;
    let (zh, en) = match field {
        Lead => ("牵头", "lead"),
        Participating => ("参与", "participating"),
        AsWritten => ("原文：", "as written: "),
        Note => ("备注：", "note: "),
        Reason => ("原因：", "reason: "),
        Agency => ("部门", "agency"),
        LeadCount => ("牵头", "lead"),
        ParticipatingCount => ("参与", "part."),
        DoneCount => ("完成", "done"),
        FullName => ("全称", "full name"),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

#[derive(Debug, Clone, Copy)]
pub enum Field {
    Lead,
    Participating,
    AsWritten,
    Note,
    Reason,
    Agency,
    LeadCount,
    ParticipatingCount,
    DoneCount,
    FullName,
}

/// The per-remit row of `show`: the plan's own words, explained in English.
pub fn per_remit(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "",
        Lang::En => "each within its own remit",
    }
}

/// `Lead (3 of 5):`, the heading of one agency's task list.
pub fn agency_tasks(lang: Lang, role: Field, shown: usize, all: usize) -> String {
    let name = field(lang, role);
    match lang {
        Lang::Zh => format!("{name}（共 {all} 项，列出 {shown} 项）："),
        Lang::En => {
            let mut chars = name.chars();
            let first = chars.next().map(|c| c.to_uppercase().to_string());
            format!(
                "{}{} ({shown} of {all}):",
                first.unwrap_or_default(),
                chars.as_str()
            )
        }
    }
}

pub fn no_match(lang: Lang, query: &str) -> String {
    pick(
        lang,
        format!("没有任务匹配“{query}”"),
        format!("no task matches \"{query}\""),
    )
}

pub fn more_hits(lang: Lang, more: usize) -> String {
    pick(
        lang,
        format!("…… 还有 {more} 项（用 --limit 显示更多）"),
        format!("… {more} more (--limit to see them)"),
    )
}

pub fn empty_query(lang: Lang) -> String {
    pick(
        lang,
        "请给出要搜索的内容，例如 plantrack search 专利审查".into(),
        "give something to search for, e.g. plantrack search 专利审查".into(),
    )
}

/// One status change: `status  未开始 → 受阻`.
pub fn status_change(lang: Lang, from: Status, to: Status) -> String {
    pick(
        lang,
        format!("状态  {} → {}", status(lang, from), status(lang, to)),
        format!("status  {} → {}", status(lang, from), status(lang, to)),
    )
}

/// A status change with its reason, when it has one:
/// `状态  进行中 → 中止（原因：职责已划转）`.
pub fn status_change_because(lang: Lang, from: Status, to: Status, reason: &str) -> String {
    let change = status_change(lang, from, to);
    if reason.is_empty() {
        return change;
    }
    pick(
        lang,
        format!("{change}（原因：{reason}）"),
        format!("{change} (reason: {reason})"),
    )
}

/// `mark 55 suspended` without `--reason`.
pub fn suspended_needs_reason(lang: Lang, task: &str) -> String {
    pick(
        lang,
        format!(
            "中止任务须写明原因：plantrack mark {task} suspended --reason \"原因\"（例如 --reason \"职责已划转\"）"
        ),
        format!(
            "a task is suspended only with a reason: plantrack mark {task} suspended --reason TEXT (e.g. --reason \"duties moved to another agency\")"
        ),
    )
}

/// `--reason` with a status other than blocked or suspended.
pub fn reason_without_status(lang: Lang) -> String {
    pick(
        lang,
        "--reason 只用于 受阻（blocked）或 中止（suspended）".to_string(),
        "--reason goes with blocked or suspended only".to_string(),
    )
}

pub fn note_change(lang: Lang, from: &str, to: &str) -> String {
    pick(
        lang,
        format!("备注  {from:?} → {to:?}"),
        format!("note    {from:?} → {to:?}"),
    )
}

pub fn not_in_loaded_plan(lang: Lang) -> String {
    pick(
        lang,
        "（不在任何已加载的计划中；其记录仍保留）".into(),
        "(in no loaded plan; its marks are kept)".into(),
    )
}

pub fn no_changes(lang: Lang, now: Status) -> String {
    pick(
        lang,
        format!("没有变更记录；状态：{}", status(lang, now)),
        format!("no changes recorded; status {}", status(lang, now)),
    )
}

pub fn now(lang: Lang, now: Status, note: &str) -> String {
    let note = match (lang, note) {
        (_, "") => String::new(),
        (Lang::Zh, note) => format!("，备注 {note:?}"),
        (Lang::En, note) => format!(", note {note:?}"),
    };
    pick(
        lang,
        format!("现在：{}{note}", status(lang, now)),
        format!("now: {}{note}", status(lang, now)),
    )
}

pub fn already(lang: Lang, key: &str, now: Status, same_note: bool, path: &str) -> String {
    let now = status(lang, now);
    pick(
        lang,
        format!(
            "任务 {key} 的状态已是“{now}”{}；无需保存（{path}）",
            if same_note { "，备注相同" } else { "" }
        ),
        format!(
            "{key} is already {now}{}; nothing to save ({path})",
            if same_note { " with that note" } else { "" }
        ),
    )
}

pub fn saved_to(lang: Lang, path: &str) -> String {
    pick(lang, format!("已保存到 {path}"), format!("saved to {path}"))
}

pub fn not_a_status(lang: Lang, word: &str) -> String {
    pick(
        lang,
        format!(
            "“{word}”不是状态；请用 未开始、进行中、已完成、受阻、中止（或 not_started、in_progress、done、blocked、suspended）"
        ),
        format!(
            "\"{word}\" is not a status; use not_started, in_progress, done, blocked or suspended (or 未开始, 进行中, 已完成, 受阻, 中止)"
        ),
    )
}

pub fn no_such_part(lang: Lang, part: &str) -> String {
    pick(
        lang,
        format!("没有计划含有第“{part}”部分；请给出其序号（1、2 …）或编号（一、二 …）"),
        format!("no plan has a part \"{part}\"; give its position (1, 2 …) or numeral (一, 二 …)"),
    )
}

pub fn no_such_agency(lang: Lang, query: &str, suggestions: &[String]) -> String {
    let hint = agency_hint(lang, suggestions);
    pick(
        lang,
        format!("已加载的计划中没有名为“{query}”的部门；{hint}"),
        format!("no agency in the loaded plans is called \"{query}\"; {hint}"),
    )
}

/// `--as 国防科技部`: the agency the user acts for is none the registry knows.
pub fn no_such_agency_acted_for(lang: Lang, name: &str, suggestions: &[String]) -> String {
    let hint = agency_hint(lang, suggestions);
    pick(
        lang,
        format!("您代表的部门“{name}”（--as、PLANTRACK_AGENCY 或 [me] agency）不存在；{hint}"),
        format!(
            "you act for \"{name}\" (--as, PLANTRACK_AGENCY or [me] agency), but no agency is called so; {hint}"
        ),
    )
}

fn agency_hint(lang: Lang, suggestions: &[String]) -> String {
    match (lang, suggestions.is_empty()) {
        (Lang::Zh, true) => "运行 plantrack agencies 查看全部部门".to_string(),
        (Lang::Zh, false) => format!("是否要找 {}？", suggestions.join("、")),
        (Lang::En, true) => "run plantrack agencies to see them all".to_string(),
        (Lang::En, false) => format!("did you mean {}?", suggestions.join(", ")),
    }
}

pub fn no_plans(lang: Lang) -> String {
    pick(
        lang,
        "没有能加载的计划；请修正上面列出的文件，或不加 --plan/--plans 运行以使用内置计划".into(),
        "no plan could be loaded; fix the files named above, or run without --plan/--plans to use the built-in plan".into(),
    )
}

pub fn no_first_plan(lang: Lang, id: &str) -> String {
    pick(
        lang,
        format!("配置的 first_plan“{id}”不是已加载的计划；按默认顺序显示"),
        format!(
            "first_plan \"{id}\" in the configuration is not a loaded plan; the default order is kept"
        ),
    )
}

pub fn needs_terminal(lang: Lang, dumb: bool) -> String {
    match (lang, dumb) {
        (Lang::Zh, true) => "终端界面需要能显示光标和颜色的终端，TERM=dumb 不行",
        (Lang::Zh, false) => "终端界面需要在终端中运行（标准输入和输出都须是终端）",
        (Lang::En, true) => {
            "the interface needs a terminal that can move the cursor, which TERM=dumb cannot"
        }
        (Lang::En, false) => {
            "the interface needs a terminal (standard input and output must both be one)"
        }
    }
    .to_string()
        + match lang {
            Lang::Zh => {
                "；查询请用子命令，如 plantrack show 55、plantrack search 专利、plantrack list（plantrack --help 列出全部）"
            }
            Lang::En => {
                "; for a lookup use a subcommand, e.g. plantrack show 55, plantrack search 专利, plantrack list (plantrack --help lists them all)"
            }
        }
}

pub fn statuses_not_shown(lang: Lang, error: &str) -> String {
    pick(
        lang,
        format!("{error}；不显示状态"),
        format!("{error}; statuses are not shown"),
    )
}

/// One loaded plan as error messages name it.
pub struct PlanSummary {
    pub id: String,
    pub tasks: usize,
    /// The lowest and highest task number.
    pub numbers: Option<(u32, u32)>,
}

/// "loaded plans: a (100 tasks, numbered 1–100)" for error messages.
pub fn plan_list(lang: Lang, plans: &[PlanSummary]) -> String {
    let each = plans.iter().map(|plan| {
        let (id, count) = (&plan.id, plan.tasks);
        match (lang, plan.numbers) {
            (Lang::Zh, Some((low, high))) => format!("{id}（{count} 项任务，编号 {low}–{high}）"),
            (Lang::Zh, None) => format!("{id}（没有任务）"),
            (Lang::En, Some((low, high))) => {
                format!("{id} ({count} tasks, numbered {low}–{high})")
            }
            (Lang::En, None) => format!("{id} (no tasks)"),
        }
    });
    let each: Vec<String> = each.collect();
    pick(
        lang,
        format!("已加载的计划：{}", each.join("，")),
        format!("loaded plans: {}", each.join(", ")),
    )
}

pub fn in_several_plans(lang: Lang, number: u32, keys: &[String], plans: &str) -> String {
    pick(
        lang,
        format!(
            "任务 {number} 在多个计划中（{}）；请写 计划:{number} 选定一个；{plans}",
            keys.join("、")
        ),
        format!(
            "task {number} is in several plans ({}); write PLAN:{number} to choose one; {plans}",
            keys.join(", ")
        ),
    )
}

pub fn no_such_task(lang: Lang, key: &str, plans: &str) -> String {
    pick(
        lang,
        format!("已加载的计划中没有任务 {key}；{plans}"),
        format!("no loaded plan has task {key}; {plans}"),
    )
}

/// `show`'s mark after the status when the plan's wording was repaired.
pub fn text_corrected(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "  [文字已更正]",
        Lang::En => "  [text corrected]",
    }
}

pub fn text_damaged(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "  [原文有损]",
        Lang::En => "  [source text damaged]",
    }
}

pub fn written_number(lang: Lang, number: &str) -> String {
    pick(
        lang,
        format!("文件中的编号：{number}"),
        format!("numbered in the document: {number}"),
    )
}

pub fn time_limit(lang: Lang, written: &str, date: Option<String>) -> String {
    match (lang, date) {
        (Lang::Zh, Some(date)) => format!("完成时限：{written}（{date} 前）"),
        (Lang::Zh, None) => format!("完成时限：{written}"),
        (Lang::En, Some(date)) => format!("time limit: {written} (by {date})"),
        (Lang::En, None) => format!("time limit: {written}"),
    }
}

pub fn scope(lang: Lang, scope: &str) -> String {
    pick(lang, format!("范围：{scope}"), format!("scope: {scope}"))
}

pub fn lead_assumed(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "牵头：计划未写明此任务的牵头部门；以所列第一个部门为牵头",
        Lang::En => {
            "lead: the plan names no lead for this task; the first agency listed is taken as lead"
        }
    }
}

pub fn agency_lists(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "分句部门清单，各在其所负责的句子之后：",
        Lang::En => "agency lists, each after the sentences it covers:",
    }
}

pub fn source_note(lang: Lang, found: &str, corrected: Option<&str>, reason: &str) -> String {
    match (lang, corrected) {
        (Lang::Zh, Some(new)) => format!("已更正：“{found}” → “{new}”（{reason}）"),
        (Lang::Zh, None) => format!("原文有损：“{found}”（{reason}）"),
        (Lang::En, Some(new)) => format!("corrected: “{found}” → “{new}” ({reason})"),
        (Lang::En, None) => format!("damaged in the source: “{found}” ({reason})"),
    }
}

/// A bare number no loaded plan has.
pub fn no_task_numbered(lang: Lang, number: u32, plans: &str) -> String {
    pick(
        lang,
        format!("已加载的计划中没有编号为 {number} 的任务；{plans}"),
        format!("no loaded plan has a task {number}; {plans}"),
    )
}

pub fn no_such_task_nor_marks(lang: Lang, key: &str, plans: &str) -> String {
    pick(
        lang,
        format!("已加载的计划中没有任务 {key}，状态文件里也没有它的记录；{plans}"),
        format!("no loaded plan has task {key}, and the state file has no marks for it; {plans}"),
    )
}

pub fn not_a_task(lang: Lang, arg: &str, example_plan: &str) -> String {
    pick(
        lang,
        format!("“{arg}”不是任务；请写 计划:编号（如 {example_plan}:5）或任务编号"),
        format!(
            "\"{arg}\" is not a task; write PLAN:NUMBER (e.g. {example_plan}:5) or a bare task number"
        ),
    )
}

pub fn not_a_number(lang: Lang, arg: &str) -> String {
    pick(
        lang,
        format!("“{arg}”不是任务编号；请写 5 这样的编号，或 计划:编号"),
        format!("\"{arg}\" is not a task number; write a number such as 5, or PLAN:NUMBER"),
    )
}

/// Said on the first start (no language chosen, no marks yet) in both
/// languages, since whoever reads it may not read the other; short enough
/// for an 80-column status bar. README tells of the configuration's `lang`.
pub const FIRST_START: &str = "中文界面：--lang zh · English: --lang en";

pub fn nothing_saved(lang: Lang) -> String {
    pick(lang, "什么也没有保存".into(), "nothing was saved".into())
}

/// Follows [`nothing_saved`], before the command to run.
pub fn to_record_later(lang: Lang) -> String {
    pick(
        lang,
        "；要稍后记录，请运行：".into(),
        "; to record it later, run:".into(),
    )
}

/// A time limit or date that was not understood (`due`, the interface's
/// `D`): what was typed and the forms that work.
pub fn date_error(lang: Lang, error: &crate::deadline::DateError) -> String {
    use crate::deadline::DateError;
    if lang == Lang::En {
        return error.to_string();
    }
    match error {
        DateError::Unknown(text) => format!(
            "“{text}”不是完成时限；请写日期（2020-09-30、2020年9月30日）、月底（9月底、2020-09）、季度（2020年三季度、Q3）、上半年或年底，或写“按计划”恢复计划的时限"
        ),
        DateError::NoYear(text) => {
            format!("“{text}”没有写年份，而该计划不是年度计划；请写上年份（2020年9月底、2020-Q3）")
        }
        DateError::NoSuchDay(text) => format!("“{text}”不是日历上的日子"),
    }
}

/// A date option (`--as-of`, `--since`, `--date`) that is not a day.
pub fn not_a_date(lang: Lang, option: &str, text: &str) -> String {
    pick(
        lang,
        format!("{option} “{text}”不是日期；请写作 YYYY-MM-DD，如 2020-06-30"),
        format!("{option} \"{text}\" is not a date; write it as YYYY-MM-DD, e.g. 2020-06-30"),
    )
}

pub fn since_after_as_of(lang: Lang, since: jiff::civil::Date) -> String {
    pick(
        lang,
        format!("--since {since} 晚于 --as-of 的日期；这段时间是空的"),
        format!("--since {since} is after the --as-of day; the period would be empty"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_capitalise_in_english_only() {
        assert_eq!(agency_tasks(Lang::En, Field::Lead, 3, 5), "Lead (3 of 5):");
        assert_eq!(
            agency_tasks(Lang::Zh, Field::Lead, 3, 5),
            "牵头（共 5 项，列出 3 项）："
        );
    }

    #[test]
    fn history_lines_use_the_status_words_of_the_language() {
        let change = |lang| status_change(lang, Status::NotStarted, Status::Blocked);
        assert_eq!(change(Lang::Zh), "状态  未开始 → 受阻");
        assert_eq!(change(Lang::En), "status  not started → blocked");
        let because =
            |lang| status_change_because(lang, Status::InProgress, Status::Suspended, "职责已划转");
        assert_eq!(because(Lang::Zh), "状态  进行中 → 中止（原因：职责已划转）");
        assert_eq!(
            because(Lang::En),
            "status  in progress → suspended (reason: 职责已划转)"
        );
    }
}
