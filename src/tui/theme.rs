//! Named styles. Only the 16 base colours, because servers' terminals often
//! have no more; and one switch for NO_COLOR, under which every distinction
//! must survive through modifiers and text markers alone.

pub use crate::config::Theme as Background;
use crate::deadline::Light;
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
    /// The mark of the read-only view of a past day.
    pub past: Style,
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
    pub fn from_env(background: Background) -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let theme = Theme::new(!no_color);
        match background {
            Background::Dark => theme,
            Background::Light => theme.for_light_background(),
        }
    }

    /// On a white background cyan and yellow wash out and dark grey is the
    /// ink colour: use the darker base colours instead.
    fn for_light_background(self) -> Theme {
        if !self.color {
            return self;
        }
        let swap = |style: Style| {
            let fg = match style.fg {
                Some(Color::Cyan) => Some(Color::Blue),
                Some(Color::Yellow) => Some(Color::Red),
                Some(Color::Green) => Some(Color::Green),
                Some(Color::Gray | Color::DarkGray) => Some(Color::Black),
                other => other,
            };
            Style { fg, ..style }
        };
        Theme {
            title: swap(self.title),
            tab: swap(self.tab),
            matched: swap(self.matched),
            dim: swap(self.dim),
            label: swap(self.label),
            key: swap(self.key),
            border: swap(self.border),
            border_focused: swap(self.border_focused),
            bar_rest: swap(self.bar_rest),
            ..self
        }
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
            past: if color {
                Style::new()
                    .fg(Color::Black)
                    .bg(Color::Yellow)
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
                // Set back without colour; `[-]` and the word carry it too.
                Status::Suspended => Style::new().add_modifier(Modifier::DIM),
            };
        }
        match status {
            Status::NotStarted => Style::new(),
            Status::InProgress => Style::new().fg(Color::Yellow),
            Status::Done => Style::new().fg(Color::Green),
            Status::Blocked => Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            Status::Suspended => Style::new().fg(Color::DarkGray),
        }
    }
}

/// `[x]`, `[~]`, `[!]`, `[ ]`: a status readable without colour.
impl Theme {
    /// A light's colour; without colour the symbol alone tells them apart
    /// (● ▲ ○), red in bold.
    pub fn light(&self, light: Light) -> Style {
        match (self.color, light) {
            (false, Light::Red) => Style::new().add_modifier(Modifier::BOLD),
            (false, _) => Style::new(),
            (true, Light::Red) => Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            (true, Light::Yellow) => Style::new().fg(Color::Yellow),
            (true, Light::Green) => Style::new().fg(Color::Green),
        }
    }

    /// A task's light as one cell (a space when it has none), for lists.
    pub fn light_span(&self, light: Option<Light>) -> ratatui::text::Span<'static> {
        match light {
            Some(light) => {
                ratatui::text::Span::styled(light.symbol().to_string(), self.light(light))
            }
            None => ratatui::text::Span::raw(" "),
        }
    }
}

pub fn status_marker(status: Status) -> String {
    format!("[{}]", status.marker())
}
