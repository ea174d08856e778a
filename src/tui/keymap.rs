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

const BACKSPACE: Key = code(KeyCode::Backspace);
const BACK_TAB: Key = code(KeyCode::BackTab);
const DOWN: Key = code(KeyCode::Down);
const END: Key = code(KeyCode::End);
const ENTER: Key = code(KeyCode::Enter);
const ESC: Key = code(KeyCode::Esc);
const HOME: Key = code(KeyCode::Home);
const LEFT: Key = code(KeyCode::Left);
const PAGE_DOWN: Key = code(KeyCode::PageDown);
const PAGE_UP: Key = code(KeyCode::PageUp);
const RIGHT: Key = code(KeyCode::Right);
const TAB: Key = code(KeyCode::Tab);
const UP: Key = code(KeyCode::Up);

/// One row of the table: `keys` do `action` in `modes`; `label` says what
/// in the help.
pub struct Binding {
    pub modes: &'static [Mode],
    pub keys: &'static [Key],
    pub action: Action,
    pub label: Label,
    pub shown: Shown,
}

/// Where a binding is listed: every one in the `?` help; the few a
/// newcomer needs first in the status bar too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    InHelp,
    InHelpAndStatusBar,
}

/// A binding listed in the `?` help.
const fn listed(
    modes: &'static [Mode],
    keys: &'static [Key],
    action: Action,
    label: Label,
) -> Binding {
    Binding {
        modes,
        keys,
        action,
        label,
        shown: Shown::InHelp,
    }
}

