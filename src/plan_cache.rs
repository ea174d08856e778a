//! The cache of parsed plans: a compact binary copy of each plan file that
//! loaded, kept in the user's cache directory, so that the next start need
//! not parse 60 MB of JSON again.
//!
//! The plan file stays the only source of truth. A cache file is used only
//! when its header names the plan file's exact size, modification time and
//! content hash, the build that wrote it has the same plan model, and its
//! payload's own checksum holds; anything else (stale, truncated, corrupt,
//! written by another version, not a cache file at all) is ignored and
//! rewritten from the JSON. Writing is best effort: a read-only or full
//! cache directory costs speed, never a plan. Files are written to a
//! temporary name and renamed into place, so two processes filling the same
//! entry at once leave one whole file, never a mix.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use xxhash_rust::xxh3::xxh3_128;

use bitcode::{Decode, Encode};

use crate::model::{AgencyRef, Plan, Role, Section, Task, TaskExtra, TaskText};
use std::collections::HashMap;
use std::sync::Arc;

/// A plan as cached: bitcode cannot encode recursive types, so the section
/// tree is stored flat, in pre-order, each section with its number of
/// sub-sections, and the tasks in one list, in document order, each
/// section with its number of tasks. The task texts and responsibilities
/// are not in it: they follow the encoded part, all the texts and then all
/// the responsibilities, so that the texts are read from the file straight
/// into the one buffer the catalog keeps them in (see [`TaskText`]).
/// bitcode's own check of its strings, with core's `from_utf8`, was a
/// fifth of the instructions of a one-shot search at 100k tasks; the
/// texts are checked once, as the buffer becomes a `String`, and the
/// responsibilities by simdutf8.
#[derive(Encode, Decode)]
struct Flat {
    format_version: u32,
    id: String,
    title: String,
    issuer: Option<String>,
    issued: Option<String>,
    document_number: Option<String>,
    addressees: Vec<String>,
    lead_rule: Option<String>,
    preamble: Vec<String>,
    /// Tasks outside any section: the first this many of `tasks`.
    loose_tasks: u32,
    tasks: Vec<CachedTask>,
    /// Every agency name the tasks use, once (see [`CachedAgency`]).
    agency_names: Vec<String>,
    /// The tasks' agencies, in task order, as many for each as it says:
    /// one vector, where one per task, decoded and then dropped between
    /// the tasks' own allocations, left the allocator holes to keep.
    agencies: Vec<CachedAgency>,
    top_sections: u32,
    sections: Vec<FlatSection>,
}

#[derive(Encode, Decode)]
struct FlatSection {
    number: String,
    title: String,
    paragraphs: Vec<String>,
    tasks: u32,
    children: u32,
}

/// A task without its two long strings, whose lengths say where they are in
/// the texts that follow the encoded part (text, then responsibility).
#[derive(Encode, Decode)]
struct CachedTask {
    number: u32,
    text_len: u32,
    responsibility_len: u32,
    /// How many of [`Flat::agencies`] are this task's.
    agencies: u32,
    per_remit: bool,
    lead_assumed: bool,
    extra: Option<Box<TaskExtra>>,
}

/// An agency of a task, by its place in [`Flat::agency_names`]: read
/// back, every task naming an agency shares one string of its name, where
/// a string per mention was 2.7 MB at 100k tasks (BENCHMARKS.md, Round 16).
#[derive(Encode, Decode)]
struct CachedAgency {
    name: u32,
    role: Role,
}

/// The agency names met while caching a plan, each given a place once.
#[derive(Default)]
struct NameTable {
    places: HashMap<Arc<str>, u32>,
    names: Vec<String>,
    /// Every task's agencies, by place, in task order.
    agencies: Vec<CachedAgency>,
}

impl NameTable {
    fn place(&mut self, name: &Arc<str>) -> u32 {
        if let Some(&place) = self.places.get(name) {
            return place;
        }
        let place = count(self.names.len());
        self.names.push(name.to_string());
        self.places.insert(Arc::clone(name), place);
        place
    }
}

/// The texts and the responsibilities of a plan's tasks, each kind side by
/// side in task order.
#[derive(Default)]
struct Texts {
    texts: String,
    responsibilities: String,
}

