//! The state file: where the marks users make are kept. The only code that
//! reads or writes it.
//!
//! Design (see `docs/state-format.md` for the format and the reasons):
//!
//! - One pretty-printed JSON file with a format version. Each task holds its
//!   full history of changes (the source of truth) and, for human readers,
//!   the status, note, time and author those changes add up to.
//! - Every save runs under an exclusive lock on `<state>.lock`, a file beside
//!   the state file that is never renamed or deleted, and is a
//!   read-merge-write: the file is read again under the lock, the new changes
//!   are merged into what is on disk (histories are unions, so nobody's
//!   change is lost), and the result is written to a temporary file in the
//!   same directory, fsynced, renamed over the state file, and the directory
//!   is fsynced. Readers need no lock: a rename is atomic, so they see the
//!   old file or the new one, never half of one.
//! - A file that cannot be understood is never overwritten: every save
//!   re-reads it and refuses if it became invalid.

use crate::model::TaskKey;
use crate::progress::{Change, ChangeKind, Progress, Status, TaskProgress};
use jiff::Timestamp;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

/// The state format version this build reads and writes.
pub const STATE_FORMAT_VERSION: u32 = 1;

/// What to do about a state file plantrack cannot read; part of every such
/// message.
const KEEP_OUT: &str = "plantrack will not overwrite it: fix the file, or move it away to start \
    a new one (see docs/state-format.md, \"Recovering a damaged file\")";

/// What happens to a change that could not be written.
const KEPT: &str = "the state file is unchanged; the change is kept in memory and will be retried";

/// `<data dir>/state.json`, e.g. `~/.local/share/plantrack/state.json` on Linux.
pub fn default_state_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "plantrack").map(|d| d.data_dir().join("state.json"))
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

/// The login name of this process's user from /etc/passwd: tmux, cron and
/// some SSH setups start programs without USER.
fn account_name() -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let uid = std::fs::metadata("/proc/self").ok()?.uid();
    name_for_uid(&std::fs::read_to_string("/etc/passwd").ok()?, uid)
}

fn name_for_uid(passwd: &str, uid: u32) -> Option<String> {
    let uid = uid.to_string();
    passwd.lines().find_map(|line| {
        let mut fields = line.split(':');
        let name = fields.next()?;
        (fields.nth(1)? == uid).then(|| name.to_string())
    })
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "no data directory is known for this user, so there is no default state file; choose one with --state PATH or the PLANTRACK_STATE environment variable"
    )]
    NoDefaultLocation,
    #[error("{}: cannot read the state file: {source}; {KEEP_OUT}", path.display())]
    Unreadable { path: PathBuf, source: io::Error },
    #[error(
        "{}: the state file is empty (0 bytes of JSON). An empty file is not \"no marks\" — a state file without marks still holds {{\"format_version\": 1, \"tasks\": {{}}}} — so it was most likely cut short (a full disk, an interrupted copy); restore it from a backup if you have one. {KEEP_OUT}",
        path.display()
    )]
    Empty { path: PathBuf },
    #[error(
        "{}:{line}:{column}: the state file is not UTF-8 text (byte 0x{byte:02x}); it is damaged or is not a plantrack state file. {KEEP_OUT}",
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
        "{}:{line}:{column}: not a plantrack state file of format version {STATE_FORMAT_VERSION}: {detail}. {KEEP_OUT}",
        path.display()
    )]
    WrongShape {
        path: PathBuf,
        line: usize,
        column: usize,
        detail: String,
    },
    #[error(
        "{}: state format version {found} is not supported; this plantrack reads version {STATE_FORMAT_VERSION}. Use the plantrack that wrote the file (probably a newer one). {KEEP_OUT}",
        path.display()
    )]
    UnknownVersion { path: PathBuf, found: String },
    #[error("{}: cannot take the lock that guards the state file: {source}; {KEPT}", path.display())]
    Lock { path: PathBuf, source: io::Error },
    #[error(
        "{}: gave up after waiting {waited:?} for the lock that guards the state file, held by {holder}; {KEPT}. If that process is stuck, end it; wait longer with --lock-timeout SECONDS",
        path.display()
    )]
    LockTimeout {
        path: PathBuf,
        holder: String,
        waited: Duration,
    },
    #[error(
        "{}: the lock file exists but you may not open it ({source}); ask its owner to make it readable to the team (chmod g+rw), or choose another state file with --state; {KEPT}",
        path.display()
    )]
    LockFileDenied { path: PathBuf, source: io::Error },
    #[error(
        "{}: the directory is not writable ({source}); {KEPT}. Make the directory writable, or choose another file with --state / PLANTRACK_STATE",
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
    /// The file on disk is there but cannot be understood: the interface
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

