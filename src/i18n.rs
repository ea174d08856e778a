//! Every interface label, in Chinese and English, in one place.
//!
//! Fixed labels are a [`Label`] looked up with [`tr`]; labels with values in
//! them are small functions below, so that word order can differ by language.

use crate::progress::Status;

pub mod clap_zh;
pub mod cli;
pub mod help;
pub mod import;
pub mod store;
pub mod sync;
pub mod validate;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    /// The locale as POSIX resolves it: LC_ALL, then LC_MESSAGES, then LANG;
    /// any `zh*` locale means Chinese, everything else English.
    pub fn from_env() -> Lang {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let locale = var("LC_ALL")
            .or_else(|| var("LC_MESSAGES"))
            .or_else(|| var("LANG"))
            .unwrap_or_default();
        Lang::from_locale(&locale)
    }

    pub fn from_locale(locale: &str) -> Lang {
        if locale.to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    AppName,
    TreeView,
    AgencyView,
    Search,
    SearchPrompt,
    SearchEmpty,
    NoResults,
    SearchSyntax,
    SyntaxAll,
    SyntaxExact,
    SyntaxAnchors,
    SyntaxExclude,
    SyntaxCase,
    Help,
    HelpTitle,
    HelpClose,
    Detail,
    Filter,
    Sort,
    SortByCount,
    SortByName,
    Part,
    Group,
    Lead,
    LeadShort,
    Participating,
    PerRemit,
    Others,
    Status,
    Note,
    NoNote,
    History,
    NoHistory,
    Feedback,
    FeedbackSince,
    FeedbackProgress,
    FeedbackProblems,
    FeedbackNext,
    Tasks,
    Done,
    TooSmall,
    Saved,
    LatestReceived,
    NoneReceived,
    SyncFailed,
    Proposed,
    ProposalSent,
    Undone,
    NothingToUndo,
    NoteTitle,
    NoteKeys,
    NoTask,
    FilterAll,
    FilterOpen,
    Agency,
    Count,
    Progress,
    GoTo,
    NoSuchTask,
    FilterReset,
    Empty,
    Plan,
    // Key descriptions, shown by `?` and in the status bar.
    KeyUp,
    KeyDown,
    KeyTop,
    KeyBottom,
    KeyPageDown,
    KeyPageUp,
    KeyCollapse,
    KeyExpand,
    KeyOpen,
    KeyBack,
    KeyPane,
    KeySearch,
    KeyHelp,
    KeyTree,
    KeyAgencies,
    KeyNextPlan,
    KeyFilter,
    KeySort,
    KeyDone,
    KeyInProgress,
    KeyBlocked,
    KeyNotStarted,
    KeyCycle,
    KeyNote,
    KeyUndo,
    KeyQuit,
    KeyDigits,
    KeyJump,
    KeyCancel,
    KeySave,
    Task,
    PartShort,
    KeyDelete,
    KeyDeleteWord,
    KeyDeleteToStart,
    KeyCursorLeft,
    KeyCursorRight,
    KeyLineStart,
    KeyLineEnd,
    SummaryView,
    SummaryTitle,
    Overall,
    ByPart,
    ByAgency,
    LeadDoneTotal,
    PartDoneTotal,
    NoneListed,
    FocusTitle,
    NothingCopied,
    NothingToCopy,
    KeySummary,
    KeyFocus,
    KeyNextTask,
    KeyPrevTask,
    KeyCopy,
    KeyCopyList,
    KeyCopyTable,
    KeyFeedback,
    KeyLineBreak,
    KeyNextField,
    FeedbackTitle,
    FeedbackKeys,
    NoAgency,
    ProgressRequired,
    KeyPrintOnExit,
    KeyJumpOrOpen,
    AllTasks,
    // What an imported plan says beyond the agencies (issue 9).
    TimeLimit,
    Scope,
    LeadAssumed,
    ListBySentence,
    Corrected,
    DamagedInSource,
    // Time limits and lights (issue 12).
    PlanDefault,
    DefaultLimit,
    SetLimit,
    DueTitle,
    DueKeys,
    KeyDue,
    LightRed,
    LightYellow,
    LightGreen,
    // Suspended, reasons, the as-of view, the light filter (issue 12).
    KeySuspended,
    Reason,
    ReasonBlockedTitle,
    ReasonSuspendedTitle,
    ReasonBlockedKeys,
    ReasonSuspendedKeys,
    ReasonRequired,
    SuspendedApart,
    KeyAsOf,
    AsOfTitle,
    AsOfKeys,
    ReadOnlyAsOf,
    KeyLightFilter,
    AsOfLeft,
    AsOfBack,
}