impl CachedTask {
    fn new(mut task: Task, texts: &mut Texts, names: &mut NameTable) -> CachedTask {
        texts.texts.push_str(&task.text);
        texts.responsibilities.push_str(&task.responsibility);
        for agency in &task.agencies {
            let name = names.place(&agency.name);
            names.agencies.push(CachedAgency {
                name,
                role: agency.role,
            });
        }
        CachedTask {
            number: task.number,
            text_len: count(task.text.len()),
            responsibility_len: count(task.responsibility.len()),
            extra: task.take_extra(),
            agencies: count(task.agencies.len()),
            per_remit: task.per_remit,
            lead_assumed: task.lead_assumed,
        }
    }

    /// `None` when the responsibilities run out or a length splits a
    /// character. The task holds no text until [`shared_texts`] gives it
    /// its own.
    fn into_task(
        self,
        responsibilities: &mut &str,
        (names, agencies): (&[Arc<str>], &mut std::slice::Iter<CachedAgency>),
    ) -> Option<Task> {
        let mut task = Task::new(self.number, TaskText::default(), &[]);
        task.responsibility = take(responsibilities, self.responsibility_len)?;
        let n = usize::try_from(self.agencies).ok()?;
        task.agencies = Vec::with_capacity(n);
        for agency in agencies.take(n) {
            task.agencies.push(AgencyRef {
                name: Arc::clone(names.get(usize::try_from(agency.name).ok()?)?),
                role: agency.role,
            });
        }
        if task.agencies.len() != n {
            return None;
        }
        task.per_remit = self.per_remit;
        task.lead_assumed = self.lead_assumed;
        task.put_extra(self.extra);
        Some(task)
    }
}

fn take(texts: &mut &str, len: u32) -> Option<String> {
    let len = usize::try_from(len).ok()?;
    let taken = texts.get(..len)?;
    *texts = texts.get(len..)?;
    Some(taken.to_owned())
}

/// Gives each task of `lists` (in order) its text, as a slice of `all`,
/// the texts side by side as the cache file holds them: the buffer the
/// catalog keeps them in (see [`TaskText`]), without a string per task
/// made and freed on the way, which the allocator would keep.
fn shared_texts(lists: &mut [Vec<Task>], all: String, ends: &[usize]) -> Option<()> {
    let all = Arc::new(all);
    let tasks = lists.iter_mut().flatten();
    let mut texts = TaskText::side_by_side(&all, ends);
    for task in tasks {
        task.text = texts.next()??;
    }
    Some(())
}

fn cache_tasks(
    tasks: Vec<Task>,
    out: &mut Vec<CachedTask>,
    texts: &mut Texts,
    names: &mut NameTable,
) -> u32 {
    let n = count(tasks.len());
    out.extend(tasks.into_iter().map(|t| CachedTask::new(t, texts, names)));
    n
}

/// The bytes of the texts and of the responsibilities of `tasks` and of
/// every task under `sections`, and how many tasks that is.
fn sizes(tasks: &[Task], sections: &[Section]) -> (usize, usize, usize) {
    let texts = tasks.iter().map(|t| t.text.len()).sum();
    let responsibilities = tasks.iter().map(|t| t.responsibility.len()).sum();
    sections
        .iter()
        .fold((texts, responsibilities, tasks.len()), |(t, r, n), s| {
            let (below_t, below_r, m) = sizes(&s.tasks, &s.sections);
            (t + below_t, r + below_r, n + m)
        })
}

/// Deeper than any plan JSON serde_json would read (its limit is 128).
const MAX_DEPTH: usize = 128;

impl Flat {
    /// The flat plan and the texts that go after it.
    fn from_plan(plan: &Plan) -> (Flat, Texts) {
        // Destructured without `..`: a new field in `Plan` fails to compile
        // here rather than silently missing from the cache.
        let Plan {
            format_version,
            id,
            title,
            issuer,
            issued,
            document_number,
            addressees,
            lead_rule,
            preamble,
            tasks,
            sections,
        } = plan.clone();
        // Sized once: grown by doubling, the texts were a 32 MB buffer
        // and the 16 MB it outgrew at once, at 100k tasks.
        let (text_bytes, responsibility_bytes, task_count) = sizes(&plan.tasks, &plan.sections);
        let mut texts = Texts {
            texts: String::with_capacity(text_bytes),
            responsibilities: String::with_capacity(responsibility_bytes),
        };
        let mut cached = Vec::with_capacity(task_count);
        let mut names = NameTable::default();
        let loose_tasks = cache_tasks(tasks, &mut cached, &mut texts, &mut names);
        let mut flat = Vec::new();
        flatten(sections, &mut flat, &mut cached, &mut texts, &mut names);
        let flat = Flat {
            format_version,
            id,
            title,
            issuer,
            issued,
            document_number,
            addressees,
            lead_rule,
            preamble,
            loose_tasks,
            tasks: cached,
            agency_names: names.names,
            agencies: names.agencies,
            top_sections: count(plan.sections.len()),
            sections: flat,
        };
        (flat, texts)
    }

