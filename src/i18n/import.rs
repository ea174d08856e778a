//! `plantrack import`'s report frame in the user's language: how the file
//! was read, the findings' line labels, coverage, the summary, where the
//! plan was written and how it loads. The findings' own texts are the
//! importer's, in English (see the report for issue 14).

use super::Lang;
use crate::import::Reading;
use crate::import::decode::Format;

pub fn reading(lang: Lang, shown: &str, reading: &Reading) -> String {
    if lang == Lang::En {
        return format!("{shown}: {reading}");
    }
    let format = match reading.format {
        Format::Text => "纯文本",
        Format::Html => "HTML",
        Format::Csv => "CSV",
        Format::Tsv => "TSV",
        Format::Markdown => "Markdown/竖线表格",
        Format::Docx => "Word .docx 文件",
        Format::Xlsx => "Excel .xlsx 文件",
    };
    let mut text = format!("{shown}：按{format}读取");
    if let Some(encoding) = reading.encoding {
        text.push_str(&format!("，{encoding}"));
    }
    if reading.task_tables > 0 {
        text.push_str(&format!(
            "；{} 张分工表按表头名称读取，每行一条报告",
            reading.task_tables
        ));
    }
    text
}

pub fn corrections_applied(lang: Lang, path: &str) -> String {
    match lang {
        Lang::Zh => format!("已应用更正文件 {path}"),
        Lang::En => format!("corrections applied from {path}"),
    }
}

/// One finding: `line 7: …`, `line 7: doubt: …`, `line 7: note: …`;
/// line 0 is about the whole document (a corrections file entry).
pub fn finding(lang: Lang, kind: FindingKind, line: usize, message: &str) -> String {
    let zh = lang == Lang::Zh;
    let place = match (line, zh) {
        (0, true) => "更正文件：".to_string(),
        (0, false) => "corrections file: ".to_string(),
        (n, true) => format!("第 {n} 行："),
        (n, false) => format!("line {n}: "),
    };
    let kind = match (kind, zh) {
        (FindingKind::Repair, _) => "",
        (FindingKind::Note, true) => "说明：",
        (FindingKind::Note, false) => "note: ",
        (FindingKind::Doubt, true) => "存疑：",
        (FindingKind::Doubt, false) => "doubt: ",
    };
    format!("{place}{kind}{message}")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindingKind {
    Repair,
    Note,
    Doubt,
}

pub fn coverage(
    lang: Lang,
    numbered: usize,
    tasks: usize,
    unnumbered: usize,
    without: usize,
) -> String {
    match lang {
        Lang::Zh => format!(
            "覆盖：见到 {numbered} 个编号段落，生成 {tasks} 项任务{}；{without} 项措施没有部门列表",
            if unnumbered > 0 {
                format!("（其中 {unnumbered} 项来自无编号段落）")
            } else {
                String::new()
            }
        ),
        Lang::En => format!(
            "coverage: {numbered} numbered paragraphs seen, {tasks} tasks made{}; {without} measure(s) without an agency list",
            if unnumbered > 0 {
                format!(" ({unnumbered} from paragraphs without a number)")
            } else {
                String::new()
            }
        ),
    }
}

pub fn without_list(lang: Lang, line: usize, label: &str) -> String {
    match lang {
        Lang::Zh => format!("  第 {line} 行：{label} 没有部门列表"),
        Lang::En => format!("  line {line}: {label} has no agency list"),
    }
}

pub fn summary(lang: Lang, shown: &str, id: &str, tasks: usize, counts: [usize; 3]) -> String {
    let [repairs, doubts, notes] = counts;
    match lang {
        Lang::Zh => format!(
            "{shown}：计划“{id}”：{tasks} 项任务；修复 {repairs} 处，存疑 {doubts} 处，说明 {notes} 条（已按行列在上面）"
        ),
        Lang::En => format!(
            "{shown}: plan \"{id}\": {tasks} tasks; {repairs} repairs, {doubts} doubts, {notes} notes (listed above by line)"
        ),
    }
}

pub fn nothing_written(lang: Lang, shown: &str, without: usize) -> String {
    match lang {
        Lang::Zh => format!(
            "{shown}：未写入：{without} 个编号段落被读作措施，但没有部门列表（见上面“覆盖”下的列表）；请在文件中核对，或用 --allow-partial 仍然写出计划"
        ),
        Lang::En => format!(
            "{shown}: nothing written: {without} numbered paragraph(s) read as measures but carry no agency list (listed above under coverage); check them in the document, or write the plan anyway with --allow-partial"
        ),
    }
}

pub fn written_to(lang: Lang, path: &str) -> String {
    match lang {
        Lang::Zh => format!("已写入 {path}"),
        Lang::En => format!("written to {path}"),
    }
}

/// The plan is in a directory plantrack loads from by itself.
pub fn loads_from(lang: Lang, id: &str, dir: &str, path: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "在此运行时，plantrack 会从 {dir}/ 把它作为计划“{id}”加载（任务 {id}:1、{id}:2 …）；`plantrack validate {path}` 可检查它"
        ),
        Lang::En => format!(
            "plantrack loads it as plan \"{id}\" (tasks {id}:1, {id}:2 …) from {dir}/ when run here; `plantrack validate {path}` checks it"
        ),
    }
}

/// The plan is elsewhere: how to open it.
pub fn does_not_load_from(
    lang: Lang,
    id: &str,
    dir: &str,
    data_plans: Option<&str>,
    path: &str,
) -> String {
    match lang {
        Lang::Zh => format!(
            "计划“{id}”（任务 {id}:1、{id}:2 …）：{dir}/ 不是 plantrack 自行加载的目录（./plans 和 {}）；请用 `plantrack --plan {path}` 打开，或把它移到 plans/",
            data_plans.unwrap_or("数据目录")
        ),
        Lang::En => format!(
            "plan \"{id}\" (tasks {id}:1, {id}:2 …): {dir}/ is not a directory plantrack loads from by itself (./plans and {}); open it with `plantrack --plan {path}`, or move it into plans/",
            data_plans.unwrap_or("the data directory")
        ),
    }
}

pub fn cannot_read(lang: Lang, what: &str, error: &std::io::Error) -> String {
    match lang {
        Lang::Zh => format!("无法读取 {what}：{error}"),
        Lang::En => format!("cannot read {what}: {error}"),
    }
}

pub fn cannot_write(lang: Lang, what: &str, error: &std::io::Error) -> String {
    match lang {
        Lang::Zh => format!("无法写入 {what}：{error}"),
        Lang::En => format!("cannot write {what}: {error}"),
    }
}

pub fn cannot_create(lang: Lang, what: &str, error: &std::io::Error) -> String {
    match lang {
        Lang::Zh => format!("无法创建 {what}：{error}"),
        Lang::En => format!("cannot create {what}: {error}"),
    }
}

pub fn standard_input(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "标准输入",
        Lang::En => "standard input",
    }
}
