//! Where the marks users make are kept: a state directory of change logs,
//! one per writer. The only code that reads or writes it.
//!
//! Design (see `docs/state-format.md` for the format and the reasons):
//!
//! - Each writer (person@host) appends to a file of its own,
//!   `PERSON@HOST.jsonl`, one change per line. Lines are never rewritten or
//!   removed, so copies of the directory on several servers merge by taking
//!   every file's longest version (which is what git does with them).
//! - The current state is the fold of every line of every log, ordered by a
//!   hybrid logical clock: a new change is stamped after every change its
//!   writer has read, so a wrong wall clock cannot order it before them.
//! - A change costs one append and one fsync (plus the directory's fsync
//!   when the log is created), however long the history. Appends run under
//!   one lock per directory, so that the clock, the `from` of a change and
//!   the decision that nothing changes are all taken from complete logs.
//! - A line that cannot be understood stops every write (nothing is ever
//!   overwritten); a last line without its newline is what a killed writer
//!   leaves: it is ignored and reported, and the writer that owns it cuts it
//!   off before its next append.

mod log;
mod snapshot;
pub mod v1;

use crate::model::TaskKey;
use crate::progress::{Change, ChangeKind, Progress};
use fs4::{FileExt, TryLockError};
use jiff::Timestamp;
use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub use log::{format_line, parse_line};
pub use snapshot::SNAPSHOT_FILE;

/// What to do about state plantrack cannot read; part of every such message.
const KEEP_OUT: &str = "plantrack will not overwrite it: fix the file, or move it away to start \
    a new one (see docs/state-format.md, \"Recovering a damaged log\")";

/// What happens to a change that could not be written.
const KEPT: &str = "nothing was written; the change is kept in memory and will be retried";

/// The lock file in the state directory; never renamed or deleted.
pub const LOCK_FILE: &str = ".plantrack.lock";
/// The log that a version 1 state file is migrated into.
pub const MIGRATED_LOG: &str = "migrated-v1.jsonl";
/// How long a write waits for another process's lock by default.
pub const LOCK_TIMEOUT: Duration = Duration::from_secs(10);

/// `<data dir>`, e.g. `~/.local/share/plantrack` on Linux.
fn data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "plantrack").map(|d| d.data_dir().to_path_buf())
}

/// The name recorded as the author of a change. `PLANTRACK_USER` lets a
/// shared service account still record who is typing.
pub fn current_user() -> String {
    ["PLANTRACK_USER", "USER", "LOGNAME"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .map(|value| value.trim().to_string())
        .find(|value| !value.is_empty())
        .or_else(account_name)
        .unwrap_or_else(|| "unknown".to_string())
}

/// This machine's name, the second half of a writer's log name.
/// `PLANTRACK_HOST` exists for tests that play several servers on one.
pub fn current_host() -> String {
    std::env::var("PLANTRACK_HOST")
        .ok()
        .or_else(|| fs::read_to_string("/proc/sys/kernel/hostname").ok())
        .or_else(|| fs::read_to_string("/etc/hostname").ok())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "localhost".to_string())
}

/// The login name of this process's user from /etc/passwd: tmux, cron and
/// some SSH setups start programs without USER.
fn account_name() -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let uid = fs::metadata("/proc/self").ok()?.uid();
    name_for_uid(&fs::read_to_string("/etc/passwd").ok()?, uid)
}

fn name_for_uid(passwd: &str, uid: u32) -> Option<String> {
    let uid = uid.to_string();
    passwd.lines().find_map(|line| {
        let mut fields = line.split(':');
        let name = fields.next()?;
        (fields.nth(1)? == uid).then(|| name.to_string())
    })
}

/// Who writes: the person, the agency they act for (none until people name
/// theirs), and the machine. Each person on each machine has a log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Writer {
    pub person: String,
    pub agency: Option<String>,
    pub host: String,
}

impl Writer {
    /// This process's writer. The agency comes from `PLANTRACK_AGENCY`
    /// (any name of it the registry knows, stored as its short name) until
    /// people name theirs in the configuration.
    pub fn current() -> Writer {
        let agency = std::env::var("PLANTRACK_AGENCY")
            .ok()
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty())
            .map(|a| {
                crate::agencies::Registry::builtin()
                    .canonical(&a)
                    .to_string()
            });
        Writer {
            person: current_user(),
            agency,
            host: current_host(),
        }
    }

    /// `PERSON@HOST.jsonl`, with characters a file name cannot hold (and a
    /// leading dot, which would hide it) replaced by `_`.
    pub fn log_name(&self) -> String {
        let clean = |text: &str| -> String {
            text.chars()
                .map(|c| {
                    if c == '/' || c == '\\' || c.is_control() || c.is_whitespace() {
                        '_'
                    } else {
                        c
                    }
                })
                .collect()
        };
        let name = format!("{}@{}", clean(&self.person), clean(&self.host));
        let name = match name.strip_prefix('.') {
            Some(rest) => format!("_{rest}"),
            None => name,
        };
        format!("{name}.jsonl")
    }
}

