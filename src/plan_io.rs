//! Reading plan JSON: parse, check the format version and the task numbers,
//! and say exactly where a file is wrong.

use crate::model::{FORMAT_VERSION, Plan, READABLE_VERSIONS, Section, Task};
use crate::plan_cache;
use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

/// The 2020 plan, built into the binary so that a bare `plantrack` works anywhere.
pub const EMBEDDED_PLAN: &str = include_str!("../plans/2020-ip-strategy.json");

/// Where a plan came from, for messages and for `plantrack plans`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Embedded,
    File(PathBuf),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Embedded => f.write_str("<built-in 2020-ip-strategy plan>"),
            Origin::File(path) => write!(f, "{}", path.display()),
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum LoadError {
    #[error("{origin}: cannot read the file: {reason}")]
    Unreadable { origin: String, reason: String },
    #[error(
        "{origin}: not a regular file (a directory, FIFO or device), so not read as a plan; plans are JSON files"
    )]
    NotAFile { origin: String },
    #[error("{origin}: the file is empty; expected a plan JSON object (see docs/plan-format.md)")]
    Empty { origin: String },
    #[error("{origin}:{line}:{column}: not UTF-8 text (byte 0x{byte:02x}); save the file as UTF-8")]
    NotUtf8 {
        origin: String,
        line: usize,
        column: usize,
        byte: u8,
    },
    #[error("{origin}:{line}:{column}: {message}")]
    Invalid {
        origin: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "{origin}: plan format version {found} is not supported; this plantrack reads versions 1 and {FORMAT_VERSION} (upgrade plantrack, or re-import the plan)"
    )]
    UnknownVersion { origin: String, found: String },
    #[error(
        "{origin}:{line}:{column}: task number {number} appears twice; each task needs its own number"
    )]
    DuplicateTask {
        origin: String,
        line: usize,
        column: usize,
        number: u32,
    },
}

/// The largest plan file read: 1 GiB, ten times a plan of 100,000 tasks
/// (62.5 MB per 100,000 in BENCHMARKS.md). Anything bigger is a mistake (a
/// log, a disk image), and reading it whole would exhaust memory.
pub const MAX_PLAN_BYTES: u64 = 1 << 30;

pub fn load_file(path: &Path) -> Result<Plan, LoadError> {
    load_file_cached(path, None)
}

/// [`load_file`], served from the plan cache in `cache` when it holds this
/// exact file (see [`crate::plan_cache`]), and filling it otherwise.
pub fn load_file_cached(path: &Path, cache: Option<&Path>) -> Result<Plan, LoadError> {
    let origin = Origin::File(path.to_path_buf());
    let Some(dir) = cache else {
        let (_, bytes) = read_plan_file(path, &origin)?;
        return parse(&bytes, &origin);
    };
    let entry = plan_cache::entry_path(dir, path);
    // The cache is asked first, with the file hashed as it streams by: a
    // hit never holds the JSON text (60 MB at 100k tasks) in memory.
    // An entry whose header names another size or time cannot serve: the
    // file is then read once, to be parsed, not first hashed on its own.
    let (file, meta) = open_plan_file(path, &origin)?;
    if plan_cache::may_hold(&entry, &meta) {
        let (key, plan) = plan_cache::read_keyed(&entry, || {
            plan_cache::Key::read(&meta, &file, MAX_PLAN_BYTES).map_err(|e| unreadable(&origin, &e))
        })?;
        if key.size > MAX_PLAN_BYTES {
            return Err(too_large(path));
        }
        if let Some(plan) = plan {
            return Ok(plan);
        }
    }
    // A miss, or a damaged payload behind a good header: the plan file is
    // read whole to be parsed, and keyed by the bytes parsed (it may have
    // changed since it was hashed).
    let (meta, bytes) = read_plan_file(path, &origin)?;
    let key = plan_cache::Key::of(&meta, &bytes);
    let plan = parse(&bytes, &origin)?;
    drop(bytes);
    // Best effort: a read-only or full cache directory only costs the
    // next start its speed.
    let _ = plan_cache::write(&entry, &plan, &key);
    Ok(plan)
}

