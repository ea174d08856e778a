//! Keeping offices in step through git: the state directory is a git
//! working tree, and `plantrack sync` commits this server's logs, pulls
//! and pushes with the `git` on the machine (so SSH keys, proxies and
//! credentials work as for any repository). Every writer appends only to
//! its own log, so merges never conflict; anything that would rewrite or
//! drop a line already here is refused before it touches the directory.
//!
//! The network parts (fetch, push) run without the store's lock, so that
//! marks are never held up by a slow network; the local parts (commit,
//! check, merge) run under it, so that no append happens half-way through.

use crate::store::{Store, StoreError};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The branch every office shares.
pub const BRANCH: &str = "main";
const REMOTE: &str = "origin";
const IGNORE: &str = ".plantrack.lock\n.plantrack.fold*\n.migrating-*\n";

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(
        "git is not installed (or not on PATH): plantrack sync uses the machine's git; install it (e.g. apt install git) and try again"
    )]
    NoGit,
    #[error("{}: not set up for sync yet; run plantrack sync --init URL (or --bundle / --from-bundle for a disk)", dir.display())]
    NotSetUp { dir: PathBuf },
    #[error("{}: has no remote; run plantrack sync --init URL, or carry changes with --bundle / --from-bundle", dir.display())]
    NoRemote { dir: PathBuf },
    #[error("git {command} failed in {}: {stderr}", dir.display())]
    Git {
        dir: PathBuf,
        command: String,
        stderr: String,
    },
    #[error(
        "{what} would rewrite or drop lines already in {file}; nothing was changed here. Logs only ever grow: someone edited or truncated that log. Compare it with `git -C {} log -p -- {file}`",
        dir.display()
    )]
    Rewrite {
        dir: PathBuf,
        file: String,
        what: &'static str,
    },
    #[error("{0}")]
    Store(#[from] StoreError),
}

/// What a sync did, per log: lines sent and received.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    pub committed: usize,
    pub received: BTreeMap<String, usize>,
    pub pushed: bool,
}

/// What `--status` shows: per log, lines here not yet on the remote, and
/// lines on the remote (as last fetched) not yet here.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Status {
    pub remote: Option<String>,
    pub unsent: BTreeMap<String, usize>,
    pub incoming: BTreeMap<String, usize>,
    pub fetched: bool,
}

/// Runs git in the state directory.
struct Git<'a> {
    dir: &'a Path,
    person: String,
    email: String,
}

impl Git<'_> {
    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new("git");
        command
            .arg("-C")
            .arg(self.dir)
            .args(["-c", &format!("user.name={}", self.person)])
            .args(["-c", &format!("user.email={}", self.email)])
            .args(["-c", "commit.gpgsign=false", "-c", "core.autocrlf=false"])
            .args(args)
            .env("GIT_TERMINAL_PROMPT", "0")
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .stdin(Stdio::null());
        command
    }

    fn output(&self, args: &[&str]) -> Result<Output, SyncError> {
        self.command(args).output().map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                SyncError::NoGit
            } else {
                self.failed(args, &e.to_string())
            }
        })
    }

    fn failed(&self, args: &[&str], stderr: &str) -> SyncError {
        SyncError::Git {
            dir: self.dir.to_path_buf(),
            command: args.join(" "),
            stderr: stderr.trim().to_string(),
        }
    }

    /// Runs and requires success; stdout as text.
    fn run(&self, args: &[&str]) -> Result<String, SyncError> {
        let output = self.output(args)?;
        if !output.status.success() {
            return Err(self.failed(args, &String::from_utf8_lossy(&output.stderr)));
        }
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    }

    /// Runs; `None` when git says no (a missing ref, no remote).
    fn try_run(&self, args: &[&str]) -> Result<Option<String>, SyncError> {
        let output = self.output(args)?;
        Ok(output
            .status
            .success()
            .then(|| String::from_utf8_lossy(&output.stdout).into_owned()))
    }

    fn is_repo(&self) -> bool {
        self.dir.join(".git").exists()
    }

    fn rev(&self, name: &str) -> Result<Option<String>, SyncError> {
        Ok(self
            .try_run(&[
                "rev-parse",
                "--verify",
                "--quiet",
                &format!("{name}^{{commit}}"),
            ])?
            .map(|s| s.trim().to_string()))
    }

    /// A file's bytes at a commit; `None` when it has no such file.
    fn show(&self, rev: &str, file: &str) -> Result<Option<Vec<u8>>, SyncError> {
        let output = self.output(&["show", &format!("{rev}:{file}")])?;
        Ok(output.status.success().then_some(output.stdout))
    }

    /// The logs at a commit.
    fn logs_at(&self, rev: &str) -> Result<Vec<String>, SyncError> {
        Ok(self
            .run(&["ls-tree", "--name-only", rev])?
            .lines()
            .filter(|name| name.ends_with(".jsonl"))
            .map(String::from)
            .collect())
    }
}