/// The label in the given language.
pub fn tr(lang: Lang, label: Label) -> &'static str {
    let (zh, en) = pair(label);
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

fn pair(label: Label) -> (&'static str, &'static str) {
    use Label::*;
    match label {
        AppName => ("计划跟踪", "plantrack"),
        TreeView => ("计划", "Plan"),
        AgencyView => ("部门", "Agencies"),
        Search => ("搜索", "Search"),
        SearchPrompt => (
            "搜索（编号、文字、部门、拼音）",
            "Search (number, text, agency, pinyin)",
        ),
        SearchEmpty => (
            "输入编号、文字、部门名或拼音首字母，例如 zlsc；空格分隔的词都要匹配，!词 排除",
            "Type a task number, words, an agency or pinyin initials, e.g. zlsc; \
             words separated by spaces must all match, !word excludes",
        ),
        SearchSyntax => ("搜索语法（同 fzf）", "Search syntax (as in fzf)"),
        SyntaxAll => ("空格分隔的词都要匹配", "every word must match"),
        SyntaxExact => ("原样连续出现", "exactly as typed"),
        SyntaxAnchors => ("在开头 / 在结尾", "at the start / at the end"),
        SyntaxExclude => ("排除含此词的任务", "exclude"),
        SyntaxCase => ("有大写时区分大小写", "capitals match case"),
        NoResults => ("没有匹配的任务", "No matching task"),
        Help => ("帮助", "help"),
        HelpTitle => ("按键（Esc 关闭）", "Keys (Esc closes)"),
        HelpClose => ("关闭帮助", "close help"),
        Detail => ("详情", "Detail"),
        Filter => ("筛选", "filter"),
        Sort => ("排序", "sort"),
        SortByCount => ("按任务数", "by count"),
        SortByName => ("按名称", "by name"),
        Part => ("部分", "Part"),
        Group => ("类别", "Group"),
        Lead => ("牵头部门", "Lead"),
        LeadShort => ("牵头", "lead"),
        Participating => ("参与部门", "Participating"),
        PerRemit => (
            "按职责分别负责",
            "each within its own remit (按职责分别负责)",
        ),
        Others => ("其他", "Others"),
        Status => ("状态", "Status"),
        Note => ("备注", "Note"),
        NoNote => ("（无）", "(none)"),
        History => ("记录", "History"),
        NoHistory => ("（尚无记录）", "(no changes yet)"),
        Feedback => ("各单位反馈", "Feedback by agency"),
        FeedbackSince => ("未变自", "unchanged since"),
        FeedbackProgress => ("进展情况", "Progress"),
        FeedbackProblems => ("存在问题", "Problems"),
        FeedbackNext => ("下一步", "Next"),
        Tasks => ("任务", "tasks"),
        Done => ("完成", "done"),
        TooSmall => ("窗口太小：至少需要 40×10", "Too small: needs 40×10"),
        Saved => ("已保存", "saved"),
        LatestReceived => ("最近收到的更改", "latest change received"),
        NoneReceived => ("尚未收到该单位的更改", "none from this agency yet"),
        SyncFailed => ("同步失败", "sync failed"),
        Proposed => ("建议状态", "proposed"),
        ProposalSent => ("已提交牵头单位决定", "proposed to the lead agency"),
        Undone => ("已撤销", "undone"),
        NothingToUndo => ("没有可撤销的更改", "nothing to undo"),
        NoteTitle => ("编辑备注", "Edit note"),
        NoteKeys => ("Enter 保存 · Esc 取消", "Enter save · Esc cancel"),
        NoTask => ("请先选择一项任务", "select a task first"),
        FilterAll => ("全部", "all"),
        FilterOpen => ("未完成", "open"),
        Agency => ("部门", "Agency"),
        Count => ("牵头/参与", "lead/part"),
        Progress => ("进度", "progress"),
        GoTo => ("跳到任务", "go to task"),
        NoSuchTask => ("没有这个编号的任务", "no task with this number"),
        FilterReset => (
            "筛选已改为全部以显示该任务",
            "filter reset to all to show the task",
        ),
        Empty => ("（没有符合筛选的任务）", "(no task matches the filter)"),
        Plan => ("计划", "plan"),
        KeyUp => ("上移", "up"),
        KeyDown => ("下移", "down"),
        KeyTop => ("到顶部", "first"),
        KeyBottom => ("到底部", "last"),
        KeyPageDown => ("下翻半页", "half page down"),
        KeyPageUp => ("上翻半页", "half page up"),
        KeyCollapse => ("折叠", "collapse"),
        KeyExpand => ("展开", "expand"),
        KeyOpen => ("打开/展开", "open"),
        KeyBack => ("返回", "back"),
        KeyPane => ("切换窗格", "switch pane"),
        KeySearch => ("搜索", "search"),
        KeyHelp => ("帮助", "help"),
        KeyTree => ("计划树", "plan tree"),
        KeyAgencies => ("部门", "agencies"),
        KeyNextPlan => ("下一个计划", "next plan"),
        KeyFilter => ("按状态筛选", "status filter"),
        KeySort => ("排序", "sort"),
        KeyDone => ("标为完成", "mark done"),
        KeyInProgress => ("标为进行中", "mark in progress"),
        KeyBlocked => ("标为受阻（写原因）", "mark blocked, why"),
        KeyNotStarted => ("标为未开始", "mark not started"),
        KeyCycle => ("切换状态", "cycle status"),
        KeyNote => ("编辑备注", "edit note"),
        KeyUndo => ("撤销上次更改", "undo last change"),
        KeyQuit => ("退出", "quit"),
        KeyDigits => ("输入编号跳到任务", "go to task number"),
        KeyJump => ("跳到该任务", "jump to task"),
        KeyCancel => ("取消", "cancel"),
        KeySave => ("保存", "save"),
        Task => ("任务", "Task"),
        PartShort => ("参与", "part"),
        KeyDelete => ("删除前一个字", "delete back"),
        KeyDeleteWord => ("删除前一个词", "delete word"),
        KeyDeleteToStart => ("删除光标前全部", "delete to start"),
        KeyCursorLeft => ("光标左移", "cursor left"),
        KeyCursorRight => ("光标右移", "cursor right"),
        KeyLineStart => ("到行首", "line start"),
        KeyLineEnd => ("到行尾", "line end"),
        SummaryView => ("汇总", "Summary"),
        SummaryTitle => ("进展汇总", "Progress summary"),
        Overall => ("总体进展", "Overall progress"),
        ByPart => ("分部分进展", "By part and group"),
        ByAgency => ("各部门进展", "By agency"),
        LeadDoneTotal => ("牵头 完成/总数", "lead done/all"),
        PartDoneTotal => ("参与 完成/总数", "part. done/all"),
        NoneListed => ("（无）", "(none)"),
        FocusTitle => ("单项展示", "Focus"),
        NothingCopied => (
            "还没有复制内容，请先按 y",
            "nothing copied yet: press y first",
        ),
        NothingToCopy => ("这里没有可复制的任务", "no task here to copy"),
        KeySummary => ("进展汇总", "progress summary"),
        KeyFocus => ("单项展示", "focus view"),
        KeyNextTask => ("下一项任务", "next task"),
        KeyPrevTask => ("上一项任务", "previous task"),
        KeyCopy => ("复制", "copy"),
        KeyCopyList => ("复制整个列表", "copy the list"),
        KeyCopyTable => ("复制为表格", "copy as a table"),
        KeyFeedback => ("填写本单位反馈", "edit my agency's feedback"),
        KeyLineBreak => ("换行", "line break"),
        KeyNextField => ("下一栏", "next field"),
        FeedbackTitle => ("本单位反馈", "Feedback"),
        NoAgency => (
            "未设置所在单位：在配置文件 [me] 中填写 agency，或设置 PLANTRACK_AGENCY",
            "no agency set: add agency to [me] in the configuration, or set PLANTRACK_AGENCY",
        ),
        ProgressRequired => ("进展情况不能为空", "进展情况 (progress) is required"),
        FeedbackKeys => (
            "Enter 保存 · Ctrl+J 换行 · Tab 下一栏 · Esc 取消",
            "Enter save · Ctrl+J line break · Tab next field · Esc cancel",
        ),
        KeyPrintOnExit => ("退出时打印所复制内容", "print the copy on exit"),
        KeyJumpOrOpen => ("跳转", "go to"),
        AllTasks => ("全部任务", "All tasks"),
        TimeLimit => ("完成时限", "Time limit"),
        PlanDefault => ("按计划", "the plan's"),
        DefaultLimit => ("计划默认，年底", "the plan's default: its year's end"),
        SetLimit => ("已调整", "set by staff"),
        DueTitle => ("完成时限", "Time limit"),
        DueKeys => (
            "如 2020-09-30、9月底、三季度、年底、Q3；none 恢复计划时限 · Enter 保存 · Esc 取消",
            "e.g. 2020-09-30, 9月底, 三季度, 年底, Q3; none: the plan's · Enter save · Esc cancel",
        ),
        KeyDue => ("设定完成时限", "set the time limit"),
        LightRed => ("逾期", "overdue"),
        LightYellow => ("临近时限或滞后", "due soon or behind"),
        LightGreen => ("正常推进", "on track"),
        KeySuspended => ("标为中止（须写原因）", "mark suspended, why"),
        Reason => ("原因", "Reason"),
        ReasonBlockedTitle => ("受阻原因", "Why blocked"),
        ReasonSuspendedTitle => ("中止原因（必填）", "Why suspended (required)"),
        ReasonBlockedKeys => (
            "Enter 标记受阻（原因可空） · Esc 取消",
            "Enter mark blocked (reason optional) · Esc cancel",
        ),
        ReasonSuspendedKeys => (
            "Enter 标记中止 · Esc 取消",
            "Enter mark suspended · Esc cancel",
        ),
        ReasonRequired => (
            "中止须写明原因；Esc 取消",
            "a suspension needs a reason; Esc cancels",
        ),
        SuspendedApart => ("项中止，不计入", "suspended, not counted"),
        KeyAsOf => ("查看某日进展（只读）", "as of a day (read-only)"),
        AsOfTitle => ("查看截至某日的进展", "The plan as of a day"),
        AsOfKeys => (
            "如 2020-06-30、6月底、二季度、年底 · Enter 查看 · Esc 取消",
            "e.g. 2020-06-30, 6月底, Q2, 年底 · Enter show · Esc cancel",
        ),
        ReadOnlyAsOf => (
            "只读：这是过去某日的进展；按 Esc 或 @ 回到当前",
            "read-only: this is the plan as of a past day; Esc or @ goes back to now",
        ),
        KeyLightFilter => ("按灯筛选（红/黄/绿）", "light filter"),
        AsOfLeft => ("已回到当前进展", "back to the plan as it is now"),
        AsOfBack => ("回到当前", "back to now"),
        Scope => ("适用范围", "Scope"),
        LeadAssumed => (
            "原文未写明牵头部门，按排列首位确定",
            "The plan names no lead; the first listed leads",
        ),
        ListBySentence => ("分句分工", "Lists by sentence"),
        Corrected => ("文字更正", "Text corrected"),
        DamagedInSource => ("原文缺损", "Damaged in source"),
    }
}

