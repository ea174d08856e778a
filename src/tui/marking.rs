//! Marking progress: status keys, the note editor, undo, and what the loop
//! reports back about saving. A change is shown at once and handed to the
//! loop, which has the replica write it in the same turn.

use super::action::Action;
use super::app::{Effect, Save};
use super::data::Data;
use super::line_edit;
use super::state::{App, BoxKind, FeedbackBox, NoteBox, Overlay, SaveState};
use crate::i18n::{self, Confirmed, Label, confirmation};
use crate::progress::{Change, ChangeKind, Status};
use crate::replica::SaveError;

/// The loop's reports about saving, and the marking keys. Returns the
/// action back when it is not one of these.
pub fn update_marks(app: &mut App, data: &Data, action: Action) -> Result<Vec<Effect>, Action> {
    match action {
        Action::Saved(progress) => {
            app.set_progress(data, progress);
            app.save = SaveState::Saved;
        }
        Action::SaveFailed { error, progress } => {
            app.set_progress(data, progress);
            match error {
                // The state broke under us: from now on, as at start.
                SaveError::ReadOnly(why) => {
                    app.set_error(i18n::read_only(data.lang, &why));
                    app.read_only = Some(why);
                    app.save = SaveState::Idle;
                }
                SaveError::Failed { error, pending } => {
                    app.save = SaveState::Unsaved { error, pending };
                }
                SaveError::Refused(why) => {
                    app.save = SaveState::Idle;
                    app.set_error(i18n::store::refusal(&why, data.lang));
                }
            }
        }
        Action::SaveWaiting(holder) => app.save = SaveState::Waiting(holder),
        Action::Reloaded(progress) => {
            app.dirty = progress != app.progress;
            app.set_progress(data, progress);
        }
        Action::Undone {
            progress,
            key,
            what,
        } => {
            app.set_progress(data, progress);
            app.set_message(confirmation(
                data.lang,
                &key.number.to_string(),
                Confirmed::of(&what),
                true,
                false,
            ));
            // After the message, which forgets an earlier save.
            app.save = SaveState::Saved;
        }
        // The status is the lead's to set: shown back as it was, and why.
        Action::Proposed {
            progress,
            key,
            from,
            to,
            reason,
        } => {
            app.set_progress(data, progress);
            app.set_message(confirmation(
                data.lang,
                &key.number.to_string(),
                Confirmed::Proposed {
                    from,
                    to,
                    reason: &reason,
                },
                false,
                false,
            ));
            // After the message, which forgets an earlier save.
            app.save = SaveState::Saved;
        }
        Action::UndoRefused(refused) => {
            app.save = SaveState::Idle;
            app.set_error(i18n::store::undo_error(&refused, data.lang, &data.tz));
        }
        // Success is quiet (what came in shows as it is read); a failure is
        // said once, and the next interval tries again.
        Action::Synced(Ok(_)) => app.dirty = false,
        Action::Synced(Err(why)) => {
            app.set_error(format!("{}: {why}", i18n::tr(data.lang, Label::SyncFailed)));
        }
        Action::Undo => {
            if !refuse(app, data) {
                return Ok(vec![Effect::Save(Save::Undo)]);
            }
        }
        ref action if action.changes_progress() && refuse(app, data) => {}
        Action::EditFeedback => {
            let Some(task) = app.current_task() else {
                return Ok(no_task(app, data));
            };
            let Some(agency) = &data.agency else {
                app.set_error(i18n::tr(data.lang, Label::NoAgency));
                return Ok(Vec::new());
            };
            let entry = app
                .progress
                .get(&data.catalog.key(task))
                .map(|t| t.feedback_of(agency))
                .unwrap_or_default();
            let fields = [entry.progress, entry.problems, entry.next].map(|t| t.chars().collect());
            app.overlay = Overlay::Feedback(FeedbackBox {
                task,
                cursor: 0,
                field: 0,
                fields,
            });
            if let Overlay::Feedback(editor) = &mut app.overlay {
                editor.cursor = editor.fields[0].len();
            }
        }
        Action::SetStatus(status) => return Ok(set_status(app, data, status)),
        Action::CycleStatus => {
            let Some(task) = app.current_task() else {
                return Ok(no_task(app, data));
            };
            let next = match app.statuses[task] {
                Status::NotStarted => Status::InProgress,
                Status::InProgress => Status::Done,
                Status::Done | Status::Blocked | Status::Suspended => Status::NotStarted,
            };
            return Ok(set_status(app, data, next));
        }
        Action::EditNote => {
            let Some(task) = app.current_task() else {
                return Ok(no_task(app, data));
            };
            let text: Vec<char> = app.progress.note(&data.catalog.key(task)).chars().collect();
            app.overlay = Overlay::Note(NoteBox {
                task,
                kind: BoxKind::Note,
                cursor: text.len(),
                text,
            });
        }
        Action::EditDue => {
            let Some(task) = app.current_task() else {
                return Ok(no_task(app, data));
            };
            // The limit staff set, to change; empty when the plan's applies.
            let text: Vec<char> = app
                .progress
                .get(&data.catalog.key(task))
                .and_then(crate::progress::TaskProgress::due)
                .map(|d| d.to_string())
                .unwrap_or_default()
                .chars()
                .collect();
            app.overlay = Overlay::Note(NoteBox {
                task,
                kind: BoxKind::Due,
                cursor: text.len(),
                text,
            });
        }
        other => return Err(other),
    }
    Ok(Vec::new())
}

