//! Keys as data: which key does what in which mode, with a description.
//! The `?` help and the status-bar hints are generated from this table, so
//! they cannot drift from what the keys do.

use super::action::Action;
use crate::i18n::Label;
use crate::progress::Status;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// What has the keyboard: one of the three lists, or an overlay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Tree,
    Agencies,
    AgencyTasks,
    Search,
    Help,
    Note,
    /// The feedback editor.
    Feedback,
    /// The progress summary screen.
    Summary,
    /// One task full screen.
    Focus,
}

impl Mode {
    /// Modes where printable characters are text, not commands.
    fn takes_text(self) -> bool {
        matches!(self, Mode::Search | Mode::Note | Mode::Feedback)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn key(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

const fn code(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

pub struct Binding {
    pub modes: &'static [Mode],
    pub keys: &'static [Key],
    pub action: Action,
    pub label: Label,
    /// Shown in the status bar, not only in the help.
    pub hint: bool,
}

use Mode::{Agencies, AgencyTasks, Feedback, Focus, Help, Note, Search, Summary, Tree};

const LISTS: &[Mode] = &[Tree, Agencies, AgencyTasks];
/// Every view (not an overlay): where the view keys and `?` work.
const VIEWS: &[Mode] = &[Tree, Agencies, AgencyTasks, Summary, Focus];
/// Where one task is at hand to mark or show alone.
const TASK_LISTS: &[Mode] = &[Tree, AgencyTasks, Focus];
/// Where a list of tasks is on screen to copy.
const COPYING: &[Mode] = &[Tree, AgencyTasks, Summary, Focus];
const BROWSING: &[Mode] = &[Tree, Agencies, AgencyTasks, Summary, Focus, Help];
const EVERYWHERE: &[Mode] = &[
    Tree,
    Agencies,
    AgencyTasks,
    Summary,
    Focus,
    Search,
    Help,
    Note,
    Feedback,
];

const fn bind(
    modes: &'static [Mode],
    keys: &'static [Key],
    action: Action,
    label: Label,
    hint: bool,
) -> Binding {
    Binding {
        modes,
        keys,
        action,
        label,
        hint,
    }
}

/// In the order the help lists them. Mode-specific entries come before the
/// general ones they override (Esc in a text box cancels, it does not quit).
pub static BINDINGS: &[Binding] = &[
    // Text boxes.
    bind(
        &[Search],
        &[code(KeyCode::Enter)],
        Action::Activate,
        Label::KeyJump,
        true,
    ),
    bind(
        &[Search, Note, Feedback],
        &[code(KeyCode::Esc)],
        Action::Back,
        Label::KeyCancel,
        true,
    ),
    bind(
        &[Note, Feedback],
        &[code(KeyCode::Enter)],
        Action::Submit,
        Label::KeySave,
        true,
    ),
    bind(
        &[Feedback],
        &[ctrl('j')],
        Action::LineBreak,
        Label::KeyLineBreak,
        true,
    ),
    bind(
        &[Feedback],
        &[code(KeyCode::Tab)],
        Action::NextField,
        Label::KeyNextField,
        true,
    ),
    bind(
        &[Search],
        &[code(KeyCode::Down), ctrl('n'), ctrl('j')],
        Action::Down,
        Label::KeyDown,
        true,
    ),
    bind(
        &[Search],
        &[code(KeyCode::Up), ctrl('p'), ctrl('k')],
        Action::Up,
        Label::KeyUp,
        true,
    ),
    // In a text box every letter is text: copying takes Ctrl.
    bind(
        &[Search],
        &[ctrl('y')],
        Action::CopyTask,
        Label::KeyCopy,
        false,
    ),
    bind(
        &[Search],
        &[ctrl('l')],
        Action::CopyList,
        Label::KeyCopyList,
        false,
    ),
    bind(
        &[Search, Note, Feedback],
        &[code(KeyCode::Backspace)],
        Action::DeleteBack,
        Label::KeyDelete,
        false,
    ),
    bind(
        &[Search, Note, Feedback],
        &[code(KeyCode::Left)],
        Action::CursorLeft,
        Label::KeyCursorLeft,
        false,
    ),
    bind(
        &[Search, Note, Feedback],
        &[code(KeyCode::Right)],
        Action::CursorRight,
        Label::KeyCursorRight,
        false,
    ),
    bind(
        &[Search, Note, Feedback],
        &[code(KeyCode::Home), ctrl('a')],
        Action::CursorHome,
        Label::KeyLineStart,
        false,
    ),
    bind(
        &[Search, Note, Feedback],
        &[code(KeyCode::End), ctrl('e')],
        Action::CursorEnd,
        Label::KeyLineEnd,
        false,
    ),
    // The help overlay.
    bind(
        &[Help],
        &[code(KeyCode::Esc), key('?'), key('q')],
        Action::Back,
        Label::HelpClose,
        true,
    ),
    // The focus view.
    bind(
        &[Focus],
        &[key('n'), code(KeyCode::Right)],
        Action::NextTask,
        Label::KeyNextTask,
        true,
    ),
    bind(
        &[Focus],
        &[key('p'), code(KeyCode::Left)],
        Action::PrevTask,
        Label::KeyPrevTask,
        true,
    ),
    bind(
        &[Focus],
        &[code(KeyCode::Esc), key('q')],
        Action::Back,
        Label::KeyBack,
        true,
    ),
    // The summary.
    bind(
        &[Summary],
        &[code(KeyCode::Enter)],
        Action::Activate,
        Label::KeyJumpOrOpen,
        true,
    ),
    bind(
        &[Summary],
        &[code(KeyCode::Esc)],
        Action::Back,
        Label::KeyBack,
        false,
    ),
    // Moving.
    bind(
        BROWSING,
        &[key('j'), code(KeyCode::Down)],
        Action::Down,
        Label::KeyDown,
        false,
    ),
    bind(
        BROWSING,
        &[key('k'), code(KeyCode::Up)],
        Action::Up,
        Label::KeyUp,
        false,
    ),
    bind(
        BROWSING,
        &[key('g'), code(KeyCode::Home)],
        Action::Top,
        Label::KeyTop,
        false,
    ),
    bind(
        BROWSING,
        &[key('G'), code(KeyCode::End)],
        Action::Bottom,
        Label::KeyBottom,
        false,
    ),
    bind(
        BROWSING,
        &[ctrl('d'), code(KeyCode::PageDown)],
        Action::PageDown,
        Label::KeyPageDown,
        false,
    ),
    bind(
        BROWSING,
        &[ctrl('u'), code(KeyCode::PageUp)],
        Action::PageUp,
        Label::KeyPageUp,
        false,
    ),
    bind(
        &[Tree],
        &[key('h'), code(KeyCode::Left)],
        Action::Collapse,
        Label::KeyCollapse,
        false,
    ),
    bind(
        &[Tree],
        &[key('l'), code(KeyCode::Right)],
        Action::Expand,
        Label::KeyExpand,
        false,
    ),
    bind(
        LISTS,
        &[code(KeyCode::Enter)],
        Action::Activate,
        Label::KeyOpen,
        true,
    ),
    bind(
        &[Agencies, AgencyTasks],
        &[code(KeyCode::Esc), key('h'), code(KeyCode::Left)],
        Action::Back,
        Label::KeyBack,
        true,
    ),
    bind(
        &[Tree],
        &[code(KeyCode::Esc)],
        Action::Back,
        Label::KeyBack,
        false,
    ),
    bind(
        LISTS,
        &[code(KeyCode::Tab), code(KeyCode::BackTab)],
        Action::SwitchPane,
        Label::KeyPane,
        false,
    ),
    bind(&[Tree], &[], Action::Digit(0), Label::KeyDigits, false),
    // Views.
    bind(
        VIEWS,
        &[key('/')],
        Action::OpenSearch,
        Label::KeySearch,
        true,
    ),
    bind(
        &[Tree, Agencies, AgencyTasks, Summary],
        &[key('a')],
        Action::ShowAgencies,
        Label::KeyAgencies,
        true,
    ),
    bind(
        &[Agencies, AgencyTasks, Summary, Focus],
        &[key('t')],
        Action::ShowTree,
        Label::KeyTree,
        true,
    ),
    bind(
        &[Tree, Agencies, AgencyTasks, Focus],
        &[key('r')],
        Action::ShowSummary,
        Label::KeySummary,
        false,
    ),
    bind(
        &[Tree, AgencyTasks, Summary],
        &[key('z'), key('F')],
        Action::OpenFocus,
        Label::KeyFocus,
        false,
    ),
    // Copying.
    bind(COPYING, &[key('y')], Action::CopyTask, Label::KeyCopy, true),
    bind(
        COPYING,
        &[key('Y')],
        Action::CopyList,
        Label::KeyCopyList,
        false,
    ),
    bind(
        COPYING,
        &[key('T')],
        Action::CopyTable,
        Label::KeyCopyTable,
        false,
    ),
    bind(
        COPYING,
        &[key('P')],
        Action::PrintOnExit,
        Label::KeyPrintOnExit,
        false,
    ),
    bind(
        &[Tree],
        &[key('p')],
        Action::NextPlan,
        Label::KeyNextPlan,
        false,
    ),
    bind(
        LISTS,
        &[key('f')],
        Action::CycleFilter,
        Label::KeyFilter,
        false,
    ),
    bind(
        &[Agencies],
        &[key('s')],
        Action::CycleSort,
        Label::KeySort,
        true,
    ),
    // Marking.
    bind(
        TASK_LISTS,
        &[key('d')],
        Action::SetStatus(Status::Done),
        Label::KeyDone,
        true,
    ),
    bind(
        TASK_LISTS,
        &[key('i')],
        Action::SetStatus(Status::InProgress),
        Label::KeyInProgress,
        false,
    ),
    bind(
        TASK_LISTS,
        &[key('b')],
        Action::SetStatus(Status::Blocked),
        Label::KeyBlocked,
        false,
    ),
    bind(
        TASK_LISTS,
        &[key('o')],
        Action::SetStatus(Status::NotStarted),
        Label::KeyNotStarted,
        false,
    ),
    bind(
        TASK_LISTS,
        &[key(' ')],
        Action::CycleStatus,
        Label::KeyCycle,
        false,
    ),
    bind(
        TASK_LISTS,
        &[key('e')],
        Action::EditNote,
        Label::KeyNote,
        false,
    ),
    bind(
        TASK_LISTS,
        &[key('E')],
        Action::EditFeedback,
        Label::KeyFeedback,
        false,
    ),
    bind(TASK_LISTS, &[key('u')], Action::Undo, Label::KeyUndo, false),
    // Always.
    bind(VIEWS, &[key('?')], Action::OpenHelp, Label::KeyHelp, true),
    bind(
        &[Tree, Agencies, AgencyTasks, Summary],
        &[key('q')],
        Action::Quit,
        Label::KeyQuit,
        true,
    ),
    bind(
        EVERYWHERE,
        &[ctrl('c')],
        Action::Quit,
        Label::KeyQuit,
        false,
    ),
];

/// Chinese input methods send the full-width forms of ASCII (ｊ ？ ／ ：) and
/// the ideographic space, and most of them turn `/` into 、; all act as the
/// ASCII key.
pub fn normalize(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFF01 + 0x21).unwrap_or(c),
        '\u{3000}' => ' ',
        '、' => '/',
        _ => c,
    }
}

/// The action a key press means in `mode`, if any.
pub fn resolve(mode: Mode, event: KeyEvent) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    let mut pressed = Key {
        code: event.code,
        ctrl,
    };
    if !mode.takes_text()
        && let KeyCode::Char(c) = pressed.code
    {
        pressed.code = KeyCode::Char(normalize(c));
    }
    if let Some(binding) = BINDINGS
        .iter()
        .find(|b| b.modes.contains(&mode) && b.keys.contains(&pressed))
    {
        return Some(binding.action.clone());
    }
    match pressed.code {
        KeyCode::Char(c) if mode.takes_text() && !ctrl => Some(Action::Input(c)),
        KeyCode::Char(c) if mode == Mode::Tree && !ctrl => c.to_digit(10).map(Action::Digit),
        _ => None,
    }
}

/// How a key is written in the help and the status bar.
pub fn key_name(key: Key) -> String {
    let base = match key.code {
        KeyCode::Char(' ') => "space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "S-Tab".into(),
        KeyCode::Backspace => "Bksp".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        other => format!("{other:?}"),
    };
    if key.ctrl { format!("C-{base}") } else { base }
}

/// Every binding of a mode, for the help; digits get a written-out entry.
pub fn bindings_for(mode: Mode) -> impl Iterator<Item = &'static Binding> {
    BINDINGS.iter().filter(move |b| b.modes.contains(&mode))
}

/// All keys of a binding, as the help shows them: `j/↓`.
pub fn keys_text(binding: &Binding) -> String {
    if binding.keys.is_empty() && matches!(binding.action, Action::Digit(_)) {
        return "0-9".into();
    }
    binding
        .keys
        .iter()
        .map(|k| key_name(*k))
        .collect::<Vec<_>>()
        .join("/")
}

/// The first key of each hinted binding: what the status bar shows.
pub fn hints(mode: Mode) -> impl Iterator<Item = (String, Label)> {
    // `?` first: when the line is cut short, the way to all keys remains.
    let help = bindings_for(mode).filter(|b| b.action == Action::OpenHelp);
    help.chain(bindings_for(mode).filter(|b| b.action != Action::OpenHelp))
        .filter(|b| b.hint)
        .filter_map(|b| b.keys.first().map(|k| (key_name(*k), b.label)))
}

#[cfg(test)]
mod tests;