/// `标签：` in Chinese, `Label: ` in English.
pub fn labelled(lang: Lang, label: Label) -> String {
    match lang {
        Lang::Zh => format!("{}：", tr(lang, label)),
        Lang::En => format!("{}: ", tr(lang, label)),
    }
}

pub fn light(lang: Lang, light: crate::deadline::Light) -> &'static str {
    use crate::deadline::Light;
    tr(
        lang,
        match light {
            Light::Red => Label::LightRed,
            Light::Yellow => Label::LightYellow,
            Light::Green => Label::LightGreen,
        },
    )
}

pub fn status(lang: Lang, status: Status) -> &'static str {
    match (lang, status) {
        (Lang::Zh, Status::NotStarted) => "未开始",
        (Lang::Zh, Status::InProgress) => "进行中",
        (Lang::Zh, Status::Done) => "已完成",
        (Lang::Zh, Status::Blocked) => "受阻",
        (Lang::Zh, Status::Suspended) => "中止",
        (Lang::En, Status::NotStarted) => "not started",
        (Lang::En, Status::InProgress) => "in progress",
        (Lang::En, Status::Done) => "done",
        (Lang::En, Status::Blocked) => "blocked",
        (Lang::En, Status::Suspended) => "suspended",
    }
}

/// Shown while changes wait for the state file.
pub fn unsaved(lang: Lang, count: usize, error: &str) -> String {
    match lang {
        Lang::Zh => format!("未保存 {count} 项更改（将在下次更改时重试）：{error}"),
        Lang::En => format!("unsaved: {count} change(s), retried on the next change: {error}"),
    }
}