fn unreadable(origin: &Origin, error: &std::io::Error) -> LoadError {
    LoadError::Unreadable {
        origin: origin.to_string(),
        reason: error.to_string(),
    }
}

/// The plan file, opened, with its metadata; refused when it is no regular
/// file or larger than any plan.
fn open_plan_file(
    path: &Path,
    origin: &Origin,
) -> Result<(std::fs::File, std::fs::Metadata), LoadError> {
    let unreadable = |e: std::io::Error| unreadable(origin, &e);
    // Looked at before opening: opening a FIFO waits for a writer forever,
    // and /dev/zero never ends.
    check_regular(path, &std::fs::metadata(path).map_err(unreadable)?)?;
    let file = std::fs::File::open(path).map_err(unreadable)?;
    // Again through the descriptor, in case the name changed in between.
    let meta = file.metadata().map_err(unreadable)?;
    check_regular(path, &meta)?;
    Ok((file, meta))
}

/// The plan file's metadata and bytes.
fn read_plan_file(path: &Path, origin: &Origin) -> Result<(std::fs::Metadata, Vec<u8>), LoadError> {
    use std::io::Read;
    let (file, meta) = open_plan_file(path, origin)?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(MAX_PLAN_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(origin, &e))?;
    if bytes.len() as u64 > MAX_PLAN_BYTES {
        return Err(too_large(path));
    }
    Ok((meta, bytes))
}

fn too_large(path: &Path) -> LoadError {
    LoadError::Unreadable {
        origin: path.display().to_string(),
        reason: format!(
            "the file is larger than {} MiB, the most a plan file may hold; is it really a plan?",
            MAX_PLAN_BYTES >> 20
        ),
    }
}

/// Only regular files (or links to them) are plans.
fn check_regular(path: &Path, meta: &std::fs::Metadata) -> Result<(), LoadError> {
    if !meta.is_file() {
        return Err(LoadError::NotAFile {
            origin: path.display().to_string(),
        });
    }
    if meta.len() > MAX_PLAN_BYTES {
        return Err(too_large(path));
    }
    Ok(())
}

/// Plan ids are part of every task key (`ID:NUMBER`) and of recovery
/// commands: letters and digits of any script, `-`, `_` and `.`, at most
/// 64 characters; no spaces, colons or control characters.
pub fn check_plan_id(id: &str) -> Result<(), PlanIdError> {
    let allowed = |c: char| c.is_alphanumeric() || "-_.".contains(c);
    if id.is_empty() {
        return Err(PlanIdError::Empty);
    }
    if id.chars().count() > 64 {
        return Err(PlanIdError::TooLong(id.to_string()));
    }
    if let Some(bad) = id.chars().find(|&c| !allowed(c)) {
        return Err(PlanIdError::Character {
            id: id.to_string(),
            bad,
        });
    }
    Ok(())
}

/// Why a plan id cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanIdError {
    #[error("the plan id is empty")]
    Empty,
    #[error("the plan id \"{0}\" is longer than 64 characters")]
    TooLong(String),
    #[error("the plan id {id:?} contains {bad:?}; use only letters, digits, '-', '_' and '.'")]
    Character { id: String, bad: char },
}

pub fn parse(bytes: &[u8], origin: &Origin) -> Result<Plan, LoadError> {
    // Windows editors start UTF-8 files with a byte-order mark.
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let plan = parse_plan(bytes, origin)?;
    check_plan_id(&plan.id).map_err(|message| LoadError::Invalid {
        origin: origin.to_string(),
        line: line_of_id(bytes),
        column: 1,
        message: format!("{message} (see docs/plan-format.md)"),
    })?;
    Ok(plan)
}

/// The line of the `"id"` field, for the message about a bad id.
fn line_of_id(bytes: &[u8]) -> usize {
    let text = String::from_utf8_lossy(bytes);
    text.lines()
        .position(|l| l.trim_start().starts_with("\"id\""))
        .map_or(1, |i| i + 1)
}