/// Where the state lives: the directory of logs, and a version 1 file to
/// migrate from when there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub dir: PathBuf,
    pub v1: Option<PathBuf>,
}

impl Location {
    /// The one rule. `chosen` is `--state`, else `PLANTRACK_STATE`, else the
    /// configuration's `state` (the caller picks the first given):
    ///
    /// - a path that is an existing file is a version 1 state file: it is
    ///   read and migrated into the directory `PATH.d` beside it, and left
    ///   as it was;
    /// - any other path is the state directory (created by the first mark);
    /// - nothing chosen: `<data dir>/state/`, migrating
    ///   `<data dir>/state.json` if that exists.
    pub fn resolve(chosen: Option<&Path>) -> Result<Location, StoreError> {
        match chosen {
            Some(path) if fs::metadata(path).is_ok_and(|m| m.is_file()) => {
                let mut dir = path.as_os_str().to_os_string();
                dir.push(".d");
                Ok(Location {
                    dir: PathBuf::from(dir),
                    v1: Some(path.to_path_buf()),
                })
            }
            Some(path) => Ok(Location {
                dir: path.to_path_buf(),
                v1: None,
            }),
            None => {
                let data = data_dir().ok_or(StoreError::NoDefaultLocation)?;
                let old = data.join("state.json");
                Ok(Location {
                    dir: data.join("state"),
                    v1: fs::metadata(&old).is_ok_and(|m| m.is_file()).then_some(old),
                })
            }
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "no data directory is known for this user, so there is no default state directory; choose one with --state PATH or the PLANTRACK_STATE environment variable"
    )]
    NoDefaultLocation,
    #[error("{}: cannot read the state: {source}; {KEEP_OUT}", path.display())]
    Unreadable { path: PathBuf, source: io::Error },
    #[error(
        "{}: the state file is empty (0 bytes of JSON). An empty file is not \"no marks\" — a state file without marks still holds {{\"format_version\": 1, \"tasks\": {{}}}} — so it was most likely cut short (a full disk, an interrupted copy); restore it from a backup if you have one. {KEEP_OUT}",
        path.display()
    )]
    Empty { path: PathBuf },
    #[error(
        "{}:{line}:{column}: the file is not UTF-8 text (byte 0x{byte:02x}); it is damaged or is not a plantrack file. {KEEP_OUT}",
        path.display()
    )]
    NotUtf8 {
        path: PathBuf,
        line: usize,
        column: usize,
        byte: u8,
    },
    #[error(
        "{}:{line}:{column}: the state file ends too early: the JSON stops in the middle (the file was truncated). {KEEP_OUT}",
        path.display()
    )]
    Truncated {
        path: PathBuf,
        line: usize,
        column: usize,
    },
    #[error("{}:{line}:{column}: the state file is not valid JSON: {detail}. {KEEP_OUT}", path.display())]
    InvalidJson {
        path: PathBuf,
        line: usize,
        column: usize,
        detail: String,
    },
    #[error(
        "{}:{line}:{column}: not a plantrack state file of format version {}: {detail}. {KEEP_OUT}",
        path.display(), v1::STATE_FORMAT_VERSION
    )]
    WrongShape {
        path: PathBuf,
        line: usize,
        column: usize,
        detail: String,
    },
    #[error(
        "{}: state format version {found} is not supported; this plantrack reads version {}. Use the plantrack that wrote the file (probably a newer one). {KEEP_OUT}",
        path.display(), v1::STATE_FORMAT_VERSION
    )]
    UnknownVersion { path: PathBuf, found: String },
    #[error("{}:{line}:{column}: not a change this plantrack understands: {detail}. {KEEP_OUT}", path.display())]
    BadLine {
        path: PathBuf,
        line: usize,
        column: usize,
        detail: String,
    },
    #[error(
        "{}: this is not a directory; the state is a directory of logs (a version 1 state file is given as the file itself, see docs/state-format.md)",
        path.display()
    )]
    NotADirectory { path: PathBuf },
    #[error("{}: cannot take the lock that guards the state: {source}; {KEPT}", path.display())]
    Lock { path: PathBuf, source: io::Error },
    #[error(
        "{}: gave up after waiting {waited:?} for the lock that guards the state, held by {holder}; {KEPT}. If that process is stuck, end it; wait longer with --lock-timeout SECONDS",
        path.display()
    )]
    LockTimeout {
        path: PathBuf,
        holder: String,
        waited: Duration,
    },
    #[error(
        "{}: the lock file exists but you may not open it ({source}); ask its owner to make it readable to the team (chmod g+rw), or choose another state with --state; {KEPT}",
        path.display()
    )]
    LockFileDenied { path: PathBuf, source: io::Error },
    #[error(
        "{}: the directory is not writable ({source}); {KEPT}. Make the directory writable, or choose another with --state / PLANTRACK_STATE",
        path.display()
    )]
    NotWritable { path: PathBuf, source: io::Error },
    #[error("{}: the disk is full ({source}); {KEPT} once space is freed", path.display())]
    DiskFull { path: PathBuf, source: io::Error },
    #[error("{}: cannot {action}: {source}; {KEPT}", path.display())]
    Write {
        path: PathBuf,
        action: &'static str,
        source: io::Error,
    },
}

