//! A snapshot of the fold: every change read from the logs so far, in a
//! compact binary form, with how much of each log it covers. Opening the
//! state then parses only what was appended since, instead of every JSON
//! line of the history.
//!
//! The logs stay the only source of truth; the snapshot is a cache of
//! them, beside them in the state directory as [`SNAPSHOT_FILE`] (ignored
//! by sync). It is trusted only when all of this holds: its magic and
//! format version are this build's, its checksum matches its payload, it
//! decodes, and every log it covers still exists and still starts with the
//! very bytes it covered (length and a 128-bit xxh3 of that prefix). A log
//! rewritten, cut, replaced or removed, a snapshot truncated, corrupt,
//! foreign or from another version: any of these and the snapshot is
//! ignored and the logs are folded in full, as without one. Logs it does
//! not cover (new writers, a sync) are read from their start.
//!
//! Written to a temporary name and renamed into place, so two processes
//! writing at once leave one whole file. Writing is best effort: a
//! read-only or full state directory costs speed, never a change.

use super::Tail;
use crate::model::TaskKey;
use crate::progress::{Change, ChangeKind};
use bitcode::{Decode, Encode};
use jiff::Timestamp;
use std::collections::BTreeMap;
use std::ffi::OsString;
use std::io::Write;
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::Path;
use xxhash_rust::xxh3::{Xxh3Default, xxh3_128};

/// The snapshot's name in the state directory.
pub const SNAPSHOT_FILE: &str = ".plantrack.fold";

/// The first bytes of every snapshot; the last byte is the format version.
const MAGIC: &[u8; 8] = b"PTFOLD\0\x01";

/// Above this many lines parsed from JSON at opening, a new snapshot is
/// written: a short history costs less to parse than to snapshot.
pub const WRITE_AFTER: usize = 2000;

#[derive(Encode, Decode)]
struct Body {
    logs: Vec<Covered>,
    /// Each distinct change kind once, as in the logs (JSON): a kind or
    /// field added later needs no new snapshot format, and one this build
    /// does not know fails to decode, which makes the snapshot ignored.
    /// Most changes are one of a few status moves, so each is parsed once.
    kinds: Vec<String>,
    changes: Vec<Stored>,
}

/// How much of one log the snapshot holds.
#[derive(Encode, Decode)]
struct Covered {
    name: Vec<u8>,
    offset: u64,
    lines: u64,
    hash: u128,
}

#[derive(Encode, Decode)]
struct Stored {
    plan: String,
    task: u32,
    id: String,
    at_second: i64,
    at_nanosecond: i32,
    seq: u32,
    by: String,
    agency: Option<String>,
    /// Position in [`Body::kinds`].
    what: u32,
    undoes: Option<String>,
}

/// A snapshot that checked out: where to go on reading each log, and the
/// changes read up to there.
pub struct Loaded {
    pub tails: BTreeMap<OsString, Tail>,
    pub changes: Vec<(TaskKey, Change)>,
}

/// Reads and checks the snapshot in `dir` against the logs there; `None`
/// when there is none or it cannot be trusted.
pub fn load(dir: &Path) -> Option<Loaded> {
    let bytes = std::fs::read(dir.join(SNAPSHOT_FILE)).ok()?;
    let body = decode(&bytes)?;
    let mut tails = BTreeMap::new();
    for covered in body.logs {
        let name = OsString::from_vec(covered.name);
        let path = dir.join(&name);
        let meta = std::fs::metadata(&path).ok()?;
        if !meta.is_file() || meta.len() < covered.offset {
            return None;
        }
        let offset = usize::try_from(covered.offset).ok()?;
        let mut file = std::fs::File::open(&path).ok()?;
        let mut prefix = Vec::with_capacity(offset);
        std::io::Read::read_to_end(
            &mut std::io::Read::take(&mut file, covered.offset),
            &mut prefix,
        )
        .ok()?;
        let mut hasher = Xxh3Default::new();
        hasher.update(&prefix);
        // A complete line ends the covered part; anything else is not
        // what was covered.
        if prefix.len() != offset
            || hasher.digest128() != covered.hash
            || prefix.last().is_some_and(|&b| b != b'\n')
        {
            return None;
        }
        let tail = Tail {
            offset: covered.offset,
            lines: usize::try_from(covered.lines).ok()?,
            identity: super::identity(&file.metadata().ok()?),
            last: prefix[offset.saturating_sub(super::CHECK)..].to_vec(),
            hasher,
        };
        tails.insert(name, tail);
    }
    let kinds = body
        .kinds
        .iter()
        .map(|json| serde_json::from_str::<ChangeKind>(json).ok())
        .collect::<Option<Vec<_>>>()?;
    let changes = body
        .changes
        .into_iter()
        .map(|s| {
            let what = kinds.get(usize::try_from(s.what).ok()?)?.clone();
            let at = Timestamp::new(s.at_second, s.at_nanosecond).ok()?;
            let change = Change {
                id: s.id,
                at,
                seq: s.seq,
                by: s.by,
                agency: s.agency,
                what,
                undoes: s.undoes,
            };
            Some((TaskKey::new(s.plan, s.task), change))
        })
        .collect::<Option<Vec<_>>>()?;
    Some(Loaded { tails, changes })
}

