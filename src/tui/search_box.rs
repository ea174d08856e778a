//! The search overlay's state: the query being typed and its hits, searched
//! again on every keystroke.

use super::action::Action;
use super::app::Effect;
use super::data::Data;
use super::line_edit;
use super::lists::Cursor;
use super::state::{App, Overlay};
use crate::search::{Hit, Hits, syntax};

#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchBox {
    pub query: Vec<char>,
    /// Character position of the text cursor.
    pub cursor: usize,
    /// Ranked only as far as the list is shown (see [`RANKED_AHEAD`]).
    pub hits: Hits,
    pub list: Cursor,
    /// The query `hits` were found for.
    searched: String,
}

impl SearchBox {
    pub fn text(&self) -> String {
        self.query.iter().collect()
    }

    pub fn selected_hit(&self) -> Option<&Hit> {
        self.hits.ranked().get(self.list.selected)
    }

    /// Ranks the hits the list can show with the selection where it is,
    /// a page at a time: one row at a time, every step down past the
    /// ranked ones would select among all the others again.
    fn rank_shown(&mut self) {
        let needed = self.list.selected + RANKED_AHEAD;
        if needed > self.hits.ranked().len() {
            self.hits.rank(needed + RANKED_AHEAD);
        }
    }

    /// The lights changed under an open search: its hits were trimmed by
    /// the old ones, so the next key must search afresh, not narrow them.
    pub fn lights_changed(&mut self) {
        self.searched.clear();
    }

    /// Searches again; only tasks that `keep` (the light filter) stay.
    fn research(&mut self, data: &Data, keep: &dyn Fn(usize) -> bool) {
        let query = self.text();
        let within = syntax::narrows(&self.searched, &query).then_some(self.hits.unordered());
        self.hits = data
            .index
            .search_top(&data.catalog, &query, within, RANKED_AHEAD);
        self.hits.retain(|hit| keep(hit.task()));
        self.searched = query;
        self.list = Cursor::default();
        self.rank_shown();
    }
}

/// More rows than a terminal shows below the selected one: the hits are
/// ranked this far past the selection, the others only counted until the
/// selection moves towards them.
pub const RANKED_AHEAD: usize = 1_000;

/// Pasted text as it goes into a one-line box: line breaks and tabs become
/// spaces, other control characters are dropped.
pub fn pasted_chars(text: &str) -> Vec<char> {
    let text = text.replace("\r\n", "\n");
    text.chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

pub fn update(app: &mut App, data: &Data, action: Action) -> Result<Vec<Effect>, Action> {
    let Overlay::Search(search) = &mut app.overlay else {
        return Ok(Vec::new());
    };
    let before = search.text();
    let (light, lights) = (app.light_filter, &app.lights);
    let keep = |task: usize| light.is_none_or(|l| lights[task] == Some(l));
    match action {
        Action::Input(c) => {
            search.query.insert(search.cursor, c);
            search.cursor += 1;
            search.research(data, &keep);
        }
        // One search for the whole paste, not one per character.
        Action::Paste(text) => {
            let pasted = pasted_chars(&text);
            let n = pasted.len();
            search.query.splice(search.cursor..search.cursor, pasted);
            search.cursor += n;
            search.research(data, &keep);
        }
        Action::DeleteBack => {
            if search.cursor == 0 {
                app.dirty = false;
                return Ok(Vec::new());
            }
            search.cursor -= 1;
            search.query.remove(search.cursor);
            search.research(data, &keep);
        }
        Action::DeleteWordBack | Action::DeleteToStart => {
            let deleted = if action == Action::DeleteWordBack {
                line_edit::delete_word_back(&mut search.query, &mut search.cursor)
            } else {
                line_edit::delete_to_start(&mut search.query, &mut search.cursor)
            };
            if !deleted {
                app.dirty = false;
                return Ok(Vec::new());
            }
            search.research(data, &keep);
        }
        Action::CursorLeft => search.cursor = search.cursor.saturating_sub(1),
        Action::CursorRight => search.cursor = (search.cursor + 1).min(search.query.len()),
        Action::CursorHome => search.cursor = 0,
        Action::CursorEnd => search.cursor = search.query.len(),
        Action::Up => app.dirty = search.list.step(-1, search.hits.len()),
        Action::Down => {
            app.dirty = search.list.step(1, search.hits.len());
            search.rank_shown();
        }
        Action::Activate => {
            if let Some(task) = search.selected_hit().map(|h| h.task()) {
                app.overlay = Overlay::None;
                app.reveal(data, task);
            }
        }
        // Nothing else changed while searching, so closing the overlay is
        // all it takes to be back where the user was.
        Action::Back => app.overlay = Overlay::None,
        other => return Err(other),
    }
    // While the user reads the new screen and types on.
    Ok(match &app.overlay {
        Overlay::Search(search) if search.text() != before => {
            vec![Effect::LookAhead(search.text())]
        }
        _ => Vec::new(),
    })
}
