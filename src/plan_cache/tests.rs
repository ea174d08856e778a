use super::*;
use crate::plan_io::{self, load_file_cached};
use std::fs;

const PLAN: &str = r#"{
  "format_version": 2,
  "id": "t",
  "title": "T",
  "sections": [
    {
      "number": "一",
      "title": "甲",
      "tasks": [
        { "number": 1, "text": "做一件事。", "agencies": [{ "name": "知识产权局", "role": "lead" }] },
        { "number": 2, "text": "做两件事。", "time_limit": { "written": "持续推进" } }
      ]
    }
  ]
}
"#;

struct Setup {
    _dir: tempfile::TempDir,
    plan: PathBuf,
    cache: PathBuf,
}

fn setup(text: &str) -> Setup {
    let dir = tempfile::tempdir().expect("temp dir");
    let plan = dir.path().join("plan.json");
    fs::write(&plan, text).expect("write plan");
    let cache = dir.path().join("cache");
    Setup {
        plan,
        cache,
        _dir: dir,
    }
}

fn parsed(text: &str) -> Plan {
    plan_io::parse(text.as_bytes(), &plan_io::Origin::Embedded).expect("parses")
}

fn key_of(path: &Path) -> Key {
    let bytes = fs::read(path).expect("read plan");
    Key::of(&fs::metadata(path).expect("metadata"), &bytes)
}

/// The entry's bytes, as [`write`] writes them.
fn encode(plan: &Plan, key: &Key) -> Vec<u8> {
    let mut out = Vec::new();
    encode_into(plan, key, &mut out).expect("writes to memory");
    out
}

fn entry_of(s: &Setup) -> PathBuf {
    entry_path(&s.cache, &s.plan)
}

fn load(s: &Setup) -> Plan {
    load_file_cached(&s.plan, Some(&s.cache)).expect("loads")
}

#[test]
fn a_loaded_plan_is_cached_and_served_from_the_cache() {
    let s = setup(PLAN);
    assert_eq!(load(&s), parsed(PLAN));
    let cached = read(&entry_of(&s), &key_of(&s.plan)).expect("the cache was filled");
    assert_eq!(cached, parsed(PLAN));
    // The entry is what the second load returns: a plan planted under the
    // right key is served without the JSON being parsed again.
    let mut planted = parsed(PLAN);
    planted.title = "from the cache".into();
    write(&entry_of(&s), &planted, &key_of(&s.plan)).expect("write entry");
    assert_eq!(load(&s).title, "from the cache");
}

#[test]
fn a_cached_plan_brings_its_task_texts_in_the_buffer_the_catalog_keeps() {
    let s = setup(PLAN);
    load(&s);
    let cached = load(&s);
    let buffer = std::sync::Arc::clone(cached.sections[0].tasks[0].text.buffer());
    assert_eq!(buffer.as_str(), "做一件事。做两件事。");
    let catalog = crate::model::Catalog::new(vec![cached]);
    assert!(std::sync::Arc::ptr_eq(catalog.texts(), &buffer));
    assert_eq!(catalog.tasks[1].task.text, "做两件事。");
}

#[test]
fn a_cached_plan_shares_one_string_per_agency_name() {
    let text = PLAN.replace(
        r#""text": "做两件事。","#,
        r#""text": "做两件事。", "agencies": [{ "name": "教育部", "role": "lead" }, { "name": "知识产权局", "role": "participating" }],"#,
    );
    let s = setup(&text);
    assert_eq!(load(&s), parsed(&text));
    let cached = load(&s);
    assert_eq!(cached, parsed(&text));
    let tasks = &cached.sections[0].tasks;
    let ours = |task: usize, name: &str| {
        tasks[task]
            .agencies
            .iter()
            .find(|a| &*a.name == name)
            .map(|a| std::sync::Arc::clone(&a.name))
            .expect("named")
    };
    assert!(std::sync::Arc::ptr_eq(
        &ours(0, "知识产权局"),
        &ours(1, "知识产权局")
    ));
}

