//! The read-only view of the plan as of a past day: `@` asks for the day
//! (the forms `due` takes), the progress is rebuilt from the history by
//! the one fold `list --as-of` uses ([`crate::progress::Progress::as_of`]),
//! the lights are worked out for that day, and every key that would change
//! something refuses. `@` again, or Esc in the tree, goes back to today.

use super::data::Data;
use super::state::{App, AsOf, BoxKind, NoteBox, Overlay};
use crate::i18n::{self, Label};
use crate::progress::Progress;

/// `@`: the box for the day, or, in the view of a past day, back to today.
pub fn toggle(app: &mut App, data: &Data) {
    if app.as_of.is_some() {
        leave(app, data);
        return;
    }
    app.overlay = Overlay::Note(NoteBox {
        task: 0,
        kind: BoxKind::AsOf,
        text: Vec::new(),
        cursor: 0,
    });
}

/// Enter in the box: the view of that day, or why the text is not a day
/// (the box stays open to correct it).
pub fn submit(app: &mut App, data: &Data, typed: &str) {
    let year = data
        .catalog
        .plans
        .get(app.tree.plan)
        .and_then(crate::deadline::plan_year);
    let day = match crate::deadline::parse(typed, year) {
        Ok(crate::deadline::Typed::Day(day)) => day,
        Ok(crate::deadline::Typed::PlanDefault) => {
            app.set_error(i18n::not_a_day(data.lang, typed.trim()));
            return;
        }
        Err(error) => {
            app.set_error(error.to_string());
            return;
        }
    };
    let Some(end) = Progress::end_of_day(day, &data.tz) else {
        app.set_error(i18n::not_a_day(data.lang, typed.trim()));
        return;
    };
    app.overlay = Overlay::None;
    enter(app, data, day, end);
}

/// Shows the plan as it stood at `end` (the last instant of `day`).
pub fn enter(app: &mut App, data: &Data, day: jiff::civil::Date, end: jiff::Timestamp) {
    let live = match app.as_of.take() {
        Some(earlier) => earlier.live,
        None => std::mem::take(&mut app.progress),
    };
    app.as_of = Some(AsOf {
        day,
        end,
        live: Progress::default(),
    });
    // The summary on screen is built again for the day by this.
    app.set_progress(data, live);
    app.set_message(i18n::as_of_banner(data.lang, day));
}

/// Back to today: the live progress, the lights of today.
pub fn leave(app: &mut App, data: &Data) {
    let Some(as_of) = app.as_of.take() else {
        return;
    };
    app.set_progress(data, as_of.live);
    app.set_message(i18n::tr(data.lang, Label::AsOfLeft));
}
