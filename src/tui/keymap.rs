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
}

impl Mode {
    /// Modes where printable characters are text, not commands.
    fn takes_text(self) -> bool {
        matches!(self, Mode::Search | Mode::Note)
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

use Mode::{Agencies, AgencyTasks, Help, Note, Search, Tree};

const LISTS: &[Mode] = &[Tree, Agencies, AgencyTasks];
const TASK_LISTS: &[Mode] = &[Tree, AgencyTasks];
const BROWSING: &[Mode] = &[Tree, Agencies, AgencyTasks, Help];
const EVERYWHERE: &[Mode] = &[Tree, Agencies, AgencyTasks, Search, Help, Note];

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
        &[Search, Note],
        &[code(KeyCode::Esc)],
        Action::Back,
        Label::KeyCancel,
        true,
    ),
    bind(
        &[Note],
        &[code(KeyCode::Enter)],
        Action::Submit,
        Label::KeySave,
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
    bind(
        &[Search, Note],
        &[code(KeyCode::Backspace)],
        Action::DeleteBack,
        Label::KeyDelete,
        false,
    ),
    bind(
        &[Search, Note],
        &[code(KeyCode::Left)],
        Action::CursorLeft,
        Label::KeyCursorLeft,
        false,
    ),
    bind(
        &[Search, Note],
        &[code(KeyCode::Right)],
        Action::CursorRight,
        Label::KeyCursorRight,
        false,
    ),
    bind(
        &[Search, Note],
        &[code(KeyCode::Home), ctrl('a')],
        Action::CursorHome,
        Label::KeyLineStart,
        false,
    ),
    bind(
        &[Search, Note],
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
        LISTS,
        &[key('/')],
        Action::OpenSearch,
        Label::KeySearch,
        true,
    ),
    bind(
        LISTS,
        &[key('a')],
        Action::ShowAgencies,
        Label::KeyAgencies,
        true,
    ),
    bind(
        &[Agencies, AgencyTasks],
        &[key('t')],
        Action::ShowTree,
        Label::KeyTree,
        true,
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
    bind(TASK_LISTS, &[key('u')], Action::Undo, Label::KeyUndo, false),
    // Always.
    bind(LISTS, &[key('?')], Action::OpenHelp, Label::KeyHelp, true),
    bind(LISTS, &[key('q')], Action::Quit, Label::KeyQuit, true),
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
mod tests {
    use super::*;

    fn press(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn vim_keys_and_arrows_move() {
        assert_eq!(resolve(Mode::Tree, press('j')), Some(Action::Down));
        assert_eq!(
            resolve(Mode::Tree, KeyEvent::new(KeyCode::Down, KeyModifiers::NONE)),
            Some(Action::Down)
        );
        assert_eq!(
            resolve(
                Mode::Agencies,
                KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT)
            ),
            Some(Action::Bottom)
        );
        assert_eq!(
            resolve(
                Mode::Tree,
                KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL)
            ),
            Some(Action::PageDown)
        );
    }

    #[test]
    fn full_width_keys_from_an_ime_act_as_the_keys() {
        assert_eq!(resolve(Mode::Tree, press('ｊ')), Some(Action::Down));
        assert_eq!(resolve(Mode::Tree, press('ｋ')), Some(Action::Up));
        assert_eq!(resolve(Mode::Tree, press('／')), Some(Action::OpenSearch));
        assert_eq!(resolve(Mode::Tree, press('、')), Some(Action::OpenSearch));
        assert_eq!(resolve(Mode::Agencies, press('？')), Some(Action::OpenHelp));
        assert_eq!(resolve(Mode::Tree, press('ｑ')), Some(Action::Quit));
        assert_eq!(
            resolve(Mode::Tree, press('ｄ')),
            Some(Action::SetStatus(Status::Done))
        );
        assert_eq!(resolve(Mode::Tree, press('５')), Some(Action::Digit(5)));
        assert_eq!(resolve(Mode::Help, press('？')), Some(Action::Back));
    }

    #[test]
    fn text_boxes_take_every_character_literally() {
        for c in ['q', '?', 'j', '专', 'ｊ', '５', '/'] {
            assert_eq!(resolve(Mode::Search, press(c)), Some(Action::Input(c)));
            assert_eq!(resolve(Mode::Note, press(c)), Some(Action::Input(c)));
        }
        assert_eq!(
            resolve(Mode::Note, KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)),
            Some(Action::Back)
        );
        assert_eq!(
            resolve(
                Mode::Note,
                KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)
            ),
            Some(Action::Quit)
        );
    }

    #[test]
    fn digits_jump_only_in_the_tree() {
        assert_eq!(resolve(Mode::Tree, press('7')), Some(Action::Digit(7)));
        assert_eq!(resolve(Mode::Agencies, press('7')), None);
    }

    #[test]
    fn releases_are_ignored() {
        let mut event = press('j');
        event.kind = KeyEventKind::Release;
        assert_eq!(resolve(Mode::Tree, event), None);
    }

    #[test]
    fn every_mode_has_a_way_out_and_hints() {
        for mode in [
            Mode::Tree,
            Mode::Agencies,
            Mode::AgencyTasks,
            Mode::Search,
            Mode::Help,
            Mode::Note,
        ] {
            assert!(
                bindings_for(mode).any(|b| matches!(b.action, Action::Back | Action::Quit)),
                "{mode:?}"
            );
            assert!(hints(mode).next().is_some(), "{mode:?}");
        }
        let tree: Vec<String> = hints(Mode::Tree).map(|(k, _)| k).collect();
        assert!(tree.contains(&"/".to_string()) && tree.contains(&"?".to_string()));
        assert!(tree.contains(&"d".to_string()));
    }

    #[test]
    fn help_writes_keys_readably() {
        let down = BINDINGS
            .iter()
            .find(|b| b.modes.contains(&Mode::Tree) && b.action == Action::Down)
            .map(keys_text);
        assert_eq!(down.as_deref(), Some("j/↓"));
        assert_eq!(key_name(ctrl('d')), "C-d");
    }
}