impl StoreError {
    /// The state on disk is there but cannot be understood: the interface
    /// should go read-only and say so, rather than keep retrying saves.
    pub fn is_invalid_file(&self) -> bool {
        matches!(
            self,
            StoreError::Unreadable { .. }
                | StoreError::Empty { .. }
                | StoreError::NotUtf8 { .. }
                | StoreError::Truncated { .. }
                | StoreError::InvalidJson { .. }
                | StoreError::WrongShape { .. }
                | StoreError::UnknownVersion { .. }
                | StoreError::BadLine { .. }
                | StoreError::NotADirectory { .. }
        )
    }

    /// Sorts an I/O failure while saving into the cases a user can act on.
    fn writing(path: &Path, action: &'static str, source: io::Error) -> StoreError {
        let path = path.to_path_buf();
        match source.kind() {
            io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
                StoreError::NotWritable { path, source }
            }
            io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => {
                StoreError::DiskFull { path, source }
            }
            _ => StoreError::Write {
                path,
                action,
                source,
            },
        }
    }
}

/// A change before it is stamped: what the caller decides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub key: TaskKey,
    pub what: ChangeKind,
    /// The id of the change an undo reverts.
    pub undoes: Option<String>,
}

/// How far one log has been read.
#[derive(Clone, Default)]
struct Tail {
    /// Bytes of complete lines consumed.
    offset: u64,
    /// Lines consumed, for line numbers in messages.
    lines: usize,
    /// The file read (device, inode): a file replaced by another (a git
    /// checkout) is read again from the start; ids make that harmless.
    identity: (u64, u64),
    /// The last bytes consumed. A new file can get the inode of a deleted
    /// one, so the identity alone does not prove it is the same file.
    last: Vec<u8>,
    /// xxh3 of every byte consumed: what a snapshot of the fold checks the
    /// log against (`snapshot`).
    hasher: xxhash_rust::xxh3::Xxh3Default,
}

/// How many consumed bytes are compared again before reading on.
const CHECK: usize = 64;

/// The state directory of one plantrack process, and everything read from
/// it so far.
pub struct Store {
    location: Location,
    writer: Writer,
    tails: BTreeMap<OsString, Tail>,
    progress: Progress,
    /// The latest clock reading seen in any log.
    latest: Option<(Timestamp, u32)>,
    /// A version 1 file's history, until the first write puts it in the
    /// directory as [`MIGRATED_LOG`].
    unmigrated: Vec<(TaskKey, Change)>,
    /// Torn last lines and files that are not logs, said once each.
    notices: Vec<String>,
    noticed: std::collections::BTreeSet<String>,
    lock_timeout: Duration,
    clock: Box<dyn Fn() -> Timestamp + Send>,
    /// Lines parsed from JSON since opening (not taken from a snapshot).
    parsed: usize,
    /// A log was read again from its start (replaced or rewritten): what
    /// was folded may hold changes no log has any more, so no snapshot.
    reread: bool,
}

impl Store {
    /// Reads every log in the directory (and the version 1 file, while it
    /// has not been migrated). A missing directory is an empty state: it is
    /// created by the first write. Anything that exists but cannot be
    /// understood is an error, and is left as it is.
    pub fn open(location: Location, writer: Writer) -> Result<Store, StoreError> {
        Store::open_snapshot_after(location, writer, snapshot::WRITE_AFTER)
    }

