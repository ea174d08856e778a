//! `plantrack import`'s report in the user's language: how the file was
//! read, every finding (repairs, notes, doubts), coverage, the summary,
//! the refusals of documents it cannot read, where the plan was written
//! and how it loads.

use super::Lang;
use crate::import::ImportError;
use crate::import::corrections::CorrectionsError;
use crate::import::decode::Format;
use crate::import::decode::{Damaged, NotOffice, NotText, ReadError};
use crate::import::{Place, Reading, Said};
use crate::plan_io::PlanIdError;

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

/// A finding of the importer as a sentence in `lang`.
pub fn said(lang: Lang, said: &Said) -> String {
    let zh = lang == Lang::Zh;
    // Each finding's two sentences side by side, so that neither is
    // forgotten when one changes.
    let pick = |zh_text: String, en_text: String| if zh { zh_text } else { en_text };
    let place = |place: &Place| match (place, zh) {
        (Place::Section(heading), true) => format!("“{heading}”的正文"),
        (Place::Section(heading), false) => format!("text of section {heading}"),
        (Place::Preamble, true) => "计划的前言".to_string(),
        (Place::Preamble, false) => "the preamble".to_string(),
    };
    match said {
        Said::CrLineEnds => pick(
            "把 CR（旧 Mac）行尾读作换行".into(),
            "read CR (old Mac) line ends as line ends".into(),
        ),
        Said::PageFooters { count, lines } => pick(
            format!("删除了 {count} 行上的页脚或页码：第 {lines} 行"),
            format!("removed page footers or page numbers on {count} line(s): {lines}"),
        ),
        Said::HtmlEntities {
            entities,
            count,
            lines,
        } => pick(
            format!(
                "解码了 {count} 行上的 {entities} 个 HTML 实体（&ldquo; &#12289; …）：第 {lines} 行"
            ),
            format!(
                "decoded {entities} HTML entities (&ldquo; &#12289; …) on {count} line(s): {lines}"
            ),
        ),
        Said::Spaces(n) => pick(
            format!("删除了正文中的 {n} 个空格（换行造成）"),
            format!(
                "removed {n} space{} inside the text (line-wrap artefacts)",
                if *n == 1 { "" } else { "s" }
            ),
        ),
        Said::FullWidthDigits(n) => pick(
            format!("把 {n} 个全角数字写作 0–9"),
            format!("wrote {n} full-width digits as 0–9"),
        ),
        Said::Guillemets => pick("把 « » 写作 《 》".into(), "wrote « » as 《 》".into()),
        Said::AsciiPunctuation { marks, lines } => pick(
            format!(
                "把 {marks} 个半角标点 ( ) , : ; ? ! 写作全角 （ ） ， ： ； ？ ！，共 {lines} 行，此行为第一处"
            ),
            format!(
                "wrote {marks} ASCII marks ( ) , : ; ? ! in their full-width form （ ） ， ： ； ？ ！ on {lines} lines, this one first"
            ),
        ),
        Said::Traditional { count, ambiguous } if ambiguous.is_empty() => pick(
            format!(
                "正文为繁体字（{count} 个）：按简体读取，部门名称按简体对应到部门名录，正文保持原样"
            ),
            format!(
                "the text is in traditional characters ({count} of them): read through their simplified forms, agency names resolved to the registry that way, and the text kept as written"
            ),
        ),
        Said::Traditional { count, ambiguous } => pick(
            format!(
                "正文为繁体字（{count} 个）：按简体读取，部门名称按简体对应到部门名录，正文保持原样，但 {ambiguous} 在文中有多种写法，以简体显示"
            ),
            format!(
                "the text is in traditional characters ({count} of them): read through their simplified forms, agency names resolved to the registry that way, and the text kept as written except {ambiguous} (written in more than one form here, so shown simplified)"
            ),
        ),
        Said::NoTitle { plan_id } => pick(
            format!("第一个编号项之前没有标题行：计划以 {plan_id} 为标题"),
            format!("no title line before the first numbered item: the plan is titled {plan_id}"),
        ),
        Said::SiteHeader {
            date: Some(date),
            text,
        } => pick(
            format!("从网页页眉取得发布日期 {date}，并删去页眉其余部分：{text}"),
            format!(
                "took the issue date {date} from the web-site header and dropped the rest of it: {text}"
            ),
        ),
        Said::SiteHeader { date: None, text } => pick(
            format!("删去网页页眉：{text}"),
            format!("dropped the web-site header: {text}"),
        ),
        Said::SiteFooter { lines, texts } => pick(
            format!("删去计划之后的网页文字（第 {lines} 行）：{texts}"),
            format!("dropped web-site text after the plan (lines {lines}): {texts}"),
        ),
        Said::PublicationNote { text } => pick(
            format!("删去公开属性说明 {text}"),
            format!("dropped the publication note {text}"),
        ),
        Said::SignedDateDiffers { new, old } => pick(
            format!("落款日期 {new} 与前面取得的日期 {old} 不同；保留 {old}"),
            format!("the signed date {new} differs from the date {old} taken earlier; kept {old}"),
        ),
        Said::ListLinesJoined { list, line } => pick(
            format!("把 {list} 这几行读作第 {line} 行段落的部门列表"),
            format!("read the line(s) {list} as the agency list of the paragraph at line {line}"),
        ),
        Said::EmptySectionMerged { section, parent } => pick(
            format!("“{section}”下没有任务：其标题和正文作为“{parent}”的正文保留"),
            format!(
                "section {section} has no tasks: its heading and text are kept as text of section {parent}"
            ),
        ),
        Said::EmptySectionKept { section } => pick(
            format!("“{section}”下没有任务：作为只有正文的部分保留"),
            format!("section {section} has no tasks: kept as a section with its text only"),
        ),
        Said::LooseParagraph {
            after: Some(task),
            place: p,
        } => pick(
            format!(
                "任务 {task} 之后的本段不属于任何编号项：作为{}保留",
                place(p)
            ),
            format!(
                "this paragraph after task {task} belongs to no numbered item: kept as {}",
                place(p)
            ),
        ),
        Said::LooseParagraph {
            after: None,
            place: p,
        } => pick(
            format!("本段不属于任何编号项：作为{}保留", place(p)),
            format!(
                "this paragraph belongs to no numbered item: kept as {}",
                place(p)
            ),
        ),
        Said::MissingOpenBracket { written, label } => pick(
            format!("把 {written} 读作 {label}：补上了缺失的左括号"),
            format!("read {written} as {label}: put back the missing opening bracket"),
        ),
        Said::Unnumbered { numeral } => pick(
            format!("本段没有编号，但带有自己的部门列表：作为前一项之后的任务，编号 {numeral}"),
            format!(
                "this paragraph has no number but carries its own agency list: taken as a task numbered {numeral} after the one before it"
            ),
        ),
        Said::LostNumeral {
            written,
            label,
            numeral,
        } => pick(
            format!("把 {written} 读作 {label}：编号数字丢失，按前面的编号应为 {numeral}"),
            format!(
                "read {written} as {label}: the numeral was lost; {numeral} follows from the numbering before it"
            ),
        ),
        Said::PutBackBracket { closing, list } => pick(
            format!(
                "补上了部门列表（{list}）的{}括号",
                if *closing { "右" } else { "左" }
            ),
            format!(
                "put back the {} bracket of the agency list （{list}）",
                if *closing { "closing" } else { "opening" }
            ),
        ),
        Said::NumberedWithoutList {
            short,
            heading_like,
            place: p,
        } => pick(
            format!(
                "{short}… 有编号但没有部门列表，且{}：作为{}保留",
                if *heading_like {
                    "编号方式与任务相同"
                } else {
                    "作为标题过长"
                },
                place(p)
            ),
            format!(
                "{short}… is numbered but has no agency list, and is {}: kept as {}",
                if *heading_like {
                    "numbered like the tasks"
                } else {
                    "too long for a heading"
                },
                place(p)
            ),
        ),
        Said::ListNotAtEnd { label } => pick(
            format!("任务 {label}：最后一个部门列表不在末尾；其后的文字保留在任务正文中"),
            format!(
                "task {label}: its last agency list is not at the end; the text after it is kept in the task text"
            ),
        ),
        Said::ListNamesNoAgency { label, list } => pick(
            format!("任务 {label}：部门列表（{list}）没有列出任何部门"),
            format!("task {label}: the agency list （{list}） names no agency"),
        ),
        Said::UnreadInList {
            label,
            list,
            unread,
        } => pick(
            format!(
                "任务 {label}：部门列表（{list}）中的“{unread}”既不是部门、角色，也不是完成时限：仅按原文保留在列表中"
            ),
            format!(
                "task {label}: in the agency list （{list}）, “{unread}” is neither an agency, a role nor a time limit: kept only in the list as written"
            ),
        ),
        Said::SeveralLists {
            label,
            count,
            names,
        } => pick(
            format!(
                "任务 {label} 带有 {count} 个部门列表，各接在一句之后：任务的部门按书写顺序取全部列表（{names}），每个列表仍随其句子"
            ),
            format!(
                "task {label} carries {count} agency lists, one after each of its sentences: the task has the agencies of all of them in written order ({names}), and each list stays with its sentences"
            ),
        ),
        Said::LeadAssumed { label, lead } => pick(
            format!("任务 {label}：列表未写明牵头单位；以第一个列出的{lead}为牵头单位"),
            format!("task {label}: the list names no lead; {lead} leads as the first named"),
        ),
        Said::Joined {
            label,
            line,
            own_line,
        } => pick(
            format!(
                "并入任务 {label}（第 {line} 行）：{}",
                if *own_line {
                    "其部门列表单独成行"
                } else {
                    "其正文在分段之后接续"
                }
            ),
            format!(
                "joined to task {label} (line {line}): {}",
                if *own_line {
                    "its agency list stood on a line of its own"
                } else {
                    "its text continues here after a paragraph break"
                }
            ),
        ),
        Said::OddParentheses { label, odd } => pick(
            format!("任务 {label}：不是部门列表的括号文字保留在任务正文中：{odd}"),
            format!(
                "task {label}: parenthesised text that is not an agency list is kept in the task text: {odd}"
            ),
        ),
        Said::UnknownAgency { label, name, near } if near.is_empty() => pick(
            format!("任务 {label}：部门“{name}”不在部门名录中（名录中没有相近的名称）"),
            format!(
                "task {label}: agency “{name}” is not in the agency registry (no registered name is close)"
            ),
        ),
        Said::UnknownAgency { label, name, near } => pick(
            format!(
                "任务 {label}：部门“{name}”不在部门名录中（最相近的：{}）",
                near.join("、")
            ),
            format!(
                "task {label}: agency “{name}” is not in the agency registry (nearest registered: {})",
                near.join("、")
            ),
        ),
        Said::Unbalanced {
            task,
            heading,
            mark,
            missing,
            context,
        } => {
            let what = match (task, zh) {
                (Some(label), true) => format!("任务 {label}"),
                (Some(label), false) => format!("task {label}"),
                (None, _) => heading.clone(),
            };
            pick(
                format!("{what}：“{context}”中的 {mark} 没有对应的 {missing}；按原文保留"),
                format!("{what}: {mark} without its {missing} in “{context}”; left as written"),
            )
        }
        Said::RepeatedNumber { label, count } => pick(
            format!("任务 {label} 重复了前面用过的编号：全部任务按出现顺序编为 1 到 {count}"),
            format!(
                "task {label} repeats a number used before: all tasks are numbered 1 to {count} in order of appearance"
            ),
        ),
        Said::NumbersJump { from, to } => pick(
            format!("任务编号从 {from} 跳到 {to}"),
            format!("task numbers jump from {from} to {to}"),
        ),
        Said::Corrected {
            task,
            found,
            new,
            reason,
        } => pick(
            format!("任务 {task}：把“{found}”更正为“{new}”（{reason}）"),
            format!("task {task}: corrected “{found}” to “{new}” ({reason})"),
        ),
        Said::MarkedDamaged {
            task,
            found,
            reason,
        } => pick(
            format!("任务 {task}：“{found}”在原文中已损坏，按原样保留并作标记（{reason}）"),
            format!(
                "task {task}: “{found}” is damaged in the source, left as found and marked ({reason})"
            ),
        ),
    }
}