/// A binding listed in the `?` help and hinted in the status bar.
const fn hinted(
    modes: &'static [Mode],
    keys: &'static [Key],
    action: Action,
    label: Label,
) -> Binding {
    Binding {
        modes,
        keys,
        action,
        label,
        shown: Shown::InHelpAndStatusBar,
    }
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

/// In the order the help lists them. Mode-specific entries come before the
/// general ones they override (Esc in a text box cancels, it does not quit).
#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    // Text boxes.
    hinted(&[Search],                                &[ENTER],                      Action::Activate,                      Label::KeyJump),
    hinted(&[Search, Note, Feedback],                &[ESC],                        Action::Back,                          Label::KeyCancel),
    hinted(&[Note, Feedback],                        &[ENTER],                      Action::Submit,                        Label::KeySave),
    hinted(&[Feedback],                              &[ctrl('j')],                  Action::LineBreak,                     Label::KeyLineBreak),
    hinted(&[Feedback],                              &[TAB],                        Action::NextField,                     Label::KeyNextField),
    hinted(&[Search],                                &[DOWN, ctrl('n'), ctrl('j')], Action::Down,                          Label::KeyDown),
    hinted(&[Search],                                &[UP, ctrl('p'), ctrl('k')],   Action::Up,                            Label::KeyUp),
    // In a text box every letter is text: copying takes Ctrl.
    listed(&[Search],                                &[ctrl('y')],                  Action::CopyTask,                      Label::KeyCopy),
    listed(&[Search],                                &[ctrl('l')],                  Action::CopyList,                      Label::KeyCopyList),
    listed(&[Search, Note, Feedback],                &[BACKSPACE],                  Action::DeleteBack,                    Label::KeyDelete),
    listed(&[Search, Note],                          &[ctrl('w')],                  Action::DeleteWordBack,                Label::KeyDeleteWord),
    listed(&[Search, Note],                          &[ctrl('u')],                  Action::DeleteToStart,                 Label::KeyDeleteToStart),
    listed(&[Search, Note, Feedback],                &[LEFT],                       Action::CursorLeft,                    Label::KeyCursorLeft),
    listed(&[Search, Note, Feedback],                &[RIGHT],                      Action::CursorRight,                   Label::KeyCursorRight),
    listed(&[Search, Note, Feedback],                &[HOME, ctrl('a')],            Action::CursorHome,                    Label::KeyLineStart),
    listed(&[Search, Note, Feedback],                &[END, ctrl('e')],             Action::CursorEnd,                     Label::KeyLineEnd),
    // The help overlay.
    hinted(&[Help],                                  &[ESC, key('?'), key('q')],    Action::Back,                          Label::HelpClose),
    // The focus view.
    hinted(&[Focus],                                 &[key('n'), RIGHT],            Action::NextTask,                      Label::KeyNextTask),
    hinted(&[Focus],                                 &[key('p'), LEFT],             Action::PrevTask,                      Label::KeyPrevTask),
    hinted(&[Focus],                                 &[ESC, key('q')],              Action::Back,                          Label::KeyBack),
    // The summary.
    hinted(&[Summary],                               &[ENTER],                      Action::Activate,                      Label::KeyJumpOrOpen),
    listed(&[Summary],                               &[ESC],                        Action::Back,                          Label::KeyBack),
    // Moving.
    listed(BROWSING,                                 &[key('j'), DOWN],             Action::Down,                          Label::KeyDown),
    listed(BROWSING,                                 &[key('k'), UP],               Action::Up,                            Label::KeyUp),
    listed(BROWSING,                                 &[key('g'), HOME],             Action::Top,                           Label::KeyTop),
    listed(BROWSING,                                 &[key('G'), END],              Action::Bottom,                        Label::KeyBottom),
    listed(BROWSING,                                 &[ctrl('d'), PAGE_DOWN],       Action::PageDown,                      Label::KeyPageDown),
    listed(BROWSING,                                 &[ctrl('u'), PAGE_UP],         Action::PageUp,                        Label::KeyPageUp),
    listed(&[Tree],                                  &[key('h'), LEFT],             Action::Collapse,                      Label::KeyCollapse),
    listed(&[Tree],                                  &[key('l'), RIGHT],            Action::Expand,                        Label::KeyExpand),
    hinted(LISTS,                                    &[ENTER],                      Action::Activate,                      Label::KeyOpen),
    hinted(&[Agencies, AgencyTasks],                 &[ESC, key('h'), LEFT],        Action::Back,                          Label::KeyBack),
    listed(&[Tree],                                  &[ESC],                        Action::Back,                          Label::KeyBack),
    listed(LISTS,                                    &[TAB, BACK_TAB],              Action::SwitchPane,                    Label::KeyPane),
    listed(&[Tree],                                  &[],                           Action::Digit(0),                      Label::KeyDigits),
    // Views.
    hinted(VIEWS,                                    &[key('/')],                   Action::OpenSearch,                    Label::KeySearch),
    hinted(&[Tree, Agencies, AgencyTasks, Summary],  &[key('a')],                   Action::ShowAgencies,                  Label::KeyAgencies),
    hinted(&[Agencies, AgencyTasks, Summary, Focus], &[key('t')],                   Action::ShowTree,                      Label::KeyTree),
    listed(&[Tree, Agencies, AgencyTasks, Focus],    &[key('r')],                   Action::ShowSummary,                   Label::KeySummary),
    listed(&[Tree, AgencyTasks, Summary],            &[key('z'), key('F')],         Action::OpenFocus,                     Label::KeyFocus),
    // Copying.
    hinted(COPYING,                                  &[key('y')],                   Action::CopyTask,                      Label::KeyCopy),
    listed(COPYING,                                  &[key('Y')],                   Action::CopyList,                      Label::KeyCopyList),
    listed(COPYING,                                  &[key('T')],                   Action::CopyTable,                     Label::KeyCopyTable),
    listed(COPYING,                                  &[key('P')],                   Action::PrintOnExit,                   Label::KeyPrintOnExit),
    listed(&[Tree],                                  &[key('p')],                   Action::NextPlan,                      Label::KeyNextPlan),
    listed(LISTS,                                    &[key('f')],                   Action::CycleFilter,                   Label::KeyFilter),
    listed(LISTS,                                    &[key('L')],                   Action::CycleLightFilter,              Label::KeyLightFilter),
    listed(VIEWS,                                    &[key('@')],                   Action::OpenAsOf,                      Label::KeyAsOf),
    hinted(&[Agencies],                              &[key('s')],                   Action::CycleSort,                     Label::KeySort),
    // Marking.
    hinted(TASK_LISTS,                               &[key('d')],                   Action::SetStatus(Status::Done),       Label::KeyDone),
    listed(TASK_LISTS,                               &[key('i')],                   Action::SetStatus(Status::InProgress), Label::KeyInProgress),
    listed(TASK_LISTS,                               &[key('b')],                   Action::SetStatus(Status::Blocked),    Label::KeyBlocked),
    listed(TASK_LISTS,                               &[key('S')],                   Action::SetStatus(Status::Suspended),  Label::KeySuspended),
    listed(TASK_LISTS,                               &[key('o')],                   Action::SetStatus(Status::NotStarted), Label::KeyNotStarted),
    listed(TASK_LISTS,                               &[key(' ')],                   Action::CycleStatus,                   Label::KeyCycle),
    listed(TASK_LISTS,                               &[key('e')],                   Action::EditNote,                      Label::KeyNote),
    listed(TASK_LISTS,                               &[key('D')],                   Action::EditDue,                       Label::KeyDue),
    listed(TASK_LISTS,                               &[key('E')],                   Action::EditFeedback,                  Label::KeyFeedback),
    listed(TASK_LISTS,                               &[key('u')],                   Action::Undo,                          Label::KeyUndo),
    // Always.
    hinted(VIEWS,                                    &[key('?')],                   Action::OpenHelp,                      Label::KeyHelp),
    hinted(&[Tree, Agencies, AgencyTasks, Summary],  &[key('q')],                   Action::Quit,                          Label::KeyQuit),
    listed(EVERYWHERE,                               &[ctrl('c')],                  Action::Quit,                          Label::KeyQuit),
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
    hints_where(mode, false)
}

/// The hints, without the keys that change progress when `read_only`
/// (the view of a past day), where the way back comes right after `?`.
pub fn hints_where(mode: Mode, read_only: bool) -> impl Iterator<Item = (String, Label)> {
    // `?` first: when the line is cut short, the way to all keys remains.
    let help = bindings_for(mode).filter(|b| b.action == Action::OpenHelp);
    let back = bindings_for(mode).filter(move |b| read_only && b.action == Action::OpenAsOf);
    help.filter(|b| b.shown == Shown::InHelpAndStatusBar)
        .chain(back)
        .chain(
            bindings_for(mode)
                .filter(|b| b.action != Action::OpenHelp)
                .filter(|b| b.shown == Shown::InHelpAndStatusBar)
                .filter(move |b| !(read_only && b.action.changes_progress())),
        )
        .filter_map(move |b| {
            let label = if read_only && b.action == Action::OpenAsOf {
                Label::AsOfBack
            } else {
                b.label
            };
            b.keys.first().map(|k| (key_name(*k), label))
        })
}

#[cfg(test)]
mod tests;
