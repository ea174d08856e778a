//! Version 1 of the state: one JSON file holding every task's history.
//! Only read now, to migrate it into the change log (see
//! `docs/state-format.md`, "Migrating from a version 1 file"); `to_json`
//! stays so that tests can write such files.

use super::StoreError;
use crate::model::TaskKey;
use crate::progress::{Change, ChangeKind, Progress, Status, TaskProgress};
use jiff::Timestamp;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::io::{self, Write};
use std::path::Path;

/// The version of the one-file format.
pub const STATE_FORMAT_VERSION: u32 = 1;

/// One history entry as version 1 wrote it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChangeIn {
    at: Timestamp,
    by: String,
    #[serde(flatten)]
    what: ChangeKind,
}

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
        progress.insert(
            key,
            TaskProgress::from_history(
                record
                    .history
                    .into_iter()
                    .map(|c| Change::new(c.at, c.by, c.what))
                    .collect(),
            ),
        );
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
    history: Vec<ChangeIn>,
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
#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> Timestamp {
        Timestamp::from_second(1_700_000_000 + seconds).expect("valid test time")
    }

    fn status(seconds: i64, by: &str, from: Status, to: Status) -> Change {
        Change::new(
            at(seconds),
            by,
            ChangeKind::Status {
                from,
                to,
                reason: String::new(),
            },
        )
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
        let precise = Change::new(
            Timestamp::new(1_700_000_000, 123_456_789).expect("valid"),
            "李明",
            ChangeKind::Note {
                from: String::new(),
                to: "等待财政部\n\"quoted\"".into(),
            },
        );
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
            text.starts_with("/s/state.json:3:13: the file is not UTF-8 text (byte 0xff)"),
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
}