/// What import reads, for the refusals.
fn readable(lang: Lang) -> &'static str {
    match lang {
        Lang::En => crate::import::decode::READABLE,
        Lang::Zh => {
            "纯文本（UTF-8、UTF-16 或 GB18030）、保存的网页（.html）、Word .docx 文件、Excel .xlsx 文件、CSV/TSV 或 Markdown 表格"
        }
    }
}

/// Why a document was not imported.
pub fn import_error(lang: Lang, error: &ImportError) -> String {
    if lang == Lang::En {
        return error.to_string();
    }
    match error {
        ImportError::Empty => "文本是空的：没有可导入的内容".to_string(),
        ImportError::NoTasks { paragraphs } => format!(
            "在 {paragraphs} 个段落中没有找到任务：这份文件没有分配部门。任务是带有部门列表的段落（通常编号为 1. …、（一）…、一、…），如（知识产权局负责）、（牵头单位：商务部；参与单位：财政部）或（教育部牵头，科技部参与），或分工表中带有牵头单位的一行；这是工作计划的正文吗？"
        ),
        ImportError::Read(error) => read_error(lang, error),
        ImportError::BadPlanId(id) => format!(
            "计划标识 {id:?} 不能使用：它是每个任务键（标识:编号）的一部分，须非空，且不含空格和“:”（如 2020-ip-strategy）"
        ),
    }
}