#[test]
fn other_content_of_the_same_size_and_time_is_never_served_from_the_cache() {
    let s = setup(PLAN);
    load(&s);
    let time = fs::metadata(&s.plan)
        .and_then(|m| m.modified())
        .expect("mtime");
    let changed = PLAN.replace("做两件事", "做三件事");
    assert_eq!(changed.len(), PLAN.len());
    fs::write(&s.plan, &changed).expect("rewrite");
    fs::File::options()
        .write(true)
        .open(&s.plan)
        .and_then(|f| f.set_modified(time))
        .expect("set mtime");
    let key = key_of(&s.plan);
    assert_eq!(key.size, PLAN.len() as u64);
    assert_eq!(load(&s), parsed(&changed));
    assert_eq!(read(&entry_of(&s), &key), Some(parsed(&changed)));
}

#[test]
fn a_changed_size_or_time_is_a_miss() {
    let s = setup(PLAN);
    load(&s);
    let key = key_of(&s.plan);
    let entry = entry_of(&s);
    assert!(read(&entry, &key).is_some());
    assert!(
        read(
            &entry,
            &Key {
                size: key.size + 1,
                ..key
            }
        )
        .is_none()
    );
    assert!(
        read(
            &entry,
            &Key {
                mtime_ns: key.mtime_ns + 1,
                ..key
            }
        )
        .is_none()
    );
    assert!(
        read(
            &entry,
            &Key {
                content: key.content ^ 1,
                ..key
            }
        )
        .is_none()
    );
}

#[test]
fn only_an_entry_of_the_files_size_and_time_is_worth_hashing_the_file_for() {
    let s = setup(PLAN);
    let entry = entry_of(&s);
    let meta = fs::metadata(&s.plan).expect("metadata");
    assert!(!may_hold(&entry, &meta), "no entry yet");
    load(&s);
    assert!(may_hold(&entry, &meta));
    // Same size, other content: worth hashing (and then not served).
    let other = PLAN.replacen("做一件事", "做三件事", 1);
    assert_eq!(other.len(), PLAN.len());
    fs::write(&s.plan, &other).expect("rewrite");
    let same_time = fs::File::options()
        .write(true)
        .open(&s.plan)
        .and_then(|f| f.set_modified(meta.modified().expect("mtime")));
    same_time.expect("set the old time");
    assert!(may_hold(&entry, &fs::metadata(&s.plan).expect("metadata")));
    assert_eq!(load(&s), parsed(&other));
    fs::write(&s.plan, format!("{PLAN}\n")).expect("grow");
    assert!(!may_hold(&entry, &fs::metadata(&s.plan).expect("metadata")));
}

/// Damages the entry with `damage`, then checks that the load still gives
/// the plan and leaves a whole entry behind.
fn rebuilt_after(damage: impl Fn(&mut Vec<u8>)) {
    let s = setup(PLAN);
    load(&s);
    let entry = entry_of(&s);
    let mut bytes = fs::read(&entry).expect("entry");
    damage(&mut bytes);
    fs::write(&entry, &bytes).expect("damage");
    assert!(read(&entry, &key_of(&s.plan)).is_none(), "damage detected");
    assert_eq!(load(&s), parsed(PLAN));
    assert_eq!(read(&entry, &key_of(&s.plan)), Some(parsed(PLAN)));
}

#[test]
fn a_corrupt_entry_is_rebuilt() {
    rebuilt_after(|bytes| {
        let last = bytes.len() - 3;
        bytes[last] ^= 0x55;
    });
}

#[test]
fn a_damaged_payload_behind_a_good_header_is_rebuilt_from_the_plan_file() {
    // The loader reads the entry while it hashes the plan file, and reads
    // the file again when the entry fails either check.
    let s = setup(PLAN);
    load(&s);
    let entry = entry_of(&s);
    let key = key_of(&s.plan);
    let keyed = |key: Key| {
        read_keyed(&entry, || Ok::<_, ()>(key))
            .expect("the key is given")
            .1
    };
    assert_eq!(keyed(key), Some(parsed(PLAN)));
    let mut other = key;
    other.content ^= 1;
    assert_eq!(keyed(other), None, "a header for other content");
    let mut bytes = fs::read(&entry).expect("entry");
    let last = bytes.len() - 1;
    bytes[last] ^= 0x55;
    fs::write(&entry, &bytes).expect("damage");
    assert_eq!(keyed(key), None, "a payload that fails its hash");
    assert_eq!(load(&s), parsed(PLAN));
    assert_eq!(read(&entry, &key), Some(parsed(PLAN)));
    assert_eq!(keyed(key), Some(parsed(PLAN)), "rebuilt");
    fs::write(&entry, &bytes[..HEADER_LEN - 1]).expect("truncate");
    assert_eq!(keyed(key), None, "no whole header");
    assert_eq!(
        read_keyed(&entry, || Err::<Key, _>("unreadable")),
        Err("unreadable"),
        "the plan file's error, whatever the entry"
    );
}