    /// `None` when the sections or the texts do not add up (a damaged
    /// payload).
    fn into_plan(self, texts: String, mut responsibilities: &str) -> Option<Plan> {
        let counts: Vec<usize> = std::iter::once(self.loose_tasks)
            .chain(self.sections.iter().map(|s| s.tasks))
            .map(|n| usize::try_from(n).unwrap_or(usize::MAX))
            .collect();
        if counts.iter().try_fold(0usize, |sum, &n| sum.checked_add(n)) != Some(self.tasks.len()) {
            return None;
        }
        // Every task list is made before the first task's strings: the
        // lists are freed together once the catalog has taken their tasks,
        // and so leave one free block that what is built next reuses, not
        // a hole between every few texts that malloc keeps for the whole
        // session (Round 5's fragmentation).
        let mut lists: Vec<Vec<Task>> = counts.iter().map(|&n| Vec::with_capacity(n)).collect();
        let mut ends = Vec::with_capacity(self.tasks.len());
        let mut end = 0usize;
        let names: Vec<Arc<str>> = self.agency_names.into_iter().map(Arc::from).collect();
        let mut agencies = self.agencies.iter();
        let mut cached = self.tasks.into_iter();
        for (list, &n) in lists.iter_mut().zip(&counts) {
            for task in cached.by_ref().take(n) {
                end = end.checked_add(usize::try_from(task.text_len).ok()?)?;
                ends.push(end);
                list.push(task.into_task(&mut responsibilities, (&names, &mut agencies))?);
            }
        }
        if end != texts.len() || !responsibilities.is_empty() || agencies.next().is_some() {
            return None;
        }
        shared_texts(&mut lists, texts, &ends)?;
        let mut lists = lists.into_iter();
        let tasks = lists.next()?;
        let mut sections = self.sections.into_iter().zip(lists);
        let tree = unflatten(&mut sections, self.top_sections, 0)?;
        if sections.next().is_some() {
            return None;
        }
        Some(Plan {
            format_version: self.format_version,
            id: self.id,
            title: self.title,
            issuer: self.issuer,
            issued: self.issued,
            document_number: self.document_number,
            addressees: self.addressees,
            lead_rule: self.lead_rule,
            preamble: self.preamble,
            tasks,
            sections: tree,
        })
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn flatten(
    sections: Vec<Section>,
    out: &mut Vec<FlatSection>,
    tasks_out: &mut Vec<CachedTask>,
    texts: &mut Texts,
    names: &mut NameTable,
) {
    for section in sections {
        let Section {
            number,
            title,
            paragraphs,
            tasks,
            sections,
        } = section;
        out.push(FlatSection {
            number,
            title,
            paragraphs,
            tasks: cache_tasks(tasks, tasks_out, texts, names),
            children: count(sections.len()),
        });
        flatten(sections, out, tasks_out, texts, names);
    }
}

/// `None` when the counts do not add up (a damaged payload).
fn unflatten(
    flat: &mut impl Iterator<Item = (FlatSection, Vec<Task>)>,
    n: u32,
    depth: usize,
) -> Option<Vec<Section>> {
    if depth > MAX_DEPTH {
        return None;
    }
    let mut out = Vec::new();
    for _ in 0..n {
        let (s, tasks) = flat.next()?;
        let sections = unflatten(flat, s.children, depth + 1)?;
        out.push(Section {
            number: s.number,
            title: s.title,
            paragraphs: s.paragraphs,
            tasks,
            sections,
        });
    }
    Some(out)
}

/// The payload's layout, bumped whenever it changes (2: the texts after
/// the encoded part, one task list; 3: agency names once; 4: the texts,
/// then the responsibilities).
const LAYOUT: u32 = 4;

/// First bytes of every cache file: not a cache file of ours otherwise.
const MAGIC: &[u8; 16] = b"plantrack-cache\n";

/// Which model a payload was encoded from: the program version and the
/// model's source text, so that a build with another `Plan` (even one that
/// did not bump the version) never decodes a payload written by this one.
fn model_fingerprint() -> u128 {
    let mut text = format!("{} layout {LAYOUT}\n", env!("CARGO_PKG_VERSION"));
    text.push_str(include_str!("model/mod.rs"));
    xxh3_128(text.as_bytes())
}

/// The plan file as the cache key sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub size: u64,
    /// Nanoseconds since the epoch (0 where the system gives none).
    pub mtime_ns: u128,
    /// xxh3-128 of the file's bytes.
    pub content: u128,
}

impl Key {
    pub fn of(meta: &std::fs::Metadata, bytes: &[u8]) -> Key {
        Key {
            size: bytes.len() as u64,
            mtime_ns: mtime_ns(meta),
            content: xxh3_128(bytes),
        }
    }