fn parse_plan(bytes: &[u8], origin: &Origin) -> Result<Plan, LoadError> {
    // The fast way first: serde checks UTF-8 inside the strings it reads,
    // so a separate pass over 60 MB of text (5 % of loading) is only
    // needed to explain a failure.
    if let Ok(plan) = serde_json::from_slice::<Plan>(bytes)
        && READABLE_VERSIONS.contains(&plan.format_version)
    {
        check_unique_numbers(&plan, bytes, origin)?;
        return Ok(migrate(plan));
    }
    let origin_text = origin.to_string();
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        let (line, column) = line_column(valid);
        LoadError::NotUtf8 {
            origin: origin_text.clone(),
            line,
            column,
            byte: bytes[e.valid_up_to()],
        }
    })?;
    if text.trim().is_empty() {
        return Err(LoadError::Empty {
            origin: origin_text,
        });
    }
    let plan: Plan = match serde_json::from_str(text) {
        Ok(plan) => plan,
        Err(error) => {
            check_version(text, &origin_text)?;
            return Err(LoadError::Invalid {
                origin: origin_text,
                line: error.line(),
                column: error.column(),
                message: explain(&error),
            });
        }
    };
    if !READABLE_VERSIONS.contains(&plan.format_version) {
        return Err(LoadError::UnknownVersion {
            origin: origin_text,
            found: plan.format_version.to_string(),
        });
    }
    check_unique_numbers(&plan, bytes, origin)?;
    Ok(migrate(plan))
}

/// Version 1 → 2: version 2 only adds optional task fields, so a v1 plan is
/// a v2 plan without them.
fn migrate(mut plan: Plan) -> Plan {
    plan.format_version = FORMAT_VERSION;
    plan
}

/// A file of a newer format usually fails on its new fields; say "version"
/// rather than "unknown field" when that is the real cause.
fn check_version(text: &str, origin: &str) -> Result<(), LoadError> {
    #[derive(serde::Deserialize)]
    struct VersionOnly {
        format_version: serde_json::Value,
    }
    match serde_json::from_str::<VersionOnly>(text) {
        Ok(v)
            if !v
                .format_version
                .as_u64()
                .is_some_and(|n| READABLE_VERSIONS.iter().any(|&r| u64::from(r) == n)) =>
        {
            Err(LoadError::UnknownVersion {
                origin: origin.to_string(),
                found: v.format_version.to_string(),
            })
        }
        _ => Ok(()),
    }
}

fn explain(error: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let detail = error.to_string();
    // serde_json appends " at line L column C"; the location is printed in front instead.
    let detail = detail
        .rsplit_once(" at line ")
        .map_or(detail.as_str(), |(head, _)| head);
    match error.classify() {
        Category::Syntax | Category::Eof => format!("not valid JSON: {detail}"),
        Category::Data | Category::Io => {
            format!("not a valid plan of format version 1 or {FORMAT_VERSION}: {detail}")
        }
    }
}

fn check_unique_numbers(plan: &Plan, bytes: &[u8], origin: &Origin) -> Result<(), LoadError> {
    // Not `Plan::walk`, which builds a section path per task.
    fn first_repeat(tasks: &[Task], sections: &[Section], seen: &mut HashSet<u32>) -> Option<u32> {
        tasks
            .iter()
            .map(|t| t.number)
            .find(|&n| !seen.insert(n))
            .or_else(|| {
                sections
                    .iter()
                    .find_map(|s| first_repeat(&s.tasks, &s.sections, seen))
            })
    }
    let mut seen = HashSet::with_capacity(plan.tasks.len());
    let Some(number) = first_repeat(&plan.tasks, &plan.sections, &mut seen) else {
        return Ok(());
    };
    // A plan that parsed is UTF-8 throughout.
    let text = String::from_utf8_lossy(bytes);
    let (line, column) = nth_number_field(&text, number, 2)
        .map_or((1, 1), |offset| line_column(&text.as_bytes()[..offset]));
    Err(LoadError::DuplicateTask {
        origin: origin.to_string(),
        line,
        column,
        number,
    })
}

