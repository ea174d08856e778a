//! Matching ASCII letters against Chinese text by pinyin: `zlsc` (initials),
//! `zhuanlishencha` (full) and mixtures (`zhuanlsc`) all find 专利审查.
//!
//! The matched characters must be consecutive: a pinyin query scattered over
//! a whole task text would match almost everything.

use pinyin::ToPinyinMulti;

/// Per character, the set of initial letters of all its readings (bit 0 = a),
/// or the letter/digit itself for ASCII. Lets a search skip positions cheaply.
pub fn initial_masks(text: &str) -> Box<[u32]> {
    text.chars().map(initial_mask).collect()
}

pub(crate) fn letter_bit(letter: u8) -> u32 {
    if letter.is_ascii_lowercase() {
        1 << (letter - b'a')
    } else if letter.is_ascii_digit() {
        // Digits share the bits above the letters so that `2020` can match.
        1 << (26 + (letter - b'0') % 6)
    } else {
        0
    }
}

fn initial_mask(c: char) -> u32 {
    if c.is_ascii_alphanumeric() {
        return letter_bit(c.to_ascii_lowercase() as u8);
    }
    // The readings straight from the tables, as `text::readings` lists
    // them, without collecting them.
    c.to_pinyin_multi()
        .into_iter()
        .flatten()
        .filter_map(|r| r.plain().bytes().next())
        .fold(0, |mask, b| mask | letter_bit(b))
}

/// A text's pinyin masks (see [`initial_masks`]), one per character,
/// however they are kept: the index keeps its texts' as one byte each (see
/// [`Classed`]), a heading's or a name's are plain.
pub trait Masks: Copy {
    fn len(self) -> usize;
    /// The mask of character `i`, which must be below [`Masks::len`].
    fn at(self, i: usize) -> u32;

    fn is_empty(self) -> bool {
        self.len() == 0
    }

    fn get(self, i: usize) -> Option<u32> {
        (i < self.len()).then(|| self.at(i))
    }

    fn iter(self) -> impl Iterator<Item = u32> {
        (0..self.len()).map(move |i| self.at(i))
    }

    /// Whether some two (or three) characters side by side meet `letters`
    /// one by one, and if so where the block of 32 that holds the first
    /// such run starts; a block too early at worst, never one too late.
    /// Without an early exit inside a block, which lets the compiler
    /// vectorise the plain masks' scan (see [`pair_from`]).
    fn run_from(self, letters: &[u32], meets: &mut Meets) -> Option<usize>;

    /// The first character from `from` on whose mask meets `letters`.
    fn next_meeting(self, from: usize, letters: u32, meets: &mut Meets) -> Option<usize>;
}

impl Masks for &[u32] {
    fn len(self) -> usize {
        <[u32]>::len(self)
    }

    fn at(self, i: usize) -> u32 {
        self[i]
    }

    fn iter(self) -> impl Iterator<Item = u32> {
        <[u32]>::iter(self).copied()
    }

    fn next_meeting(self, from: usize, letters: u32, _: &mut Meets) -> Option<usize> {
        let found = self.get(from..)?.iter().position(|&m| m & letters != 0)?;
        Some(from + found)
    }

    fn run_from(self, letters: &[u32], _: &mut Meets) -> Option<usize> {
        match *letters {
            [a, b, c] => triple_from(self, [a, b, c]),
            [a, b] => pair_from(self, a, b),
            _ => Some(0),
        }
    }
}

/// The class that says "look the mask up by position" (see [`TextMasks`]).
pub(crate) const OVERFLOW: u8 = u8::MAX;

/// The masks of every text of an index, one byte a character: each byte a
/// class, the place of its mask in a table of the distinct masks met. A
/// plan's few thousand characters have a hundred or two distinct masks
/// (every character up to U+2FFFF has 621): four bytes a character were
/// the largest part of the index, 21.8 MB at 100k tasks. The masks past
/// the table's 255th are kept by position, in `overflow`, so that any plan
/// stays exact.
pub(crate) struct TextMasks {
    classes: Vec<u8>,
    table: Box<[u32; 256]>,
    /// Position in `classes` and mask, sorted by position, of each
    /// character of class [`OVERFLOW`].
    overflow: Vec<(u32, u32)>,
}

impl TextMasks {
    pub(crate) fn new(classes: Vec<u8>, table: &MaskClasses, overflow: Vec<(u32, u32)>) -> Self {
        let mut full = Box::new([0; 256]);
        for (slot, &mask) in full.iter_mut().zip(&table.masks) {
            *slot = mask;
        }
        Self {
            classes,
            table: full,
            overflow,
        }
    }

    /// The masks of characters `start..end`.
    pub(crate) fn view(&self, (start, end): (u32, u32)) -> Classed<'_> {
        let (start, end) = (start as usize, end as usize);
        Classed {
            classes: self.classes.get(start..end).unwrap_or_default(),
            table: &self.table,
            overflow: &self.overflow,
            offset: start,
        }
    }

    /// How many characters' masks are kept by position.
    #[cfg(test)]
    pub(crate) fn overflowed(&self) -> usize {
        self.overflow.len()
    }

    /// Every character's, in one view.
    pub(crate) fn all(&self) -> Classed<'_> {
        self.view((0, u32::try_from(self.classes.len()).unwrap_or(u32::MAX)))
    }
}

/// The masks themselves: which class each has depends on the order two
/// building threads met them in.
impl std::fmt::Debug for TextMasks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.all().iter()).finish()
    }
}

/// Some characters' masks in a [`TextMasks`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Classed<'m> {
    classes: &'m [u8],
    table: &'m [u32; 256],
    overflow: &'m [(u32, u32)],
    /// Where `classes` starts in the whole, for `overflow`.
    offset: usize,
}

impl Classed<'_> {
    #[cold]
    fn overflowed(self, i: usize) -> u32 {
        let position = u32::try_from(self.offset + i).unwrap_or(u32::MAX);
        self.overflow
            .binary_search_by_key(&position, |&(at, _)| at)
            .map_or(0, |found| self.overflow[found].1)
    }
}