/// Identifies one version of the file cheaply. Every save renames a new file
/// into place, so the inode alone changes on every save; size and mtime
/// also catch a file edited in place by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fingerprint {
    dev: u64,
    ino: u64,
    len: u64,
    modified: Option<SystemTime>,
}

impl Fingerprint {
    fn of(meta: &fs::Metadata) -> Self {
        #[cfg(unix)]
        let (dev, ino) = {
            use std::os::unix::fs::MetadataExt;
            (meta.dev(), meta.ino())
        };
        #[cfg(not(unix))]
        let (dev, ino) = (0, 0);
        Fingerprint {
            dev,
            ino,
            len: meta.len(),
            modified: meta.modified().ok(),
        }
    }
}

/// The state file of one plantrack process.
///
/// A failed [`Store::commit`] leaves both the file and the caller's changes
/// untouched; the caller keeps its pending changes and passes them again on
/// the next attempt (merging makes a repeated change harmless).
pub struct Store {
    path: PathBuf,
    lock_path: PathBuf,
    /// The version of the file last read or written; `None` while it does
    /// not exist.
    seen: Option<Fingerprint>,
    /// How long a save waits for another writer's lock.
    lock_timeout: Duration,
    /// Told who holds the lock when a save has to wait for it.
    on_wait: Option<WaitNotice>,
}

/// Called with a sentence saying who holds the lock and how long a save
/// will wait.
pub type WaitNotice = Box<dyn Fn(&str) + Send>;

/// How long a save waits for the lock unless told otherwise.
pub const DEFAULT_LOCK_TIMEOUT: Duration = Duration::from_secs(10);