    /// The key of what `reader` holds, hashed through a small buffer: the
    /// plan file need not be read into memory to learn that the cache
    /// holds it (at 100k tasks that was a fresh 62 MB buffer, whose page
    /// faults alone cost more than the hash). Reads at most `limit` bytes
    /// and one more, so that the caller can tell a file larger than that.
    pub fn read(
        meta: &std::fs::Metadata,
        reader: impl std::io::Read,
        limit: u64,
    ) -> std::io::Result<Key> {
        use std::io::Read;
        let mut reader = reader.take(limit.saturating_add(1));
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        let mut buffer = [0u8; 1 << 16];
        let mut size = 0u64;
        loop {
            let n = match reader.read(&mut buffer) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            hasher.update(&buffer[..n]);
            size += n as u64;
        }
        Ok(Key {
            size,
            mtime_ns: mtime_ns(meta),
            content: hasher.digest128(),
        })
    }
}

/// Nanoseconds since the epoch (0 where the system gives none).
fn mtime_ns(meta: &std::fs::Metadata) -> u128 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos())
}

/// Header: magic, model fingerprint, size, mtime, content hash, payload
/// length, payload hash.
const HEADER_LEN: usize = 16 + 16 + 8 + 16 + 16 + 8 + 16;

/// The standard cache directory (`~/.cache/plantrack/plans` on Linux).
pub fn default_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "plantrack").map(|d| d.cache_dir().join("plans"))
}

/// The cache file of a plan file: named by a hash of its absolute path, so
/// that two plans never share an entry and one plan always finds its own.
pub fn entry_path(dir: &Path, plan_path: &Path) -> PathBuf {
    let absolute = std::path::absolute(plan_path).unwrap_or_else(|_| plan_path.to_path_buf());
    let name = xxh3_128(absolute.as_os_str().as_encoded_bytes());
    dir.join(format!("{name:032x}.bin"))
}

/// The plan cached for `key`, if the entry is whole and was made from
/// exactly this file by this model; `None` for any doubt.
pub fn read(entry: &Path, key: &Key) -> Option<Plan> {
    let bytes = std::fs::read(entry).ok()?;
    decode(&bytes, key)
}

/// Whether the entry may hold the plan file of `meta` (its header names
/// this model and the file's size and modification time; the content is
/// not looked at): when not, the loader parses the file without first
/// hashing it on its own, since a miss reads it whole anyway.
pub fn may_hold(entry: &Path, meta: &std::fs::Metadata) -> bool {
    use std::io::Read;
    let mut header = [0; HEADER_LEN];
    let read = std::fs::File::open(entry).and_then(|mut f| f.read_exact(&mut header));
    let mut fields = Fields(&header);
    read.is_ok()
        && fields.take::<16>() == *MAGIC
        && fields.u128() == model_fingerprint()
        && fields.u64() == meta.len()
        && fields.u128() == mtime_ns(meta)
}

/// The payload hash the header records, when the rest of it matches this
/// model, `key` and a payload of `payload_len` bytes.
fn header_hash(header: &[u8], key: &Key, payload_len: u64) -> Option<u128> {
    let mut fields = Fields(header);
    let matches = fields.take::<16>() == *MAGIC
        && fields.u128() == model_fingerprint()
        && fields.u64() == key.size
        && fields.u128() == key.mtime_ns
        && fields.u128() == key.content
        && fields.u64() == payload_len;
    matches.then(|| fields.u128())
}