impl Masks for Classed<'_> {
    fn len(self) -> usize {
        self.classes.len()
    }

    fn at(self, i: usize) -> u32 {
        let class = self.classes[i];
        if class == OVERFLOW {
            return self.overflowed(i);
        }
        self.table[usize::from(class)]
    }

    fn next_meeting(self, from: usize, letters: u32, meets: &mut Meets) -> Option<usize> {
        let at = meets.place(self.table, letters);
        let meets = &meets.sets[at].1;
        let mut next = from;
        loop {
            next += self
                .classes
                .get(next..)?
                .iter()
                .position(|&class| meets[usize::from(class)] != 0)?;
            if self.classes[next] != OVERFLOW || self.overflowed(next) & letters != 0 {
                return Some(next);
            }
            next += 1;
        }
    }

    /// A table a letter, of which classes meet it: a byte read and a byte
    /// looked up a character, where [`Classed::at`] would test the class
    /// and read a mask.
    fn run_from(self, letters: &[u32], meets: &mut Meets) -> Option<usize> {
        let classes = self.classes;
        match *letters {
            [a, b, c] => {
                let [a, b, c] = [a, b, c].map(|l| meets.place(self.table, l));
                let [a, b, c] = [a, b, c].map(|at| &meets.sets[at].1);
                first_block(classes.len().saturating_sub(2), |start, end| {
                    let runs = classes[start..end]
                        .iter()
                        .zip(&classes[start + 1..end + 1])
                        .zip(&classes[start + 2..end + 2]);
                    u32::from(runs.fold(0u8, |found, ((&x, &y), &z)| {
                        found | (a[usize::from(x)] & b[usize::from(y)] & c[usize::from(z)])
                    }))
                })
            }
            [a, b] => {
                let [a, b] = [a, b].map(|l| meets.place(self.table, l));
                let [a, b] = [a, b].map(|at| &meets.sets[at].1);
                first_block(classes.len().saturating_sub(1), |start, end| {
                    let pairs = classes[start..end].iter().zip(&classes[start + 1..end + 1]);
                    u32::from(pairs.fold(0u8, |found, (&x, &y)| {
                        found | (a[usize::from(x)] & b[usize::from(y)])
                    }))
                })
            }
            _ => Some(0),
        }
    }
}

/// Per set of letters met while matching one term, which classes of a
/// [`TextMasks`] table meet it (1) or not (0); [`OVERFLOW`] may.
#[derive(Debug, Default)]
pub struct Meets {
    /// The table the sets are for, by address: a scratch outlives no index,
    /// but one made for another would read wrong.
    table: usize,
    sets: Vec<(u32, Box<[u8; 256]>)>,
}

impl Meets {
    fn place(&mut self, table: &[u32; 256], letters: u32) -> usize {
        let address = std::ptr::from_ref(table) as usize;
        if self.table != address {
            self.table = address;
            self.sets.clear();
        }
        if let Some(at) = self.sets.iter().position(|&(l, _)| l == letters) {
            return at;
        }
        let mut meets = Box::new([0; 256]);
        for (slot, &mask) in meets.iter_mut().zip(table) {
            *slot = u8::from(mask & letters != 0);
        }
        meets[usize::from(OVERFLOW)] = 1;
        self.sets.push((letters, meets));
        self.sets.len() - 1
    }
}

/// The distinct masks met while building an index, in the order met (the
/// empty mask first), each one's place its class (see [`TextMasks`]).
#[derive(Debug)]
pub struct MaskClasses {
    masks: Vec<u32>,
}

impl Default for MaskClasses {
    fn default() -> Self {
        Self { masks: vec![0] }
    }
}

impl MaskClasses {
    fn class_of(&mut self, mask: u32) -> u8 {
        if let Some(class) = self.masks.iter().position(|&m| m == mask) {
            return u8::try_from(class).unwrap_or(OVERFLOW);
        }
        if self.masks.len() >= usize::from(OVERFLOW) {
            return OVERFLOW;
        }
        self.masks.push(mask);
        u8::try_from(self.masks.len() - 1).unwrap_or(OVERFLOW)
    }
}

/// Masks computed so far, by code point below U+10000. A plan repeats a few
/// thousand distinct characters; looking each one up in the pinyin tables
/// again was 40 % of loading 100k tasks.
pub struct MaskCache {
    by_code_point: Vec<u32>,
    /// Each cached mask's class, once asked for (see [`MaskCache::classed`]).
    classes: Vec<u8>,
    /// Characters above U+FFFF met with a reading, and their masks (not
    /// cached: rare).
    wide: Vec<(char, u32)>,
}

/// No character's initials set every bit.
const NOT_YET: u32 = u32::MAX;
/// A character not yet classed. Also the class of the 255th distinct mask
/// met, whose characters then ask the shared table every time: right,
/// and rare.
const CLASS_NOT_YET: u8 = OVERFLOW - 1;

impl Default for MaskCache {
    fn default() -> Self {
        Self {
            by_code_point: vec![NOT_YET; 0x1_0000],
            classes: vec![CLASS_NOT_YET; 0x1_0000],
            wide: Vec::new(),
        }
    }
}

impl MaskCache {
    pub fn mask(&mut self, c: char) -> u32 {
        match self.by_code_point.get_mut(c as usize) {
            Some(slot) => {
                if *slot == NOT_YET {
                    *slot = initial_mask(c);
                }
                *slot
            }
            None => {
                let mask = initial_mask(c);
                if mask != 0 && !self.wide.contains(&(c, mask)) {
                    self.wide.push((c, mask));
                }
                mask
            }
        }
    }

