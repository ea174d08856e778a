//! `plantrack import`'s report in the user's language: how the file was
//! read, every finding (repairs, notes, doubts), coverage, the summary,
//! the refusals of documents it cannot read, where the plan was written
//! and how it loads.

use super::Lang;
use crate::import::decode::Format;
use crate::import::{Place, Reading, Said};

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
    match lang {
        Lang::En => said_en(said),
        Lang::Zh => said_zh(said),
    }
}

fn said_en(said: &Said) -> String {
    let place = |place: &Place| match place {
        Place::Section(heading) => format!("text of section {heading}"),
        Place::Preamble => "the preamble".to_string(),
    };
    match said {
        Said::CrLineEnds => "read CR (old Mac) line ends as line ends".to_string(),
        Said::PageFooters { count, lines } => {
            format!("removed page footers or page numbers on {count} line(s): {lines}")
        }
        Said::HtmlEntities {
            entities,
            count,
            lines,
        } => format!(
            "decoded {entities} HTML entities (&ldquo; &#12289; …) on {count} line(s): {lines}"
        ),
        Said::Spaces(n) => {
            let s = if *n == 1 { "" } else { "s" };
            format!("removed {n} space{s} inside the text (line-wrap artefacts)")
        }
        Said::FullWidthDigits(n) => format!("wrote {n} full-width digits as 0–9"),
        Said::Guillemets => "wrote « » as 《 》".to_string(),
        Said::AsciiPunctuation { marks, lines } => format!(
            "wrote {marks} ASCII marks ( ) , : ; ? ! in their full-width form （ ） ， ： ； ？ ！ on {lines} lines, this one first"
        ),
        Said::Traditional { count, ambiguous } => {
            let kept = if ambiguous.is_empty() {
                "kept as written".to_string()
            } else {
                format!(
                    "kept as written except {ambiguous} (written in more than one form here, so shown simplified)"
                )
            };
            format!(
                "the text is in traditional characters ({count} of them): read through their simplified forms, agency names resolved to the registry that way, and the text {kept}"
            )
        }
        Said::NoTitle { plan_id } => {
            format!("no title line before the first numbered item: the plan is titled {plan_id}")
        }
        Said::SiteHeader {
            date: Some(date),
            text,
        } => format!(
            "took the issue date {date} from the web-site header and dropped the rest of it: {text}"
        ),
        Said::SiteHeader { date: None, text } => format!("dropped the web-site header: {text}"),
        Said::SiteFooter { lines, texts } => {
            format!("dropped web-site text after the plan (lines {lines}): {texts}")
        }
        Said::PublicationNote { text } => format!("dropped the publication note {text}"),
        Said::SignedDateDiffers { new, old } => {
            format!("the signed date {new} differs from the date {old} taken earlier; kept {old}")
        }
        Said::ListLinesJoined { list, line } => {
            format!("read the line(s) {list} as the agency list of the paragraph at line {line}")
        }
        Said::EmptySectionMerged { section, parent } => format!(
            "section {section} has no tasks: its heading and text are kept as text of section {parent}"
        ),
        Said::EmptySectionKept { section } => {
            format!("section {section} has no tasks: kept as a section with its text only")
        }
        Said::LooseParagraph { after, place: p } => {
            let after = after.as_ref().map_or_else(
                || "this paragraph".to_string(),
                |l| format!("this paragraph after task {l}"),
            );
            format!("{after} belongs to no numbered item: kept as {}", place(p))
        }
        Said::MissingOpenBracket { written, label } => {
            format!("read {written} as {label}: put back the missing opening bracket")
        }
        Said::Unnumbered { numeral } => format!(
            "this paragraph has no number but carries its own agency list: taken as a task numbered {numeral} after the one before it"
        ),
        Said::LostNumeral {
            written,
            label,
            numeral,
        } => format!(
            "read {written} as {label}: the numeral was lost; {numeral} follows from the numbering before it"
        ),
        Said::PutBackBracket { closing, list } => format!(
            "put back the {} bracket of the agency list （{list}）",
            if *closing { "closing" } else { "opening" }
        ),
        Said::NumberedWithoutList {
            short,
            heading_like,
            place: p,
        } => format!(
            "{short}… is numbered but has no agency list, and is {}: kept as {}",
            if *heading_like {
                "numbered like the tasks"
            } else {
                "too long for a heading"
            },
            place(p)
        ),
        Said::ListNotAtEnd { label } => format!(
            "task {label}: its last agency list is not at the end; the text after it is kept in the task text"
        ),
        Said::ListNamesNoAgency { label, list } => {
            format!("task {label}: the agency list （{list}） names no agency")
        }
        Said::UnreadInList {
            label,
            list,
            unread,
        } => format!(
            "task {label}: in the agency list （{list}）, “{unread}” is neither an agency, a role nor a time limit: kept only in the list as written"
        ),
        Said::SeveralLists {
            label,
            count,
            names,
        } => format!(
            "task {label} carries {count} agency lists, one after each of its sentences: the task has the agencies of all of them in written order ({names}), and each list stays with its sentences"
        ),
        Said::LeadAssumed { label, lead } => {
            format!("task {label}: the list names no lead; {lead} leads as the first named")
        }
        Said::Joined {
            label,
            line,
            own_line,
        } => format!(
            "joined to task {label} (line {line}): {}",
            if *own_line {
                "its agency list stood on a line of its own"
            } else {
                "its text continues here after a paragraph break"
            }
        ),
        Said::OddParentheses { label, odd } => format!(
            "task {label}: parenthesised text that is not an agency list is kept in the task text: {odd}"
        ),
        Said::UnknownAgency { label, name, near } => {
            let hint = if near.is_empty() {
                "no registered name is close".to_string()
            } else {
                format!("nearest registered: {}", near.join("、"))
            };
            format!("task {label}: agency “{name}” is not in the agency registry ({hint})")
        }
        Said::Unbalanced {
            task,
            heading,
            mark,
            missing,
            context,
        } => {
            let what = task
                .as_ref()
                .map_or_else(|| heading.clone(), |l| format!("task {l}"));
            format!("{what}: {mark} without its {missing} in “{context}”; left as written")
        }
        Said::RepeatedNumber { label, count } => format!(
            "task {label} repeats a number used before: all tasks are numbered 1 to {count} in order of appearance"
        ),
        Said::NumbersJump { from, to } => format!("task numbers jump from {from} to {to}"),
        Said::Corrected {
            task,
            found,
            new,
            reason,
        } => format!("task {task}: corrected “{found}” to “{new}” ({reason})"),
        Said::MarkedDamaged {
            task,
            found,
            reason,
        } => format!(
            "task {task}: “{found}” is damaged in the source, left as found and marked ({reason})"
        ),
    }
}