/// With a state that cannot be written, or the view of a past day, nothing
/// may be marked: say why instead.
fn refuse(app: &mut App, data: &Data) -> bool {
    if app.as_of.is_some() {
        app.set_error(i18n::tr(data.lang, Label::ReadOnlyAsOf));
        return true;
    }
    if let Some(reason) = &app.read_only {
        let text = i18n::read_only(data.lang, reason);
        app.set_error(text);
        return true;
    }
    false
}

fn no_task(app: &mut App, data: &Data) -> Vec<Effect> {
    app.set_error(i18n::tr(data.lang, Label::NoTask));
    Vec::new()
}

/// Blocked and suspended ask why first (the reason box); the others are
/// marked at once.
fn set_status(app: &mut App, data: &Data, status: Status) -> Vec<Effect> {
    let Some(task) = app.current_task() else {
        return no_task(app, data);
    };
    if status.takes_reason() {
        // Marked again, the box holds the reason in force, to change.
        let text: Vec<char> = if app.statuses[task] == status {
            app.progress
                .reason(&data.catalog.key(task))
                .chars()
                .collect()
        } else {
            Vec::new()
        };
        app.overlay = Overlay::Note(NoteBox {
            task,
            kind: BoxKind::Reason(status),
            cursor: text.len(),
            text,
        });
        return Vec::new();
    }
    mark_status(app, data, task, status, String::new())
}

fn mark_status(
    app: &mut App,
    data: &Data,
    task: usize,
    status: Status,
    reason: String,
) -> Vec<Effect> {
    let from = app.statuses[task];
    let number = data.catalog.tasks[task].task.number;
    app.set_message(confirmation(
        data.lang,
        &number.to_string(),
        Confirmed::Status {
            from,
            to: status,
            reason: &reason,
        },
        false,
        false,
    ));
    let same_reason = app.progress.reason(&data.catalog.key(task)) == reason;
    if from == status && (reason.is_empty() || same_reason) {
        return Vec::new();
    }
    record(
        app,
        data,
        task,
        ChangeKind::Status {
            from,
            to: status,
            reason,
        },
    )
}

/// Shows the change at once and asks the loop to have the replica write it;
/// the replica's progress replaces this provisional one when it answers.
fn record(app: &mut App, data: &Data, task: usize, what: ChangeKind) -> Vec<Effect> {
    let key = data.catalog.key(task);
    let save = match &what {
        ChangeKind::Status { to, reason, .. } | ChangeKind::Proposal { to, reason, .. } => {
            Save::Mark {
                key: key.clone(),
                status: Some(*to),
                reason: reason.clone(),
                note: None,
            }
        }
        ChangeKind::Note { to, .. } => Save::Mark {
            key: key.clone(),
            status: None,
            reason: String::new(),
            note: Some(to.clone()),
        },
        ChangeKind::Due { to, .. } => Save::Due {
            key: key.clone(),
            to: *to,
        },
        ChangeKind::Feedback { to, .. } => Save::Feedback {
            key: key.clone(),
            entry: to.clone(),
        },
    };
    let change = Change::new((data.clock)(), data.user.clone(), what);
    app.progress.record(key.clone(), change);
    app.statuses[task] = app.progress.status(&key);
    app.refresh_lights(data, task);
    app.refresh_filtered(data);
    vec![Effect::Save(save)]
}

