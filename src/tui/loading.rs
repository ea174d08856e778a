//! The screen before the plans are ready. A large plan takes a while to
//! read, index and fold the marks over; the interface draws at once and
//! says what it waits for, while the loading thread works. Keys typed
//! meanwhile are kept, in order, and applied to the interface once it is
//! ready, so a search typed ahead is not lost; quitting works at once.

use super::action::Action;
use super::keymap::{self, Mode};
use super::theme::Theme;
use crate::i18n::{self, Label, Lang};
use ratatui::Frame;
use ratatui::crossterm::event::Event;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Loading {
    /// How many tasks are loading, once the plans are read.
    pub tasks: Option<usize>,
    /// Keys and pastes that came before the interface was ready, oldest
    /// first.
    pub waiting: Vec<Event>,
    /// Something on screen changed since the last frame.
    pub dirty: bool,
}

/// What reaches the loading screen: the loading thread's progress, or the
/// terminal's events.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    Tasks(usize),
    Event(Event),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Wait,
    Quit,
}

impl Loading {
    pub fn new() -> Loading {
        Loading {
            dirty: true,
            ..Loading::default()
        }
    }

    pub fn update(&mut self, input: Input) -> Step {
        match input {
            Input::Tasks(n) => {
                self.tasks = Some(n);
                self.dirty = true;
            }
            Input::Event(Event::Key(key)) => {
                // A key that quits in every mode (Ctrl-C) quits now; one that
                // quits the lists (q) only while nothing typed before it
                // could have opened a box where it is text.
                let anywhere = keymap::resolve(Mode::Search, key) == Some(Action::Quit);
                let first = self.waiting.is_empty()
                    && keymap::resolve(Mode::Tree, key) == Some(Action::Quit);
                if anywhere || first {
                    return Step::Quit;
                }
                self.waiting.push(Event::Key(key));
            }
            Input::Event(event @ Event::Paste(_)) => self.waiting.push(event),
            // The frame follows the terminal's size when drawn; the
            // interface reads the size when it starts.
            Input::Event(Event::Resize(..)) => self.dirty = true,
            Input::Event(_) => {}
        }
        Step::Wait
    }
}

/// The title, an empty body and the progress line where the status bar
/// will be.
pub fn render(frame: &mut Frame, loading: &Loading, lang: Lang, theme: &Theme) {
    let [header, _, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(frame.area());
    frame.render_widget(
        Paragraph::new(Span::styled(i18n::tr(lang, Label::AppName), theme.title)),
        header,
    );
    let quit = keymap::hints(Mode::Tree)
        .into_iter()
        .find(|(_, label)| *label == Label::KeyQuit);
    let mut spans = vec![Span::styled(
        i18n::loading(lang, loading.tasks),
        theme.message,
    )];
    if let Some((key, label)) = quit {
        spans.push(Span::raw(" │ "));
        spans.push(Span::styled(key, theme.key));
        spans.push(Span::raw(format!(" {}", i18n::tr(lang, label))));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), status);
}