fn said_zh(said: &Said) -> String {
    let place = |place: &Place| match place {
        Place::Section(heading) => format!("“{heading}”的正文"),
        Place::Preamble => "计划的前言".to_string(),
    };
    match said {
        Said::CrLineEnds => "把 CR（旧 Mac）行尾读作换行".to_string(),
        Said::PageFooters { count, lines } => {
            format!("删除了 {count} 行上的页脚或页码：第 {lines} 行")
        }
        Said::HtmlEntities {
            entities,
            count,
            lines,
        } => format!(
            "解码了 {count} 行上的 {entities} 个 HTML 实体（&ldquo; &#12289; …）：第 {lines} 行"
        ),
        Said::Spaces(n) => format!("删除了正文中的 {n} 个空格（换行造成）"),
        Said::FullWidthDigits(n) => format!("把 {n} 个全角数字写作 0–9"),
        Said::Guillemets => "把 « » 写作 《 》".to_string(),
        Said::AsciiPunctuation { marks, lines } => format!(
            "把 {marks} 个半角标点 ( ) , : ; ? ! 写作全角 （ ） ， ： ； ？ ！，共 {lines} 行，此行为第一处"
        ),
        Said::Traditional { count, ambiguous } => {
            let kept = if ambiguous.is_empty() {
                "保持原样".to_string()
            } else {
                format!("保持原样，但 {ambiguous} 在文中有多种写法，以简体显示")
            };
            format!(
                "正文为繁体字（{count} 个）：按简体读取，部门名称按简体对应到部门名录，正文{kept}"
            )
        }
        Said::NoTitle { plan_id } => {
            format!("第一个编号项之前没有标题行：计划以 {plan_id} 为标题")
        }
        Said::SiteHeader {
            date: Some(date),
            text,
        } => format!("从网页页眉取得发布日期 {date}，并删去页眉其余部分：{text}"),
        Said::SiteHeader { date: None, text } => format!("删去网页页眉：{text}"),
        Said::SiteFooter { lines, texts } => {
            format!("删去计划之后的网页文字（第 {lines} 行）：{texts}")
        }
        Said::PublicationNote { text } => format!("删去公开属性说明 {text}"),
        Said::SignedDateDiffers { new, old } => {
            format!("落款日期 {new} 与前面取得的日期 {old} 不同；保留 {old}")
        }
        Said::ListLinesJoined { list, line } => {
            format!("把 {list} 这几行读作第 {line} 行段落的部门列表")
        }
        Said::EmptySectionMerged { section, parent } => {
            format!("“{section}”下没有任务：其标题和正文作为“{parent}”的正文保留")
        }
        Said::EmptySectionKept { section } => {
            format!("“{section}”下没有任务：作为只有正文的部分保留")
        }
        Said::LooseParagraph { after, place: p } => {
            let after = after
                .as_ref()
                .map_or_else(|| "本段".to_string(), |l| format!("任务 {l} 之后的本段"));
            format!("{after}不属于任何编号项：作为{}保留", place(p))
        }
        Said::MissingOpenBracket { written, label } => {
            format!("把 {written} 读作 {label}：补上了缺失的左括号")
        }
        Said::Unnumbered { numeral } => {
            format!("本段没有编号，但带有自己的部门列表：作为前一项之后的任务，编号 {numeral}")
        }
        Said::LostNumeral {
            written,
            label,
            numeral,
        } => format!("把 {written} 读作 {label}：编号数字丢失，按前面的编号应为 {numeral}"),
        Said::PutBackBracket { closing, list } => format!(
            "补上了部门列表（{list}）的{}括号",
            if *closing { "右" } else { "左" }
        ),
        Said::NumberedWithoutList {
            short,
            heading_like,
            place: p,
        } => format!(
            "{short}… 有编号但没有部门列表，且{}：作为{}保留",
            if *heading_like {
                "编号方式与任务相同"
            } else {
                "作为标题过长"
            },
            place(p)
        ),
        Said::ListNotAtEnd { label } => {
            format!("任务 {label}：最后一个部门列表不在末尾；其后的文字保留在任务正文中")
        }
        Said::ListNamesNoAgency { label, list } => {
            format!("任务 {label}：部门列表（{list}）没有列出任何部门")
        }
        Said::UnreadInList {
            label,
            list,
            unread,
        } => format!(
            "任务 {label}：部门列表（{list}）中的“{unread}”既不是部门、角色，也不是完成时限：仅按原文保留在列表中"
        ),
        Said::SeveralLists {
            label,
            count,
            names,
        } => format!(
            "任务 {label} 带有 {count} 个部门列表，各接在一句之后：任务的部门按书写顺序取全部列表（{names}），每个列表仍随其句子"
        ),
        Said::LeadAssumed { label, lead } => {
            format!("任务 {label}：列表未写明牵头单位；以第一个列出的{lead}为牵头单位")
        }
        Said::Joined {
            label,
            line,
            own_line,
        } => format!(
            "并入任务 {label}（第 {line} 行）：{}",
            if *own_line {
                "其部门列表单独成行"
            } else {
                "其正文在分段之后接续"
            }
        ),
        Said::OddParentheses { label, odd } => {
            format!("任务 {label}：不是部门列表的括号文字保留在任务正文中：{odd}")
        }
        Said::UnknownAgency { label, name, near } => {
            let hint = if near.is_empty() {
                "名录中没有相近的名称".to_string()
            } else {
                format!("最相近的：{}", near.join("、"))
            };
            format!("任务 {label}：部门“{name}”不在部门名录中（{hint}）")
        }
        Said::Unbalanced {
            task,
            heading,
            mark,
            missing,
            context,
        } => {
            let what = task
                .as_ref()
                .map_or_else(|| heading.clone(), |l| format!("任务 {l}"));
            format!("{what}：“{context}”中的 {mark} 没有对应的 {missing}；按原文保留")
        }
        Said::RepeatedNumber { label, count } => {
            format!("任务 {label} 重复了前面用过的编号：全部任务按出现顺序编为 1 到 {count}")
        }
        Said::NumbersJump { from, to } => format!("任务编号从 {from} 跳到 {to}"),
        Said::Corrected {
            task,
            found,
            new,
            reason,
        } => format!("任务 {task}：把“{found}”更正为“{new}”（{reason}）"),
        Said::MarkedDamaged {
            task,
            found,
            reason,
        } => format!("任务 {task}：“{found}”在原文中已损坏，按原样保留并作标记（{reason}）"),
    }
}