/// Byte offset of the `nth` `"number": N` with an integer N (tasks; sections
/// carry their number as a string).
fn nth_number_field(text: &str, number: u32, nth: usize) -> Option<usize> {
    let wanted = number.to_string();
    text.match_indices("\"number\"")
        .filter(|(offset, key)| {
            let rest = text[offset + key.len()..].trim_start();
            let Some(value) = rest.strip_prefix(':') else {
                return false;
            };
            let value = value.trim_start();
            value.starts_with(&wanted)
                && !value[wanted.len()..].starts_with(|c: char| c.is_ascii_digit())
        })
        .nth(nth - 1)
        .map(|(offset, _)| offset)
}

/// 1-based line and column (in characters) just after `prefix`.
fn line_column(prefix: &[u8]) -> (usize, usize) {
    let text = String::from_utf8_lossy(prefix);
    let line = text.matches('\n').count() + 1;
    let column = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Plans found on disk and built in, with the problems met on the way.
#[derive(Debug, Default)]
pub struct Loaded {
    pub plans: Vec<(Origin, Plan)>,
    pub errors: Vec<LoadError>,
    /// Human-readable notes: a plan replaced or skipped because of its id.
    pub notices: Vec<String>,
}

/// Where to look for plans. Directories are read for `*.json`, in name order.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    pub dirs: Vec<PathBuf>,
    pub files: Vec<PathBuf>,
    /// Add the built-in plan unless a plan on disk has its id.
    pub embedded: bool,
    /// Where parsed plans are cached; `None` parses every file every time.
    pub cache: Option<PathBuf>,
}

impl Sources {
    /// `./plans` and the user's data directory, plus the built-in plan.
    pub fn standard(data_dir: Option<&Path>) -> Self {
        let mut dirs = vec![PathBuf::from("plans")];
        if let Some(data) = data_dir {
            dirs.push(data.join("plans"));
        }
        Self {
            dirs,
            files: Vec::new(),
            embedded: true,
            cache: plan_cache::default_dir(),
        }
    }
}

pub fn load_all(sources: &Sources) -> Loaded {
    let mut loaded = Loaded::default();
    let mut candidates: Vec<PathBuf> = Vec::new();
    for dir in &sources.dirs {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue; // a missing plans directory is normal
        };
        let mut files: Vec<PathBuf> = Vec::new();
        for path in entries.filter_map(Result::ok).map(|e| e.path()) {
            if path.extension().is_none_or(|ext| ext != "json") {
                continue;
            }
            // Skipped with a warning, never opened: a FIFO would hang
            // start-up and a link to a device would never end.
            match std::fs::metadata(&path) {
                Ok(meta) if !meta.is_file() => loaded.errors.push(LoadError::NotAFile {
                    origin: path.display().to_string(),
                }),
                _ => files.push(path),
            }
        }
        files.sort();
        candidates.extend(files);
    }
    candidates.extend(sources.files.iter().cloned());

    let mut seen_paths = HashSet::new();
    for path in candidates {
        let canonical = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if !seen_paths.insert(canonical) {
            continue;
        }
        match load_file_cached(&path, sources.cache.as_deref()) {
            Ok(plan) => add_unique(&mut loaded, Origin::File(path), plan),
            Err(error) => loaded.errors.push(error),
        }
    }
    if sources.embedded {
        match parse(EMBEDDED_PLAN.as_bytes(), &Origin::Embedded) {
            // A plan on disk with the same id is a newer copy: it takes the place.
            Ok(plan) if loaded.plans.iter().any(|(_, p)| p.id == plan.id) => {}
            // First: the plan every install has, in the same place for all.
            Ok(plan) => loaded.plans.insert(0, (Origin::Embedded, plan)),
            Err(error) => loaded.errors.push(error),
        }
    }
    loaded
}

fn add_unique(loaded: &mut Loaded, origin: Origin, plan: Plan) {
    if let Some((first, _)) = loaded.plans.iter().find(|(_, p)| p.id == plan.id) {
        loaded.notices.push(format!(
            "{origin}: skipped, plan id \"{}\" is already loaded from {first}",
            plan.id
        ));
        return;
    }
    loaded.plans.push((origin, plan));
}