    /// Like [`Store::open`]; a snapshot of the fold is written when more
    /// than `lines` lines had to be parsed (tests set it low).
    fn open_snapshot_after(
        location: Location,
        writer: Writer,
        lines: usize,
    ) -> Result<Store, StoreError> {
        if fs::metadata(&location.dir).is_ok_and(|m| !m.is_dir()) {
            return Err(StoreError::NotADirectory {
                path: location.dir.clone(),
            });
        }
        let mut store = Store {
            location,
            writer,
            tails: BTreeMap::new(),
            progress: Progress::default(),
            latest: None,
            unmigrated: Vec::new(),
            notices: Vec::new(),
            noticed: Default::default(),
            lock_timeout: LOCK_TIMEOUT,
            clock: Box::new(Timestamp::now),
            parsed: 0,
            reread: false,
        };
        if let Some(v1) = store.location.v1.clone()
            && !store.location.dir.join(MIGRATED_LOG).exists()
        {
            let bytes = fs::read(&v1).map_err(|source| StoreError::Unreadable {
                path: v1.clone(),
                source,
            })?;
            store.unmigrated = migrate(&v1::parse_state(&bytes, &v1)?);
            for (key, change) in store.unmigrated.clone() {
                store.fold(key, change);
            }
        }
        // While a version 1 file waits to be migrated, its history is part
        // of the fold but of no log: no snapshot either way.
        let snapshots = store.unmigrated.is_empty();
        if snapshots && let Some(loaded) = snapshot::load(&store.location.dir) {
            store.tails = loaded.tails;
            for (key, change) in loaded.changes {
                store.fold(key, change);
            }
        }
        store.refresh()?;
        if snapshots && store.parsed > lines && !store.reread {
            let changes = store
                .progress
                .iter()
                .flat_map(|(key, task)| task.history().iter().map(move |c| (key, c)));
            snapshot::write(&store.location.dir, &store.tails, changes);
        }
        Ok(store)
    }

    pub fn location(&self) -> &Location {
        &self.location
    }

    pub fn dir(&self) -> &Path {
        &self.location.dir
    }

    pub fn writer(&self) -> &Writer {
        &self.writer
    }

    /// This writer's log.
    pub fn log_path(&self) -> PathBuf {
        self.location.dir.join(self.writer.log_name())
    }

    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    /// Problems that did not stop reading (a torn last line, a file that is
    /// not a log), each once; taken by whoever shows them.
    pub fn take_notices(&mut self) -> Vec<String> {
        std::mem::take(&mut self.notices)
    }

    pub fn set_lock_timeout(&mut self, timeout: Duration) {
        self.lock_timeout = timeout;
    }

    /// Tests pass a clock that is wrong on purpose.
    pub fn set_clock(&mut self, clock: Box<dyn Fn() -> Timestamp + Send>) {
        self.clock = clock;
    }

    fn notice(&mut self, text: String) {
        if self.noticed.insert(text.clone()) {
            self.notices.push(text);
        }
    }

    fn fold(&mut self, key: TaskKey, change: Change) -> bool {
        let clock = (change.at, change.seq);
        if self.latest.is_none_or(|latest| clock > latest) {
            self.latest = Some(clock);
        }
        self.progress.record(key, change)
    }