/// Lines of `bytes` (complete ones).
fn line_count(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}

/// Sets the directory up as a git working tree (if it is not one yet) on
/// the shared branch, with the lock file ignored.
fn ensure_repo(git: &Git) -> Result<(), SyncError> {
    std::fs::create_dir_all(git.dir).map_err(|e| {
        SyncError::Store(StoreError::NotWritable {
            path: git.dir.to_path_buf(),
            source: e,
        })
    })?;
    if !git.is_repo() {
        git.run(&["init", "--quiet"])?;
        // `init -b` needs git 2.28; this works everywhere.
        git.run(&["symbolic-ref", "HEAD", &format!("refs/heads/{BRANCH}")])?;
    }
    let ignore = git.dir.join(".gitignore");
    if !ignore.exists() {
        std::fs::write(&ignore, IGNORE).map_err(|e| {
            SyncError::Store(StoreError::NotWritable {
                path: ignore.clone(),
                source: e,
            })
        })?;
    }
    Ok(())
}

fn git_for<'a>(store: &Store, dir: &'a Path) -> Git<'a> {
    let writer = store.writer();
    Git {
        dir,
        person: writer.person.clone(),
        email: format!("{}@{}", writer.person, writer.host),
    }
}

/// Commits every log's new lines, refusing if any log lost or changed a
/// line since the last commit. Run under the store's lock.
fn commit_logs(git: &Git, store_host: &str) -> Result<usize, SyncError> {
    // A sync killed while git held its index lock leaves the lock file.
    // Under the store's lock no other sync is committing or merging (fetch
    // and push do not take it), so a lock file now is stale.
    let _ = std::fs::remove_file(git.dir.join(".git/index.lock"));
    let head = git.rev("HEAD")?;
    let mut added = 0;
    let mut names: Vec<String> = std::fs::read_dir(git.dir)
        .map_err(|e| {
            SyncError::Store(StoreError::Unreadable {
                path: git.dir.to_path_buf(),
                source: e,
            })
        })?
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".jsonl"))
        .collect();
    names.sort();
    for name in &names {
        let now = std::fs::read(git.dir.join(name)).map_err(|e| {
            SyncError::Store(StoreError::Unreadable {
                path: git.dir.join(name),
                source: e,
            })
        })?;
        let before = match &head {
            Some(head) => git.show(head, name)?.unwrap_or_default(),
            None => Vec::new(),
        };
        if !now.starts_with(&before) {
            return Err(SyncError::Rewrite {
                dir: git.dir.to_path_buf(),
                file: name.clone(),
                what: "committing this directory",
            });
        }
        added += line_count(&now) - line_count(&before);
    }
    if let Some(head) = &head {
        for name in git.logs_at(head)? {
            if !names.contains(&name) {
                return Err(SyncError::Rewrite {
                    dir: git.dir.to_path_buf(),
                    file: name,
                    what: "committing this directory (the log was deleted)",
                });
            }
        }
    }
    let mut args = vec!["add", "--", ".gitignore"];
    args.extend(names.iter().map(String::as_str));
    git.run(&args)?;
    let staged = git.try_run(&["diff", "--cached", "--quiet"])?.is_none();
    // A merge a killed sync left half-done is concluded: its files are
    // whole lines of others' logs (torn ones were cut off under the lock).
    let merging = git.dir.join(".git/MERGE_HEAD").exists();
    if staged || merging {
        let message = format!("plantrack: {added} change(s) from {store_host}");
        git.run(&["commit", "--quiet", "--no-verify", "-m", &message])?;
    }
    Ok(added)
}