/// The canonical text of a plan file: pretty JSON, two-space indent, final newline.
pub fn to_json(plan: &Plan) -> String {
    let mut text = serde_json::to_string_pretty(plan).unwrap_or_else(|e| {
        unreachable!("a Plan always serializes: {e}");
    });
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{
  "format_version": 1,
  "id": "t",
  "title": "T",
  "sections": [
    {
      "number": "一",
      "title": "甲",
      "tasks": [
        { "number": 1, "text": "做一件事。", "agencies": [{ "name": "知识产权局", "role": "lead" }] },
        { "number": 2, "text": "做两件事。" }
      ]
    }
  ]
}
"#;

    fn error_of(text: &[u8]) -> String {
        match parse(text, &Origin::File("plans/x.json".into())) {
            Ok(_) => panic!("expected an error"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn a_good_plan_parses() {
        let plan = parse(GOOD.as_bytes(), &Origin::Embedded).expect("parses");
        assert_eq!(plan.task_count(), 2);
        assert_eq!(plan.sections[0].tasks[1].agencies, []);
    }

    #[test]
    fn bad_json_names_line_column_and_what_was_expected() {
        let broken = GOOD.replace("\"title\": \"T\",", "\"title\": \"T\"");
        assert_eq!(
            error_of(broken.as_bytes()),
            "plans/x.json:5:3: not valid JSON: expected `,` or `}`"
        );
    }

    #[test]
    fn wrong_types_say_what_was_expected() {
        let wrong = GOOD.replace("\"number\": 2,", "\"number\": \"2\",");
        assert_eq!(
            error_of(wrong.as_bytes()),
            "plans/x.json:11:23: not a valid plan of format version 1 or 2: invalid type: string \"2\", expected u32"
        );
    }

    #[test]
    fn unknown_fields_are_refused_with_their_place() {
        let typo = GOOD.replace("\"agencies\"", "\"agences\"");
        let message = error_of(typo.as_bytes());
        assert!(message.starts_with("plans/x.json:10:"), "{message}");
        assert!(message.contains("unknown field `agences`"), "{message}");
    }

    #[test]
    fn version_1_files_load_as_version_2() {
        let plan = parse(GOOD.as_bytes(), &Origin::File("plans/x.json".into()))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(plan.format_version, FORMAT_VERSION);
        assert!(
            plan.walk()
                .iter()
                .all(|(_, t)| t.extra().time_limit.is_none() && t.extra().lists.is_empty())
        );
    }

    #[test]
    fn another_format_version_is_refused_clearly() {
        let newer = GOOD.replace("\"format_version\": 1", "\"format_version\": 3");
        assert_eq!(
            error_of(newer.as_bytes()),
            "plans/x.json: plan format version 3 is not supported; this plantrack reads versions 1 and 2 (upgrade plantrack, or re-import the plan)"
        );
        // A newer file usually also has fields this version does not know.
        let newer = newer.replace("\"title\": \"T\",", "\"title\": \"T\", \"owner\": \"x\",");
        assert!(error_of(newer.as_bytes()).contains("plan format version 3 is not supported"));
    }

    #[test]
    fn duplicate_task_numbers_point_at_the_second() {
        let twice = GOOD.replace("\"number\": 2,", "\"number\": 1,");
        assert_eq!(
            error_of(twice.as_bytes()),
            "plans/x.json:11:11: task number 1 appears twice; each task needs its own number"
        );
    }

    #[test]
    fn invalid_utf8_and_empty_files_are_explained() {
        let mut bytes = b"{\n  \"id\": \"".to_vec();
        bytes.push(0xd6);
        assert_eq!(
            error_of(&bytes),
            "plans/x.json:2:10: not UTF-8 text (byte 0xd6); save the file as UTF-8"
        );
        assert_eq!(
            error_of(b"  \n"),
            "plans/x.json: the file is empty; expected a plan JSON object (see docs/plan-format.md)"
        );
        assert_eq!(
            error_of(b"{\"format_version\": 1"),
            "plans/x.json:1:20: not valid JSON: EOF while parsing an object"
        );
    }

    #[test]
    fn a_broken_file_does_not_stop_the_others_and_disk_replaces_builtin() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("a-broken.json"), "{").expect("write");
        std::fs::write(dir.path().join("b-good.json"), GOOD).expect("write");
        let builtin_id = parse(EMBEDDED_PLAN.as_bytes(), &Origin::Embedded)
            .expect("built-in plan parses")
            .id;
        let same_id = GOOD.replace("\"id\": \"t\"", &format!("\"id\": \"{builtin_id}\""));
        std::fs::write(dir.path().join("c-builtin.json"), same_id).expect("write");
        let loaded = load_all(&Sources {
            dirs: vec![dir.path().to_path_buf()],
            files: vec![],
            embedded: true,
            cache: None,
        });
        assert_eq!(loaded.errors.len(), 1);
        assert!(loaded.errors[0].to_string().contains("a-broken.json:1:1"));
        let ids: Vec<(&str, bool)> = loaded
            .plans
            .iter()
            .map(|(origin, p)| (p.id.as_str(), *origin == Origin::Embedded))
            .collect();
        assert_eq!(ids, [("t", false), (builtin_id.as_str(), false)]);
    }

    #[test]
    fn the_same_id_twice_on_disk_keeps_the_first_and_says_so() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("a.json"), GOOD).expect("write");
        std::fs::write(dir.path().join("b.json"), GOOD).expect("write");
        let loaded = load_all(&Sources {
            dirs: vec![dir.path().to_path_buf()],
            files: vec![],
            embedded: false,
            cache: None,
        });
        assert_eq!(loaded.plans.len(), 1);
        assert!(loaded.notices[0].contains("b.json: skipped, plan id \"t\" is already loaded"));
    }

    #[test]
    fn plan_ids_that_would_break_task_keys_are_refused_with_their_line() {
        for bad in ["", " x", "a b", "a:b", "x\u{1b}]0;t"] {
            let text = GOOD.replace(
                "\"id\": \"t\"",
                &format!("\"id\": {}", serde_json::json!(bad)),
            );
            let error = error_of(text.as_bytes());
            assert!(
                error.starts_with("plans/x.json:3:1: the plan id"),
                "{error}"
            );
        }
        for good in ["2020-ip-strategy", "gf_2018.39", "国办发2018"] {
            assert_eq!(check_plan_id(good), Ok(()));
        }
    }

    #[test]
    fn a_byte_order_mark_is_not_an_error() {
        let mut bytes = b"\xef\xbb\xbf".to_vec();
        bytes.extend_from_slice(GOOD.as_bytes());
        let plan = parse(&bytes, &Origin::Embedded).expect("parses");
        assert_eq!(plan.id, "t");
    }

    #[cfg(unix)]
    #[test]
    fn files_that_are_not_plan_files_are_skipped_or_refused_without_reading() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("a.json"), GOOD).expect("write");
        std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.json")).expect("symlink");
        std::fs::create_dir(dir.path().join("dir.json")).expect("mkdir");
        let fifo = dir.path().join("fifo.json");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
        let loaded = load_all(&Sources {
            dirs: vec![dir.path().to_path_buf()],
            files: vec![],
            embedded: false,
            cache: None,
        });
        assert_eq!(loaded.plans.len(), 1);
        let errors: Vec<String> = loaded.errors.iter().map(ToString::to_string).collect();
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(
            errors.iter().all(|e| e.contains("not a regular file")),
            "{errors:?}"
        );
        // Named on the command line, a FIFO is refused as well, not opened.
        assert!(matches!(load_file(&fifo), Err(LoadError::NotAFile { .. })));
        // A file over the limit (sparse: no disk is used) is refused unread.
        let big = dir.path().join("big.json");
        let file = std::fs::File::create(&big).expect("create");
        file.set_len(MAX_PLAN_BYTES + 1).expect("set_len");
        let error = load_file(&big).expect_err("too large").to_string();
        assert!(error.contains("larger than 1024 MiB"), "{error}");
    }
}