#[test]
fn a_truncated_entry_is_rebuilt() {
    rebuilt_after(|bytes| bytes.truncate(bytes.len() - 5));
    rebuilt_after(|bytes| bytes.truncate(HEADER_LEN - 1));
    rebuilt_after(Vec::clear);
}

#[test]
fn an_entry_of_another_model_version_is_rebuilt() {
    // The fingerprint follows the magic.
    rebuilt_after(|bytes| bytes[16] ^= 1);
}

#[test]
fn a_foreign_file_is_rebuilt() {
    rebuilt_after(|bytes| *bytes = b"{\"not\": \"a cache file\"}".to_vec());
}

#[test]
fn a_payload_that_does_not_decode_is_not_trusted_even_with_a_good_header() {
    let s = setup(PLAN);
    let key = key_of(&s.plan);
    let garbage = vec![0xff_u8; 40];
    let mut bytes = Vec::new();
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&model_fingerprint().to_le_bytes());
    bytes.extend_from_slice(&key.size.to_le_bytes());
    bytes.extend_from_slice(&key.mtime_ns.to_le_bytes());
    bytes.extend_from_slice(&key.content.to_le_bytes());
    bytes.extend_from_slice(&(garbage.len() as u64).to_le_bytes());
    bytes.extend_from_slice(&xxh3_128(&garbage).to_le_bytes());
    bytes.extend_from_slice(&garbage);
    assert!(decode(&bytes, &key).is_none());
}

#[test]
fn an_unwritable_cache_directory_only_costs_speed() {
    let s = setup(PLAN);
    // A file where the directory should be: creating it fails for every
    // user (a read-only mode would not stop root, who runs CI).
    fs::write(&s.cache, "in the way").expect("block");
    assert!(write(&entry_of(&s), &parsed(PLAN), &key_of(&s.plan)).is_err());
    assert_eq!(load(&s), parsed(PLAN));
    assert_eq!(load(&s), parsed(PLAN));
}

#[cfg(unix)]
#[test]
fn a_read_only_cache_directory_only_costs_speed() {
    use std::os::unix::fs::PermissionsExt;
    let s = setup(PLAN);
    fs::create_dir(&s.cache).expect("cache dir");
    fs::set_permissions(&s.cache, fs::Permissions::from_mode(0o555)).expect("chmod");
    assert_eq!(load(&s), parsed(PLAN));
    assert_eq!(load(&s), parsed(PLAN));
    fs::set_permissions(&s.cache, fs::Permissions::from_mode(0o755)).expect("chmod back");
}

