//! Marking progress: status keys, the note editor, undo, and what the loop
//! reports back about saving. A change is applied to the state at once and
//! handed to the loop to commit in the same turn, so nothing waits in memory.

use super::action::Action;
use super::app::{self, App, Effect, NoteBox, Overlay, SaveState};
use super::data::Data;
use super::line_edit;
use crate::i18n::{self, Label};
use crate::progress::{Change, ChangeKind, Status};

pub fn update_marks(app: &mut App, data: &Data, action: Action) -> Vec<Effect> {
    match action {
        Action::Saved(progress) => {
            app.progress = progress;
            app.refresh_statuses(data);
            app.save = SaveState::Saved;
            Vec::new()
        }
        Action::SaveFailed { error, pending } => {
            app.save = SaveState::Unsaved { error, pending };
            Vec::new()
        }
        Action::SaveWaiting(holder) => {
            app.save = SaveState::Waiting(holder);
            Vec::new()
        }
        Action::Reloaded(progress) => {
            app.dirty = progress != app.progress;
            app.progress = progress;
            app.refresh_statuses(data);
            Vec::new()
        }
        Action::Undo => undo(app, data),
        _ if refuse(app, data) => Vec::new(),
        Action::SetStatus(status) => set_status(app, data, status),
        Action::CycleStatus => {
            let Some(task) = app.current_task() else {
                return no_task(app, data);
            };
            let next = match app.statuses[task] {
                Status::NotStarted => Status::InProgress,
                Status::InProgress => Status::Done,
                Status::Done | Status::Blocked => Status::NotStarted,
            };
            set_status(app, data, next)
        }
        Action::EditNote => {
            let Some(task) = app.current_task() else {
                return no_task(app, data);
            };
            let text: Vec<char> = app.progress.note(&data.catalog.key(task)).chars().collect();
            app.overlay = Overlay::Note(NoteBox {
                task,
                cursor: text.len(),
                text,
            });
            Vec::new()
        }
        other => app::common(app, other),
    }
}

/// With an unreadable state file nothing may be marked: say why instead.
fn refuse(app: &mut App, data: &Data) -> bool {
    if let Some(reason) = &data.read_only {
        app.set_error(i18n::read_only(data.lang, reason));
        return true;
    }
    false
}

fn no_task(app: &mut App, data: &Data) -> Vec<Effect> {
    app.set_error(i18n::tr(data.lang, Label::NoTask));
    Vec::new()
}

fn set_status(app: &mut App, data: &Data, status: Status) -> Vec<Effect> {
    let Some(task) = app.current_task() else {
        return no_task(app, data);
    };
    let from = app.statuses[task];
    let number = data.catalog.tasks[task].task.number;
    app.set_message(i18n::marked(data.lang, number, status));
    if from == status {
        return Vec::new();
    }
    record(
        app,
        data,
        task,
        ChangeKind::Status { from, to: status },
        true,
    )
}

/// Applies a change here and asks the loop to commit it.
fn record(
    app: &mut App,
    data: &Data,
    task: usize,
    what: ChangeKind,
    undoable: bool,
) -> Vec<Effect> {
    let key = data.catalog.key(task);
    let change = Change {
        at: app.progress.next_time(&key, (data.clock)()),
        by: data.user.clone(),
        what,
    };
    app.progress.record(key.clone(), change.clone());
    app.statuses[task] = app.progress.status(&key);
    if undoable {
        app.undo.push((key.clone(), change.clone()));
    }
    app.refresh_filtered(data);
    vec![Effect::Commit(vec![(key, change)])]
}

/// Undo records the previous value again as a new change, so the history
/// shows both and other terminals merge it like any change.
fn undo(app: &mut App, data: &Data) -> Vec<Effect> {
    if refuse(app, data) {
        return Vec::new();
    }
    let Some((key, change)) = app.undo.pop() else {
        app.set_error(i18n::tr(data.lang, Label::NothingToUndo));
        return Vec::new();
    };
    let Some(task) = data.catalog.find(&key) else {
        return Vec::new();
    };
    // Only while nobody else changed the task after our change: undoing it
    // then would silently overwrite theirs. (The store may have moved our
    // change later in time, so it is recognised by author and content.)
    let history = app.progress.get(&key).map_or(&[][..], |t| t.history());
    let ours = history
        .iter()
        .rposition(|c| c.by == change.by && c.what == change.what);
    let since = ours.map_or(&[][..], |i| &history[i + 1..]);
    if let Some(last) = since.iter().rev().find(|c| c.by != change.by) {
        let when = last
            .at
            .to_zoned_datetime(data.tz.clone())
            .strftime("%Y-%m-%d %H:%M")
            .to_string();
        let number = data.catalog.tasks[task].task.number;
        app.set_error(i18n::undo_refused(data.lang, number, &last.by, &when));
        return Vec::new();
    }
    let what = match change.what {
        ChangeKind::Status { from, .. } => ChangeKind::Status {
            from: app.progress.status(&key),
            to: from,
        },
        ChangeKind::Note { from, .. } => ChangeKind::Note {
            from: app.progress.note(&key).to_string(),
            to: from,
        },
    };
    let number = data.catalog.tasks[task].task.number;
    let status = match &what {
        ChangeKind::Status { to, .. } => Some(*to),
        ChangeKind::Note { .. } => None,
    };
    let mut message = format!("{} · {}", i18n::tr(data.lang, Label::Undone), number);
    if let Some(status) = status {
        message = format!(
            "{} · {}",
            i18n::tr(data.lang, Label::Undone),
            i18n::marked(data.lang, number, status)
        );
    }
    app.set_message(message);
    record(app, data, task, what, false)
}

pub fn update_note(app: &mut App, data: &Data, action: Action) -> Vec<Effect> {
    let Overlay::Note(note) = &mut app.overlay else {
        return Vec::new();
    };
    match action {
        // Any character, CJK from an input method included.
        Action::Input(c) => {
            note.text.insert(note.cursor, c);
            note.cursor += 1;
        }
        Action::Paste(text) => {
            let pasted = super::search_box::pasted_chars(&text);
            let n = pasted.len();
            note.text.splice(note.cursor..note.cursor, pasted);
            note.cursor += n;
        }
        Action::DeleteBack => {
            if note.cursor > 0 {
                note.cursor -= 1;
                note.text.remove(note.cursor);
            }
        }
        Action::DeleteWordBack => {
            line_edit::delete_word_back(&mut note.text, &mut note.cursor);
        }
        Action::DeleteToStart => {
            line_edit::delete_to_start(&mut note.text, &mut note.cursor);
        }
        Action::CursorLeft => note.cursor = note.cursor.saturating_sub(1),
        Action::CursorRight => note.cursor = (note.cursor + 1).min(note.text.len()),
        Action::CursorHome => note.cursor = 0,
        Action::CursorEnd => note.cursor = note.text.len(),
        Action::Back => app.overlay = Overlay::None,
        Action::Submit => {
            let task = note.task;
            let to: String = note.text.iter().collect::<String>().trim().to_string();
            app.overlay = Overlay::None;
            let from = app.progress.note(&data.catalog.key(task)).to_string();
            if from == to {
                return Vec::new();
            }
            app.set_message(format!(
                "{} · {}",
                i18n::tr(data.lang, Label::Note),
                data.catalog.tasks[task].task.number
            ));
            return record(app, data, task, ChangeKind::Note { from, to }, true);
        }
        other => return app::common(app, other),
    }
    Vec::new()
}