/// Checks that merging `incoming` only adds lines and logs, then merges it.
/// Run under the store's lock. Returns lines received per log.
fn merge_incoming(git: &Git, incoming: &str) -> Result<BTreeMap<String, usize>, SyncError> {
    let mut received = BTreeMap::new();
    let head = git.rev("HEAD")?;
    if let Some(head) = &head
        && git
            .try_run(&["merge-base", "--is-ancestor", incoming, head])?
            .is_some()
    {
        return Ok(received); // nothing new
    }
    let ours: Vec<String> = match &head {
        Some(head) => git.logs_at(head)?,
        None => Vec::new(),
    };
    let theirs = git.logs_at(incoming)?;
    let base = match &head {
        Some(head) => git
            .try_run(&["merge-base", head, incoming])?
            .map(|s| s.trim().to_string()),
        None => None,
    };
    let mut names: Vec<&String> = ours.iter().chain(&theirs).collect();
    names.sort();
    names.dedup();
    for name in names {
        let at = |rev: Option<&String>| -> Result<Option<Vec<u8>>, SyncError> {
            match rev {
                Some(rev) => git.show(rev, name),
                None => Ok(None),
            }
        };
        let base_v = at(base.as_ref())?;
        let mine = at(head.as_ref())?;
        let their = git.show(incoming, name)?;
        let rewrite = |what| SyncError::Rewrite {
            dir: git.dir.to_path_buf(),
            file: name.clone(),
            what,
        };
        // Lines only ever get added: each side must still hold every line
        // the common ancestor had, and a log may grow on one side only
        // (each writer writes in one place).
        let base_v = base_v.unwrap_or_default();
        let Some(their) = their else {
            if !base_v.is_empty() {
                return Err(rewrite("the incoming changes (they delete the log)"));
            }
            continue;
        };
        if !their.starts_with(&base_v) {
            return Err(rewrite("the incoming changes"));
        }
        let mine = mine.unwrap_or_default();
        if !(their.starts_with(&mine) || mine.starts_with(&their)) {
            return Err(rewrite(
                "merging (the log grew in two places: one person on one machine is writing to two state directories)",
            ));
        }
        if their.len() > mine.len() {
            received.insert(name.clone(), line_count(&their) - line_count(&mine));
        }
    }
    match &head {
        None => {
            // Nothing here yet: take theirs as it is.
            git.run(&["reset", "--quiet", "--hard", incoming])?;
        }
        Some(_) => {
            let merged = git.output(&[
                "merge",
                "--quiet",
                "--no-edit",
                "--allow-unrelated-histories",
                incoming,
            ])?;
            if !merged.status.success() {
                // Cannot happen with append-only logs checked above; if it
                // does, leave the directory as it was.
                let _ = git.output(&["merge", "--abort"]);
                return Err(git.failed(
                    &["merge", incoming],
                    &String::from_utf8_lossy(&merged.stderr),
                ));
            }
        }
    }
    Ok(received)
}

/// `plantrack sync --init URL`: makes the directory a clone of the shared
/// remote (an empty remote is fine), then syncs.
pub fn init(store: &mut Store, url: &str) -> Result<Report, SyncError> {
    let dir = store.dir().to_path_buf();
    let git = git_for(store, &dir);
    ensure_repo(&git)?;
    if git.try_run(&["remote", "get-url", REMOTE])?.is_some() {
        git.run(&["remote", "set-url", REMOTE, url])?;
    } else {
        git.run(&["remote", "add", REMOTE, url])?;
    }
    sync(store)
}

/// Fetches the shared branch; false when the remote has none yet.
fn fetch(git: &Git) -> Result<bool, SyncError> {
    let heads = git.run(&["ls-remote", "--heads", REMOTE, BRANCH])?;
    if heads.trim().is_empty() {
        return Ok(false);
    }
    let refspec = format!("+refs/heads/{BRANCH}:refs/remotes/{REMOTE}/{BRANCH}");
    git.run(&["fetch", "--quiet", REMOTE, &refspec])?;
    Ok(git.rev(&format!("{REMOTE}/{BRANCH}"))?.is_some())
}