impl fmt::Debug for Store {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .field("lock_timeout", &self.lock_timeout)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Reads the state file. A missing file is an empty state (the file is
    /// created by the first save); a file that exists but cannot be read or
    /// understood is an error, and is left as it is.
    pub fn open(path: PathBuf) -> Result<(Store, Progress), StoreError> {
        let (progress, seen) = read_state(&path)?;
        let mut store = Store::at(path);
        store.seen = seen;
        Ok((store, progress))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A store for `path` that has not read the file yet; the first
    /// [`Store::commit_with`] reads it under the lock. For one-shot commands,
    /// which would otherwise parse the file twice.
    pub fn at(path: PathBuf) -> Store {
        let mut lock_name = path.file_name().unwrap_or_default().to_os_string();
        lock_name.push(".lock");
        let lock_path = path.with_file_name(lock_name);
        Store {
            path,
            lock_path,
            seen: None,
            lock_timeout: DEFAULT_LOCK_TIMEOUT,
            on_wait: None,
        }
    }

    /// Waits at most `timeout` for another writer's lock, calling `notice`
    /// (if any) once with who holds it when it has to wait.
    pub fn with_lock_wait(mut self, timeout: Duration, notice: Option<WaitNotice>) -> Store {
        self.lock_timeout = timeout;
        self.on_wait = notice;
        self
    }

    /// Saves `changes` and returns everything the file now holds, other
    /// processes' changes included. On error nothing was written.
    pub fn commit(&mut self, changes: &[(TaskKey, Change)]) -> Result<Progress, StoreError> {
        self.commit_with(|_| changes.to_vec())
            .map(|(progress, _)| progress)
    }

    /// Like [`Store::commit`], but the changes are made from the file's
    /// current content, under the lock: `from` values are then exactly what
    /// they replace, and "already done" is decided without a race. Returns
    /// the saved state and the changes `make` produced.
    pub fn commit_with<F>(
        &mut self,
        make: F,
    ) -> Result<(Progress, Vec<(TaskKey, Change)>), StoreError>
    where
        F: FnOnce(&Progress) -> Vec<(TaskKey, Change)>,
    {
        let dir = parent_dir(&self.path);
        fs::create_dir_all(&dir).map_err(|e| StoreError::writing(&dir, "create directory", e))?;
        let lock = self.lock()?;
        // Under the lock no other writer is between its temp file and its
        // rename, so temp files left now are from killed processes.
        remove_stale_temps(&dir, &self.path);
        let (mut progress, seen) = read_state(&self.path)?;
        let changes = make(&progress);
        let mut added = 0;
        for (key, change) in &changes {
            added += usize::from(progress.record_on_top(key.clone(), change.clone()));
        }
        if added == 0 {
            // Nothing new (e.g. a retry of a save that had in fact
            // succeeded): no write, and no file created for nothing.
            self.seen = seen;
        } else {
            self.seen = Some(self.write(&dir, &progress)?);
        }
        // Closing the file would release the lock as well; unlocking
        // explicitly keeps the order visible (and in strace).
        let _ = fs4::FileExt::unlock(&lock);
        Ok((progress, changes))
    }

    /// Reads the file again if another process changed it since this store
    /// last read or wrote it; cheap enough to call every second. While the
    /// file is invalid every call returns the error.
    pub fn reload_if_changed(&mut self) -> Result<Option<Progress>, StoreError> {
        let now = match fs::metadata(&self.path) {
            Ok(meta) => Some(Fingerprint::of(&meta)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(source) => {
                return Err(StoreError::Unreadable {
                    path: self.path.clone(),
                    source,
                });
            }
        };
        if now == self.seen {
            return Ok(None);
        }
        let (progress, seen) = read_state(&self.path)?;
        self.seen = seen;
        Ok(Some(progress))
    }

    fn lock(&self) -> Result<File, StoreError> {
        let opened = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&self.lock_path);
        let (file, writable) = match opened {
            Ok(file) => (file, true),
            // flock needs no write access: a teammate's existing lock file
            // that we may only read still serves.
            Err(e) if e.kind() == io::ErrorKind::PermissionDenied && self.lock_path.exists() => {
                let file =
                    File::open(&self.lock_path).map_err(|source| StoreError::LockFileDenied {
                        path: self.lock_path.clone(),
                        source,
                    })?;
                (file, false)
            }
            Err(e) => {
                return Err(StoreError::writing(
                    &self.lock_path,
                    "create the lock file",
                    e,
                ));
            }
        };
        let failed = |source| StoreError::Lock {
            path: self.lock_path.clone(),
            source,
        };
        match fs4::FileExt::try_lock(&file) {
            Ok(()) => {}
            Err(fs4::TryLockError::Error(source)) => return Err(failed(source)),
            Err(fs4::TryLockError::WouldBlock) => self.wait_for_lock(&file)?,
        }
        if writable {
            // Who holds the lock from when, for anyone who has to wait.
            // Best effort: the lock works without it.
            let record = format!(
                "{} {} {}\n",
                std::process::id(),
                current_user().replace(char::is_whitespace, "_"),
                Timestamp::now()
            );
            let _ = file.set_len(0);
            let _ = (&file).write_all(record.as_bytes());
        }
        Ok(file)
    }

    /// flock has no timeout: try again every 50 ms until the deadline.
    fn wait_for_lock(&self, file: &File) -> Result<(), StoreError> {
        let holder = lock_holder(&self.lock_path, file);
        let waited = self.lock_timeout;
        if let Some(notice) = &self.on_wait {
            notice(&format!(
                "{}: waiting for the lock, held by {holder}; giving up after {waited:?}",
                self.lock_path.display()
            ));
        }
        let deadline = Instant::now() + self.lock_timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(StoreError::LockTimeout {
                    path: self.lock_path.clone(),
                    holder,
                    waited,
                });
            }
            std::thread::sleep(left.min(Duration::from_millis(50)));
            match fs4::FileExt::try_lock(file) {
                Ok(()) => return Ok(()),
                Err(fs4::TryLockError::WouldBlock) => {}
                Err(fs4::TryLockError::Error(source)) => {
                    return Err(StoreError::Lock {
                        path: self.lock_path.clone(),
                        source,
                    });
                }
            }
        }
    }