    /// Reads what was appended to any log since the last read; true when
    /// anything new came in. Only the new bytes of each log are read.
    pub fn refresh(&mut self) -> Result<bool, StoreError> {
        let dir = self.location.dir.clone();
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            // Not there (yet, or any more): nothing to read. A write will
            // say why it cannot create it, and keep the change.
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
                ) =>
            {
                return Ok(false);
            }
            Err(source) => return Err(StoreError::Unreadable { path: dir, source }),
        };
        let mut names: Vec<OsString> = entries
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .filter(|name| Path::new(name).extension().is_some_and(|e| e == "jsonl"))
            .collect();
        names.sort();
        let mut changed = false;
        for name in names {
            changed |= self.read_log(&name)?;
        }
        Ok(changed)
    }

    fn read_log(&mut self, name: &OsString) -> Result<bool, StoreError> {
        let path = self.location.dir.join(name);
        let unreadable = |source| StoreError::Unreadable {
            path: path.clone(),
            source,
        };
        // A FIFO or a device among the logs would hang or flood the read.
        let meta = fs::metadata(&path).map_err(unreadable)?;
        if !meta.is_file() {
            self.notice(format!(
                "{}: not a regular file; skipped (only the logs belong in the state directory)",
                path.display()
            ));
            return Ok(false);
        }
        let mut file = File::open(&path).map_err(unreadable)?;
        let meta = file.metadata().map_err(unreadable)?;
        let identity = identity(&meta);
        let mut tail = self.tails.get(name).cloned().unwrap_or_default();
        if tail.identity != identity || meta.len() < tail.offset {
            self.reread |= tail.offset > 0;
            tail = Tail {
                identity,
                ..Tail::default()
            };
        }
        if meta.len() == tail.offset && self.tails.contains_key(name) && tail.offset > 0 {
            // Same size and inode: unchanged unless replaced by a file of
            // the same length, which the check below would catch on the
            // next growth; a log only grows.
            return Ok(false);
        }
        let back = tail.last.len() as u64;
        let mut bytes = Vec::new();
        file.seek(SeekFrom::Start(tail.offset - back))
            .and_then(|_| file.read_to_end(&mut bytes))
            .map_err(unreadable)?;
        if !bytes.starts_with(&tail.last) {
            self.reread |= tail.offset > 0;
            tail = Tail {
                identity,
                ..Tail::default()
            };
            bytes.clear();
            file.seek(SeekFrom::Start(0))
                .and_then(|_| file.read_to_end(&mut bytes))
                .map_err(unreadable)?;
        } else {
            bytes.drain(..tail.last.len());
        }
        let complete = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let mut parsed = Vec::new();
        let mut line_no = tail.lines;
        if complete > 0 {
            for line in bytes[..complete - 1].split(|&b| b == b'\n') {
                line_no += 1;
                if line.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                parsed.push(parse_line(line, &path, line_no)?);
            }
            tail.hasher.update(&bytes[..complete]);
        }
        self.parsed += parsed.len();
        if complete < bytes.len() {
            self.notice(format!(
                "{}:{}: the last line is incomplete (a write was cut off, e.g. by a kill); it is ignored, and was never reported as saved",
                path.display(),
                line_no + 1
            ));
        }
        if complete > 0 {
            let mut last = std::mem::take(&mut tail.last);
            last.extend_from_slice(&bytes[..complete]);
            tail.last = last[last.len().saturating_sub(CHECK)..].to_vec();
        }
        tail.offset += complete as u64;
        tail.lines = line_no;
        self.tails.insert(name.clone(), tail);
        let mut changed = false;
        for (key, change) in parsed {
            changed |= self.fold(key, change);
        }
        Ok(changed)
    }

    /// Stamps the changes `make` decides on, from the state as it is under
    /// the lock, and appends them to this writer's log: the clock, each
    /// `from` and "nothing to change" are decided on complete logs even with
    /// other processes writing. Returns the changes written (none when
    /// `make` found nothing to change). On error nothing was written.
    pub fn append_with<F>(&mut self, make: F) -> Result<Vec<(TaskKey, Change)>, StoreError>
    where
        F: FnOnce(&Progress) -> Vec<Draft>,
    {
        self.append_inner(make, &mut |_| {})
    }

    /// Like [`Store::append_with`]; `waiting` is told once who holds the
    /// lock when a write has to wait for it.
    pub fn append_waiting<F>(
        &mut self,
        make: F,
        waiting: &mut dyn FnMut(&str),
    ) -> Result<Vec<(TaskKey, Change)>, StoreError>
    where
        F: FnOnce(&Progress) -> Vec<Draft>,
    {
        self.append_inner(make, waiting)
    }

    fn append_inner<F>(
        &mut self,
        make: F,
        waiting: &mut dyn FnMut(&str),
    ) -> Result<Vec<(TaskKey, Change)>, StoreError>
    where
        F: FnOnce(&Progress) -> Vec<Draft>,
    {
        let dir = self.location.dir.clone();
        create_dir(&dir)?;
        let lock = self.lock(waiting)?;
        let result = self.append_locked(make);
        // Closing would release the lock as well; unlocking explicitly keeps
        // the order visible (and in strace).
        let _ = FileExt::unlock(&lock);
        result
    }

    fn append_locked<F>(&mut self, make: F) -> Result<Vec<(TaskKey, Change)>, StoreError>
    where
        F: FnOnce(&Progress) -> Vec<Draft>,
    {
        self.refresh()?;
        let drafts = make(&self.progress);
        if drafts.is_empty() {
            return Ok(Vec::new());
        }
        if !self.unmigrated.is_empty() {
            self.write_migration()?;
        }
        let stamped = self.stamp(drafts);
        let mut text = String::new();
        for (key, change) in &stamped {
            text.push_str(&format_line(key, change));
            text.push('\n');
        }
        self.append_text(&text)?;
        for (key, change) in &stamped {
            self.fold(key.clone(), change.clone());
        }
        // Our own lines are now consumed too: the next refresh reads past them.
        self.refresh()?;
        Ok(stamped)
    }

    /// Writes changes stamped earlier (a write that failed, retried), less
    /// those already in a log.
    pub fn append_stamped(&mut self, changes: &[(TaskKey, Change)]) -> Result<(), StoreError> {
        let dir = self.location.dir.clone();
        create_dir(&dir)?;
        let lock = self.lock(&mut |_| {})?;
        let result = self.append_stamped_locked(changes);
        let _ = FileExt::unlock(&lock);
        result
    }

    fn append_stamped_locked(&mut self, changes: &[(TaskKey, Change)]) -> Result<(), StoreError> {
        self.refresh()?;
        let new: Vec<&(TaskKey, Change)> = changes
            .iter()
            .filter(|(key, change)| {
                !self
                    .progress
                    .get(key)
                    .is_some_and(|t| t.history().iter().any(|c| c.id == change.id))
            })
            .collect();
        if new.is_empty() {
            return Ok(());
        }
        if !self.unmigrated.is_empty() {
            self.write_migration()?;
        }
        let text: String = new
            .iter()
            .map(|(key, change)| format_line(key, change) + "\n")
            .collect();
        self.append_text(&text)?;
        self.refresh()?;
        Ok(())
    }

    /// Hybrid logical clock: the wall clock, unless it is not after the
    /// latest change seen; then that change's time with the counter one up.
    pub fn stamp(&mut self, drafts: Vec<Draft>) -> Vec<(TaskKey, Change)> {
        let now = (self.clock)();
        drafts
            .into_iter()
            .map(|draft| {
                let (at, seq) = match self.latest {
                    Some((at, seq)) if now <= at => (at, seq + 1),
                    _ => (now, 0),
                };
                self.latest = Some((at, seq));
                let change = Change {
                    id: new_id(),
                    at,
                    seq,
                    by: self.writer.person.clone(),
                    agency: self.writer.agency.clone(),
                    what: draft.what,
                    undoes: draft.undoes,
                };
                (draft.key, change)
            })
            .collect()
    }

    /// One write of whole lines and an fsync; on failure the log is cut
    /// back to where it was, so a retry cannot leave the change twice.
    fn append_text(&mut self, text: &str) -> Result<(), StoreError> {
        let path = self.log_path();
        let created = !path.exists();
        let (mut file, kept) = self.open_whole(
            &path,
            OpenOptions::new().read(true).append(true).create(true),
        )?;
        let result = file
            .write_all(text.as_bytes())
            .map_err(|e| StoreError::writing(&path, "append to the log", e))
            .and_then(|()| {
                file.sync_data()
                    .map_err(|e| StoreError::writing(&path, "fsync the log", e))
            });
        if let Err(error) = result {
            let _ = file.set_len(kept);
            return Err(error);
        }
        if created {
            // The new name lives in the directory: fsync it so that the log
            // itself survives a power cut, not only its content.
            sync_dir(&self.location.dir)?;
        }
        Ok(())
    }

    /// A log opened with `options`, its torn last line (a writer killed
    /// mid-line) cut off; the file and the length kept.
    fn open_whole(
        &mut self,
        path: &Path,
        options: &OpenOptions,
    ) -> Result<(File, u64), StoreError> {
        let mut file = options
            .open(path)
            .map_err(|e| StoreError::writing(path, "open the log", e))?;
        let len = file
            .metadata()
            .map_err(|e| StoreError::writing(path, "read the log's size", e))?
            .len();
        let kept = self.cut_torn_line(&mut file, path, len)?;
        Ok((file, kept))
    }

    /// A killed writer of this log may have left half a line. It was never
    /// reported saved; cut it off so that the next line starts clean.
    /// Returns the length kept.
    fn cut_torn_line(&mut self, file: &mut File, path: &Path, len: u64) -> Result<u64, StoreError> {
        if len == 0 {
            return Ok(0);
        }
        let start = len.saturating_sub(64 * 1024);
        let mut bytes = Vec::new();
        file.seek(SeekFrom::Start(start))
            .and_then(|_| file.read_to_end(&mut bytes))
            .map_err(|e| StoreError::writing(path, "read the log's end", e))?;
        if bytes.last() == Some(&b'\n') {
            return Ok(len);
        }
        let keep = match bytes.iter().rposition(|&b| b == b'\n') {
            Some(i) => start + i as u64 + 1,
            None if start == 0 => 0,
            // A line longer than 64 KiB without an end: not a torn append.
            None => {
                return Err(StoreError::BadLine {
                    path: path.to_path_buf(),
                    line: 0,
                    column: 0,
                    detail: "the log ends in a line longer than 64 KiB without a newline".into(),
                });
            }
        };
        file.set_len(keep)
            .and_then(|()| file.sync_data())
            .map_err(|e| StoreError::writing(path, "cut off a torn last line", e))?;
        Ok(keep)
    }

    /// Writes the version 1 history as its own log, whole or not at all
    /// (temp file, fsync, rename, fsync the directory). Ids are derived from
    /// the changes, so two offices migrating copies of one file write the
    /// same lines.
    fn write_migration(&mut self) -> Result<(), StoreError> {
        let dir = self.location.dir.clone();
        let target = dir.join(MIGRATED_LOG);
        if target.exists() {
            self.unmigrated.clear();
            return Ok(());
        }
        let mut text = String::new();
        for (key, change) in &self.unmigrated {
            text.push_str(&format_line(key, change));
            text.push('\n');
        }
        let mut temp = tempfile::Builder::new()
            .prefix(".migrating-")
            .tempfile_in(&dir)
            .map_err(|e| StoreError::writing(&dir, "create a temporary file", e))?;
        temp.write_all(text.as_bytes())
            .and_then(|()| temp.as_file().sync_all())
            .map_err(|e| StoreError::writing(&dir, "write the migrated history", e))?;
        temp.persist(&target)
            .map_err(|e| StoreError::writing(&target, "rename the migrated history", e.error))?;
        sync_dir(&dir)?;
        self.unmigrated.clear();
        Ok(())
    }

    /// Runs `f` with the directory's lock held and no torn last line in
    /// any log (under the lock nobody is half-way through an append, so a
    /// line without its newline is a killed writer's, never reported
    /// saved). For a sync, which must commit and merge complete logs with
    /// no append in between. Reads what changed afterwards.
    pub fn locked<T>(&mut self, f: impl FnOnce() -> T) -> Result<T, StoreError> {
        let dir = self.location.dir.clone();
        create_dir(&dir)?;
        let lock = self.lock(&mut |_| {})?;
        let repaired = self.cut_all_torn_lines();
        let result = repaired.map(|()| f());
        let _ = FileExt::unlock(&lock);
        let result = result?;
        self.refresh()?;
        Ok(result)
    }

    fn cut_all_torn_lines(&mut self) -> Result<(), StoreError> {
        let dir = self.location.dir.clone();
        let entries = fs::read_dir(&dir).map_err(|source| StoreError::Unreadable {
            path: dir.clone(),
            source,
        })?;
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            let is_log = path.extension().is_some_and(|e| e == "jsonl")
                && entry.file_type().is_ok_and(|t| t.is_file());
            if !is_log {
                continue;
            }
            self.open_whole(&path, OpenOptions::new().read(true).write(true))?;
        }
        Ok(())
    }

    /// Takes the directory's lock, waiting for another writer at most the
    /// lock timeout. The holder writes its PID and start time into the lock
    /// file so that a waiting process can say who it waits for.
    fn lock(&self, waiting: &mut dyn FnMut(&str)) -> Result<File, StoreError> {
        let path = self.location.dir.join(LOCK_FILE);
        let opened = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path);
        let (file, writable) = match opened {
            Ok(file) => (file, true),
            // flock needs no write access: a teammate's existing lock file
            // that we may only read still serves.
            Err(e) if e.kind() == io::ErrorKind::PermissionDenied && path.exists() => {
                let file = File::open(&path).map_err(|source| StoreError::LockFileDenied {
                    path: path.clone(),
                    source,
                })?;
                (file, false)
            }
            Err(e) => return Err(StoreError::writing(&path, "open the lock file", e)),
        };
        let started = Instant::now();
        let mut told = false;
        loop {
            match FileExt::try_lock(&file) {
                Ok(()) => break,
                Err(TryLockError::WouldBlock) => {}
                Err(TryLockError::Error(source)) => return Err(StoreError::Lock { path, source }),
            }
            let holder = lock_holder(&path, &file);
            if started.elapsed() >= self.lock_timeout {
                return Err(StoreError::LockTimeout {
                    path,
                    holder,
                    waited: self.lock_timeout,
                });
            }
            if !told && started.elapsed() >= Duration::from_millis(300) {
                waiting(&format!(
                    "waiting for the lock, held by {holder}; giving up after {:?} ({})",
                    self.lock_timeout,
                    path.display()
                ));
                told = true;
            }
            // Polling, not blocking: flock has no timeout, and the wait must
            // be able to end and say why.
            std::thread::sleep(Duration::from_millis(20));
        }
        // Who holds the lock from when, for anyone who has to wait. Best
        // effort: the lock works without it.
        let record = format!(
            "{} {} {}\n",
            std::process::id(),
            self.writer.person.replace(char::is_whitespace, "_"),
            (self.clock)()
        );
        if writable {
            let _ = file.set_len(0);
            let _ = (&file).write_all(record.as_bytes());
        }
        Ok(file)
    }
}

