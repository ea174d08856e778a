//! The one owner of the terminal: entering and leaving raw mode and the
//! alternate screen, restoring it on panic, and ending cleanly on signals.

use super::backend::TermBackend;
use super::persist::{self, Shared};
use crate::model::TaskKey;
use crate::progress::Change;
use ratatui::Terminal;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use signal_hook::iterator::Signals;
use std::io::{self, Stdout, Write};

pub type Term = Terminal<TermBackend<Stdout>>;

/// Raw mode, the alternate screen and bracketed paste (so that pasted text
/// arrives as text, never as key presses). Mouse capture stays off on
/// purpose: people copy task text with the mouse, and capture would take
/// that away.
pub fn enter() -> io::Result<Term> {
    enable_raw_mode()?;
    let mut stdout = io::stdout();
    if let Err(error) = execute!(stdout, EnterAlternateScreen, EnableBracketedPaste) {
        let _ = disable_raw_mode();
        return Err(error);
    }
    Terminal::new(TermBackend::new(stdout))
}

/// Leaves the terminal as it was found. Never fails: it runs on the way out
/// of errors and panics, where there is nothing better to do.
pub fn restore() {
    let _ = disable_raw_mode();
    let mut stdout = io::stdout();
    let _ = execute!(
        stdout,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
    let _ = stdout.flush();
}

/// A panic restores the terminal first, so its message is readable.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// SIGHUP (the SSH connection dropped), SIGTERM and friends: write anything
/// unsaved and exit from this thread. Only setting a flag would not do:
/// with the terminal gone, crossterm's read never returns to look at it.
pub fn spawn_signal_thread(persist: Shared, recovery: Recovery) -> io::Result<()> {
    let mut signals = Signals::new([SIGHUP, SIGTERM, SIGINT, SIGQUIT])?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            let Some(signal) = signals.forever().next() else {
                return;
            };
            let mut persist = persist::lock(&persist);
            let saved = persist.flush();
            if signal != SIGHUP {
                leave_without_stdout_lock();
            }
            if !saved {
                keep_unsaved(&recovery(&persist.take_pending()));
            }
            std::process::exit(128 + signal);
        })?;
    Ok(())
}

/// Turns unsaved marks into commands that record them later.
pub type Recovery = Box<dyn Fn(&[(TaskKey, Change)]) -> Vec<String> + Send>;

/// With the state file unwritable and the terminal possibly gone, the marks
/// go to a file in the temporary directory (and to stderr, if anyone is
/// still there) as commands to run once the state file is writable again.
fn keep_unsaved(commands: &[String]) {
    let path = std::env::temp_dir().join(format!("plantrack-unsaved-{}.sh", std::process::id()));
    let written = std::fs::write(&path, commands.join("\n") + "\n").is_ok();
    eprintln!(
        "plantrack: {} change(s) could not be saved before exit",
        commands.len()
    );
    if written {
        eprintln!(
            "plantrack: run the commands in {} to record them",
            path.display()
        );
    } else {
        for command in commands {
            eprintln!("  {command}");
        }
    }
}

/// The main thread may hold stdout's lock in the middle of a frame, so the
/// restore sequence goes to the terminal device directly (leave the
/// alternate screen, show the cursor) after leaving raw mode.
fn leave_without_stdout_lock() {
    let _ = disable_raw_mode();
    if let Ok(mut tty) = std::fs::OpenOptions::new().write(true).open("/dev/tty") {
        let _ = tty.write_all(b"\x1b[?2004l\x1b[?1049l\x1b[?25h");
        let _ = tty.flush();
    }
}