pub fn read_only(lang: Lang, reason: &str) -> String {
    match lang {
        Lang::Zh => format!("只读：无法读取状态文件，标记不会保存。{reason}"),
        Lang::En => format!("READ-ONLY: the state file cannot be read; marks are off. {reason}"),
    }
}

/// What a confirmation says was recorded for a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirmed<'a> {
    /// `from` equal to `to`: marked again, nothing changed.
    Status {
        from: Status,
        to: Status,
        /// Why (blocked, suspended); "" when none was given.
        reason: &'a str,
    },
    Note {
        to: &'a str,
    },
    /// A status the lead decides: sent to them as a proposal.
    Proposed {
        from: Status,
        to: Status,
        reason: &'a str,
    },
    /// A time limit set: none gives the task back the plan's own.
    Due {
        to: Option<jiff::civil::Date>,
    },
    /// One agency's own progress entry: empty when it was cleared.
    Feedback {
        agency: &'a str,
        to: &'a crate::progress::Feedback,
    },
}

impl<'a> Confirmed<'a> {
    pub fn of(change: &'a crate::progress::ChangeKind) -> Self {
        use crate::progress::ChangeKind;
        match change {
            ChangeKind::Status { from, to, reason } => Confirmed::Status {
                from: *from,
                to: *to,
                reason,
            },
            ChangeKind::Note { to, .. } => Confirmed::Note { to },
            ChangeKind::Proposal { from, to, reason } => Confirmed::Proposed {
                from: *from,
                to: *to,
                reason,
            },
            ChangeKind::Due { to, .. } => Confirmed::Due { to: *to },
            ChangeKind::Feedback { agency, to, .. } => Confirmed::Feedback { agency, to },
        }
    }
}

