//! Named styles. Only the 16 base colours, because servers' terminals often
//! have no more; and one switch for NO_COLOR, under which every distinction
//! must survive through modifiers and text markers alone.

use crate::progress::Status;
use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    pub title: Style,
    pub tab_active: Style,
    pub tab: Style,
    pub section: Style,
    pub selected: Style,
    pub matched: Style,
    pub dim: Style,
    pub label: Style,
    pub lead: Style,
    pub banner: Style,
    pub message: Style,
    pub error: Style,
    pub key: Style,
    pub border: Style,
    pub border_focused: Style,
    pub bar_done: Style,
    pub bar_rest: Style,
}

impl Theme {
    /// `NO_COLOR` set to anything non-empty turns colour off (no-color.org).
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme::new(!no_color)
    }

    pub fn new(color: bool) -> Theme {
        let fg = |c: Color| {
            if color {
                Style::new().fg(c)
            } else {
                Style::new()
            }
        };
        Theme {
            color,
            title: fg(Color::Cyan).add_modifier(Modifier::BOLD),
            tab_active: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            tab: fg(Color::Gray),
            section: fg(Color::Blue).add_modifier(Modifier::BOLD),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            // Bold + underline read as "matched" on a monochrome terminal too.
            matched: fg(Color::Yellow).add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            dim: fg(Color::DarkGray),
            label: fg(Color::Cyan).add_modifier(Modifier::BOLD),
            lead: fg(Color::Magenta).add_modifier(Modifier::BOLD),
            banner: if color {
                Style::new()
                    .fg(Color::White)
                    .bg(Color::Red)
                    .add_modifier(Modifier::BOLD)
            } else {
                Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
            },
            message: fg(Color::Green),
            error: fg(Color::Red).add_modifier(Modifier::BOLD),
            key: fg(Color::Yellow).add_modifier(Modifier::BOLD),
            border: fg(Color::DarkGray),
            border_focused: fg(Color::Cyan),
            bar_done: fg(Color::Green),
            bar_rest: fg(Color::DarkGray),
        }
    }

    pub fn status(&self, status: Status) -> Style {
        if !self.color {
            return match status {
                Status::Done | Status::NotStarted => Style::new(),
                Status::InProgress | Status::Blocked => Style::new().add_modifier(Modifier::BOLD),
            };
        }
        match status {
            Status::NotStarted => Style::new(),
            Status::InProgress => Style::new().fg(Color::Yellow),
            Status::Done => Style::new().fg(Color::Green),
            Status::Blocked => Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
        }
    }
}

/// `[x]`, `[~]`, `[!]`, `[ ]`: a status readable without colour.
pub fn status_marker(status: Status) -> String {
    format!("[{}]", status.marker())
}
