//! `--help` in Chinese. The English help is the doc comments on the
//! argument structs (clap derives it); these are the same sentences in
//! Chinese, by subcommand and argument id. A test checks that every
//! subcommand and argument has one, so a new option cannot be left out.

/// What a subcommand does (`None` for the program itself).
pub fn about(command: Option<&str>) -> Option<&'static str> {
    Some(match command? {
        "show" => "一项任务的全部内容：正文、所属部分和小组、牵头和参与部门。",
        "list" => "每行一项任务，可按部门、部分或状态筛选。",
        "agencies" => "所有部门及其牵头 / 参与任务数。",
        "agency" => "一个部门的任务，牵头任务在前。",
        "search" => "按编号、正文、部门和标题模糊搜索（也支持拼音）。",
        "validate" => "检查计划文件（不给文件时检查已加载的计划和状态文件）。",
        "import" => {
            "把官方计划（文本、网页、Word、Excel 或 CSV 分工表）转换为计划 JSON，列出每处修复、疑问和未知部门。"
        }
        "mark" => "在状态文件中记录任务的状态和 / 或备注。",
        "due" => {
            "设定任务的完成时限（2020-09-30、9月底、2020年三季度、Q3、年底；none 恢复计划时限）。"
        }
        "history" => "任务的每次变更：时间、人员、从 → 到。",
        "report" => {
            "按部分和部门的进度、受阻和未开始的任务，或各单位报送的表格：Markdown、CSV、JSON、Word 或 Excel。"
        }
        "completions" => "输出 shell 补全脚本（bash、zsh、fish）。",
        "man" => "输出手册页（roff 格式）。",
        "feedback" => "记录本单位对一项任务的反馈：进展情况、存在问题、下一步。",
        "undo" => "撤销你自己的上一次更改（若之后有人改过该任务则拒绝，并说明是谁、何时）。",
        "sync" => "通过 git 与其他单位同步状态（或用 bundle 文件经移动盘交换）。",
        _ => return None,
    })
}

/// The program's own description.
pub const PROGRAM: &str = "跟踪政府工作计划：浏览任务、快速查找、标记进度。\n\n\
    不带子命令时，在所有已加载的计划上打开终端界面（磁盘上没有计划时使用内置的 2020 年知识产权战略推进计划）。";

