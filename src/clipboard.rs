//! Copying to the clipboard from a terminal, over SSH too: the OSC 52
//! sequence asks the user's own terminal emulator to set its clipboard, so
//! it works wherever the bytes reach, with no X server or clipboard tool on
//! the server. Pure: the caller decides about tmux and writes the bytes.

use crate::report::{TaskOut, status_zh};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// How the sequence must be wrapped to reach the terminal emulator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Passthrough {
    /// Straight to the terminal.
    None,
    /// Inside tmux, which swallows OSC 52 from programs unless it is wrapped
    /// in its DCS passthrough (and `allow-passthrough` is on).
    Tmux,
}

impl Passthrough {
    /// From the value of `TMUX`, which tmux sets in every pane it runs;
    /// the caller reads the environment.
    pub fn for_tmux_var(tmux: Option<&str>) -> Self {
        match tmux {
            Some(value) if !value.is_empty() => Passthrough::Tmux,
            _ => Passthrough::None,
        }
    }
}

/// The bytes that set the clipboard ("c") to `text`.
pub fn osc52(text: &str, passthrough: Passthrough) -> String {
    let sequence = format!("\x1b]52;c;{}\x07", STANDARD.encode(text));
    match passthrough {
        Passthrough::None => sequence,
        // Inside the passthrough every ESC is doubled, and ESC \ ends it.
        Passthrough::Tmux => format!("\x1bPtmux;{}\x1b\\", sequence.replace('\x1b', "\x1b\x1b")),
    }
}

/// One task as plain text to paste into a document: number and text, lead
/// and participating agencies, status, and the note when there is one.
pub fn task_text(task: &TaskOut) -> String {
    let mut text = format!("{}. {}\n", task.number, task.text);
    text.push_str(&format!("牵头部门：{}\n", task.lead()));
    let participating = task.participating();
    if !participating.is_empty() {
        text.push_str(&format!("参与部门：{}\n", participating.join("、")));
    }
    if task.per_remit {
        text.push_str("（按职责分别负责）\n");
    }
    text.push_str(&format!("状态：{}\n", status_zh(task.status)));
    if !task.note.is_empty() {
        text.push_str(&format!("备注：{}\n", task.note));
    }
    text
}

/// Several tasks, a blank line between them.
pub fn tasks_text(tasks: &[TaskOut]) -> String {
    tasks.iter().map(task_text).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agencies::Registry;
    use crate::model::Catalog;
    use crate::plan_io::{self, EMBEDDED_PLAN, Origin};
    use crate::progress::{Progress, Status};
    use crate::report::tests::mark;

    /// Task 8 of the built-in plan, blocked, with a note.
    fn task_8() -> TaskOut {
        let plan = plan_io::parse(EMBEDDED_PLAN.as_bytes(), &Origin::Embedded).expect("plan");
        let catalog = Catalog::new(vec![plan]);
        let mut progress = Progress::default();
        mark(
            &mut progress,
            "2020-ip-strategy",
            8,
            Status::Blocked,
            "等待会签",
        );
        let index = catalog.find_number(8)[0];
        TaskOut::of(&catalog, &progress, Registry::builtin(), index)
    }

    const TASK_8: &str = "8. 出台《加强新形势下国防知识产权工作的意见》。\n\
        牵头部门：中央军委装备发展部\n\
        参与部门：知识产权局、财政部、国防科工局\n\
        状态：受阻\n\
        备注：等待会签\n";

    #[test]
    fn a_task_copies_as_number_text_agencies_status_and_note() {
        assert_eq!(task_text(&task_8()), TASK_8);
        let two = tasks_text(&[task_8(), task_8()]);
        assert_eq!(two, format!("{TASK_8}\n{TASK_8}"));
    }

    #[test]
    fn osc52_carries_the_text_in_base64_exactly() {
        let bytes = osc52(TASK_8, Passthrough::None);
        let payload = bytes
            .strip_prefix("\x1b]52;c;")
            .and_then(|rest| rest.strip_suffix('\x07'))
            .expect("OSC 52 framing");
        assert_eq!(STANDARD.decode(payload).expect("base64"), TASK_8.as_bytes());
        // Known bytes for a short text: "专利" is e4 b8 93 e5 88 a9.
        assert_eq!(osc52("专利", Passthrough::None), "\x1b]52;c;5LiT5Yip\x07");
    }

    #[test]
    fn inside_tmux_the_sequence_is_wrapped_with_its_escape_doubled() {
        assert_eq!(
            osc52("专利", Passthrough::Tmux),
            "\x1bPtmux;\x1b\x1b]52;c;5LiT5Yip\x07\x1b\\"
        );
        assert_eq!(
            Passthrough::for_tmux_var(Some("/tmp/tmux-0/default,1,0")),
            Passthrough::Tmux
        );
        assert_eq!(Passthrough::for_tmux_var(Some("")), Passthrough::None);
        assert_eq!(Passthrough::for_tmux_var(None), Passthrough::None);
    }
}