/// The one wording of every confirmation, in the interface's status bar and
/// in `plantrack mark` / `feedback` / `due` / `undo`:
/// An agency's feedback as it now reads, on one line:
/// `市场监管总局反馈：进展：…；问题：…`, `feedback of 市场监管总局: progress: …`.
pub fn feedback_change(lang: Lang, agency: &str, to: &crate::progress::Feedback) -> String {
    match lang {
        Lang::Zh if to.is_empty() => format!("{agency}的反馈已清空"),
        Lang::Zh => format!("{agency}反馈：{}", to.summary()),
        Lang::En if to.is_empty() => format!("feedback of {agency} cleared"),
        Lang::En => {
            let mut parts = vec![format!("progress: {}", to.progress)];
            if !to.problems.is_empty() {
                parts.push(format!("problems: {}", to.problems));
            }
            if !to.next.is_empty() {
                parts.push(format!("next: {}", to.next));
            }
            format!(
                "feedback of {agency}: {}",
                parts.join("; ").replace('\n', " / ")
            )
        }
    }
}

/// `任务 55：未开始 → 已完成 · 已保存`, `任务 55：完成时限 2020年9月30日 · 已保存`,
/// `Task 55: not started → done · saved`. For an undo, `what` is the change
/// that undoing made (back to the earlier status or note).
pub fn confirmation(lang: Lang, task: &str, what: Confirmed, undone: bool, saved: bool) -> String {
    let zh = lang == Lang::Zh;
    let arrow = |from: Status, to: Status, reason: &str| {
        let change = if from == to {
            status(lang, to).to_string()
        } else {
            format!("{} → {}", status(lang, from), status(lang, to))
        };
        match (reason, zh) {
            ("", _) => change,
            (reason, true) => format!("{change}（原因：{reason}）"),
            (reason, false) => format!("{change} (reason: {reason})"),
        }
    };
    let body = match what {
        Confirmed::Status { from, to, reason } => arrow(from, to, reason),
        Confirmed::Note { to: "" } if zh => "备注已清空".to_string(),
        Confirmed::Note { to: "" } => "note cleared".to_string(),
        Confirmed::Note { to } if zh => format!("备注“{to}”"),
        Confirmed::Note { to } => format!("note “{to}”"),
        Confirmed::Proposed { from, to, reason } if zh => {
            format!(
                "{}（{}）",
                arrow(from, to, reason),
                tr(lang, Label::ProposalSent)
            )
        }
        Confirmed::Proposed { from, to, reason } => {
            format!(
                "{} ({})",
                arrow(from, to, reason),
                tr(lang, Label::ProposalSent)
            )
        }
        Confirmed::Due { to: Some(day) } if zh => {
            format!("完成时限 {}", crate::deadline::display(day, lang))
        }
        Confirmed::Due { to: Some(day) } => format!("time limit {day}"),
        Confirmed::Due { to: None } if zh => "完成时限恢复按计划".to_string(),
        Confirmed::Due { to: None } => "time limit back to the plan's".to_string(),
        Confirmed::Feedback { agency, to } => feedback_change(lang, agency, to),
    };
    let undone = match (undone, zh) {
        (false, _) => "",
        (true, true) => "已撤销，",
        (true, false) => "undone, ",
    };
    let saved = if saved {
        saved_suffix(lang)
    } else {
        String::new()
    };
    if zh {
        format!("任务 {task}：{undone}{body}{saved}")
    } else {
        format!("Task {task}: {undone}{body}{saved}")
    }
}