fn decode(bytes: &[u8]) -> Option<Body> {
    let rest = bytes.strip_prefix(MAGIC)?;
    let (sum, payload) = rest.split_at_checked(16)?;
    if u128::from_le_bytes(sum.try_into().ok()?) != xxh3_128(payload) {
        return None;
    }
    bitcode::decode(payload).ok()
}

/// The snapshot of `changes`, read from exactly the logs' parts in
/// `tails`.
fn encode<'a>(
    tails: &BTreeMap<OsString, Tail>,
    changes: impl Iterator<Item = (&'a TaskKey, &'a Change)>,
) -> Vec<u8> {
    let mut kinds: Vec<String> = Vec::new();
    let mut kind_ids: std::collections::HashMap<String, u32> = Default::default();
    let mut kind_of = |what: &ChangeKind| {
        let json = serde_json::to_string(what).unwrap_or_default();
        *kind_ids.entry(json).or_insert_with_key(|json| {
            kinds.push(json.clone());
            u32::try_from(kinds.len() - 1).unwrap_or(u32::MAX)
        })
    };
    let changes = changes
        .map(|(key, change)| Stored {
            plan: key.plan.clone(),
            task: key.number,
            id: change.id.clone(),
            at_second: change.at.as_second(),
            at_nanosecond: change.at.subsec_nanosecond(),
            seq: change.seq,
            by: change.by.clone(),
            agency: change.agency.clone(),
            what: kind_of(&change.what),
            undoes: change.undoes.clone(),
        })
        .collect();
    let body = Body {
        kinds,
        changes,
        logs: tails
            .iter()
            .filter(|(_, tail)| tail.offset > 0)
            .map(|(name, tail)| Covered {
                name: name.as_bytes().to_vec(),
                offset: tail.offset,
                lines: tail.lines as u64,
                hash: tail.hasher.digest128(),
            })
            .collect(),
    };
    let payload = bitcode::encode(&body);
    let mut bytes = Vec::with_capacity(MAGIC.len() + 16 + payload.len());
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&xxh3_128(&payload).to_le_bytes());
    bytes.extend_from_slice(&payload);
    bytes
}

/// Writes the snapshot of `changes` (the fold of exactly the parts of the
/// logs in `tails`) into `dir`; false when it could not be written.
pub fn write<'a>(
    dir: &Path,
    tails: &BTreeMap<OsString, Tail>,
    changes: impl Iterator<Item = (&'a TaskKey, &'a Change)>,
) -> bool {
    let bytes = encode(tails, changes);
    let temp = dir.join(format!(
        "{SNAPSHOT_FILE}.{}.{:08x}",
        std::process::id(),
        fastrand::u32(..)
    ));
    let written = std::fs::File::create(&temp)
        .and_then(|mut file| file.write_all(&bytes))
        .and_then(|()| std::fs::rename(&temp, dir.join(SNAPSHOT_FILE)));
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written.is_ok()
}

#[cfg(test)]
mod tests;