fn read_error(lang: Lang, error: &ReadError) -> String {
    let readable = readable(lang);
    match error {
        ReadError::Empty => "文件是空的：没有可导入的内容".to_string(),
        ReadError::Binary { why } => {
            let why = match why {
                NotText::Bom(name) => format!("以 {name} 字节顺序标记开头，却不能按 {name} 解码"),
                NotText::NoEncoding => "既不是 UTF-8、UTF-16，也不是 GB18030 文本".to_string(),
                NotText::Control { control, total } => {
                    format!("{total} 个字符中有 {control} 个控制字符")
                }
            };
            format!("这是二进制数据，不是可读取的文件（{why}）；import 读取{readable}")
        }
        ReadError::NotOffice { why } => {
            let why = match why {
                NotOffice::Unopened(error) => format!("压缩包打不开：{error}"),
                NotOffice::Empty => "其中没有文件".to_string(),
                NotOffice::Holds(names) => {
                    format!("其中有 {names}，但没有 word/document.xml 或 xl/workbook.xml")
                }
            };
            format!(
                "这是 zip 压缩包，但不是 Word .docx 或 Excel .xlsx 文件（{why}）；import 读取{readable}"
            )
        }
        ReadError::OldOffice => "这是旧格式的 Word .doc 或 Excel .xls 文件，import 无法读取：请打开它另存为 .docx 或 .xlsx（或纯文本），再导入".to_string(),
        ReadError::Pdf => "这是 PDF：import 读取文本，不读取 PDF；请先提取文本（如 pdftotext FILE.pdf FILE.txt），再导入 .txt 文件".to_string(),
        ReadError::Damaged(damaged) => {
            let what = match damaged {
                Damaged::Archive(error) => format!("压缩包打不开：{error}"),
                Damaged::Unreadable { part, error } => format!("{part} 无法读取：{error}"),
                Damaged::Xml { part, error } => format!("{part} 不是格式正确的 XML：{error}"),
                Damaged::Missing(part) => format!("缺少 {part}"),
                Damaged::Table(error) => format!("无法读取表格：{error}"),
            };
            format!("文件已损坏：{what}")
        }
    }
}