/// ` · 已保存`: added to a confirmation once its change is on disk (the
/// interface learns that after it has shown the change).
pub fn saved_suffix(lang: Lang) -> String {
    format!(" · {}", tr(lang, Label::Saved))
}

/// Undo refused: someone changed the task after the change being undone.
pub fn undo_refused(lang: Lang, number: u32, by: &str, when: &str) -> String {
    match lang {
        Lang::Zh => format!("未撤销：任务 {number} 在你的更改之后已由 {by} 于 {when} 更改"),
        Lang::En => {
            format!("not undone: task {number} was changed by {by} at {when}, after your change")
        }
    }
}

/// The status bar while the plans load: before their size is known, then
/// with it (indexing and the marks follow in the same wait).
pub fn loading(lang: Lang, tasks: Option<usize>) -> String {
    match (lang, tasks) {
        (Lang::Zh, None) => "载入计划…".to_string(),
        (Lang::Zh, Some(n)) => format!("载入 {n} 项任务…"),
        (Lang::En, None) => "Loading plans…".to_string(),
        (Lang::En, Some(n)) => format!("Loading {n} tasks…"),
    }
}

pub fn hits(lang: Lang, count: usize) -> String {
    match lang {
        Lang::Zh => format!("{count} 项"),
        Lang::En => format!("{count} found"),
    }
}