    /// `c`'s mask and its class in `shared`, which the building threads
    /// share: locked only the first time this thread meets a character.
    pub fn classed(&mut self, c: char, shared: &std::sync::Mutex<MaskClasses>) -> (u32, u8) {
        let mask = self.mask(c);
        let class_of = |mask| {
            shared
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .class_of(mask)
        };
        match self.classes.get_mut(c as usize) {
            Some(slot) => {
                if *slot == CLASS_NOT_YET {
                    *slot = class_of(mask);
                }
                (mask, *slot)
            }
            None => (mask, class_of(mask)),
        }
    }

    /// Every character met so far that has a reading (not an ASCII letter
    /// or digit), with its mask, in no particular order.
    pub fn read(&self) -> impl Iterator<Item = (char, u32)> + '_ {
        let cached = self
            .by_code_point
            .iter()
            .enumerate()
            .filter(|&(_, &mask)| mask != NOT_YET && mask != 0)
            .filter_map(|(code_point, &mask)| {
                Some((char::from_u32(u32::try_from(code_point).ok()?)?, mask))
            });
        cached
            .chain(self.wide.iter().copied())
            .filter(|(c, _)| !c.is_ascii())
    }
}

/// The characters among `vocabulary` (with their masks) one reading of
/// which starts with all of `query`, when a match of a single character is
/// possible (see [`find_with`]) and they are few enough to look for
/// together ([`Spellers`]); else None.
pub fn whole_spellers(vocabulary: &[(char, u32)], query: &str) -> Option<Vec<char>> {
    const MOST: usize = 32;
    let bytes = query.as_bytes();
    if bytes.len() < 2 || fewest_chars(bytes) != 1 {
        return None;
    }
    let first = letter_bit(bytes[0]);
    let mut found = Vec::new();
    for &(c, mask) in vocabulary {
        if mask & first != 0 && spelled_by(c, bytes) == bytes.len() {
            found.push(c);
            if found.len() > MOST {
                return None;
            }
        }
    }
    Some(found)
}

/// Characters that spell a whole term alone, found together in one pass
/// over a text (Teddy, SIMD): looking for each with a substring search of
/// its own read the text once per character, a sixth of `sa`'s keystroke
/// on a plan of long texts (三 散 赛 思). The crate's general searcher cost
/// more per text than it saved on these short texts; its packed one is
/// made for a few short needles.
#[derive(Debug)]
pub struct Spellers(aho_corasick::packed::Searcher);

impl Spellers {
    /// None when the searcher cannot be built (then each text is tried
    /// start by start, as for a term without few spellers).
    pub fn of(spellers: &[char]) -> Option<Self> {
        let encoded: Vec<String> = spellers.iter().map(char::to_string).collect();
        aho_corasick::packed::Config::new()
            .match_kind(aho_corasick::packed::MatchKind::LeftmostFirst)
            .builder()
            .extend(&encoded)
            .build()
            .map(Self)
    }

    /// The byte offset of the earliest of them in `text`.
    fn earliest(&self, text: &str) -> Option<usize> {
        self.0.find(text).map(|found| found.start())
    }
}

/// Buffers one searching thread reuses from task to task: matching
/// allocated a character vector, a set and a stack per task before, which
/// was a quarter of a keystroke at 100k tasks.
#[derive(Debug, Default)]
pub struct Scratch {
    /// The characters a match starting here could use (at most one per letter).
    window: Vec<char>,
    /// Dead ends, indexed by (character offset, query offset).
    dead: Vec<bool>,
    stack: Vec<(usize, usize)>,
    spelled: Spelled,
    meets: Meets,
}

/// How many letters at the start of a query, and of each of its ends, one
/// reading of a character spells, remembered per character: a plan has a
/// few thousand distinct characters, and looking their readings up in the
/// pinyin tables at every step of a match was a quarter of `zhuanl`'s
/// keystroke (callgrind).
#[derive(Debug, Default)]
struct Spelled {
    /// The query whose ends `by_offset` is for.
    query: Vec<u8>,
    /// Per offset into `query`, the table of `query[offset..]` once used.
    by_offset: Vec<Option<usize>>,
    /// Per query end: per character below U+10000, the letters spelled,
    /// or `UNKNOWN`.
    tables: Vec<(Vec<u8>, Vec<u8>)>,
}

const UNKNOWN: u8 = u8::MAX;

impl Spelled {
    /// For the letters of `query` from here on (see [`Spelled::at`]).
    fn prepare(&mut self, query: &[u8]) {
        if self.query != query {
            self.query = query.to_vec();
            self.by_offset = vec![None; query.len()];
        }
    }

    /// The most letters of the prepared query from `offset` on one reading
    /// of `c` spells (a letter or digit spells itself).
    fn at(&mut self, offset: usize, c: char) -> usize {
        let Some(rest) = self.query.get(offset..) else {
            return 0;
        };
        let table = match self.by_offset.get(offset).copied().flatten() {
            Some(table) => table,
            None => {
                let table = match self.tables.iter().position(|(q, _)| q == rest) {
                    Some(table) => table,
                    None => {
                        self.tables.push((rest.to_vec(), vec![UNKNOWN; 0x1_0000]));
                        self.tables.len() - 1
                    }
                };
                if let Some(slot) = self.by_offset.get_mut(offset) {
                    *slot = Some(table);
                }
                table
            }
        };
        let Some(slot) = self.tables[table].1.get_mut(c as usize) else {
            return spelled_by(c, rest);
        };
        if *slot == UNKNOWN {
            *slot = u8::try_from(spelled_by(c, rest)).unwrap_or(UNKNOWN - 1);
        }
        usize::from(*slot)
    }
}

fn spelled_by(c: char, query: &[u8]) -> usize {
    if c.is_ascii_alphanumeric() {
        return usize::from(query.first() == Some(&(c.to_ascii_lowercase() as u8)));
    }
    c.to_pinyin_multi()
        .into_iter()
        .flatten()
        .map(|r| {
            let reading = r.plain().as_bytes();
            reading
                .iter()
                .zip(query)
                .take_while(|(a, b)| a == b)
                .count()
        })
        .max()
        .unwrap_or(0)
}