/// `plantrack sync`: commit this server's logs, fetch, merge, push; again
/// if someone pushed in between.
pub fn sync(store: &mut Store) -> Result<Report, SyncError> {
    let dir = store.dir().to_path_buf();
    let git = git_for(store, &dir);
    if !git.is_repo() {
        return Err(SyncError::NotSetUp { dir });
    }
    if git.try_run(&["remote", "get-url", REMOTE])?.is_none() {
        return Err(SyncError::NoRemote { dir });
    }
    let mut report = Report::default();
    let host = store.writer().host.clone();
    for _ in 0..5 {
        let has_remote_branch = fetch(&git)?;
        let incoming = format!("{REMOTE}/{BRANCH}");
        let (committed, received) = store.locked(|| -> Result<_, SyncError> {
            let committed = commit_logs(&git, &host)?;
            let received = if has_remote_branch {
                merge_incoming(&git, &incoming)?
            } else {
                BTreeMap::new()
            };
            Ok((committed, received))
        })??;
        report.committed += committed;
        for (name, n) in received {
            *report.received.entry(name).or_default() += n;
        }
        if git.rev("HEAD")?.is_none() {
            return Ok(report); // nothing on either side
        }
        let push = git.output(&[
            "push",
            "--quiet",
            REMOTE,
            &format!("HEAD:refs/heads/{BRANCH}"),
        ])?;
        if push.status.success() {
            report.pushed = true;
            store.refresh()?;
            return Ok(report);
        }
        // Rejected because someone pushed since our fetch: fetch again.
        let stderr = String::from_utf8_lossy(&push.stderr);
        if !stderr.contains("rejected") && !stderr.contains("fetch first") {
            return Err(git.failed(&["push", REMOTE], &stderr));
        }
    }
    Err(git.failed(&["push", REMOTE], "the remote kept changing; try again"))
}

/// `plantrack sync --bundle FILE`: commits this server's logs and writes
/// the whole history to FILE, for a disk carried to an office without a
/// network path.
pub fn bundle(store: &mut Store, file: &Path) -> Result<usize, SyncError> {
    let dir = store.dir().to_path_buf();
    let git = git_for(store, &dir);
    ensure_repo(&git)?;
    let host = store.writer().host.clone();
    let committed = store.locked(|| commit_logs(&git, &host))??;
    if git.rev("HEAD")?.is_none() {
        return Err(git.failed(
            &["bundle", "create"],
            "there are no changes to put in a bundle yet",
        ));
    }
    let file = absolute(file);
    git.run(&["bundle", "create", &file.to_string_lossy(), BRANCH])?;
    Ok(committed)
}

/// `plantrack sync --from-bundle FILE`: takes in the changes of a bundle
/// written by another office's `--bundle`.
pub fn from_bundle(store: &mut Store, file: &Path) -> Result<Report, SyncError> {
    let dir = store.dir().to_path_buf();
    let git = git_for(store, &dir);
    ensure_repo(&git)?;
    let file = absolute(file);
    let file = file.to_string_lossy();
    git.run(&["bundle", "verify", "--quiet", &file])?;
    let refspec = format!("+refs/heads/{BRANCH}:refs/plantrack/bundle");
    git.run(&["fetch", "--quiet", &file, &refspec])?;
    let host = store.writer().host.clone();
    let (committed, received) = store.locked(|| -> Result<_, SyncError> {
        let committed = commit_logs(&git, &host)?;
        let received = merge_incoming(&git, "refs/plantrack/bundle")?;
        Ok((committed, received))
    })??;
    store.refresh()?;
    Ok(Report {
        committed,
        received,
        pushed: false,
    })
}

/// `plantrack sync --status`: what is unsent and what came in, after a
/// fetch when there is a remote (offline, the last fetch is used).
pub fn status(store: &Store) -> Result<Status, SyncError> {
    let dir = store.dir().to_path_buf();
    let git = git_for(store, &dir);
    if !git.is_repo() {
        return Err(SyncError::NotSetUp { dir });
    }
    let mut status = Status {
        remote: git
            .try_run(&["remote", "get-url", REMOTE])?
            .map(|s| s.trim().to_string()),
        ..Status::default()
    };
    if status.remote.is_some() {
        status.fetched = fetch(&git).is_ok();
    }
    let remote_rev = git.rev(&format!("{REMOTE}/{BRANCH}"))?;
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map_err(|e| {
            SyncError::Store(StoreError::Unreadable {
                path: dir.clone(),
                source: e,
            })
        })?
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".jsonl"))
        .collect();
    if let Some(rev) = &remote_rev {
        names.extend(git.logs_at(rev)?);
    }
    names.sort();
    names.dedup();
    for name in names {
        let here = std::fs::read(dir.join(&name))
            .map(|b| line_count(&b))
            .unwrap_or(0);
        let there = match &remote_rev {
            Some(rev) => git.show(rev, &name)?.map_or(0, |b| line_count(&b)),
            None => 0,
        };
        if here > there {
            status.unsent.insert(name.clone(), here - there);
        }
        if there > here {
            status.incoming.insert(name, there - here);
        }
    }
    Ok(status)
}

fn absolute(path: &Path) -> PathBuf {
    if path.is_absolute() {
        return path.to_path_buf();
    }
    std::env::current_dir().map_or_else(|_| path.to_path_buf(), |cwd| cwd.join(path))
}