/// `受阻任务（1项）` / `Blocked tasks (1)`: a task list's heading.
/// 逾期任务（按牵头部门，3项） / Overdue (by lead agency): 3.
pub fn light_list_heading(lang: Lang, light: crate::deadline::Light, count: usize) -> String {
    use crate::deadline::Light;
    match (lang, light) {
        (Lang::Zh, Light::Red) => format!("逾期任务（按牵头部门，{count}项）"),
        (Lang::Zh, Light::Yellow) => format!("临近时限或滞后任务（按牵头部门，{count}项）"),
        (Lang::Zh, Light::Green) => format!("正常推进任务（{count}项）"),
        (Lang::En, Light::Red) => format!("Overdue, by lead agency ({count})"),
        (Lang::En, Light::Yellow) => format!("Due soon or behind, by lead agency ({count})"),
        (Lang::En, Light::Green) => format!("On track ({count})"),
    }
}

pub fn task_list_heading(lang: Lang, status: Status, count: usize) -> String {
    match lang {
        Lang::Zh => format!("{}任务（{count}项）", self::status(lang, status)),
        Lang::En => {
            let word = self::status(lang, status);
            let mut word_chars = word.chars();
            let capital: String = word_chars
                .next()
                .map(|c| c.to_uppercase().chain(word_chars).collect())
                .unwrap_or_default();
            format!("{capital} tasks ({count})")
        }
    }
}

/// What the view of a past day says it is: `截至 2020年6月30日 · 只读`.
pub fn as_of_banner(lang: Lang, day: jiff::civil::Date) -> String {
    let day = crate::deadline::display(day, lang);
    match lang {
        Lang::Zh => format!("截至 {day} · 只读"),
        Lang::En => format!("as of {day} · read-only"),
    }
}

/// A day was asked for and the text names none.
pub fn not_a_day(lang: Lang, typed: &str) -> String {
    match lang {
        Lang::Zh => format!("“{typed}”不是日期；请写 2020-06-30、6月底、二季度 等"),
        Lang::En => format!("\"{typed}\" is not a day; write 2020-06-30, 6月底, Q2 …"),
    }
}

/// The summary's list of suspended tasks, apart from every total.
pub fn suspended_heading(lang: Lang, count: usize) -> String {
    match lang {
        Lang::Zh => format!("中止任务（{count}项，不计入完成情况）"),
        Lang::En => format!("Suspended tasks ({count}, not counted)"),
    }
}

/// What was sent to the clipboard: one task or a list of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Copied {
    Task(u32),
    Tasks(usize),
}

fn copied_what(lang: Lang, what: Copied) -> String {
    match (lang, what) {
        (Lang::Zh, Copied::Task(number)) => format!("任务 {number}"),
        (Lang::Zh, Copied::Tasks(count)) => format!("{count} 项任务"),
        (Lang::En, Copied::Task(number)) => format!("task {number}"),
        (Lang::En, Copied::Tasks(1)) => "1 task".to_string(),
        (Lang::En, Copied::Tasks(count)) => format!("{count} tasks"),
    }
}