/// Who holds the lock on `lock_path`, in words: the process from the
/// kernel's lock table (Linux), and who and since when from the record the
/// holder wrote into the lock file, when that record is the holder's.
fn lock_holder(lock_path: &Path, file: &File) -> String {
    let record = fs::read_to_string(lock_path).unwrap_or_default();
    let mut fields = record.split_whitespace();
    let recorded = match (fields.next(), fields.next(), fields.next()) {
        (Some(pid), Some(user), Some(since)) => pid
            .parse::<u32>()
            .ok()
            .zip(since.parse::<Timestamp>().ok())
            .map(|(pid, since)| (pid, user.to_string(), since)),
        _ => None,
    };
    let from_kernel = file.metadata().ok().and_then(|meta| {
        let locks = fs::read_to_string("/proc/locks").ok()?;
        flock_holder(&locks, &meta)
    });
    let since = |user: &str, since: Timestamp| {
        let local = since.to_zoned_datetime(jiff::tz::TimeZone::system());
        format!("{user}, since {}", local.strftime("%Y-%m-%d %H:%M:%S"))
    };
    match (from_kernel, recorded) {
        (Some(pid), Some((rec_pid, user, at))) if pid == rec_pid => {
            format!("process {pid} ({})", since(&user, at))
        }
        (Some(pid), _) => format!("process {pid}"),
        (None, Some((pid, user, at))) => format!("process {pid} ({})", since(&user, at)),
        (None, None) => "another process".to_string(),
    }
}