/// One argument's help: by subcommand first, then by id alone for the
/// arguments every subcommand shares.
pub fn arg(command: Option<&str>, id: &str) -> Option<&'static str> {
    let specific = match (command, id) {
        (Some("show"), "task") => "任务编号（55）或 计划:编号。",
        (Some("feedback"), "task") => "任务：计划:编号；只有一个已加载的计划含此编号时可只写编号。",
        (Some("feedback"), "progress") => "进展情况（必填；换行保留，如 bash 中的 $'一\\n二'）。",
        (Some("feedback"), "problems") => "存在问题。",
        (Some("feedback"), "next") => "下一步工作。",
        (Some("feedback"), "json") => "以 JSON 输出结果。",
        (Some("report"), "form") => {
            "office：各单位报送的表格（序号、工作任务、牵头单位、参与单位、完成时限、进展情况、存在问题及下一步、状态）；summary：按部分和部门的进度统计和需关注的任务。默认 summary；docx 和 xlsx 总是 office。"
        }
        (Some("mark" | "history"), "task") => {
            "任务：计划:编号；只有一个已加载的计划含此编号时可只写编号。"
        }
        (Some("mark"), "status") => {
            "未开始、进行中、已完成、受阻或中止（也可写 not_started、in_progress、done、blocked、suspended 等）。"
        }
        (Some("mark"), "note") => "设置任务备注（空文本清除备注）。",
        (Some("mark"), "reason") => "受阻或中止的原因（中止时必填）。",
        (Some("sync"), "init") => {
            "让状态目录与 git 远程仓库 URL 同步（git 接受的任何 URL），然后同步。"
        }
        (Some("sync"), "status") => "显示尚未发出的更改，以及远程仓库有而本机尚无的更改。",
        (Some("sync"), "bundle") => {
            "把本机的全部更改写入文件（git bundle），供无网络连接的单位用移动盘带去。"
        }
        (Some("sync"), "from_bundle") => "接收另一单位用 --bundle 写出的更改。",
        (Some("mark" | "due"), "json") => "以 JSON 输出结果。",
        (Some("due"), "task") => "任务：计划:编号；只有一个已加载的计划含此编号时可只写编号。",
        (Some("due"), "date") => {
            "2020-09-30、2020年9月30日、9月底、2020年三季度、Q3、上半年、年底（不写年份时按计划年度）；none：恢复计划本身的时限。"
        }
        (Some("list"), "light") => {
            "只列今天亮此灯的任务（red 逾期、yellow 临近时限或滞后、green 正常推进）。"
        }
        (Some("list"), "as_of") => "按此日（YYYY-MM-DD）结束时的状态列出任务，由历史记录重建。",
        (Some("report"), "as_of") => {
            "按此日（YYYY-MM-DD）结束时的进展报告，由历史记录重建；也是报告日期。"
        }
        (Some("report"), "since") => {
            "增加“本期进展”一节：自此日起状态、备注或完成时限有变化的每项任务，注明经办人和时间。"
        }
        (Some("history"), "json") => "以 JSON 输出历史（时间为 UTC，RFC 3339）。",
        (Some("list"), "agency") => {
            "只列此部门的任务（任一名称：市场监管总局、国家市场监督管理总局、SAMR、scjgzj）。"
        }
        (Some("list"), "part") => "只列此部分的任务：序号（3）或编号（三）。",
        (Some("list" | "agency"), "status") => {
            "只列此状态的任务（未开始、进行中、已完成、受阻、中止）。"
        }
        (Some("agency"), "name") => {
            "部门的任一名称：简称（市场监管总局）、全称（国家市场监督管理总局）、英文名、缩写（SAMR）或拼音。"
        }
        (Some("search"), "query") => {
            "文字、任务编号、部门名或拼音（zlsc、zhuanli）。空格分隔的词都要匹配；'词 原样匹配，^词 在开头，词$ 在结尾，!词 排除；有大写字母的词区分大小写。"
        }
        (Some("search"), "limit") => "最多显示这么多条结果。",
        (Some("validate"), "files") => "要检查的计划文件；不给时检查已加载的计划和状态文件。",
        (Some("import"), "source") => {
            "计划文件：文本（UTF-8、UTF-16 或 GB18030）、保存的网页、.docx 或 .xlsx 文件、CSV/TSV 或 Markdown 表格；- 读标准输入。"
        }
        (Some("import"), "output") => "计划 JSON 写到哪里；不给时写到标准输出。",
        (Some("import"), "id") => "计划标识（每个任务键的一部分）；默认取输出文件名。",
        (Some("import"), "allow_partial") => "即使有编号的措施没有部门清单，也写出计划。",
        (Some("import"), "corrections") => {
            "原文损坏文字的更正文件（默认：输出文件名加 .corrections.toml，存在时使用）。"
        }
        (Some("report"), "format") => {
            "Markdown（表格，可粘贴进文档）、CSV（电子表格）、JSON，或报送表格的 docx（Word）和 xlsx（Excel）。"
        }
        (Some("report"), "json") => "同 --format json。",
        (Some("report"), "by") => "只按部分和小组，或只按部门统计进度（默认两者都有）。",
        (Some("report"), "agency") => "只报告一个部门的任务，牵头和参与分开（任一名称）。",
        (Some("report"), "status") => {
            "列出此状态的任务（可重复）；默认受阻和未开始，加 --agency 时为所有状态。"
        }
        (Some("report"), "bom") => "CSV 以字节顺序标记开头，使 Excel 正确显示中文。",
        (Some("report"), "output") => "把报告写入 FILE（整体替换，不会写一半）而不是标准输出。",
        (Some("report"), "date") => {
            "只是报告上印的日期（默认 --as-of 的日期，否则今天）；不给 --as-of 时进展仍是今天的。"
        }
        (Some("completions"), "shell") => "bash、zsh 或 fish（elvish 和 powershell 也可以）。",
        _ => "",
    };
    if !specific.is_empty() {
        return Some(specific);
    }
    Some(match id {
        "plan_files" => "加载此计划文件（可重复）；取代默认的计划位置。",
        "plan_dirs" => "加载此目录中的每个 *.json（可重复）；取代默认的计划位置。",
        "state" => "进度状态文件（团队可共用一个）。",
        "as_who" => {
            "以谁的身份记录（脚本用）：单位 或 姓名@单位（默认 PLANTRACK_USER / PLANTRACK_AGENCY，否则配置文件的 [me]）。"
        }
        "config_file" => "配置文件（默认 ~/.config/plantrack/config.toml）。",
        "lang" => "界面语言；默认取自 LC_ALL / LC_MESSAGES / LANG（zh* 为中文）。",
        "lock_timeout" => {
            "保存时等待其他进程释放状态文件锁的秒数（默认 10，或配置中的 lock_timeout）。"
        }
        "json" => "以 JSON 输出。",
        "help" => "显示帮助。",
        "version" => "显示版本。",
        _ => return None,
    })
}