/// The best pinyin match of `query` in `text`: score and character positions.
/// `masks` must be `initial_masks(text)`.
pub fn find(text: &str, masks: impl Masks, query: &str) -> Option<(i64, Vec<usize>)> {
    find_with(
        &mut Scratch::default(),
        || text,
        masks,
        query,
        None,
        (u32::MAX, true),
        0,
    )
    .map(|found| {
        (
            found.score,
            (found.start..found.start + found.chars).collect(),
        )
    })
}

/// A pinyin match found by [`find_with`]: the best one's score, first
/// character and character count, and where the text's earliest match
/// starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub score: i64,
    pub start: usize,
    pub chars: usize,
    /// No match of a longer term this one begins starts earlier: the
    /// characters that spell it spell this one too (the one that spells
    /// the last letters spelling fewer of them), from the same place.
    pub earliest: usize,
}

/// [`find`] without allocating. `whole`, when given, finds every character that could spell all of
/// `query` alone ([`whole_spellers`]' characters). `initials` holds every
/// letter a reading of one of the text's characters starts with (its masks
/// OR-ed together), or more (`u32::MAX` when not known), and whether a
/// character read with the first letter may stand right before one read
/// with a later letter (true when not known; see `required_pairs`).
/// `text` is asked for only where the masks leave a match open and
/// initials alone cannot tell it (see `score_field`). No match starts
/// before the character `not_before` (a shorter term this one begins
/// matched first there: see [`Found::earliest`]).
pub fn find_with<'t>(
    scratch: &mut Scratch,
    text: impl Fn() -> &'t str,
    masks: impl Masks,
    query: &str,
    whole: Option<&Spellers>,
    (initials, first_later): (u32, bool),
    not_before: usize,
) -> Option<Found> {
    let found = |score, start, chars| Found {
        score,
        start,
        chars,
        earliest: start,
    };
    let query = query.as_bytes();
    let first = letter_bit(*query.first()?);
    // Every character after the first starts its chunk of letters with one
    // of the later query letters: a character whose initials include none
    // of them ends every run that reaches it.
    let later = later_letters(query);
    let fewest = fewest_chars(query);
    // Most texts hold no start that the next character can go on from
    // (see below): tell them in one branch-free pass over the masks
    // before trying start by start. Half of `zl`'s candidates end here.
    // When every letter starts a character (`zls`), the first three must
    // start three characters side by side, told in one pass: most texts
    // with a z then an l (专利) hold no z, l, s in a row, and checking pair
    // by pair read their masks twice before trying start by start.
    // A match of two characters or more starts at a pair, not before the
    // block of masks that holds the first: the starts are tried from there.
    let initials_only = fewest == query.len() && query.iter().all(u8::is_ascii_lowercase);
    let meets = &mut scratch.meets;
    let side_by_side =
        |a: u8, b: u8, meets: &mut Meets| masks.run_from(&[letter_bit(a), letter_bit(b)], meets);
    let mut from = 0;
    if initials_only && query.len() > 2 {
        from = masks.run_from(&[query[0], query[1], query[2]].map(letter_bit), meets)?;
    } else if initials_only && query.len() > 1 {
        from = side_by_side(query[0], query[1], meets)?;
    } else if fewest > 1 {
        from = masks.run_from(&[first, later], meets)?;
    }
    from = from.max(not_before);
    // Two letters side by side that each start a character in every match
    // (`mr` in `samr`): the character of the first spells that letter
    // alone, and the next one starts with the other.
    let starts_every = |i: usize| i == 0 || !continues(query[i - 1], query[i]);
    let first_checked = if initials_only { 3 } else { 1 };
    for i in first_checked..query.len() {
        if starts_every(i - 1)
            && starts_every(i)
            && side_by_side(query[i - 1], query[i], meets).is_none()
        {
            return None;
        }
    }
    // A query one character can spell (`sa`: 三) and no start the next
    // character goes on from: only such a character matches, and the
    // earliest is the best. Found by its bytes, instead of reading the
    // character at every start (every character read with s).
    // No character's reading starts with a later letter (no 安 or 案 for
    // `sa`, in most texts): no pair, told without reading the masks.
    if fewest == 1
        && query.len() > 1
        && let Some(whole) = whole
        && (initials & later == 0
            || !first_later
            || masks
                .run_from(&[first, later], &mut scratch.meets)
                .is_none())
    {
        let text = text();
        let at = whole.earliest(text)?;
        let start = text.get(..at)?.chars().count();
        return Some(found(score(start, 1, query.len()), start, 1));
    }
    if initials_only {
        // Every letter starts a character (`zl`, `zlsc`): a reading of
        // each character starts with its letter, which is what the masks
        // say exactly, so no text is decoded. The earliest start is the
        // best, as every match has as many characters.
        let starts = masks.len().checked_add(1)?.checked_sub(query.len())?;
        let start = (from..starts).find(|&start| {
            masks.at(start) & first != 0
                && (start + 1..start + query.len())
                    .zip(&query[1..])
                    .all(|(i, &letter)| masks.at(i) & letter_bit(letter) != 0)
        })?;
        return Some(found(
            score(start, query.len(), query.len()),
            start,
            query.len(),
        ));
    }
    // Where the earliest character that spells the whole query alone
    // lies, when such characters are few enough to be looked for: no later
    // start beats a match there, and an earlier one needs two characters
    // or more, so its next character must start with a later letter. Most
    // starts of `zhuan` (在, 中, 主 …) are then told by the masks alone.
    let mut whole_at = None;
    let mut fewest_here = fewest;
    if fewest == 1
        && query.len() > 1
        && let Some(whole) = whole
    {
        let text = text();
        whole_at = whole
            .earliest(text)
            .and_then(|at| Some(text.get(..at)?.chars().count()));
        fewest_here = 2;
    }
    scratch.spelled.prepare(query);
    let mut best: Option<(i64, usize, usize)> = None;
    // The first match the walk meets, whatever its score.
    let mut earliest = None;
    // Starts are found in the masks alone; the text is decoded only where
    // a start survives them. Decoding every character of every text to
    // walk it alongside its masks was half of a pinyin keystroke.
    let mut read: Option<&str> = None;
    let (mut at_char, mut at_byte) = (0, 0);
    let mut next = from;
    while let Some(start) = masks.next_meeting(next, first, &mut scratch.meets) {
        next = start + 1;
        // A later start cannot score more than a match of the fewest
        // characters there: one at the whole speller found above, else
        // `fewest_here`. Once the best so far reaches that, only ties
        // remain, and the earliest of tied matches is kept anyway. Ends a
        // one-letter query at its first match, and `zhuanl` (two at least)
        // at its first 专利, instead of trying every position to the end
        // of the text.
        let fewest_later = if whole_at.is_some_and(|at| at >= start) {
            1
        } else {
            fewest_here
        };
        if best.is_some_and(|(s, ..)| s >= score(start, fewest_later, query.len())) {
            break;
        }
        if whole_at == Some(start) {
            earliest = earliest.or(Some(start));
            let score = score(start, 1, query.len());
            if best.is_none_or(|(s, ..)| score > s) {
                best = Some((score, start, 1));
            }
            break;
        }
        // One letter: the mask says a reading of this character starts
        // with it (digits share mask bits, so they are checked below). A
        // letter's bit is set by no digit.
        if query.len() == 1 && query[0].is_ascii_lowercase() {
            return Some(found(score(start, 1, 1), start, 1));
        }
        // Most starts end here: the next character cannot go on.
        if fewest_here > 1 && masks.get(start + 1).is_none_or(|m| m & later == 0) {
            continue;
        }
        let usable = 1
            + (start + 1..masks.len())
                .take(query.len() - 1)
                .take_while(|&i| masks.at(i) & later != 0)
                .count();
        if usable < fewest_here {
            continue;
        }
        let text = *read.get_or_insert_with(&text);
        at_byte = skip_chars(text.as_bytes(), at_byte, start - at_char);
        at_char = start;
        // Masks of another text would be a bug; no match rather than a panic.
        let Some(rest) = text.get(at_byte..) else {
            break;
        };
        if query.len() == 1 {
            // A digit: its bit is shared with others (see `letter_bit`).
            if rest.starts_with(char::from(query[0])) {
                return Some(found(score(start, 1, 1), start, 1));
            }
            continue;
        }
        // What the first character can spell decides most starts: 是 (shi)
        // spells one letter of `sa`, and then the next character must
        // start with `a`. Remembered per character, as the readings are
        // slow to look up and a plan has few distinct characters.
        if let Some(c) = rest.chars().next() {
            let spelled = scratch.spelled.at(0, c);
            let goes_on = |k: usize| {
                k == query.len()
                    || masks
                        .get(start + 1)
                        .is_some_and(|m| m & letter_bit(query[k]) != 0)
            };
            if !(1..=spelled).any(goes_on) {
                continue;
            }
        }
        scratch.window.clear();
        scratch.window.extend(rest.chars().take(usable));
        if let Some(length) = match_from(scratch, query) {
            earliest = earliest.or(Some(start));
            let score = score(start, length, query.len());
            if best.is_none_or(|(s, ..)| score > s) {
                best = Some((score, start, length));
            }
            if start == 0 {
                break; // cannot be beaten: earliest start and fewest characters tried first
            }
        }
    }
    best.map(|(score, start, chars)| Found {
        earliest: earliest.unwrap_or(start),
        ..found(score, start, chars)
    })
}