/// The process holding a flock on the file `meta` describes, from the text
/// of /proc/locks (`1: FLOCK  ADVISORY  WRITE 1234 fd:01:5678 0 EOF`).
fn flock_holder(locks: &str, meta: &fs::Metadata) -> Option<u32> {
    use std::os::unix::fs::MetadataExt;
    let dev = meta.dev();
    let major = ((dev >> 8) & 0xfff) | ((dev >> 32) & !0xfff);
    let minor = (dev & 0xff) | ((dev >> 12) & !0xff);
    locks.lines().find_map(|line| {
        let fields: Vec<&str> = line.split_whitespace().collect();
        // Waiting requests are listed as `1: -> FLOCK …`.
        if fields.get(1) != Some(&"FLOCK") {
            return None;
        }
        let pid = fields.get(4)?.parse().ok()?;
        let mut place = fields.get(5)?.split(':');
        let maj = u64::from_str_radix(place.next()?, 16).ok()?;
        let min = u64::from_str_radix(place.next()?, 16).ok()?;
        let ino: u64 = place.next()?.parse().ok()?;
        (maj == major && min == minor && ino == meta.ino()).then_some(pid)
    })
}

/// Every change of a version 1 file as log lines of its own writer, with
/// ids derived from the change so that the migration is the same wherever
/// it runs.
fn migrate(progress: &Progress) -> Vec<(TaskKey, Change)> {
    let mut out = Vec::new();
    for (key, task) in progress.iter() {
        for (position, change) in task.history().iter().enumerate() {
            let mut change = change.clone();
            let text = format!("{key}\u{0}{position}\u{0}{}", format_line(key, &change));
            change.id = format!("v1-{:016x}", fnv1a(text.as_bytes()));
            out.push((key.clone(), change));
        }
    }
    out
}

/// FNV-1a, 64 bits: stable across Rust versions, unlike std's hasher.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// 64 random bits in hex. Ids only need to differ; the clock orders.
fn new_id() -> String {
    format!("{:016x}", fastrand::u64(..))
}

fn identity(meta: &fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

/// Creates the state directory (and its parents) when it is missing, and
/// makes the new entries durable. A symlink to a directory is followed.
fn create_dir(dir: &Path) -> Result<(), StoreError> {
    if dir.is_dir() {
        return Ok(());
    }
    fs::create_dir_all(dir)
        .map_err(|e| StoreError::writing(dir, "create the state directory", e))?;
    if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        sync_dir(parent)?;
    }
    Ok(())
}

fn sync_dir(dir: &Path) -> Result<(), StoreError> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| StoreError::writing(dir, "fsync the directory", e))
}

#[cfg(test)]
mod tests;