/// Why a corrections file was refused.
pub fn corrections_error(lang: Lang, error: &CorrectionsError) -> String {
    if lang == Lang::En {
        return error.to_string();
    }
    match error {
        CorrectionsError::NotToml(error) => format!("不是更正文件：{error}"),
        CorrectionsError::Corrected(task) => {
            format!("任务 {task}：[[correction]] 须有 `corrected`，[[damaged]] 条目则不能有")
        }
        CorrectionsError::NoTask(task) => format!("导入的计划中没有任务 {task}"),
        CorrectionsError::NotOnce { task, found, times } => format!(
            "任务 {task}：“{found}”在其正文中出现 {times} 次，而不是一次：这个文件是否针对另一版本的文件？"
        ),
    }
}

/// A plan id that cannot be used, and what to do.
pub fn bad_plan_id(lang: Lang, error: &PlanIdError) -> String {
    match lang {
        Lang::En => format!("{error}; choose one with --id"),
        Lang::Zh => {
            let why = match error {
                PlanIdError::Empty => "计划标识是空的".to_string(),
                PlanIdError::TooLong(id) => format!("计划标识“{id}”超过 64 个字符"),
                PlanIdError::Character { id, bad } => {
                    format!("计划标识“{id}”含有 {bad:?}；只能用字母、数字、“-”“_”和“.”")
                }
            };
            format!("{why}；请用 --id 指定")
        }
    }
}

