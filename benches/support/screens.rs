//! The interface in each of its main views, on the shipped plan or a
//! synthetic one, for the frame-time and terminal-bytes benches. Everything
//! goes through `update` with the actions the keys produce, so the states
//! are the ones a user reaches.

// Each target that includes this file uses a different part of it.
#![allow(dead_code)]

use super::synth;
use plantrack::i18n::Lang;
use plantrack::model::Catalog;
use plantrack::plan_io::{self, Origin};
use plantrack::progress::Progress;
use plantrack::tui::action::Action;
use plantrack::tui::app::update;
use plantrack::tui::backend::TermBackend;
use plantrack::tui::data::Data;
use plantrack::tui::state::App;
use plantrack::tui::theme::Theme;
use plantrack::tui::{registry_naming, view};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

/// The plan shipped in the binary, or `tasks` synthetic tasks (seed 7, as
/// the search benches).
pub fn data(tasks: Option<usize>) -> Data {
    let plan = match tasks {
        None => plan_io::parse(plan_io::EMBEDDED_PLAN.as_bytes(), &Origin::Embedded),
        Some(n) => {
            let vocabulary = synth::Vocabulary::from_source(synth::SOURCE);
            let json = plan_io::to_json(&synth::generate(&vocabulary, n, 7));
            plan_io::parse(json.as_bytes(), &Origin::Embedded)
        }
    }
    .expect("the shipped and generated plans are valid");
    // Colour on: what most terminals get, and more escape sequences per
    // frame than the NO_COLOR look.
    let mut data = Data::new(
        Catalog::new(vec![plan]),
        &registry_naming(),
        Lang::Zh,
        Theme::new(true),
    );
    data.user = "bench".into();
    data
}

pub fn label(tasks: Option<usize>) -> String {
    tasks.map_or_else(|| "shipped".to_string(), |n| format!("{}k", n / 1000))
}

/// The main views and the actions that open each from a fresh start.
pub const VIEWS: [(&str, &[Action]); 5] = [
    // On the first task: the tree's first rows are sections.
    ("tree", &[Action::Down, Action::Down]),
    // Narrow: the detail alone; wide: the two panes, the detail focused.
    ("detail", &[Action::Down, Action::Down, Action::Activate]),
    (
        "search",
        &[Action::OpenSearch, Action::Input('专'), Action::Input('利')],
    ),
    ("agencies", &[Action::ShowAgencies]),
    ("summary", &[Action::ShowSummary]),
];

pub const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

pub fn app(data: &Data, (width, height): (u16, u16), actions: &[Action]) -> App {
    let mut app = App::new(data, Progress::default());
    update(&mut app, data, Action::Resize(width, height));
    for action in actions {
        update(&mut app, data, action.clone());
    }
    app
}

/// The bytes written so far, shared with the test so that it can read them
/// (the backend's own accessor to its writer is an unstable ratatui feature).
#[derive(Clone, Default)]
pub struct Sink(Rc<RefCell<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Sink {
    pub fn take(&self) -> Vec<u8> {
        std::mem::take(&mut self.0.borrow_mut())
    }
}

pub type ByteTerm = Terminal<TermBackend<Sink>>;

/// A terminal whose output is kept: the bytes the real loop would send,
/// through the backend it uses.
/// A fixed viewport, since there is no real terminal to ask for a size.
pub fn byte_terminal((width, height): (u16, u16)) -> (ByteTerm, Sink) {
    let sink = Sink::default();
    let term = Terminal::with_options(
        TermBackend::new(sink.clone()),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
        },
    )
    .expect("an in-memory terminal");
    (term, sink)
}

/// Draws one frame as the loop does; returns the bytes it wrote.
pub fn draw(term: &mut ByteTerm, sink: &Sink, app: &mut App, data: &Data) -> Vec<u8> {
    sink.take();
    term.draw(|frame| view::render(frame, app, data))
        .expect("drawing into memory");
    app.dirty = false;
    sink.take()
}