/// Whether some character's mask meets `first` and the next one's
/// `next`, and if so where the block of masks that holds the first such
/// pair starts. In blocks without an early exit inside, so that the
/// compiler vectorises them.
fn pair_from(masks: &[u32], first: u32, next: u32) -> Option<usize> {
    let pairs = masks.len().saturating_sub(1);
    first_block(pairs, |start, end| {
        let (heads, tails) = (&masks[start..end], &masks[start + 1..end + 1]);
        heads.iter().zip(tails).fold(0u32, |found, (&m, &n)| {
            found | (u32::from(m & first != 0) & u32::from(n & next != 0))
        })
    })
}

/// As [`pair_from`], for three characters side by side meeting `letters`
/// one by one: one pass instead of one per pair (a text with 专利 and 利税
/// has two pairs of `zls` but no run).
fn triple_from(masks: &[u32], [a, b, c]: [u32; 3]) -> Option<usize> {
    let triples = masks.len().saturating_sub(2);
    first_block(triples, |start, end| {
        let (heads, middles, tails) = (
            &masks[start..end],
            &masks[start + 1..end + 1],
            &masks[start + 2..end + 2],
        );
        heads
            .iter()
            .zip(middles)
            .zip(tails)
            .fold(0u32, |found, ((&l, &m), &n)| {
                found | (u32::from(l & a != 0) & u32::from(m & b != 0) & u32::from(n & c != 0))
            })
    })
}

/// The start of the first block of 32 of `0..len` where `found` (given
/// the block's bounds) is not 0.
fn first_block(len: usize, found: impl Fn(usize, usize) -> u32) -> Option<usize> {
    const BLOCK: usize = 32;
    let mut start = 0;
    while start < len {
        let end = (start + BLOCK).min(len);
        if found(start, end) != 0 {
            return Some(start);
        }
        start = end;
    }
    None
}

