//! End to end: hang-ups, kills, another writer's lock and Ctrl-Z never leave
//! a process behind, a change lost, or a byte on a dead terminal.

mod common;

use common::{Sandbox, Tui};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

const DEADLINE: Duration = Duration::from_secs(20);

/// State (one letter) and CPU time used (clock ticks) from /proc/PID/stat;
/// None once the process is gone.
fn proc_stat(pid: u32) -> Option<(char, u64)> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name may hold spaces; the fields after it do not.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let state = fields.first()?.chars().next()?;
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some((state, utime + stime))
}

/// Waits until the process is a zombie (exited, not yet reaped) or gone;
/// the time that took and its CPU ticks when last seen (`ticks` if never:
/// a shell may reap it at once).
fn wait_zombie(pid: u32, mut ticks: u64) -> (Duration, u64) {
    let start = Instant::now();
    loop {
        match proc_stat(pid) {
            Some(('Z', t)) => return (start.elapsed(), t),
            Some((_, t)) => ticks = t,
            None => return (start.elapsed(), ticks),
        }
        assert!(start.elapsed() < DEADLINE, "pid {pid} still running");
        // Polling /proc is the only way to see the state change.
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// The state directory, in `dir/shared`.
fn shared_state(dir: &Path) -> PathBuf {
    let shared = dir.join("shared");
    std::fs::create_dir(&shared).expect("mkdir");
    shared.join("state")
}

/// Makes the state file's directory unwritable once the program has read
/// it, for any user (root ignores chmod): the directory is moved away and a
/// regular file takes its name.
fn break_directory(state: &Path) {
    let shared = state.parent().expect("parent");
    std::fs::rename(shared, shared.with_file_name("moved")).expect("move away");
    std::fs::write(shared, "not a directory").expect("write");
}

fn recovery_files(dir: &Path) -> Vec<PathBuf> {
    let data = dir.join("data").join("plantrack");
    std::fs::read_dir(&data)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "sh"))
                .collect()
        })
        .unwrap_or_default()
}

/// The real thing: the terminal closes (the SSH connection drops) with a
/// change that cannot be written. The kernel sends SIGHUP.
#[test]
fn a_closed_terminal_with_an_unsaved_change_ends_at_once_and_keeps_the_change() {
    close_the_terminal_with_an_unsaved_change(Between::Nothing);
}

/// The kernel sends SIGHUP to the session's leader only; here that is a
/// shell that ignores it, so nothing tells the program but the terminal
/// itself (crossterm alone would read it in a loop for ever).
#[test]
fn a_closed_terminal_ends_the_program_even_when_no_hang_up_signal_reaches_it() {
    close_the_terminal_with_an_unsaved_change(Between::ShellIgnoringHangUp);
}

/// What runs between the terminal and the program.
#[derive(Clone, Copy, PartialEq)]
enum Between {
    Nothing,
    ShellIgnoringHangUp,
}

/// The pid of `parent`'s child, read from /proc.
fn child_of(parent: u32) -> Option<u32> {
    std::fs::read_dir("/proc").ok()?.find_map(|entry| {
        let pid: u32 = entry.ok()?.file_name().to_str()?.parse().ok()?;
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        let ppid: u32 = stat[stat.rfind(')')? + 2..]
            .split_whitespace()
            .nth(1)?
            .parse()
            .ok()?;
        (ppid == parent).then_some(pid)
    })
}