/// OSC 52 cannot tell whether the terminal took the text, so the message
/// says it was sent and names the way out when nothing arrived; short
/// enough to be read whole at 80 columns.
/// Copying inside a tmux that drops the sequence: how to let it through.
pub fn tmux_copy_hint(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => {
            "tmux 拦下了复制：在 ~/.tmux.conf 加 set -g allow-passthrough on 或 set -g set-clipboard on · 或按 P 退出时打印"
        }
        Lang::En => {
            "tmux drops the copy: add set -g allow-passthrough on (or set-clipboard on) to ~/.tmux.conf · or P prints it on exit"
        }
    }
}

pub fn copied(lang: Lang, what: Copied, bytes: usize) -> String {
    let what = copied_what(lang, what);
    match lang {
        Lang::Zh => format!("已用 OSC 52 复制{what}（{bytes} 字节）· 没收到？按 P 退出时打印"),
        Lang::En => {
            format!("copied {what} ({bytes} bytes) via OSC 52 · nothing? P prints it on exit")
        }
    }
}

pub fn print_queued(lang: Lang, what: Copied, bytes: usize) -> String {
    let what = copied_what(lang, what);
    match lang {
        Lang::Zh => format!("退出后将在终端打印{what}（{bytes} 字节）"),
        Lang::En => format!("{what} ({bytes} bytes) will be printed when you quit"),
    }
}

pub fn copy_failed(lang: Lang, error: &str) -> String {
    match lang {
        Lang::Zh => format!("无法发送到剪贴板：{error}"),
        Lang::En => format!("could not send to the clipboard: {error}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_chooses_the_language() {
        assert_eq!(Lang::from_locale("zh_CN.UTF-8"), Lang::Zh);
        assert_eq!(Lang::from_locale("C.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale(""), Lang::En);
    }

    #[test]
    fn every_confirmation_has_one_wording() {
        let done = Confirmed::Status {
            from: Status::NotStarted,
            to: Status::Done,
            reason: "",
        };
        assert_eq!(
            confirmation(Lang::Zh, "3", done, false, true),
            "任务 3：未开始 → 已完成 · 已保存"
        );
        assert_eq!(
            confirmation(Lang::En, "3", done, false, false),
            "Task 3: not started → done"
        );
        let again = Confirmed::Status {
            from: Status::Done,
            to: Status::Done,
            reason: "",
        };
        assert_eq!(
            confirmation(Lang::Zh, "3", again, false, false),
            "任务 3：已完成"
        );
        assert_eq!(
            confirmation(Lang::En, "3", Confirmed::Note { to: "" }, true, true),
            "Task 3: undone, note cleared · saved"
        );
        assert_eq!(
            confirmation(Lang::Zh, "t:3", Confirmed::Note { to: "等" }, false, true),
            "任务 t:3：备注“等” · 已保存"
        );
        let proposed = Confirmed::Proposed {
            from: Status::NotStarted,
            to: Status::Blocked,
            reason: "",
        };
        assert_eq!(
            confirmation(Lang::Zh, "3", proposed, false, true),
            "任务 3：未开始 → 受阻（已提交牵头单位决定） · 已保存"
        );
        let suspended = Confirmed::Status {
            from: Status::InProgress,
            to: Status::Suspended,
            reason: "并入第12项",
        };
        assert_eq!(
            confirmation(Lang::Zh, "3", suspended, false, true),
            "任务 3：进行中 → 中止（原因：并入第12项） · 已保存"
        );
        assert_eq!(
            confirmation(Lang::En, "3", suspended, false, false),
            "Task 3: in progress → suspended (reason: 并入第12项)"
        );
        let kind = crate::progress::ChangeKind::Note {
            from: "a".into(),
            to: "b".into(),
        };
        assert_eq!(Confirmed::of(&kind), Confirmed::Note { to: "b" });
    }

    #[test]
    fn every_label_has_both_languages() {
        for label in [Label::AppName, Label::KeyQuit, Label::TooSmall] {
            assert!(!tr(Lang::Zh, label).is_empty());
            assert_ne!(tr(Lang::Zh, label), tr(Lang::En, label));
        }
    }
}
