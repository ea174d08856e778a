//! The real binary in a pseudo-terminal: keys in, the screen read back
//! through a terminal emulator. Waiting is always for something to appear
//! on screen, with a deadline, never for a fixed time.

#![allow(dead_code)] // each e2e file uses its own part of the helper

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// Generous, because the machine is shared; a passing test never waits it out.
const DEADLINE: Duration = Duration::from_secs(20);

struct Shared {
    parser: Mutex<vt100::Parser>,
    /// Every byte the program wrote, before the emulator: sequences the
    /// screen does not show (OSC 52) and what is printed after exit.
    raw: Mutex<Vec<u8>>,
    /// Signalled whenever output arrives or the child closes the terminal.
    changed: Condvar,
    /// The reader has seen the end of the output: every byte is in `raw`.
    closed: AtomicBool,
}

pub struct Tui {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    shared: Arc<Shared>,
}

/// A test's own directory: HOME, the data directory and the state file.
pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn state(&self) -> PathBuf {
        self.dir.path().join("state")
    }

    /// The state as plantrack reads it.
    pub fn progress(&self) -> plantrack::progress::Progress {
        use plantrack::store::{Location, Store, Writer};
        let location = Location {
            dir: self.state(),
            v1: None,
        };
        let writer = Writer {
            person: "reader".into(),
            agency: None,
            host: "test".into(),
        };
        Store::open(location, writer)
            .expect("the state reads")
            .progress()
            .clone()
    }

    /// Every log of the state directory, one after the other.
    pub fn state_text(&self) -> String {
        let Ok(entries) = std::fs::read_dir(self.state()) else {
            return String::new();
        };
        let mut names: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
            .collect();
        names.sort();
        names
            .iter()
            .map(|p| std::fs::read_to_string(p).expect("reads a log"))
            .collect()
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Starts plantrack on the built-in plan with this sandbox's state file.
    pub fn start(&self, cols: u16, rows: u16, extra: &[&str]) -> Tui {
        let state = self.state();
        let mut args = vec![
            "--state",
            state.to_str().expect("utf-8 path"),
            "--lang",
            "en",
        ];
        args.extend_from_slice(extra);
        Tui::start(self.path(), cols, rows, &args)
    }
}

impl Tui {
    pub fn start(dir: &Path, cols: u16, rows: u16, args: &[&str]) -> Tui {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_plantrack"));
        command.args(args);
        // No ./plans here, so the built-in plan is what loads.
        command.cwd(dir);
        command.env("TERM", "xterm-256color");
        command.env("LANG", "C.UTF-8");
        command.env("HOME", dir);
        command.env("XDG_DATA_HOME", dir.join("data"));
        command.env("PLANTRACK_USER", "tester");
        // The lights speak for a fixed day early in the shipped plan's
        // year (every task on track), not for the machine's clock.
        command.env("PLANTRACK_TODAY", "2020-06-01");
        command.env("TZ", "UTC");
        // An agency named, so the first start does not stop to ask who the
        // user is (src/cli/me.rs) before the screen these tests read.
        command.env("PLANTRACK_AGENCY", "知识产权局");
        command.env_remove("PLANTRACK_STATE");
        command.env_remove("NO_COLOR");
        command.env_remove("LC_ALL");
        // Inside tmux the clipboard sequence would be wrapped for it.
        command.env_remove("TMUX");
        let child = pair.slave.spawn_command(command).expect("start plantrack");
        drop(pair.slave);
        let shared = Arc::new(Shared {
            parser: Mutex::new(vt100::Parser::new(nonzero(rows), nonzero(cols), 0)),
            raw: Mutex::new(Vec::new()),
            changed: Condvar::new(),
            closed: AtomicBool::new(false),
        });
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let feed = shared.clone();
        std::thread::spawn(move || {
            let mut buffer = [0u8; 8192];
            loop {
                let n = reader.read(&mut buffer).unwrap_or(0);
                // Logged before the parser's lock is taken, so a waiter that
                // holds that lock sees the bytes when it is woken.
                feed.raw
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .extend_from_slice(&buffer[..n]);
                let mut parser = feed
                    .parser
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                if n > 0 {
                    parser.process(&buffer[..n]);
                }
                if n == 0 {
                    feed.closed.store(true, Ordering::SeqCst);
                }
                drop(parser);
                feed.changed.notify_all();
                if n == 0 {
                    break;
                }
            }
        });
        let writer = pair.master.take_writer().expect("pty writer");
        Tui {
            master: pair.master,
            writer,
            child,
            shared,
        }
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("send keys");
        self.writer.flush().expect("flush keys");
    }