fn close_the_terminal_with_an_unsaved_change(between: Between) {
    let sandbox = Sandbox::new();
    let state = shared_state(sandbox.path());
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("pty");
    let program = env!("CARGO_BIN_EXE_plantrack");
    let arguments = ["--state", state.to_str().expect("utf-8"), "--lang", "en"];
    let mut command = match between {
        Between::Nothing => CommandBuilder::new(program),
        Between::ShellIgnoringHangUp => {
            let mut shell = CommandBuilder::new("sh");
            shell.args(["-c", "trap '' HUP; \"$0\" \"$@\"", program]);
            shell
        }
    };
    command.args(arguments);
    command.cwd(sandbox.path());
    command.env("TERM", "xterm-256color");
    command.env("HOME", sandbox.path());
    command.env("XDG_DATA_HOME", sandbox.path().join("data"));
    command.env("PLANTRACK_USER", "tester");
    // Named, so the first start does not stop to ask who the user is.
    command.env("PLANTRACK_AGENCY", "知识产权局");
    command.env_remove("PLANTRACK_STATE");
    let mut child = pair.slave.spawn_command(command).expect("start");
    drop(pair.slave);
    let pid = child.process_id().expect("pid");

    // The reader keeps a copy of the master open; it lets go when told, so
    // that dropping the master closes the terminal for real.
    let seen = Arc::new((Mutex::new(Vec::<u8>::new()), Condvar::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let (feed, stop_reading) = (seen.clone(), stop.clone());
    let reading = std::thread::spawn(move || {
        let mut buffer = [0u8; 8192];
        while !stop_reading.load(Ordering::SeqCst) {
            let n = reader.read(&mut buffer).unwrap_or(0);
            feed.0.lock().expect("lock").extend_from_slice(&buffer[..n]);
            feed.1.notify_all();
            if n == 0 {
                break;
            }
        }
    });
    let wait_for = |text: &str| {
        let deadline = Instant::now() + DEADLINE;
        let mut bytes = seen.0.lock().expect("lock");
        while !String::from_utf8_lossy(&bytes).contains(text) {
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(!left.is_zero(), "no {text:?} on screen");
            bytes = seen.1.wait_timeout(bytes, left).expect("lock").0;
        }
    };
    let mut writer = pair.master.take_writer().expect("writer");
    wait_for("done 0/100");
    let pid = match between {
        Between::Nothing => pid,
        Between::ShellIgnoringHangUp => child_of(pid).expect("the shell's child"),
    };
    break_directory(&state);
    writer.write_all(b"1d").expect("keys");
    wait_for("unsaved: 1 change");
    // One more key makes a frame, so the reader's read returns and it stops.
    stop.store(true, Ordering::SeqCst);
    writer.write_all(b"j").expect("keys");
    reading.join().expect("reader");

    let (_, before) = proc_stat(pid).expect("running");
    drop(writer);
    drop(pair.master);
    let (took, after) = wait_zombie(pid, before);
    let cpu = Duration::from_millis((after - before) * 10);
    eprintln!("exit {took:?} after the hang-up, {cpu:?} of CPU (10 ms ticks)");
    assert!(took < Duration::from_secs(1), "took {took:?} to exit");
    assert!(cpu <= Duration::from_millis(100), "used {cpu:?} of CPU");
    let status = child.wait().expect("reaped");
    assert!(!status.success());

    // The change is kept as a command, in a file only this user may read,
    // in the user's data directory (not a guessable name in /tmp).
    let files = recovery_files(sandbox.path());
    assert_eq!(files.len(), 1, "{files:?}");
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&files[0])
        .expect("stat")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    let script = std::fs::read_to_string(&files[0]).expect("read");
    assert!(
        script.contains(&format!(
            "plantrack --state {} mark 2020-ip-strategy:1 done",
            state.display()
        )),
        "{script}"
    );
}

/// SIGHUP alone (the terminal still there): not one byte more is written.
#[test]
fn after_sighup_nothing_is_written_to_the_terminal() {
    let sandbox = Sandbox::new();
    let state = shared_state(sandbox.path());
    let mut tui = Tui::start(
        sandbox.path(),
        80,
        24,
        &["--state", state.to_str().expect("utf-8"), "--lang", "en"],
    );
    tui.wait_text("done 0/100");
    break_directory(&state);
    tui.send("1d");
    tui.wait_text("unsaved: 1 change");
    let before = tui.raw().len();
    let kill = std::process::Command::new("kill")
        .args(["-HUP", &tui.pid().to_string()])
        .status()
        .expect("kill");
    assert!(kill.success());
    assert!(!tui.wait_exit().success());
    let raw = tui.raw();
    let after = String::from_utf8_lossy(&raw[before..]);
    assert!(
        !after.contains("\x1b[?1049l"),
        "restored a dead terminal: {after:?}"
    );
    assert!(
        !after.contains("could not be saved"),
        "wrote to it: {after:?}"
    );
    assert_eq!(recovery_files(sandbox.path()).len(), 1);
}

/// Holds the lock on `state`'s lock file in this (the test) process.
fn hold_lock(state: &Path) -> std::fs::File {
    let lock = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open({
            std::fs::create_dir_all(state).expect("state directory");
            state.join(".plantrack.lock")
        })
        .expect("lock file");
    fs4::FileExt::try_lock(&lock).expect("lock taken");
    lock
}

#[test]
fn mark_says_who_holds_the_lock_and_gives_up_after_the_timeout() {
    let sandbox = Sandbox::new();
    let state = sandbox.state();
    let held = hold_lock(&state);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_plantrack"))
        .args([
            "--state",
            state.to_str().expect("utf-8"),
            "--lock-timeout",
            "1",
        ])
        .args(["mark", "5", "done", "--note=-待定"])
        .current_dir(sandbox.path())
        .env("HOME", sandbox.path())
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("mark runs");
    let deadline = Instant::now() + DEADLINE;
    let status = loop {
        if let Some(status) = child.try_wait().expect("status") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("mark waited for the lock without end");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut stderr)
        .expect("read");
    assert_eq!(status.code(), Some(1), "{stderr}");
    let holder = format!("held by process {}", std::process::id());
    assert!(
        stderr.contains(&format!("waiting for the lock, {holder}")),
        "{stderr}"
    );
    assert!(stderr.contains("gave up after waiting 1s"), "{stderr}");
    assert!(sandbox.state_text().is_empty(), "nothing written");
    // The change, ready to run again once the lock is free; the note that
    // starts with - stays a note.
    let again = stderr
        .lines()
        .skip_while(|l| !l.ends_with("to record it later, run:"))
        .nth(1)
        .expect("the command")
        .trim()
        .replacen("plantrack", env!("CARGO_BIN_EXE_plantrack"), 1);
    assert!(
        again.contains("mark 2020-ip-strategy:5 done --note=-待定"),
        "{again}"
    );
    drop(held);
    let run = std::process::Command::new("sh")
        .args(["-c", &again])
        .current_dir(sandbox.path())
        .env("HOME", sandbox.path())
        .output()
        .expect("sh");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let saved = sandbox.state_text();
    assert!(saved.contains(r#""to":"-待定""#), "{saved}");
}

#[test]
fn the_interface_keeps_working_while_a_save_waits_and_a_kill_keeps_the_change() {
    let sandbox = Sandbox::new();
    let state = sandbox.state();
    let _held = hold_lock(&state);
    let mut tui = sandbox.start(80, 24, &["--lock-timeout", "30"]);
    tui.wait_text("done 0/100");
    tui.send("1d");
    tui.wait_text(&format!("held by process {}", std::process::id()));
    // The keys still work while the save waits.
    tui.send("?");
    tui.wait_text("Keys (Esc closes)");
    let start = Instant::now();
    let kill = std::process::Command::new("kill")
        .args(["-TERM", &tui.pid().to_string()])
        .status()
        .expect("kill");
    assert!(kill.success());
    assert!(!tui.wait_exit().success());
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
    let files = recovery_files(sandbox.path());
    assert_eq!(files.len(), 1, "{files:?}");
    let script = std::fs::read_to_string(&files[0]).expect("read");
    assert!(script.contains("mark 2020-ip-strategy:1 done"), "{script}");
}

#[test]
fn ctrl_z_gives_the_terminal_back_and_fg_redraws() {
    let sandbox = Sandbox::new();
    let mut tui = sandbox.start(80, 24, &[]);
    tui.wait_text("done 0/100");
    let before = tui.raw().len();
    tui.send("\x1a");
    // Stopped, with the terminal restored: main screen, paste off, cursor on.
    let deadline = Instant::now() + DEADLINE;
    while proc_stat(tui.pid()).is_some_and(|(state, _)| state != 'T') {
        assert!(Instant::now() < deadline, "not stopped by Ctrl-Z");
        std::thread::sleep(Duration::from_millis(5));
    }
    tui.wait_raw("the terminal restored", |raw| {
        raw[before..].windows(8).any(|w| w == b"\x1b[?1049l")
    });
    let stopped = tui.raw().len();
    let cont = std::process::Command::new("kill")
        .args(["-CONT", &tui.pid().to_string()])
        .status()
        .expect("kill");
    assert!(cont.success());
    tui.wait_raw("the screen taken back and drawn whole", |raw| {
        let after = &raw[stopped..];
        after.windows(8).any(|w| w == b"\x1b[?1049h")
            && String::from_utf8_lossy(after).contains("done 0/100")
    });
    tui.wait_text("done 0/100");
    tui.send("q");
    assert!(tui.wait_exit().success());
}