fn decode(bytes: &[u8], key: &Key) -> Option<Plan> {
    let (header, payload) = bytes.split_at_checked(HEADER_LEN)?;
    let recorded = header_hash(header, key, payload.len() as u64)?;
    read_payload(payload, payload.len() as u64, recorded)
}

/// [`read`] while the key is still being worked out: `key` hashes the
/// plan file on a second thread while this one reads the entry, checks it
/// against the payload hash its header records and decodes it (the two
/// were a third of loading 100k tasks, one after the other). The plan is
/// returned only when the header also promises it for the key; an entry
/// for other content is decoded for nothing (the header named the file's
/// size and time, see [`may_hold`], so that is rare) and never served.
/// The plan is decoded here, not on the other thread: memory a thread
/// allocates comes from its own arena, which the index built next on this
/// thread could not reuse (5 MB more at 100k tasks, and slower).
pub fn read_keyed<E: Send>(
    entry: &Path,
    key: impl Fn() -> Result<Key, E> + Sync,
) -> Result<(Key, Option<Plan>), E> {
    let read = || {
        use std::io::Read;
        let mut file = std::fs::File::open(entry).ok()?;
        let payload_len = file.metadata().ok()?.len().checked_sub(HEADER_LEN as u64)?;
        let mut header = [0; HEADER_LEN];
        file.read_exact(&mut header).ok()?;
        let recorded = u128::from_le_bytes(header.get(HEADER_LEN - 16..)?.try_into().ok()?);
        let plan = read_payload(std::io::BufReader::new(file), payload_len, recorded)?;
        Some((header, payload_len, plan))
    };
    std::thread::scope(|scope| {
        let hashing = std::thread::Builder::new()
            .name("plan hash".into())
            .spawn_scoped(scope, &key)
            .ok();
        let read = read();
        // Without a second thread (none could be made), one after the other.
        let key = match hashing.map(|handle| handle.join()) {
            Some(Ok(key)) => key?,
            Some(Err(panic)) => std::panic::resume_unwind(panic),
            None => key()?,
        };
        let plan = read.and_then(|(header, payload_len, plan)| {
            header_hash(&header, &key, payload_len).map(|_| plan)
        });
        Ok((key, plan))
    })
}

/// The plan in the `payload_len` bytes of payload `reader` gives, when
/// their hash is `recorded`. Read part by part: the texts straight into
/// the catalog's buffer (see [`Flat::into_plan`]), the rest into buffers
/// of their own size. Read whole into one buffer, the file was a 22 MB
/// block at 100k tasks, freed as the index was built, and the allocator
/// held on to it meanwhile: the interface's peak, 10 MB over what it
/// keeps.
fn read_payload(mut reader: impl std::io::Read, payload_len: u64, recorded: u128) -> Option<Plan> {
    let mut lengths = [0; 16];
    reader.read_exact(&mut lengths).ok()?;
    let [encoded_len, texts_len] = [&lengths[..8], &lengths[8..]]
        .map(|bytes| bytes.try_into().map(u64::from_le_bytes).unwrap_or(u64::MAX));
    let rest_len = payload_len
        .checked_sub(16)?
        .checked_sub(encoded_len)?
        .checked_sub(texts_len)?;
    let mut hash = xxhash_rust::xxh3::Xxh3::new();
    hash.update(&lengths);
    let encoded = read_exactly(&mut reader, encoded_len, &mut hash)?;
    let texts = read_text(&mut reader, texts_len, &mut hash)?;
    let responsibilities = read_exactly(&mut reader, rest_len, &mut hash)?;
    if hash.digest128() != recorded {
        return None;
    }
    let flat = bitcode::decode::<Flat>(&encoded).ok()?;
    drop(encoded);
    let responsibilities = simdutf8::basic::from_utf8(&responsibilities).ok()?;
    flat.into_plan(texts, responsibilities)
}

/// The next `len` bytes of `reader`, hashed; `None` when there are fewer.
/// The caller bounds `len` by the file's size.
fn read_exactly(
    reader: &mut impl std::io::Read,
    len: u64,
    hash: &mut xxhash_rust::xxh3::Xxh3,
) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    bytes.try_reserve_exact(usize::try_from(len).ok()?).ok()?;
    reader.take(len).read_to_end(&mut bytes).ok()?;
    hash.update(&bytes);
    (bytes.len() as u64 == len).then_some(bytes)
}