    /// Temp file, fsync, rename, fsync the directory. Returns the
    /// fingerprint of the file now in place.
    fn write(&self, dir: &Path, progress: &Progress) -> Result<Fingerprint, StoreError> {
        let text = to_json(progress)
            .map_err(|e| StoreError::writing(&self.path, "serialize the state", e.into()))?;
        let prefix = temp_prefix(&self.path);
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix("").rand_bytes(TEMP_RAND);
        #[cfg(unix)]
        {
            // tempfile's default is 0600; a state file shared by a team must
            // stay readable by the others. 0666 is then reduced by the umask
            // like any new file.
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(fs::Permissions::from_mode(0o666));
        }
        let mut temp = builder
            .tempfile_in(dir)
            .map_err(|e| StoreError::writing(dir, "create a temporary file", e))?;
        let temp_path = temp.path().to_path_buf();
        if let Ok(old) = fs::metadata(&self.path) {
            // Keep the mode a team chose for the shared file (e.g. 0660).
            let _ = temp.as_file().set_permissions(old.permissions());
        }
        temp.write_all(text.as_bytes())
            .map_err(|e| StoreError::writing(&temp_path, "write the temporary file", e))?;
        // The data must be on disk before the rename makes it the state file,
        // or a power cut could leave a renamed but empty file.
        temp.as_file()
            .sync_all()
            .map_err(|e| StoreError::writing(&temp_path, "fsync the temporary file", e))?;
        let file = temp
            .persist(&self.path)
            .map_err(|e| StoreError::writing(&self.path, "rename over the state file", e.error))?;
        // The rename itself lives in the directory: fsync it so that the
        // new name survives a power cut.
        File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(|e| StoreError::writing(dir, "fsync the directory", e))?;
        let meta = file
            .metadata()
            .map_err(|e| StoreError::writing(&self.path, "read back the state file", e))?;
        Ok(Fingerprint::of(&meta))
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

const TEMP_RAND: usize = 6;

fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// `.state.json.tmp-` for `state.json`: hidden, and tied to this state file
/// so that two state files in one directory never touch each other's temps.
fn temp_prefix(path: &Path) -> String {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    format!(".{name}.tmp-")
}

/// Deletes temp files of this state file left by killed processes. Must be
/// called with the lock held.
fn remove_stale_temps(dir: &Path, path: &Path) {
    let prefix = temp_prefix(path);
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let is_ours = name.strip_prefix(&prefix).is_some_and(|rest| {
            rest.len() == TEMP_RAND && rest.chars().all(|c| c.is_ascii_alphanumeric())
        });
        if is_ours {
            // Best effort: a leftover only wastes space.
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Reads and parses the file through one descriptor, so that the fingerprint
/// describes exactly the bytes parsed.
fn read_state(path: &Path) -> Result<(Progress, Option<Fingerprint>), StoreError> {
    let unreadable = |source| StoreError::Unreadable {
        path: path.to_path_buf(),
        source,
    };
    let mut file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((Progress::default(), None)),
        Err(e) => return Err(unreadable(e)),
    };
    let meta = file.metadata().map_err(unreadable)?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).map_err(unreadable)?;
    let progress = parse_state(&bytes, path)?;
    Ok((progress, Some(Fingerprint::of(&meta))))
}

/// Parses the bytes of a state file; `path` is only used in messages.
pub fn parse_state(bytes: &[u8], path: &Path) -> Result<Progress, StoreError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let (line, column) = line_column(&bytes[..e.valid_up_to()]);
        StoreError::NotUtf8 {
            path: path.to_path_buf(),
            line,
            column,
            byte: bytes[e.valid_up_to()],
        }
    })?;
    // Editors on some systems add a byte-order mark; it is not an error of
    // the content.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(StoreError::Empty {
            path: path.to_path_buf(),
        });
    }
    let file: FileIn = match serde_json::from_str(text) {
        Ok(file) => file,
        Err(error) => {
            check_version(text, path)?;
            return Err(describe(&error, path));
        }
    };
    if file.format_version != STATE_FORMAT_VERSION {
        return Err(StoreError::UnknownVersion {
            path: path.to_path_buf(),
            found: file.format_version.to_string(),
        });
    }
    let mut progress = Progress::default();
    for (key, record) in file.tasks.0 {
        progress.insert(key, TaskProgress::from_history(record.history));
    }
    Ok(progress)
}

/// A newer format usually fails on its new fields first: report the version
/// rather than the field when that is the real cause.
fn check_version(text: &str, path: &Path) -> Result<(), StoreError> {
    #[derive(Deserialize)]
    struct VersionOnly {
        format_version: serde_json::Value,
    }
    match serde_json::from_str::<VersionOnly>(text) {
        Ok(v) if v.format_version != STATE_FORMAT_VERSION => Err(StoreError::UnknownVersion {
            path: path.to_path_buf(),
            found: v.format_version.to_string(),
        }),
        _ => Ok(()),
    }
}