/// `FILE: what`, with the colon of the language.
pub fn located(lang: Lang, place: &str, what: &str) -> String {
    match lang {
        Lang::Zh => format!("{place}：{what}"),
        Lang::En => format!("{place}: {what}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One of every finding, with particulars as a document gives them.
    fn every_finding() -> Vec<Said> {
        let s = |t: &str| t.to_string();
        vec![
            Said::CrLineEnds,
            Said::PageFooters {
                count: 2,
                lines: s("4, 9"),
            },
            Said::HtmlEntities {
                entities: 3,
                count: 1,
                lines: s("5"),
            },
            Said::Spaces(2),
            Said::FullWidthDigits(4),
            Said::Guillemets,
            Said::AsciiPunctuation { marks: 6, lines: 2 },
            Said::Traditional {
                count: 40,
                ambiguous: s("乾"),
            },
            Said::Traditional {
                count: 40,
                ambiguous: String::new(),
            },
            Said::NoTitle { plan_id: s("p") },
            Said::SiteHeader {
                date: Some(s("2020-05-13")),
                text: s("首页 > 政策"),
            },
            Said::SiteHeader {
                date: None,
                text: s("首页 > 政策"),
            },
            Said::SiteFooter {
                lines: s("40, 41"),
                texts: s("关于我们 / 网站地图"),
            },
            Said::PublicationNote {
                text: s("（此件公开发布）"),
            },
            Said::SignedDateDiffers {
                new: s("2020-05-14"),
                old: s("2020-05-13"),
            },
            Said::ListLinesJoined {
                list: s("牵头单位：商务部"),
                line: 7,
            },
            Said::EmptySectionMerged {
                section: s("（二）基本原则"),
                parent: s("一、总体要求"),
            },
            Said::EmptySectionKept {
                section: s("一、总体要求"),
            },
            Said::LooseParagraph {
                after: Some(s("7")),
                place: Place::Section(s("三、保障")),
            },
            Said::LooseParagraph {
                after: None,
                place: Place::Preamble,
            },
            Said::MissingOpenBracket {
                written: s("三）"),
                label: s("（三）"),
            },
            Said::Unnumbered { numeral: s("8") },
            Said::LostNumeral {
                written: s("（）"),
                label: s("（四）"),
                numeral: s("四"),
            },
            Said::PutBackBracket {
                closing: true,
                list: s("科技部负责"),
            },
            Said::PutBackBracket {
                closing: false,
                list: s("科技部负责"),
            },
            Said::NumberedWithoutList {
                short: s("8.加强组织领导"),
                heading_like: true,
                place: Place::Preamble,
            },
            Said::NumberedWithoutList {
                short: s("8.加强组织领导"),
                heading_like: false,
                place: Place::Preamble,
            },
            Said::ListNotAtEnd { label: s("3") },
            Said::ListNamesNoAgency {
                label: s("3"),
                list: s("按职责分工负责"),
            },
            Said::UnreadInList {
                label: s("3"),
                list: s("科技部负责，另行"),
                unread: s("另行"),
            },
            Said::SeveralLists {
                label: s("4"),
                count: 2,
                names: s("科技部、商务部"),
            },
            Said::LeadAssumed {
                label: s("5"),
                lead: s("科技部"),
            },
            Said::Joined {
                label: s("7"),
                line: 16,
                own_line: true,
            },
            Said::Joined {
                label: s("7"),
                line: 16,
                own_line: false,
            },
            Said::OddParentheses {
                label: s("1"),
                odd: s("（区、市）"),
            },
            Said::UnknownAgency {
                label: s("1"),
                name: s("工业和信息部"),
                near: vec![s("工业和信息化部")],
            },
            Said::UnknownAgency {
                label: s("1"),
                name: s("某局"),
                near: Vec::new(),
            },
            Said::Unbalanced {
                task: Some(s("2")),
                heading: String::new(),
                mark: '（',
                missing: '）',
                context: s("推进（试点"),
            },
            Said::Unbalanced {
                task: None,
                heading: s("二、重点任务"),
                mark: '《',
                missing: '》',
                context: s("《纲要"),
            },
            Said::RepeatedNumber {
                label: s("3"),
                count: 12,
            },
            Said::NumbersJump { from: 5, to: 7 },
            Said::Corrected {
                task: 3,
                found: s("工业和信息部"),
                new: s("工业和信息化部"),
                reason: s("原文漏字"),
            },
            Said::MarkedDamaged {
                task: 3,
                found: s("□□"),
                reason: s("原文缺字"),
            },
        ]
    }

    #[test]
    fn every_finding_has_a_chinese_sentence_without_english_words() {
        for said in every_finding() {
            let zh = super::said(Lang::Zh, &said);
            let english: Vec<&str> = zh
                .split(|c: char| !c.is_ascii_alphabetic())
                // What a Chinese reader also sees in the text: the marks'
                // names, the encoding's.
                .filter(|w| w.len() > 1 && !["CR", "Mac", "HTML", "ASCII", "ldquo"].contains(w))
                .collect();
            assert!(english.is_empty(), "{zh} ({said:?})");
            assert_ne!(zh, super::said(Lang::En, &said));
        }
    }

    #[test]
    fn every_refusal_has_a_chinese_sentence() {
        use crate::import::decode::{Damaged, NotOffice, NotText, ReadError};
        let errors = [
            ImportError::Empty,
            ImportError::NoTasks { paragraphs: 3 },
            ImportError::BadPlanId("a b".into()),
            ImportError::Read(ReadError::Empty),
            ImportError::Read(ReadError::OldOffice),
            ImportError::Read(ReadError::Pdf),
            ImportError::Read(ReadError::Binary {
                why: NotText::Bom("UTF-8"),
            }),
            ImportError::Read(ReadError::Binary {
                why: NotText::NoEncoding,
            }),
            ImportError::Read(ReadError::Binary {
                why: NotText::Control {
                    control: 9,
                    total: 20,
                },
            }),
            ImportError::Read(ReadError::NotOffice {
                why: NotOffice::Empty,
            }),
            ImportError::Read(ReadError::NotOffice {
                why: NotOffice::Holds("a.txt".into()),
            }),
            ImportError::Read(ReadError::Damaged(Damaged::Missing(
                "word/document.xml".into(),
            ))),
        ];
        for error in &errors {
            let zh = import_error(Lang::Zh, error);
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{zh}"
            );
            assert_eq!(import_error(Lang::En, error), error.to_string());
        }
        let refused = CorrectionsError::NotOnce {
            task: 3,
            found: "x".into(),
            times: 2,
        };
        assert_eq!(
            corrections_error(Lang::Zh, &refused),
            "任务 3：“x”在其正文中出现 2 次，而不是一次：这个文件是否针对另一版本的文件？"
        );
    }
}