/// The next `len` bytes of `reader` as text, hashed; `None` when there are
/// fewer or they are not UTF-8. Read a piece at a time, each checked by
/// simdutf8 and appended to a string of the right size: made from one
/// buffer of them, the string was checked by core's `from_utf8`, 7 ms of a
/// 56 ms one-shot search at 100k tasks (perf).
/// Bytes of text read and checked at a time (see [`read_text`]).
const PIECE: usize = 1 << 18;

fn read_text(
    reader: &mut impl std::io::Read,
    len: u64,
    hash: &mut xxhash_rust::xxh3::Xxh3,
) -> Option<String> {
    let mut text = String::new();
    text.try_reserve_exact(usize::try_from(len).ok()?).ok()?;
    let mut piece = vec![0; PIECE];
    // The bytes of a character the last piece cut, carried to the next.
    let mut carried = 0;
    let mut left = len;
    while left > 0 {
        let n = usize::try_from(left)
            .unwrap_or(usize::MAX)
            .min(PIECE - carried);
        let filled = carried + n;
        reader.read_exact(&mut piece[carried..filled]).ok()?;
        hash.update(&piece[carried..filled]);
        left -= n as u64;
        // Up to the last character's start, unless nothing follows.
        let end = if left == 0 {
            filled
        } else {
            piece[..filled]
                .iter()
                .rposition(|&b| b & 0xC0 != 0x80)
                .filter(|&start| start > 0)?
        };
        text.push_str(simdutf8::basic::from_utf8(&piece[..end]).ok()?);
        piece.copy_within(end..filled, 0);
        carried = filled - end;
    }
    Some(text)
}

/// Reads the header's fixed-size fields in order.
struct Fields<'a>(&'a [u8]);

impl Fields<'_> {
    fn take<const N: usize>(&mut self) -> [u8; N] {
        let mut out = [0; N];
        if let Some((head, rest)) = self.0.split_at_checked(N) {
            out.copy_from_slice(head);
            self.0 = rest;
        }
        out
    }
    fn u64(&mut self) -> u64 {
        u64::from_le_bytes(self.take())
    }
    fn u128(&mut self) -> u128 {
        u128::from_le_bytes(self.take())
    }
}

/// The entry for `plan` under `key`, written piece by piece: the header,
/// then the payload (the encoded part's length, the encoded part, the
/// texts), hashed as it goes. Joined into a payload and then into the
/// entry, the texts were copied twice more: at 100k tasks the peak of a
/// first start was writing the cache, with 50 MB in those two copies
/// (BENCHMARKS.md, Round 16).
fn encode_into(plan: &Plan, key: &Key, out: &mut impl Write) -> std::io::Result<()> {
    let (flat, texts) = Flat::from_plan(plan);
    let encoded = bitcode::encode(&flat);
    drop(flat);
    let encoded_len = (encoded.len() as u64).to_le_bytes();
    let texts_len = (texts.texts.len() as u64).to_le_bytes();
    let payload: [&[u8]; 5] = [
        &encoded_len,
        &texts_len,
        &encoded,
        texts.texts.as_bytes(),
        texts.responsibilities.as_bytes(),
    ];
    let mut hash = xxhash_rust::xxh3::Xxh3::new();
    payload.iter().for_each(|piece| hash.update(piece));
    let payload_len: usize = payload.iter().map(|piece| piece.len()).sum();
    out.write_all(MAGIC)?;
    out.write_all(&model_fingerprint().to_le_bytes())?;
    out.write_all(&key.size.to_le_bytes())?;
    out.write_all(&key.mtime_ns.to_le_bytes())?;
    out.write_all(&key.content.to_le_bytes())?;
    out.write_all(&(payload_len as u64).to_le_bytes())?;
    out.write_all(&hash.digest128().to_le_bytes())?;
    for piece in payload {
        out.write_all(piece)?;
    }
    Ok(())
}

/// Stores `plan` as the entry for `key`. Errors are returned for tests and
/// ignored by the loader: the cache is never required.
pub fn write(entry: &Path, plan: &Plan, key: &Key) -> std::io::Result<()> {
    let dir = entry.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    // A temporary file in the same directory, renamed over the entry: a
    // reader sees the old file or the new one, never half of either.
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    {
        let mut out = std::io::BufWriter::new(temp.as_file_mut());
        encode_into(plan, key, &mut out)?;
        out.flush()?;
    }
    temp.persist(entry).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests;