#[test]
fn processes_filling_one_entry_at_once_leave_a_whole_entry() {
    let s = setup(PLAN);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..8).map(|_| scope.spawn(|| load(&s))).collect();
        for handle in handles {
            assert_eq!(handle.join().expect("thread"), parsed(PLAN));
        }
    });
    assert_eq!(read(&entry_of(&s), &key_of(&s.plan)), Some(parsed(PLAN)));
    // No temporary files left behind.
    let names: Vec<_> = fs::read_dir(&s.cache)
        .expect("cache dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

#[test]
fn two_plans_have_their_own_entries() {
    let s = setup(PLAN);
    let other = s.plan.with_file_name("other.json");
    let other_text = PLAN.replace("\"id\": \"t\"", "\"id\": \"u\"");
    fs::write(&other, &other_text).expect("write");
    assert_ne!(entry_path(&s.cache, &s.plan), entry_path(&s.cache, &other));
    load(&s);
    assert_eq!(
        load_file_cached(&other, Some(&s.cache)).expect("loads"),
        parsed(&other_text)
    );
    assert_eq!(load(&s), parsed(PLAN));
}

#[test]
fn a_broken_plan_is_reported_as_before_and_not_cached() {
    let s = setup("{ \"format_version\": 2, ");
    let error = load_file_cached(&s.plan, Some(&s.cache)).expect_err("broken");
    assert!(error.to_string().contains("plan.json:1:"), "{error}");
    assert!(!entry_of(&s).exists());
}

#[test]
fn nested_sections_and_every_field_survive_the_round_trip() {
    let shipped = parsed(plan_io::EMBEDDED_PLAN);
    let mut nested = parsed(PLAN);
    let inner = nested.sections[0].clone();
    let mut middle = inner.clone();
    middle.sections = vec![inner.clone(), inner.clone()];
    nested.sections[0].sections = vec![middle, inner];
    nested.preamble = vec!["前言".into()];
    nested.tasks = shipped.sections[0].tasks.clone();
    for plan in [shipped, nested] {
        let key = Key {
            size: 1,
            mtime_ns: 2,
            content: 3,
        };
        assert_eq!(decode(&encode(&plan, &key), &key), Some(plan));
    }
}

/// The plan `flat` and `texts` make, as the reader makes it.
fn plan_of(flat: Flat, texts: &Texts) -> Option<Plan> {
    flat.into_plan(texts.texts.clone(), &texts.responsibilities)
}

#[test]
fn section_counts_that_do_not_add_up_are_not_trusted() {
    let (mut flat, texts) = Flat::from_plan(&parsed(PLAN));
    flat.top_sections = 2;
    assert!(plan_of(flat, &texts).is_none());
    let (mut flat, texts) = Flat::from_plan(&parsed(PLAN));
    flat.top_sections = 0;
    assert!(plan_of(flat, &texts).is_none());
}

#[test]
fn texts_that_do_not_add_up_are_not_trusted() {
    let (flat, mut texts) = Flat::from_plan(&parsed(PLAN));
    texts.texts.pop();
    assert!(plan_of(flat, &texts).is_none(), "short");
    let (flat, mut texts) = Flat::from_plan(&parsed(PLAN));
    texts.texts.push('x');
    assert!(plan_of(flat, &texts).is_none(), "long");
    let mut responsible = parsed(PLAN);
    responsible.sections[0].tasks[0].responsibility = "（国家知识产权局负责）".into();
    let (flat, mut texts) = Flat::from_plan(&responsible);
    texts.responsibilities.pop();
    assert!(plan_of(flat, &texts).is_none(), "responsibilities short");
    let (flat, mut texts) = Flat::from_plan(&responsible);
    texts.responsibilities.push('x');
    assert!(plan_of(flat, &texts).is_none(), "responsibilities long");
    let (mut flat, texts) = Flat::from_plan(&parsed(PLAN));
    // One byte of the next text taken into this one: the lengths still
    // add up, but both split a Chinese character.
    flat.tasks[0].text_len += 1;
    flat.tasks[1].text_len -= 1;
    assert!(plan_of(flat, &texts).is_none(), "split character");
    let (mut flat, texts) = Flat::from_plan(&parsed(PLAN));
    flat.sections[0].tasks += 1;
    assert!(plan_of(flat, &texts).is_none(), "task counts");
    let (mut flat, texts) = Flat::from_plan(&parsed(PLAN));
    flat.loose_tasks = u32::MAX;
    assert!(plan_of(flat, &texts).is_none(), "a count past every task");
    let (flat, texts) = Flat::from_plan(&parsed(PLAN));
    assert!(plan_of(flat, &texts).is_some());
}

#[test]
fn a_text_read_in_pieces_comes_back_whole_and_hashed() {
    // Characters of one to four bytes, shifted so that the pieces end
    // inside characters of every length.
    for shift in 0..4 {
        let text = format!("{}{}", "x".repeat(shift), "a专é😀".repeat(PIECE / 4));
        let mut hash = xxhash_rust::xxh3::Xxh3::new();
        let read = read_text(&mut text.as_bytes(), text.len() as u64, &mut hash);
        assert_eq!(read.as_deref(), Some(text.as_str()), "shift {shift}");
        assert_eq!(hash.digest128(), xxh3_128(text.as_bytes()));
    }
    let text = "专".repeat(PIECE);
    let mut broken = text.clone().into_bytes();
    broken[PIECE + 7] = 0xFF;
    let mut hash = xxhash_rust::xxh3::Xxh3::new();
    assert_eq!(
        read_text(&mut &broken[..], broken.len() as u64, &mut hash),
        None
    );
    // Cut inside its last character, or shorter than it says.
    let cut = &text.as_bytes()[..text.len() - 1];
    assert_eq!(read_text(&mut &cut[..], cut.len() as u64, &mut hash), None);
    assert_eq!(
        read_text(&mut text.as_bytes(), text.len() as u64 + 1, &mut hash),
        None
    );
}
