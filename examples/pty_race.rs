//! Start-up and keystroke latency of any full-screen program in a
//! pseudo-terminal, measured the same way for plantrack and for fzf, so the
//! two can be compared (`scripts/bench-vs-fzf.sh` runs it for both).
//!
//! ```text
//! cargo build --release --example pty_race
//! target/release/examples/pty_race --before / --keys zlsc -- target/release/plantrack --plan /tmp/p100k.json
//! target/release/examples/pty_race --keys zlsc -- sh -c 'exec fzf < /tmp/p100k.txt'
//! ```
//!
//! A screen has *settled* when the program has written nothing for
//! `--quiet` ms (default 150); the figure is the time to the last byte
//! before that silence, so the silence itself is not counted. Printed, one
//! line each, tab-separated: `first_byte MS`, `settled MS` (start-up), then
//! `key K MS` for every key of `--keys` (each typed after the previous
//! screen settled: the time from the write to the last byte of the
//! answer), then `key_faults N` (the child's minor page faults while the
//! keys were answered), `peak_rss_kb KB` and `rss_kb KB` (its VmHWM and
//! VmRSS: its peak, and what it holds once the keys are answered, read
//! from /proc before it is ended). `--before KEYS` are typed after start-up and not timed
//! (plantrack's `/` opening the search box). `--ready TEXT` prints
//! `ready MS`, the time until TEXT has been written (plantrack draws a
//! loading screen first, so its first byte and a settled loading screen are
//! not yet the plan; `done 0/` in its header is), and settling is measured
//! from there.

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

struct Args {
    quiet: Duration,
    before: String,
    keys: String,
    ready: Option<String>,
    command: Vec<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        quiet: Duration::from_millis(150),
        before: String::new(),
        keys: String::new(),
        ready: None,
        command: Vec::new(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        if flag == "--" {
            args.command = it.collect();
            break;
        }
        let value = it.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--quiet" => {
                args.quiet =
                    Duration::from_millis(value.parse().map_err(|e| format!("--quiet: {e}"))?);
            }
            "--before" => args.before = value,
            "--keys" => args.keys = value,
            "--ready" => args.ready = Some(value),
            _ => return Err(format!("unknown argument {flag}")),
        }
    }
    if args.command.is_empty() {
        return Err(
            "usage: pty_race [--quiet MS] [--before KEYS] [--keys KEYS] [--ready TEXT] -- COMMAND…"
                .into(),
        );
    }
    Ok(args)
}

/// Reads until `quiet` passes without output; the time of the last chunk
/// (or `None` when nothing came at all within `limit`).
fn settle(
    chunks: &Receiver<(Instant, Vec<u8>)>,
    quiet: Duration,
    limit: Duration,
) -> Option<Instant> {
    let deadline = Instant::now() + limit;
    let mut last = None;
    loop {
        let wait = if last.is_some() {
            quiet
        } else {
            deadline.saturating_duration_since(Instant::now())
        };
        match chunks.recv_timeout(wait) {
            Ok((at, _)) => {
                last = Some(at);
                if Instant::now() > deadline {
                    return last;
                }
            }
            Err(_) => return last,
        }
    }
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

/// A `/proc/PID/status` figure in kB: `VmHWM` (the peak) or `VmRSS` (now).
fn status_kb(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The process's minor page faults so far, all its threads (field 10 of
/// `/proc/PID/stat`, counted after the command name's closing parenthesis).
fn minor_faults(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after_name = &stat[stat.rfind(')')? + 1..];
    after_name.split_whitespace().nth(7)?.parse().ok()
}

fn run(args: &Args) -> Result<(), String> {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .map_err(|e| e.to_string())?;
    let mut command = CommandBuilder::new(&args.command[0]);
    command.args(&args.command[1..]);
    if let Ok(dir) = std::env::current_dir() {
        command.cwd(dir);
    }
    command.env("TERM", "xterm-256color");
    command.env("LANG", "C.UTF-8");
    command.env_remove("TMUX");
    let mut reader = pair.master.try_clone_reader().map_err(|e| e.to_string())?;
    let mut writer = pair.master.take_writer().map_err(|e| e.to_string())?;
    let (sender, chunks) = mpsc::channel();
    let started = Instant::now();
    let mut child = pair
        .slave
        .spawn_command(command)
        .map_err(|e| e.to_string())?;
    drop(pair.slave);
    std::thread::spawn(move || {
        let mut buffer = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buffer) {
            if n == 0 || sender.send((Instant::now(), buffer[..n].to_vec())).is_err() {
                break;
            }
        }
    });
    let limit = Duration::from_secs(60);
    let (first, mut seen) = chunks
        .recv_timeout(limit)
        .map_err(|_| "the program wrote nothing within 60 s".to_string())?;
    println!("first_byte\t{}", ms(first - started));
    let mut ready = first;
    if let Some(text) = &args.ready {
        while !seen.windows(text.len()).any(|w| w == text.as_bytes()) {
            let (at, bytes) = chunks
                .recv_timeout(limit)
                .map_err(|_| format!("{text:?} did not appear within 60 s"))?;
            seen.extend_from_slice(&bytes);
            ready = at;
        }
        println!("ready\t{}", ms(ready - started));
    }
    let settled = settle(&chunks, args.quiet, limit).unwrap_or(ready);
    println!("settled\t{}", ms(settled - started));
    for c in args.before.chars() {
        write!(writer, "{c}").map_err(|e| e.to_string())?;
        writer.flush().map_err(|e| e.to_string())?;
        settle(&chunks, args.quiet, limit);
    }
    let faults_before = child.process_id().and_then(minor_faults);
    let mut typed = String::new();
    for c in args.keys.chars() {
        typed.push(c);
        let sent = Instant::now();
        write!(writer, "{c}").map_err(|e| e.to_string())?;
        writer.flush().map_err(|e| e.to_string())?;
        match settle(&chunks, args.quiet, limit) {
            Some(at) => println!("key {typed}\t{}", ms(at.saturating_duration_since(sent))),
            None => println!("key {typed}\tno answer"),
        }
    }
    if let Some(pid) = child.process_id() {
        if let (Some(before), Some(after)) = (faults_before, minor_faults(pid)) {
            println!("key_faults\t{}", after.saturating_sub(before));
        }
        if let Some(kb) = status_kb(pid, "VmHWM:") {
            println!("peak_rss_kb\t{kb}");
        }
        if let Some(kb) = status_kb(pid, "VmRSS:") {
            println!("rss_kb\t{kb}");
        }
    }
    child.kill().map_err(|e| e.to_string())?;
    child.wait().map_err(|e| e.to_string())?;
    Ok(())
}

fn main() -> std::process::ExitCode {
    match parse_args().and_then(|args| run(&args)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("pty_race: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}