fn describe(error: &serde_json::Error, path: &Path) -> StoreError {
    use serde_json::error::Category;
    let path = path.to_path_buf();
    let (line, column) = (error.line(), error.column());
    let detail = error.to_string();
    // serde_json appends " at line L column C"; the location goes in front.
    let detail = detail
        .rsplit_once(" at line ")
        .map_or(detail.as_str(), |(head, _)| head)
        .to_string();
    match error.classify() {
        Category::Eof => StoreError::Truncated { path, line, column },
        Category::Syntax => StoreError::InvalidJson {
            path,
            line,
            column,
            detail,
        },
        Category::Data | Category::Io => StoreError::WrongShape {
            path,
            line,
            column,
            detail,
        },
    }
}

/// 1-based line and column (in characters) just after `prefix`.
fn line_column(prefix: &[u8]) -> (usize, usize) {
    let text = String::from_utf8_lossy(prefix);
    let line = text.matches('\n').count() + 1;
    let column = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileIn {
    format_version: u32,
    #[serde(default)]
    tasks: TaskMap,
}

/// What one task looks like on disk. Only `history` is read back; the other
/// fields are derived from it on every save and are there for people
/// reading the file, but they must still have the right types so that a
/// hand edit that went wrong is noticed.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // the derived fields are checked, not used
struct TaskIn {
    #[serde(default)]
    status: Option<Status>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    updated_at: Option<Timestamp>,
    #[serde(default)]
    updated_by: Option<String>,
    history: Vec<Change>,
}

/// The `tasks` object. Keys are checked as they are read so that errors carry
/// a position, and a key given twice is an error: serde would silently keep
/// only the last one, and the next save would drop the other's history.
#[derive(Default)]
struct TaskMap(BTreeMap<TaskKey, TaskIn>);

impl<'de> Deserialize<'de> for TaskMap {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TaskMapVisitor;
        impl<'de> Visitor<'de> for TaskMapVisitor {
            type Value = TaskMap;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of tasks keyed \"PLAN:NUMBER\"")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TaskMap, A::Error> {
                let mut tasks = BTreeMap::new();
                while let Some(text) = map.next_key::<String>()? {
                    let key = TaskKey::parse(&text, None).ok_or_else(|| {
                        de::Error::custom(format!(
                            "task key \"{text}\" is not of the form \"PLAN:NUMBER\""
                        ))
                    })?;
                    if tasks.contains_key(&key) {
                        return Err(de::Error::custom(format!(
                            "task \"{key}\" appears twice; join the two \"history\" lists into one entry"
                        )));
                    }
                    let task: TaskIn = map.next_value()?;
                    tasks.insert(key, task);
                }
                Ok(TaskMap(tasks))
            }
        }
        deserializer.deserialize_map(TaskMapVisitor)
    }
}

#[derive(Serialize)]
struct FileOut<'a> {
    format_version: u32,
    tasks: TasksOut<'a>,
}

/// Serialized in key order (plan, then task number as a number), so that
/// `p:2` comes before `p:10` and diffs of the file stay small.
struct TasksOut<'a>(&'a Progress);

impl Serialize for TasksOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(
            self.0
                .iter()
                .map(|(key, task)| (key.to_string(), TaskOut(task))),
        )
    }
}

struct TaskOut<'a>(&'a TaskProgress);

impl Serialize for TaskOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Fields<'a> {
            status: Status,
            note: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            updated_at: Option<Timestamp>,
            #[serde(skip_serializing_if = "Option::is_none")]
            updated_by: Option<&'a str>,
            history: &'a [Change],
        }
        let task = self.0;
        let last = task.last_change();
        Fields {
            status: task.status(),
            note: task.note(),
            updated_at: last.map(|c| c.at),
            updated_by: last.map(|c| c.by.as_str()),
            history: task.history(),
        }
        .serialize(serializer)
    }
}

/// The file text for `progress`: indented JSON, one history entry per line,
/// ending in a newline.
pub fn to_json(progress: &Progress) -> serde_json::Result<String> {
    let file = FileOut {
        format_version: STATE_FORMAT_VERSION,
        tasks: TasksOut(progress),
    };
    let mut bytes = Vec::new();
    let mut serializer =
        serde_json::Serializer::with_formatter(&mut bytes, LineFormatter::default());
    file.serialize(&mut serializer)?;
    bytes.push(b'\n');
    // serde_json writes only UTF-8.
    String::from_utf8(bytes).map_err(|e| serde::ser::Error::custom(e.to_string()))
}

/// Like serde_json's pretty printer, except that containers nested deeper
/// than [`INLINE_DEPTH`] (the history entries) are written on one line: one
/// change per line reads and diffs better, and makes the file about a third
/// smaller, which every save re-reads and re-writes.
#[derive(Default)]
struct LineFormatter {
    depth: usize,
    has_value: bool,
}

