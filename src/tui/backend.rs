//! ratatui's Crossterm backend with one saving for Chinese text: no cursor
//! move after a wide character.
//!
//! The backend positions the cursor (`ESC[row;colH`, 6–8 bytes) before any
//! cell that does not follow the previous one. After a wide character the
//! next cell is two columns on, so it moved the cursor before nearly every
//! Chinese character: more bytes for the moves than for the text, on the
//! slow SSH links plantrack is used over. The terminal's cursor is already
//! there (a wide character advances it by two), so this backend hands the
//! Crossterm one an empty cell for the column the wide character covers;
//! writing it prints nothing and the next cell follows on without a move.

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

pub struct TermBackend<W: Write>(CrosstermBackend<W>);

impl<W: Write> TermBackend<W> {
    pub fn new(writer: W) -> Self {
        Self(CrosstermBackend::new(writer))
    }
}

/// The OSC 52 clipboard sequence is written between frames, as to the
/// Crossterm backend.
impl<W: Write> Write for TermBackend<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        Write::flush(&mut self.0)
    }
}

impl<W: Write> Backend for TermBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let cells: Vec<(u16, u16, &Cell)> = content.collect();
        // The column a two-column character covers, when the next cell to
        // write is right after it; same style, so no style change is sent.
        let covered: Vec<Option<Cell>> = cells
            .iter()
            .zip(cells.iter().skip(1))
            .map(|(&(x, y, cell), &(next_x, next_y, _))| {
                (next_y == y && cell.symbol().width() == 2 && next_x == x.saturating_add(2)).then(
                    || {
                        let mut blank = cell.clone();
                        blank.set_symbol("");
                        blank
                    },
                )
            })
            .collect();
        let with_covered = cells.iter().enumerate().flat_map(|(i, &(x, y, cell))| {
            let blank = covered
                .get(i)
                .and_then(Option::as_ref)
                .map(|blank| (x + 1, y, blank));
            std::iter::once((x, y, cell)).chain(blank)
        });
        self.0.draw(with_covered)
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.0.append_lines(n)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.0.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.0.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.0.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.0.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.0.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.0.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        self.0.size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.0.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::backend::CrosstermBackend;
    use ratatui::layout::Rect;
    use ratatui::style::{Style, Stylize};
    use ratatui::text::{Line, Span};
    use ratatui::widgets::Paragraph;
    use ratatui::{Terminal, TerminalOptions, Viewport};
    use std::cell::RefCell;
    use std::rc::Rc;

    /// Keeps what the backend writes where the test can read it (the
    /// Crossterm backend's own accessor is an unstable ratatui feature).
    #[derive(Clone, Default)]
    struct Sink(Rc<RefCell<Vec<u8>>>);

    impl Write for Sink {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    /// Draws the frames in turn, each diffed against the one before.
    fn draw_frames<B: Backend>(backend: B, frames: &[Vec<Line<'static>>]) {
        let options = TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, 20, 3)),
        };
        let mut term = Terminal::with_options(backend, options).expect("in memory");
        for lines in frames {
            term.draw(|f| f.render_widget(Paragraph::new(lines.clone()), f.area()))
                .expect("in memory");
        }
    }

    fn screen(bytes: &[u8]) -> vt100::Screen {
        let size = |n| std::num::NonZero::new(n).expect("not zero");
        let mut parser = vt100::Parser::new(size(3), size(20), 0);
        parser.process(bytes);
        parser.screen().clone()
    }

    #[test]
    fn same_screen_as_crossterm_with_fewer_bytes() {
        let frames = vec![
            vec![
                Line::from("中文ab汉字"),
                Line::from(vec![Span::raw("> "), "专利审查".reversed()]),
                Line::from("a中b文"),
            ],
            // Wide characters over narrow ones and back, a style change
            // right after a wide character, and an unchanged stretch.
            vec![
                Line::from("中文xy汉字"),
                Line::from(vec![
                    Span::raw("  "),
                    Span::styled("专利", Style::new()),
                    "审查".bold(),
                ]),
                Line::from("ab中文"),
            ],
        ];
        let (plain, ours) = (Sink::default(), Sink::default());
        draw_frames(CrosstermBackend::new(plain.clone()), &frames);
        draw_frames(TermBackend::new(ours.clone()), &frames);
        let (plain_bytes, our_bytes) = (plain.0.borrow(), ours.0.borrow());
        let (a, b) = (screen(&plain_bytes), screen(&our_bytes));
        assert_eq!(a.contents_formatted(), b.contents_formatted());
        assert_eq!(a.contents(), "中文xy汉字\n  专利审查\nab中文");
        // The first frame's first row went out as one run of text.
        let text = String::from_utf8_lossy(&our_bytes);
        assert!(text.contains("中文ab汉字"), "{text:?}");
        assert!(our_bytes.len() < plain_bytes.len());
    }
}