/// The byte offset `count` characters after the character at `byte`: the
/// `count`-th character start after it (any byte but a continuation byte,
/// `0b10xx_xxxx`), counted eight bytes at a time. One byte at a time it was
/// a quarter of `zhuanl`'s keystroke (callgrind): the walk of a text that
/// holds no match goes to its end. Past the end when there are not that
/// many.
fn skip_chars(bytes: &[u8], byte: usize, count: usize) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let is_start = |b: u8| b & 0xC0 != 0x80;
    let mut left = count;
    let mut at = byte + 1;
    while left > 0 {
        let Some(chunk) = bytes.get(at..at + 8) else {
            break;
        };
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_le_bytes(word);
        let continuations = (word & !(word << 1) & HIGH).count_ones() as usize;
        let starts = 8 - continuations;
        if starts >= left {
            break;
        }
        left -= starts;
        at += 8;
    }
    if left == 0 {
        return byte;
    }
    for (offset, &b) in bytes.iter().enumerate().skip(at) {
        if is_start(b) {
            left -= 1;
            if left == 0 {
                return offset;
            }
        }
    }
    bytes.len() + 1
}

/// For each letter, the letters that follow it inside some reading (bit 0 =
/// a): `h` after `z` (zhi), never `l` after `z`. Derived from the pinyin
/// tables; a test derives it again and compares.
const FOLLOWS: [u32; 26] = [
    0b00000000000110000100000000, // a
    0b00000100000100000100010001, // b
    0b00000100000100000110010001, // c
    0b00000100000100000100010001, // d
    0b00000000100010000100000000, // e
    0b00000100000100000100010001, // f
    0b00000100000100000000010001, // g
    0b00000100000111000100010001, // h
    0b00000100000110000000010001, // i
    0b00000100000000000100000000, // j
    0b00000100000100000000010001, // k
    0b00000100000100000100010001, // l
    0b00000100000100000100010001, // m
    0b00000100000100000101010001, // n
    0b00000100000010000000000000, // o
    0b00000100000100000100010001, // p
    0b00000100000000000100000000, // q
    0b00000100000100000100010001, // r
    0b00000100000100000110010001, // s
    0b00000100000100000100010001, // t
    0b00000000000110000100010001, // u
    0b00000000000000000000000000, // v
    0b00000100000100000000010001, // w
    0b00000100000000000100000000, // x
    0b00000100000100000100010001, // y
    0b00000100000100000110010001, // z
];

/// The fewest characters that can spell `query`: a letter that never
/// follows the previous one inside a reading starts a new character. `zl`
/// needs two, so a start whose next character cannot start an `l` is not
/// tried at all; most starts of a pinyin query end there.
fn fewest_chars(query: &[u8]) -> usize {
    1 + query.windows(2).filter(|w| !continues(w[0], w[1])).count()
}

fn continues(a: u8, b: u8) -> bool {
    a.is_ascii_lowercase()
        && b.is_ascii_lowercase()
        && FOLLOWS[usize::from(a - b'a')] & (1 << (b - b'a')) != 0
}

/// The pairs of characters that stand side by side in every match of
/// `query`: each as the first one's letter and the letters (as
/// [`letter_bit`]s) the second one may start with. Two letters that each
/// start a character (`zl`, `mr` in `samr`); and with two characters or
/// more, the first letter and any later one.
pub(crate) fn required_pairs(query: &str) -> Vec<(u8, u32)> {
    let query = query.as_bytes();
    let starts_every = |i: usize| i == 0 || !continues(query[i - 1], query[i]);
    let mut pairs: Vec<(u8, u32)> = (1..query.len())
        .filter(|&i| starts_every(i - 1) && starts_every(i))
        .map(|i| (query[i - 1], letter_bit(query[i])))
        .collect();
    if fewest_chars(query) > 1 {
        pairs.push((query[0], later_letters(query)));
    }
    pairs
}

/// Every letter of `query` after the first, as [`letter_bit`]s.
pub(crate) fn later_letters(query: &[u8]) -> u32 {
    query
        .iter()
        .skip(1)
        .fold(0, |bits, &b| bits | letter_bit(b))
}

/// The letters of `query` (as [`letter_bit`]s) that start a character in
/// every match: the first, and each that never follows the one before it
/// inside a reading. A text whose masks, OR-ed together, lack one of them
/// holds no match (`zl` needs a character read with l).
pub(crate) fn starting_letters(query: &str) -> u32 {
    let query = query.as_bytes();
    let first = query.first().map_or(0, |&b| letter_bit(b));
    query
        .windows(2)
        .filter(|w| !continues(w[0], w[1]))
        .fold(first, |bits, w| bits | letter_bit(w[1]))
}

/// The most any match of `query` can score ([`find_with`]'s score), and
/// the bit of its first letter: a match starts at the first character at
/// best and uses at least [`fewest_chars`]; one that cannot start at the
/// first character scores one less.
pub(crate) fn best_possible(query: &str) -> Option<(i64, u32)> {
    let bytes = query.as_bytes();
    let first = letter_bit(*bytes.first()?);
    Some((score(0, fewest_chars(bytes), bytes.len()), first))
}

/// Fewer characters for the same letters (initials) and an earlier start
/// rank higher; every match outranks none.
fn score(start: usize, chars_used: usize, letters: usize) -> i64 {
    let chars_used = i64::try_from(chars_used).unwrap_or(i64::MAX / 4);
    let letters = i64::try_from(letters).unwrap_or(i64::MAX / 4);
    let start = i64::try_from(start).unwrap_or(i64::MAX / 4);
    letters * 16 - chars_used * 2 - start.min(START_PENALTY_MAX as i64)
}

/// The most a late start costs a match (see [`score`]).
pub(crate) const START_PENALTY_MAX: usize = 40;

