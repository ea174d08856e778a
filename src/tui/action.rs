//! Every user intent and every result fed back from the loop. Keys become
//! actions in `keymap` only; `app::update` never sees a key event.

use crate::model::TaskKey;
use crate::progress::{Progress, Status};
use crate::replica::SaveError;

impl Action {
    /// Keys that change the plan's progress: refused in the read-only
    /// views, and not hinted there.
    pub fn changes_progress(&self) -> bool {
        matches!(
            self,
            Action::SetStatus(_)
                | Action::CycleStatus
                | Action::EditNote
                | Action::EditDue
                | Action::EditFeedback
                | Action::Undo
        )
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Move the selection (or scroll the focused pane) one row up.
    Up,
    /// Move the selection one row down.
    Down,
    /// Go to the first row.
    Top,
    /// Go to the last row.
    Bottom,
    /// Move half a page down.
    PageDown,
    /// Move half a page up.
    PageUp,
    /// Collapse the selected section, or go to its parent.
    Collapse,
    /// Expand the selected section.
    Expand,
    /// Enter: toggle a section, open an agency, show a task's detail, jump to a search hit.
    Activate,
    /// Esc: close the overlay or go back one level.
    Back,
    /// Tab: switch between the list and the detail pane.
    SwitchPane,
    /// Open the task search from anywhere.
    OpenSearch,
    /// Show every key of the current view.
    OpenHelp,
    /// Show the plan tree.
    ShowTree,
    /// Show the agency list.
    ShowAgencies,
    /// Show the progress summary: overall, by part, by agency, blocked and not started.
    ShowSummary,
    /// Show the selected task alone, full screen, for screen-sharing.
    OpenFocus,
    /// In the focus view: the next task of the list it was opened from.
    NextTask,
    /// In the focus view: the previous task of that list.
    PrevTask,
    /// Send the selected task to the clipboard (OSC 52).
    CopyTask,
    /// Send every task of the list on screen to the clipboard (OSC 52).
    CopyList,
    /// Send the list on screen as tab-separated rows in the units' columns,
    /// which Word, WPS and Excel paste as a table.
    CopyTable,
    /// Print the last copied text to the terminal after the program ends.
    PrintOnExit,
    /// The clipboard sequence could not be written to the terminal.
    CopyFailed(String),
    /// Show the next loaded plan in the tree.
    NextPlan,
    /// Cycle the status filter of the lists.
    CycleFilter,
    /// Cycle the light filter of the lists and search results: all, red,
    /// yellow, green.
    CycleLightFilter,
    /// Ask for a day and show the plan as it stood then, read-only; in
    /// that view, go back to today.
    OpenAsOf,
    /// Toggle the agency list order (count / name).
    CycleSort,
    /// Set the selected task's status.
    SetStatus(Status),
    /// Step the selected task's status: not started → in progress → done → not started.
    CycleStatus,
    /// Edit the selected task's note.
    EditNote,
    /// Open the editor on the task's time limit.
    EditDue,
    /// Open the editor of the user's agency's feedback on the task.
    EditFeedback,
    /// In the feedback editor: the next field (进展情况 → 存在问题 → 下一步).
    NextField,
    /// In the feedback editor: a line break in the text.
    LineBreak,
    /// Undo this session's last change by recording the previous value again.
    Undo,
    /// A digit typed in the tree: jump to the task with the number typed so far.
    Digit(u32),
    /// A character typed into the search box or the note editor.
    Input(char),
    /// Text pasted (bracketed paste): inserted as one edit into the search
    /// box or the note editor, never read as keys; ignored elsewhere.
    Paste(String),
    /// Delete the character before the cursor.
    DeleteBack,
    /// Delete everything before the cursor (C-u, as in readline and fzf).
    DeleteToStart,
    /// Delete the word before the cursor (C-w).
    DeleteWordBack,
    /// Move the text cursor left.
    CursorLeft,
    /// Move the text cursor right.
    CursorRight,
    /// Move the text cursor to the start.
    CursorHome,
    /// Move the text cursor to the end.
    CursorEnd,
    /// Enter in a text box: save the note.
    Submit,
    /// Leave the program.
    Quit,
    /// The terminal has this many columns and rows now.
    Resize(u16, u16),
    /// Mouse wheel over the list.
    ScrollDown,
    /// Mouse wheel over the list.
    ScrollUp,
    /// The state took our changes; this is the progress now.
    Saved(Progress),
    /// A save is waiting for another process's lock on the state; who
    /// holds it.
    SaveWaiting(String),
    /// Changes could not be written: kept pending (and shown), or refused
    /// because the state cannot be written at all (the session turns
    /// read-only). `progress` includes what is pending.
    SaveFailed {
        error: SaveError,
        progress: Progress,
    },
    /// Another writer's changes came in.
    Reloaded(Progress),
    /// An undo was written: `what` is the change that took `key` back.
    Undone {
        progress: Progress,
        key: TaskKey,
        what: Box<crate::progress::ChangeKind>,
    },
    /// A background sync ended: what it did, or why it failed.
    Synced(Result<String, String>),
    /// A status change was recorded as a proposal to the lead agency, not
    /// applied (policy "lead-sets-status").
    Proposed {
        progress: Progress,
        key: TaskKey,
        from: Status,
        to: Status,
        reason: String,
    },
    /// The undo was not made, and why (nothing to undo, or someone changed
    /// the task since).
    UndoRefused(crate::replica::UndoError),
}