/// Top object 1, `tasks` 2, a task 3, its `history` 4: entries are at 5.
const INLINE_DEPTH: usize = 4;

impl LineFormatter {
    fn open<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        writer.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value && self.depth < INLINE_DEPTH {
            self.newline(writer)?;
        }
        writer.write_all(bracket)
    }

    fn before_value<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        if self.depth > INLINE_DEPTH {
            return writer.write_all(if first { b"" } else { b", " });
        }
        if !first {
            writer.write_all(b",")?;
        }
        self.newline(writer)
    }

    fn newline<W: ?Sized + Write>(&self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b"\n")?;
        for _ in 0..self.depth {
            writer.write_all(b"  ")?;
        }
        Ok(())
    }
}

impl serde_json::ser::Formatter for LineFormatter {
    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"[")
    }
    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"]")
    }
    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.before_value(writer, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"{")
    }
    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"}")
    }
    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.before_value(writer, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// One change made now by the current user.
pub fn change_now(what: ChangeKind) -> Change {
    Change {
        at: Timestamp::now(),
        by: current_user(),
        what,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> Timestamp {
        Timestamp::from_second(1_700_000_000 + seconds).expect("valid test time")
    }

    fn status(seconds: i64, by: &str, from: Status, to: Status) -> Change {
        Change {
            at: at(seconds),
            by: by.into(),
            what: ChangeKind::Status { from, to },
        }
    }

    fn key(n: u32) -> TaskKey {
        TaskKey::new("p", n)
    }

    fn err_text(bytes: &[u8]) -> String {
        parse_state(bytes, Path::new("/s/state.json"))
            .expect_err("should be rejected")
            .to_string()
    }

    #[test]
    fn the_file_round_trips_exactly_including_nanoseconds() {
        let mut progress = Progress::default();
        let precise = Change {
            at: Timestamp::new(1_700_000_000, 123_456_789).expect("valid"),
            by: "李明".into(),
            what: ChangeKind::Note {
                from: String::new(),
                to: "等待财政部\n\"quoted\"".into(),
            },
        };
        progress.record(key(10), precise.clone());
        progress.record(key(2), status(1, "ann", Status::NotStarted, Status::Done));
        progress.record(TaskKey::new("other:plan", 7), precise);
        let text = to_json(&progress).expect("serializes");
        let back = parse_state(text.as_bytes(), Path::new("x")).expect("parses");
        assert_eq!(back, progress);
        // Numeric order of task numbers, not string order.
        let p2 = text.find("\"p:2\"").expect("p:2 present");
        let p10 = text.find("\"p:10\"").expect("p:10 present");
        assert!(p2 < p10);
    }

    #[test]
    fn the_file_shows_derived_fields_for_people() {
        let mut progress = Progress::default();
        progress.record(key(55), status(0, "ann", Status::NotStarted, Status::Done));
        assert_eq!(
            to_json(&progress).expect("serializes"),
            r#"{
  "format_version": 1,
  "tasks": {
    "p:55": {
      "status": "done",
      "note": "",
      "updated_at": "2023-11-14T22:13:20Z",
      "updated_by": "ann",
      "history": [
        {"at": "2023-11-14T22:13:20Z", "by": "ann", "status": {"from": "not_started", "to": "done"}}
      ]
    }
  }
}
"#
        );
    }

    #[test]
    fn an_empty_state_is_a_valid_file() {
        let text = to_json(&Progress::default()).expect("serializes");
        assert_eq!(text, "{\n  \"format_version\": 1,\n  \"tasks\": {}\n}\n");
        assert_eq!(
            parse_state(text.as_bytes(), Path::new("x")).expect("parses"),
            Progress::default()
        );
        assert_eq!(
            parse_state(b"{\"format_version\": 1}", Path::new("x")).expect("parses"),
            Progress::default()
        );
    }

    #[test]
    fn each_kind_of_damage_has_its_own_message_and_position() {
        assert!(err_text(b"").contains("/s/state.json: the state file is empty"));
        assert!(err_text(b"  \n").contains("is empty"));
        let text = err_text(b"{\n  \"format_version\": 1,\n  \"tasks\": {\xff}}");
        assert!(
            text.starts_with("/s/state.json:3:13: the state file is not UTF-8 text (byte 0xff)"),
            "{text}"
        );
        let text = err_text(b"{\n  \"format_version\": 1,\n  \"tasks\": {");
        assert!(text.contains("ends too early"), "{text}");
        assert!(text.starts_with("/s/state.json:3:"), "{text}");
        let text = err_text(b"{\"format_version\": 1,,}");
        assert!(
            text.starts_with(
                "/s/state.json:1:22: the state file is not valid JSON: key must be a string"
            ),
            "{text}"
        );
        let text = err_text(b"{\"format_version\": 2, \"tasks\": {}}");
        assert!(
            text.contains("state format version 2 is not supported"),
            "{text}"
        );
        let text = err_text(b"{\"format_version\": 2, \"newer\": []}");
        assert!(
            text.contains("state format version 2 is not supported"),
            "{text}"
        );
        let text = err_text(b"{\"format_version\": 1, \"tasks\": {\"p:1\": {\"history\": 5}}}");
        assert!(text.contains("not a plantrack state file"), "{text}");
        assert!(text.contains("invalid type: integer `5`"), "{text}");
        for text in [&err_text(b"[]"), &err_text(b"{\"format_version\":1,\"tasks\":{\"p:1\":{\"history\":[],\"status\":\"finished\"}}}")] {
            assert!(text.contains("not a plantrack state file"), "{text}");
        }
        // Every message says the file is kept and how to recover.
        for bytes in [
            &b""[..],
            b"\xff",
            b"{",
            b"{]",
            b"{\"format_version\":3}",
            b"[]",
        ] {
            let text = err_text(bytes);
            assert!(text.contains("plantrack will not overwrite it"), "{text}");
        }
    }

    #[test]
    fn bad_and_repeated_task_keys_are_errors_not_silent_losses() {
        let text = err_text(b"{\"format_version\":1,\"tasks\":{\"55\":{\"history\":[]}}}");
        assert!(
            text.contains("task key \"55\" is not of the form \"PLAN:NUMBER\""),
            "{text}"
        );
        let text = err_text(
            b"{\"format_version\":1,\"tasks\":{\"p:1\":{\"history\":[]},\n\"p:1\":{\"history\":[]}}}",
        );
        assert!(text.contains("task \"p:1\" appears twice"), "{text}");
        assert!(text.starts_with("/s/state.json:2:"), "{text}");
    }

    #[test]
    fn write_failures_are_sorted_into_actionable_kinds() {
        let p = Path::new("/d");
        let e = StoreError::writing(p, "x", io::Error::from(io::ErrorKind::PermissionDenied));
        assert!(matches!(e, StoreError::NotWritable { .. }));
        assert!(e.to_string().contains("the directory is not writable"));
        assert!(e.to_string().contains("kept in memory and will be retried"));
        let e = StoreError::writing(p, "x", io::Error::from(io::ErrorKind::StorageFull));
        assert!(e.to_string().contains("the disk is full"), "{e}");
        assert!(!e.is_invalid_file());
        assert!(StoreError::Empty { path: p.into() }.is_invalid_file());
    }

    #[test]
    fn commit_merges_with_what_another_store_wrote() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("state.json");
        let (mut a, empty) = Store::open(path.clone()).expect("opens");
        assert_eq!(empty, Progress::default());
        assert!(!path.exists(), "opening must not create the file");
        let (mut b, _) = Store::open(path.clone()).expect("opens");
        a.commit(&[(key(1), status(1, "a", Status::NotStarted, Status::Done))])
            .expect("saves");
        assert!(b.reload_if_changed().expect("reads").is_some());
        assert!(b.reload_if_changed().expect("reads").is_none());
        let merged = b
            .commit(&[(key(2), status(2, "b", Status::NotStarted, Status::Blocked))])
            .expect("saves");
        assert_eq!(merged.status(&key(1)), Status::Done);
        assert_eq!(merged.status(&key(2)), Status::Blocked);
        let seen = a.reload_if_changed().expect("reads").expect("changed");
        assert_eq!(seen, merged);
        // Retrying a change that was saved writes nothing new.
        let again = a
            .commit(&[(key(1), status(1, "a", Status::NotStarted, Status::Done))])
            .expect("saves");
        assert_eq!(again, merged);
        assert!(path.with_file_name("state.json.lock").exists());
    }

    #[test]
    fn commit_refuses_a_file_that_became_invalid_and_leaves_it_alone() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("state.json");
        let (mut store, _) = Store::open(path.clone()).expect("opens");
        fs::write(&path, b"{\"format_version\": 1, \"tasks\": ").expect("writes");
        let error = store
            .commit(&[(key(1), status(1, "a", Status::NotStarted, Status::Done))])
            .expect_err("refuses");
        assert!(error.is_invalid_file());
        assert!(error.to_string().contains("ends too early"), "{error}");
        assert_eq!(
            fs::read(&path).expect("reads"),
            b"{\"format_version\": 1, \"tasks\": "
        );
        assert!(store.reload_if_changed().is_err());
    }

    #[test]
    fn stale_temp_files_of_killed_writers_are_removed_others_are_not() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("state.json");
        let stale = dir.path().join(".state.json.tmp-abc123");
        let foreign = dir.path().join(".state.json.tmp-abc123.keep");
        fs::write(&stale, "half").expect("writes");
        fs::write(&foreign, "mine").expect("writes");
        let (mut store, _) = Store::open(path.clone()).expect("opens");
        store
            .commit(&[(key(1), status(1, "a", Status::NotStarted, Status::Done))])
            .expect("saves");
        assert!(!stale.exists());
        assert!(foreign.exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_shared_file_keeps_its_mode_across_saves() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("state.json");
        fs::write(&path, to_json(&Progress::default()).expect("serializes")).expect("writes");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o664)).expect("chmod");
        let (mut store, _) = Store::open(path.clone()).expect("opens");
        store
            .commit(&[(key(1), status(1, "a", Status::NotStarted, Status::Done))])
            .expect("saves");
        let mode = fs::metadata(&path).expect("stat").permissions().mode() & 0o777;
        assert_eq!(mode, 0o664);
    }

    #[test]
    fn without_user_variables_the_account_name_comes_from_passwd() {
        let passwd = "root:x:0:0:root:/root:/bin/bash\nann:x:1000:1000:Ann:/home/ann:/bin/sh\n";
        assert_eq!(name_for_uid(passwd, 1000).as_deref(), Some("ann"));
        assert_eq!(name_for_uid(passwd, 0).as_deref(), Some("root"));
        assert_eq!(name_for_uid(passwd, 7), None);
        assert_eq!(name_for_uid("garbage", 0), None);
    }

    #[test]
    fn the_lock_holder_is_named_with_who_and_since_when() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("state.json.lock");
        let since = Timestamp::from_second(1_700_000_000).expect("time");
        fs::write(&path, format!("{} ann {since}\n", std::process::id())).expect("write");
        // Another open file description of the same file conflicts, even in
        // one process: this one plays the other writer.
        let holder = File::open(&path).expect("open");
        fs4::FileExt::try_lock(&holder).expect("locked");
        let waiter = File::open(&path).expect("open");
        let local = since
            .to_zoned_datetime(jiff::tz::TimeZone::system())
            .strftime("%Y-%m-%d %H:%M:%S")
            .to_string();
        assert_eq!(
            lock_holder(&path, &waiter),
            format!("process {} (ann, since {local})", std::process::id())
        );
        // A record left by an earlier holder is not believed.
        fs::write(&path, format!("{} bob {since}\n", u32::MAX)).expect("write");
        assert_eq!(
            lock_holder(&path, &waiter),
            format!("process {}", std::process::id())
        );
        // And waiting ends at the timeout, naming the holder.
        let store = Store::at(dir.path().join("state.json"))
            .with_lock_wait(Duration::from_millis(100), None);
        let error = store.lock().expect_err("held").to_string();
        assert!(error.contains("gave up after waiting 100ms"), "{error}");
        assert!(
            error.contains(&format!("held by process {}", std::process::id())),
            "{error}"
        );
    }

    #[test]
    fn proc_locks_lines_are_read_for_the_file_s_device_and_inode() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("x");
        fs::write(&path, "").expect("write");
        let meta = fs::metadata(&path).expect("stat");
        use std::os::unix::fs::MetadataExt;
        let dev = meta.dev();
        let major = ((dev >> 8) & 0xfff) | ((dev >> 32) & !0xfff);
        let minor = (dev & 0xff) | ((dev >> 12) & !0xff);
        let place = format!("{major:02x}:{minor:02x}:{}", meta.ino());
        let locks = format!(
            "1: POSIX  ADVISORY  WRITE 10 {place} 0 EOF\n2: FLOCK  ADVISORY  WRITE 42 00:01:1 0 EOF\n2: -> FLOCK  ADVISORY  WRITE 43 {place} 0 EOF\n3: FLOCK  ADVISORY  WRITE 44 {place} 0 EOF\n"
        );
        assert_eq!(flock_holder(&locks, &meta), Some(44));
        assert_eq!(flock_holder("", &meta), None);
    }
}
