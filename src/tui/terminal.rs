//! The one owner of the terminal: entering and leaving raw mode and the
//! alternate screen, restoring it on panic, and ending cleanly on signals.

use super::backend::TermBackend;
use super::persist::{self, Pending};
use crate::model::TaskKey;
use crate::progress::Change;
use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType};
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGSTOP, SIGTERM, SIGTSTP};
use signal_hook::iterator::Signals;
use std::io::{self, Stdout, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

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

/// Set by SIGHUP: the terminal is gone, and nothing may be written to it
/// any more (a write could block or fail, and the panic of a failed
/// `eprintln!` was once a process left spinning forever).
static HUNG_UP: AtomicBool = AtomicBool::new(false);

/// Set by SIGTSTP from outside (`kill -TSTP`): the loop suspends.
static SUSPEND: AtomicBool = AtomicBool::new(false);

/// Set by SIGCONT: whoever continued us may have changed the terminal; the
/// loop puts it back and draws the whole screen again.
static CONTINUED: AtomicBool = AtomicBool::new(false);

pub fn hung_up() -> bool {
    HUNG_UP.load(Ordering::SeqCst)
}

/// Leaves the terminal as it was found. Never fails: it runs on the way out
/// of errors and panics, where there is nothing better to do. After a
/// hang-up it does nothing.
pub fn restore() {
    if hung_up() {
        return;
    }
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

/// Ctrl-Z: give the shell its terminal back, stop, and on `fg` take the
/// terminal again and draw everything anew (the shell wrote over it).
pub fn suspend(term: &mut Term) -> io::Result<()> {
    restore();
    signal_hook::low_level::raise(SIGSTOP)?;
    resume(term)
}

fn resume(term: &mut Term) -> io::Result<()> {
    CONTINUED.store(false, Ordering::SeqCst);
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste)?;
    // Not `term.clear()`: it asks the terminal where the cursor is, and a
    // terminal that does not answer would end the program. A blank screen
    // and no previous frame make the next draw a whole one.
    term.backend_mut().clear_region(ClearType::All)?;
    term.swap_buffers();
    Ok(())
}

/// What the signal thread asked of the loop since it last looked: suspend
/// (SIGTSTP) or take the terminal back (SIGCONT). True when the whole
/// screen must be drawn again.
pub fn follow_job_control(term: &mut Term) -> io::Result<bool> {
    if SUSPEND.swap(false, Ordering::SeqCst) {
        suspend(term)?;
        return Ok(true);
    }
    if CONTINUED.load(Ordering::SeqCst) {
        resume(term)?;
        return Ok(true);
    }
    Ok(false)
}

/// A panic restores the terminal first, so its message is readable.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        if !hung_up() {
            previous(info);
        }
    }));
}

/// Writes `changes` to the state file within a short time; true when done.
pub type LastSave = Box<dyn FnMut(&[(TaskKey, Change)]) -> bool + Send>;

/// Where the last-resort save is put once the state is open (the signal
/// thread starts before, with the first frame).
pub type SaveSlot = std::sync::Arc<std::sync::Mutex<Option<LastSave>>>;

/// A poisoned lock still holds a usable save.
pub fn lock_slot(slot: &SaveSlot) -> std::sync::MutexGuard<'_, Option<LastSave>> {
    slot.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// What the signal thread needs to leave nothing behind.
pub struct OnSignal {
    pub pending: Pending,
    /// Empty without a writable state file, or before it is open.
    pub save: SaveSlot,
    pub recovery: Recovery,
    /// Where a file of recovery commands may go, best first: directories
    /// only this user can write to.
    pub keep_dirs: Vec<PathBuf>,
}

/// SIGHUP (the SSH connection dropped), SIGTERM and friends: write anything
/// unsaved and exit from this thread. Only setting a flag would not do:
/// with the terminal gone, crossterm's read never returns to look at it.
/// Nothing here waits for the interface's thread or the saving thread, so
/// the process ends within a second whatever they are doing.
pub fn spawn_signal_thread(mut on: OnSignal) -> io::Result<()> {
    let mut signals = Signals::new([SIGHUP, SIGTERM, SIGINT, SIGQUIT, SIGTSTP, SIGCONT])?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                match signal {
                    SIGTSTP => SUSPEND.store(true, Ordering::SeqCst),
                    SIGCONT => CONTINUED.store(true, Ordering::SeqCst),
                    _ => end(signal, &mut on),
                }
            }
        })?;
    spawn_hang_up_watch()
}