/// The feedback editor's keys; the action back when it is not one of them.
/// Unlike the one-line boxes, pasted line breaks stay line breaks.
pub fn update_feedback(app: &mut App, data: &Data, action: Action) -> Result<Vec<Effect>, Action> {
    let Overlay::Feedback(editor) = &mut app.overlay else {
        return Err(action);
    };
    let text = &mut editor.fields[editor.field];
    match action {
        Action::Input(c) => {
            text.insert(editor.cursor, c);
            editor.cursor += 1;
        }
        Action::LineBreak => {
            text.insert(editor.cursor, '\n');
            editor.cursor += 1;
        }
        Action::Paste(pasted) => {
            let pasted: Vec<char> = pasted
                .replace("\r\n", "\n")
                .chars()
                .filter_map(|c| match c {
                    '\n' | '\r' => Some('\n'),
                    '\t' => Some(' '),
                    c if c.is_control() => None,
                    c => Some(c),
                })
                .collect();
            let n = pasted.len();
            text.splice(editor.cursor..editor.cursor, pasted);
            editor.cursor += n;
        }
        Action::DeleteBack => {
            if editor.cursor > 0 {
                editor.cursor -= 1;
                text.remove(editor.cursor);
            }
        }
        Action::CursorLeft => editor.cursor = editor.cursor.saturating_sub(1),
        Action::CursorRight => editor.cursor = (editor.cursor + 1).min(text.len()),
        Action::CursorHome => editor.cursor = 0,
        Action::CursorEnd => editor.cursor = text.len(),
        Action::NextField => {
            editor.field = (editor.field + 1) % editor.fields.len();
            editor.cursor = editor.fields[editor.field].len();
        }
        Action::Back => app.overlay = Overlay::None,
        Action::Submit => {
            let task = editor.task;
            let [progress, problems, next] = editor
                .fields
                .clone()
                .map(|f| f.iter().collect::<String>().trim().to_string());
            if progress.is_empty() {
                // Kept open: what was typed in the other fields is not lost.
                editor.field = 0;
                editor.cursor = 0;
                app.set_error(i18n::tr(data.lang, Label::ProgressRequired));
                return Ok(Vec::new());
            }
            app.overlay = Overlay::None;
            let key = data.catalog.key(task);
            let entry = crate::progress::Feedback {
                progress,
                problems,
                next,
            };
            let agency = data.agency.clone().unwrap_or_default();
            let from = app
                .progress
                .get(&key)
                .map(|t| t.feedback_of(&agency))
                .unwrap_or_default();
            if from == entry {
                return Ok(Vec::new());
            }
            app.set_message(format!(
                "{} · {}",
                i18n::tr(data.lang, Label::FeedbackTitle),
                data.catalog.tasks[task].task.number
            ));
            let mut change = Change::new(
                (data.clock)(),
                data.user.clone(),
                ChangeKind::Feedback {
                    agency: agency.clone(),
                    from,
                    to: entry.clone(),
                },
            );
            change.agency = Some(agency);
            app.progress.record(key.clone(), change);
            app.dirty = true;
            return Ok(vec![Effect::Save(Save::Feedback { key, entry })]);
        }
        other => return Err(other),
    }
    Ok(Vec::new())
}

/// The note editor's keys; the action back when it is not one of them.
pub fn update_note(app: &mut App, data: &Data, action: Action) -> Result<Vec<Effect>, Action> {
    let Overlay::Note(note) = &mut app.overlay else {
        return Err(action);
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
        Action::Submit if note.kind == BoxKind::Due => {
            let task = note.task;
            let typed: String = note.text.iter().collect();
            let plan = &data.catalog.plans[data.catalog.tasks[task].plan];
            let year = crate::deadline::plan_year(plan);
            let to = match crate::deadline::parse(&typed, year) {
                // Left open with the text as typed, to be corrected.
                Err(error) => {
                    app.set_error(i18n::cli::date_error(data.lang, &error));
                    return Ok(Vec::new());
                }
                Ok(crate::deadline::Typed::Day(day)) => Some(day),
                Ok(crate::deadline::Typed::PlanDefault) => None,
            };
            app.overlay = Overlay::None;
            let key = data.catalog.key(task);
            let from = app
                .progress
                .get(&key)
                .and_then(crate::progress::TaskProgress::due);
            if from == to {
                return Ok(Vec::new());
            }
            app.set_message(confirmation(
                data.lang,
                &data.catalog.tasks[task].task.number.to_string(),
                Confirmed::Due { to },
                false,
                false,
            ));
            return Ok(record(app, data, task, ChangeKind::Due { from, to }));
        }
        Action::Submit if note.kind == BoxKind::AsOf => {
            let typed: String = note.text.iter().collect();
            super::as_of::submit(app, data, &typed);
        }
        Action::Submit if matches!(note.kind, BoxKind::Reason(_)) => {
            let BoxKind::Reason(status) = note.kind else {
                return Err(Action::Submit);
            };
            let task = note.task;
            let reason = note.text.iter().collect::<String>().trim().to_string();
            // Left open: a suspension must say why.
            if status == Status::Suspended && reason.is_empty() {
                app.set_error(i18n::tr(data.lang, Label::ReasonRequired));
                return Ok(Vec::new());
            }
            app.overlay = Overlay::None;
            return Ok(mark_status(app, data, task, status, reason));
        }
        Action::Submit => {
            let task = note.task;
            let to: String = note.text.iter().collect::<String>().trim().to_string();
            app.overlay = Overlay::None;
            let from = app.progress.note(&data.catalog.key(task)).to_string();
            if from == to {
                return Ok(Vec::new());
            }
            app.set_message(confirmation(
                data.lang,
                &data.catalog.tasks[task].task.number.to_string(),
                Confirmed::Note { to: &to },
                false,
                false,
            ));
            return Ok(record(app, data, task, ChangeKind::Note { from, to }));
        }
        other => return Err(other),
    }
    Ok(Vec::new())
}
