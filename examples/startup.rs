//! Start-up to first frame of the real binary, in a pseudo-terminal.
//!
//! ```text
//! cargo build --release
//! cargo run --release --example startup -- --plan /tmp/p100k.json --runs 11
//! cargo run --release --example startup -- --runs 21          # the shipped plan
//! ```
//!
//! Each run spawns `target/release/plantrack` (or `--bin PATH`) in a 120×40
//! PTY with a fresh HOME and state file, takes the time at the spawn, reads
//! the PTY until the first frame is complete, takes the time again, then
//! sends `q` and waits for the exit. A frame is complete when the cursor is
//! hidden after the alternate screen was entered: ratatui hides the cursor
//! once it has written a frame's cells, and nothing else hides it before.
//! Prints every run and the median.

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

const ALT_SCREEN: &[u8] = b"\x1b[?1049h";
const HIDE_CURSOR: &[u8] = b"\x1b[?25l";

struct Args {
    bin: PathBuf,
    plan: Option<PathBuf>,
    runs: usize,
}

fn parse_args() -> Result<Args, String> {
    let mut bin = PathBuf::from("target/release/plantrack");
    let mut plan = None;
    let mut runs = 11;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--bin" => bin = PathBuf::from(value()?),
            "--plan" => plan = Some(PathBuf::from(value()?)),
            "--runs" => runs = value()?.parse().map_err(|e| format!("--runs: {e}"))?,
            _ => return Err(format!("unknown argument {flag}")),
        }
    }
    // The child runs in its own directory: paths must not be relative.
    let absolute =
        |p: PathBuf| std::fs::canonicalize(&p).map_err(|e| format!("{}: {e}", p.display()));
    Ok(Args {
        bin: absolute(bin)?,
        plan: plan.map(absolute).transpose()?,
        runs,
    })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// One start: the time from spawn to the end of the first frame, and the
/// bytes that frame took.
fn one_run(args: &Args) -> Result<(Duration, usize), String> {
    let home = tempfile::tempdir().map_err(|e| e.to_string())?;
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .map_err(|e| e.to_string())?;
    let mut command = CommandBuilder::new(&args.bin);
    if let Some(plan) = &args.plan {
        command.arg("--plan");
        command.arg(plan);
    }
    command.arg("--state");
    command.arg(home.path().join("state.json"));
    command.cwd(home.path());
    command.env("HOME", home.path());
    command.env("XDG_DATA_HOME", home.path().join("data"));
    command.env("XDG_CONFIG_HOME", home.path().join("config"));
    command.env("TERM", "xterm-256color");
    command.env("LANG", "C.UTF-8");
    command.env_remove("TMUX");
    command.env_remove("PLANTRACK_STATE");
    command.env_remove("PLANTRACK_CONFIG");
    let mut reader = pair.master.try_clone_reader().map_err(|e| e.to_string())?;
    let mut writer = pair.master.take_writer().map_err(|e| e.to_string())?;
    // The reader thread stamps each chunk as it arrives.
    let (sender, chunks) = mpsc::channel::<(Instant, Vec<u8>)>();
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
    let mut seen = Vec::new();
    let frame = loop {
        let (at, chunk) = chunks
            .recv_timeout(Duration::from_secs(30))
            .map_err(|_| format!("no first frame; output so far: {seen:?}"))?;
        seen.extend_from_slice(&chunk);
        if let Some(alt) = find(&seen, ALT_SCREEN)
            && let Some(end) = find(&seen[alt..], HIDE_CURSOR)
        {
            break (at - started, end);
        }
    };
    writer.write_all(b"q").map_err(|e| e.to_string())?;
    writer.flush().map_err(|e| e.to_string())?;
    child.wait().map_err(|e| e.to_string())?;
    Ok(frame)
}

fn main() -> std::process::ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("startup: {message}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let mut times = Vec::new();
    for run in 0..args.runs {
        match one_run(&args) {
            Ok((time, bytes)) => {
                println!(
                    "run {run:>2}: {:>7.1} ms (first frame {bytes} B)",
                    time.as_secs_f64() * 1e3
                );
                times.push(time);
            }
            Err(message) => {
                eprintln!("startup: {message}");
                return std::process::ExitCode::FAILURE;
            }
        }
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    if let (Some(first), Some(last)) = (times.first(), times.last()) {
        println!(
            "median {:.1} ms (min {:.1}, max {:.1}, {} runs)",
            ms(times[times.len() / 2]),
            ms(*first),
            ms(*last),
            times.len()
        );
    }
    std::process::ExitCode::SUCCESS
}