/// A terminal can go without a SIGHUP reaching us: the kernel sends it to
/// the session's leader only, and a shell in between (`sh -c`, a script
/// that ignores it) need not pass it on. crossterm 0.29 then reads the
/// dead terminal in a loop that never returns, at 100 % CPU, and the
/// unsaved change is never kept. This thread sleeps in poll(2) until the
/// terminal hangs up and makes that the hang-up it is.
fn spawn_hang_up_watch() -> io::Result<()> {
    std::thread::Builder::new()
        .name("hang-up".into())
        .spawn(|| {
            if wait_until_gone() {
                let _ = signal_hook::low_level::raise(SIGHUP);
            }
        })?;
    Ok(())
}

/// Blocks until stdin or stdout reports a hang-up or an error; false when
/// it cannot tell.
fn wait_until_gone() -> bool {
    loop {
        match terminal_gone(None) {
            Ok(gone) => return gone,
            Err(rustix::io::Errno::INTR) => continue,
            Err(_) => return false,
        }
    }
}

/// The terminal has hung up (the connection dropped), asked without
/// waiting. An interface whose writes start failing asks this to know
/// whether the hang-up's ending is under way.
pub fn is_gone() -> bool {
    let now = rustix::event::Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    terminal_gone(Some(&now)).unwrap_or(false)
}

/// poll(2) on stdin and stdout asking for no event: only a hang-up or an
/// error ends the wait, never a key.
fn terminal_gone(timeout: Option<&rustix::event::Timespec>) -> rustix::io::Result<bool> {
    use rustix::event::{PollFd, PollFlags};
    let (stdin, stdout) = (io::stdin(), io::stdout());
    let mut fds = [
        PollFd::new(&stdin, PollFlags::empty()),
        PollFd::new(&stdout, PollFlags::empty()),
    ];
    rustix::event::poll(&mut fds, timeout)?;
    Ok(fds
        .iter()
        .any(|fd| fd.revents().intersects(PollFlags::HUP | PollFlags::ERR)))
}

/// The interface's thread met a terminal that is gone: the hang-up's
/// ending (keep what is unsaved, exit) is the signal thread's, so this
/// thread asks for it, in case no signal came, and waits to be ended.
pub fn end_as_hang_up() -> ! {
    let _ = signal_hook::low_level::raise(SIGHUP);
    loop {
        std::thread::park();
    }
}

fn end(signal: i32, on: &mut OnSignal) -> ! {
    let hang_up = signal == SIGHUP;
    if hang_up {
        HUNG_UP.store(true, Ordering::SeqCst);
    }
    let unsaved = persist::lock(&on.pending).clone();
    let saved = unsaved.is_empty()
        || lock_slot(&on.save)
            .as_mut()
            .is_some_and(|save| save(&unsaved));
    if !hang_up {
        leave_without_stdout_lock();
    }
    if !saved {
        let commands = (on.recovery)(&unsaved);
        let kept = keep_unsaved(&commands, &on.keep_dirs);
        if !hang_up {
            tell_unsaved(&commands, kept.as_deref());
        }
    }
    // _exit: no destructors, no flushing of stdout into a dead terminal,
    // no waiting for a lock another thread may hold.
    signal_hook::low_level::exit(128 + signal)
}

/// Turns unsaved marks into commands that record them later.
pub type Recovery = Box<dyn Fn(&[(TaskKey, Change)]) -> Vec<String> + Send>;

/// Writes the commands to a new file that only this user can read or
/// write, in the first of `dirs` that takes it; the file's path. The name
/// is never reused (created exclusively), so nobody can have prepared it.
pub fn keep_unsaved(commands: &[String], dirs: &[PathBuf]) -> Option<PathBuf> {
    use std::os::unix::fs::OpenOptionsExt;
    let stamp = jiff::Timestamp::now().strftime("%Y%m%dT%H%M%S");
    let name = format!("unsaved-{stamp}-{}.sh", std::process::id());
    let text = format!(
        "#!/bin/sh\n# plantrack: marks that could not be saved; run this file to record them.\n{}\n",
        commands.join("\n")
    );
    dirs.iter().find_map(|dir| {
        std::fs::create_dir_all(dir).ok()?;
        let path = dir.join(&name);
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path)
            .ok()?;
        file.write_all(text.as_bytes()).ok()?;
        file.sync_all().ok()?;
        Some(path)
    })
}

/// Errors here go nowhere: stderr may be closed.
fn tell_unsaved(commands: &[String], kept: Option<&std::path::Path>) {
    let mut err = crate::terminal_text::TextOnly::new(io::stderr());
    let _ = writeln!(
        err,
        "plantrack: {} change(s) could not be saved before exit",
        commands.len()
    );
    match kept {
        Some(path) => {
            let _ = writeln!(
                err,
                "plantrack: run the commands in {} to record them",
                path.display()
            );
        }
        None => {
            for command in commands {
                let _ = writeln!(err, "  {command}");
            }
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
