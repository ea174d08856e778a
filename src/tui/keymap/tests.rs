//! Keys to actions: vim keys, full-width keys, text boxes, the meeting keys.
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
fn meeting_keys_in_their_views() {
    assert_eq!(resolve(Mode::Tree, press('r')), Some(Action::ShowSummary));
    assert_eq!(resolve(Mode::Summary, press('t')), Some(Action::ShowTree));
    assert_eq!(resolve(Mode::Tree, press('z')), Some(Action::OpenFocus));
    assert_eq!(resolve(Mode::Summary, press('F')), Some(Action::OpenFocus));
    assert_eq!(resolve(Mode::Focus, press('n')), Some(Action::NextTask));
    assert_eq!(resolve(Mode::Focus, press('p')), Some(Action::PrevTask));
    assert_eq!(resolve(Mode::Tree, press('p')), Some(Action::NextPlan));
    assert_eq!(resolve(Mode::Focus, press('q')), Some(Action::Back));
    for mode in [Mode::Tree, Mode::AgencyTasks, Mode::Summary, Mode::Focus] {
        assert_eq!(resolve(mode, press('y')), Some(Action::CopyTask));
        assert_eq!(resolve(mode, press('Y')), Some(Action::CopyList));
        assert_eq!(resolve(mode, press('P')), Some(Action::PrintOnExit));
    }
    // From an input method, and in the search box with Ctrl.
    assert_eq!(resolve(Mode::Tree, press('ｙ')), Some(Action::CopyTask));
    assert_eq!(resolve(Mode::Focus, press('ｎ')), Some(Action::NextTask));
    assert_eq!(resolve(Mode::Search, press('y')), Some(Action::Input('y')));
    assert_eq!(
        resolve(
            Mode::Search,
            KeyEvent::new(KeyCode::Char('y'), KeyModifiers::CONTROL)
        ),
        Some(Action::CopyTask)
    );
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
        Mode::Summary,
        Mode::Focus,
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

/// Where a binding works, as the README says it.
fn modes_text(modes: &[Mode]) -> String {
    let views = [
        Mode::Tree,
        Mode::Agencies,
        Mode::AgencyTasks,
        Mode::Summary,
        Mode::Focus,
    ];
    if views.iter().all(|m| modes.contains(m)) && modes.contains(&Mode::Note) {
        return "everywhere".into();
    }
    let mut names: Vec<&str> = Vec::new();
    if views.iter().all(|m| modes.contains(m)) {
        names.push("every view");
    }
    for mode in modes {
        let name = match mode {
            _ if views.contains(mode) && names.contains(&"every view") => continue,
            Mode::Tree => "tree",
            Mode::Agencies => "agencies",
            Mode::AgencyTasks => "an agency's tasks",
            Mode::Summary => "summary",
            Mode::Focus => "focus view",
            Mode::Search => "search box",
            Mode::Help => "help",
            Mode::Note => "note editor",
            Mode::Feedback => "feedback editor",
        };
        names.push(name);
    }
    names.join(", ")
}

/// The README's key table, generated from the bindings: one row per key
/// and meaning, with every view where it works.
fn readme_keys() -> String {
    let mut rows: Vec<(String, crate::i18n::Label, Vec<Mode>)> = Vec::new();
    for binding in BINDINGS {
        let keys = keys_text(binding);
        match rows
            .iter_mut()
            .find(|(k, l, _)| *k == keys && *l == binding.label)
        {
            Some(row) => row.2.extend(binding.modes.iter().copied()),
            None => rows.push((keys, binding.label, binding.modes.to_vec())),
        }
    }
    let mut out = String::from("| key | what it does | where |\n| --- | --- | --- |\n");
    for (keys, label, modes) in rows {
        let keys = keys
            .split('/')
            .map(|k| {
                if k.is_empty() {
                    "`/`".to_string()
                } else {
                    format!("`{k}`")
                }
            })
            .collect::<Vec<_>>()
            .join(" ");
        // `/` itself splits into two empty pieces.
        let keys = keys.replace("`/` `/`", "`/`");
        out.push_str(&format!(
            "| {keys} | {} | {} |\n",
            crate::i18n::tr(crate::i18n::Lang::En, label),
            modes_text(&modes)
        ));
    }
    out
}

/// The README's key table is this table; `UPDATE_README=1 cargo test
/// readme` writes it after the keys change.
#[test]
fn readme_lists_every_key() {
    const START: &str = "<!-- keys: generated from src/tui/keymap.rs -->\n";
    const END: &str = "<!-- end of keys -->";
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).expect("README.md");
    let table = readme_keys();
    let (Some(start), Some(end)) = (readme.find(START), readme.find(END)) else {
        panic!("README.md has no generated key table");
    };
    let current = &readme[start + START.len()..end];
    if current != table && std::env::var_os("UPDATE_README").is_some() {
        let updated = format!(
            "{}{table}{}",
            &readme[..start + START.len()],
            &readme[end..]
        );
        std::fs::write(path, updated).expect("write README.md");
        return;
    }
    assert_eq!(current, table, "run UPDATE_README=1 cargo test readme");
}