/// How many characters of `scratch.window` spell `query`, each consuming a
/// non-empty prefix of one of its readings. Full syllables are tried first,
/// so the run found is usually the shortest.
fn match_from(scratch: &mut Scratch, query: &[u8]) -> Option<usize> {
    // Depth-first over (character, query offset); memo of dead ends keeps it
    // linear in chars × query even for long polyphonic runs. Every character
    // consumes at least one letter, so both offsets stay within 0..=len.
    let side = query.len() + 1;
    let Scratch {
        window,
        dead,
        stack,
        spelled,
        ..
    } = scratch;
    dead.clear();
    dead.resize(side * side, false);
    stack.clear();
    stack.push((0, 0));
    while let Some((pos, done)) = stack.pop() {
        if done == query.len() {
            return Some(pos);
        }
        let Some(&c) = window.get(pos) else { continue };
        let seen = &mut dead[pos * side + done];
        if *seen {
            continue;
        }
        *seen = true;
        // Every prefix of a reading is one, so the longest says them all.
        // Longest last so it is tried first: full syllables spell the
        // query with fewer characters.
        for length in 1..=spelled.at(done, c) {
            stack.push((pos + 1, done + length));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skipping_characters_lands_where_counting_them_does() {
        let texts = [
            "",
            "a",
            "专利审查",
            "2020年底前完成专利审查的ASCII混排，𠀀与é和专利法第3条",
            "abcdefghijklmnopqrstuvwxyz0123456789",
            "é𠀀é𠀀é𠀀é𠀀é𠀀é𠀀é𠀀专专专专专专专专专a",
        ];
        for text in texts {
            let starts: Vec<usize> = text.char_indices().map(|(at, _)| at).collect();
            for (i, &byte) in starts.iter().enumerate() {
                for count in 0..=starts.len() - i {
                    let expected = starts.get(i + count).copied();
                    let got = skip_chars(text.as_bytes(), byte, count);
                    match expected {
                        Some(at) => assert_eq!(got, at, "{text:?} from {byte} by {count}"),
                        None => assert!(text.get(got..).is_none_or(str::is_empty)),
                    }
                }
            }
        }
    }

    #[test]
    fn a_query_one_character_spells_is_found_by_that_character_alone() {
        let vocabulary: Vec<(char, u32)> =
            "三是爱的散".chars().map(|c| (c, initial_mask(c))).collect();
        let whole = whole_spellers(&vocabulary, "sa").expect("few");
        assert_eq!(whole, vec!['三', '散']);
        let finders = Spellers::of(&whole).expect("a searcher");
        // With a pair (是爱: s, a) before, after or around a whole speller.
        let texts = [
            "的三个",
            "是的散三",
            "是爱",
            "是的",
            "的的的的",
            "是爱三",
            "的是爱三",
        ];
        let more = [
            "是爱的三",
            "三的是爱",
            "的的的是爱三",
            "是的爱三散",
            "爱是三爱",
        ];
        for text in texts.into_iter().chain(more) {
            let masks = initial_masks(text);
            let initials = masks.iter().fold(0, |bits, m| bits | m);
            // As the index's pairs tell it (see `required_pairs`).
            let first_later = pair_from(&masks[..], letter_bit(b's'), letter_bit(b'a')).is_some();
            let mut scratch = Scratch::default();
            assert_eq!(
                find_with(
                    &mut scratch,
                    || text,
                    &masks[..],
                    "sa",
                    Some(&finders),
                    (initials, first_later),
                    0
                ),
                find_with(
                    &mut scratch,
                    || text,
                    &masks[..],
                    "sa",
                    None,
                    (u32::MAX, true),
                    0
                ),
                "{text}"
            );
        }
        // Past the places that cost a match more (40), a match of two
        // characters (是爱) is beaten by one of one character after it: the
        // walk goes on to the whole speller.
        for text in [format!("{}是爱的的三", "的".repeat(40)), "的是爱三".into()] {
            let masks = initial_masks(&text);
            let initials = masks.iter().fold(0, |bits, m| bits | m);
            let known = (initials, true);
            let mut scratch = Scratch::default();
            let with = find_with(
                &mut scratch,
                || &text,
                &masks[..],
                "sa",
                Some(&finders),
                known,
                0,
            );
            let without = find_with(&mut scratch, || &text, &masks[..], "sa", None, known, 0);
            assert_eq!(with, without, "{text}");
        }
        let text = format!("{}是爱的的三", "的".repeat(40));
        let found = find(&text, &initial_masks(&text)[..], "sa").expect("found");
        assert_eq!(found.1, [44]);
        // Terms no single character spells, or too many do, are left alone.
        assert_eq!(whole_spellers(&vocabulary, "zl"), None);
        assert_eq!(whole_spellers(&vocabulary, "s"), None);
    }

    #[test]
    fn a_longer_term_starts_no_earlier_than_the_shorter_one_it_extends() {
        let texts = [
            "在中国推进专利转化运用",
            "支持住房公积金制度，专项转移支付",
            "制止侵权，知识产权保护中心",
            "三是做好商标审查",
            "注册商标专用权",
            "WTO规则与知识产权",
        ];
        let terms = [
            "zhuanli",
            "zhuanyong",
            "zhuanyi",
            "zhishi",
            "shangbiao",
            "wto",
        ];
        let find = |text: &str, masks: &[u32], term: &str, not_before: usize| {
            let whole = None;
            find_with(
                &mut Scratch::default(),
                || text,
                masks,
                term,
                whole,
                (u32::MAX, true),
                not_before,
            )
        };
        for text in texts {
            let masks = initial_masks(text);
            for term in terms {
                for typed in 1..term.len() {
                    let (shorter, longer) = (&term[..typed], &term[..=typed]);
                    let from_start = find(text, &masks, longer, 0);
                    match find(text, &masks, shorter, 0) {
                        // Nothing of `zhua` here: no `zhuan` either.
                        None => assert_eq!(from_start, None, "{text} {longer}"),
                        Some(found) => {
                            if let Some(longer_found) = from_start {
                                assert!(longer_found.earliest >= found.earliest, "{text} {longer}");
                            }
                            let bounded = find(text, &masks, longer, found.earliest);
                            assert_eq!(
                                bounded, from_start,
                                "{text} {longer} from {}",
                                found.earliest
                            );
                        }
                    }
                }
            }
        }
        // The earliest match need not be the best: past the places that
        // cost a match more (40), 住安 spells `zhuan` with two characters
        // and 专, later, with one.
        let text = format!("{}住安居，专项", "的".repeat(40));
        let found = find(&text, &initial_masks(&text)[..], "zhuan", 0).expect("found");
        assert_eq!((found.earliest, found.start, found.chars), (40, 44, 1));
    }

    #[test]
    fn the_cache_remembers_the_characters_it_met_above_the_basic_plane() {
        let wide = (0x2_0000..0x3_0000)
            .filter_map(char::from_u32)
            .find(|&c| initial_mask(c) != 0)
            .expect("a supplementary ideograph with a reading");
        let mut cache = MaskCache::default();
        for c in ['知', 'a', wide, wide] {
            cache.mask(c);
        }
        let mut read: Vec<char> = cache.read().map(|(c, _)| c).collect();
        read.sort_unstable();
        assert_eq!(read, vec!['知', wide]);
    }

    fn positions(text: &str, query: &str) -> Option<Vec<usize>> {
        find(text, &initial_masks(text)[..], query).map(|(_, p)| p)
    }

    #[test]
    fn two_letters_that_each_start_a_character_need_two_characters_side_by_side() {
        // `samr`: 三 spells sa, then m and r start a character each.
        let found = |text: &str| find(text, &initial_masks(text)[..], "samr").map(|(_, at)| at);
        assert_eq!(found("三民日"), Some(vec![0, 1, 2]));
        assert_eq!(found("的是爱民日"), Some(vec![1, 2, 3, 4]));
        assert_eq!(found("三民的日"), None, "no r right after the m");
        assert_eq!(found("三日民"), None);
    }

    #[test]
    fn initials_need_their_characters_in_one_run_wherever_the_run_lies() {
        // 专利 and 利税 give z-l and l-s pairs, but no z, l, s in a row.
        assert_eq!(positions("专利，利税", "zls"), None);
        assert_eq!(positions("专利，利税，专利税", "zls"), Some(vec![6, 7, 8]));
        // Runs across the masks' blocks of 32: the pass finds the block
        // that holds the run's start, and the starts are tried from there.
        for at in [0, 29, 30, 31, 32, 33, 61, 62, 63, 64] {
            let text = format!("{}专利审查", "的".repeat(at));
            assert_eq!(
                positions(&text, "zls"),
                Some(vec![at, at + 1, at + 2]),
                "{at}"
            );
            assert_eq!(
                positions(&text, "zlsc"),
                Some(vec![at, at + 1, at + 2, at + 3]),
                "{at}"
            );
            assert_eq!(positions(&text, "zlsx"), None, "{at}");
            let broken = format!("{}专利的审查", "的".repeat(at));
            assert_eq!(positions(&broken, "zls"), None, "{at}");
        }
    }

    #[test]
    fn initials_full_and_mixed_pinyin_find_the_same_words() {
        let text = "加强专利审查能力建设";
        let expected = Some(vec![2, 3, 4, 5]);
        assert_eq!(positions(text, "zlsc"), expected);
        assert_eq!(positions(text, "zhuanlishencha"), expected);
        assert_eq!(positions(text, "zhuanlsc"), expected);
        assert_eq!(positions(text, "zhuanli"), Some(vec![2, 3]));
    }

    #[test]
    fn polyphonic_characters_match_any_reading() {
        // 行 reads both xing and hang.
        assert_eq!(positions("银行业", "yhy"), Some(vec![0, 1, 2]));
        assert_eq!(positions("执行", "zx"), Some(vec![0, 1]));
    }

    #[test]
    fn characters_must_be_consecutive() {
        assert_eq!(positions("专门利用", "zl"), None);
        assert_eq!(positions("知识产权", "zscqx"), None);
    }

    #[test]
    fn latin_and_digits_in_text_match_themselves() {
        assert_eq!(
            positions("龙腾2020专项", "lt2020"),
            Some(vec![0, 1, 2, 3, 4, 5])
        );
        assert_eq!(
            positions("TISC中心", "tisczx"),
            Some(vec![0, 1, 2, 3, 4, 5])
        );
    }

    #[test]
    fn a_pair_is_found_wherever_it_is() {
        let mut rng = fastrand::Rng::with_seed(3);
        for len in 0..80 {
            for _ in 0..20 {
                let masks: Vec<u32> = (0..len).map(|_| 1 << rng.u32(0..8)).collect();
                let (first, next) = (1 << rng.u32(0..8), 1 << rng.u32(0..8));
                let naive = masks
                    .windows(2)
                    .position(|w| w[0] & first != 0 && w[1] & next != 0);
                let from = pair_from(&masks[..], first, next);
                assert_eq!(from.is_some(), naive.is_some(), "{masks:?}");
                // Where the block that holds the first pair starts.
                if let (Some(from), Some(at)) = (from, naive) {
                    assert!(from <= at && at < from + 32, "{masks:?}");
                }
            }
        }
    }

    #[test]
    fn follows_is_what_the_pinyin_tables_say() {
        let mut table = [0u32; 26];
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            for reading in c.to_pinyin_multi().into_iter().flatten() {
                for pair in reading.plain().as_bytes().windows(2) {
                    if pair[0].is_ascii_lowercase() && pair[1].is_ascii_lowercase() {
                        table[usize::from(pair[0] - b'a')] |= 1 << (pair[1] - b'a');
                    }
                }
            }
        }
        assert_eq!(table, FOLLOWS);
        assert_eq!(fewest_chars(b"zl"), 2);
        assert_eq!(fewest_chars(b"zhuanli"), 2);
        assert_eq!(fewest_chars(b"lt2020"), 6);
        let bits = |letters: &str| letters.bytes().fold(0, |b, l| b | letter_bit(l));
        assert_eq!(starting_letters("zl"), bits("zl"));
        assert_eq!(starting_letters("zhuanli"), bits("zl"));
        assert_eq!(starting_letters("zhuanlsc"), bits("zlsc"));
        assert_eq!(starting_letters("z"), bits("z"));
    }
}