    pub fn screen(&self) -> String {
        self.shared
            .parser
            .lock()
            .expect("parser lock")
            .screen()
            .contents()
    }

    /// Waits until the screen satisfies `test`; fails with the screen shown.
    pub fn wait_for(&self, what: &str, test: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + DEADLINE;
        let mut parser = self.shared.parser.lock().expect("parser lock");
        loop {
            let screen = parser.screen().contents();
            if test(&screen) {
                return screen;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(
                !left.is_zero(),
                "timed out waiting for {what}; screen:\n{screen}"
            );
            parser = self
                .shared
                .changed
                .wait_timeout(parser, left)
                .expect("parser lock")
                .0;
        }
    }

    /// Waits until the raw bytes received so far satisfy `test`.
    pub fn wait_raw(&self, what: &str, test: impl Fn(&[u8]) -> bool) -> Vec<u8> {
        let deadline = Instant::now() + DEADLINE;
        let mut parser = self.shared.parser.lock().expect("parser lock");
        loop {
            let raw = self.raw();
            if test(&raw) {
                return raw;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(
                !left.is_zero(),
                "timed out waiting for {what}; screen:\n{}",
                parser.screen().contents()
            );
            parser = self
                .shared
                .changed
                .wait_timeout(parser, left)
                .expect("parser lock")
                .0;
        }
    }

    pub fn raw(&self) -> Vec<u8> {
        self.shared.raw.lock().expect("raw lock").clone()
    }

    pub fn wait_text(&self, text: &str) -> String {
        self.wait_for(&format!("{text:?}"), |s| s.contains(text))
    }

    /// The row the `>` selection marker is on.
    pub fn selected_line(screen: &str) -> Option<&str> {
        screen
            .lines()
            .find(|l| l.trim_start_matches(['│', ' ']).starts_with("> "))
    }

    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.shared
            .parser
            .lock()
            .expect("parser lock")
            .screen_mut()
            .set_size(nonzero(rows), nonzero(cols));
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pty");
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("child pid")
    }

    /// Waits for the program to end by itself, within the deadline.
    /// Waits for the child's exit and then for the last of its output: the
    /// exit can be seen before the reader has read what was written just
    /// before it (e.g. the print on exit), and `raw()` must hold it all.
    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + DEADLINE;
        loop {
            if let Some(status) = self.child.try_wait().expect("child status") {
                let mut parser = self.shared.parser.lock().expect("parser lock");
                while !self.shared.closed.load(Ordering::SeqCst) {
                    assert!(
                        Instant::now() < deadline,
                        "plantrack exited but its terminal output never ended"
                    );
                    parser = self
                        .shared
                        .changed
                        .wait_timeout(parser, Duration::from_millis(50))
                        .expect("parser lock")
                        .0;
                }
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "plantrack did not exit; screen:\n{}",
                self.screen()
            );
            // The child's exit closes the pty, which wakes this wait.
            let parser = self.shared.parser.lock().expect("parser lock");
            let _ = self
                .shared
                .changed
                .wait_timeout(parser, Duration::from_millis(50))
                .expect("parser lock");
        }
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a terminal has at least one row and column")
}
