//! The agency registry: every name an agency goes by (short, full, English,
//! abbreviation, aliases, pinyin) mapped to one entry.
//!
//! Plans name agencies by their short names (知识产权局); users type whatever
//! they remember (国家知识产权局, CNIPA, zscqj). The registry turns any of those
//! into the entry, and from it the short name that the rest of the program
//! keys on. A plan may name an agency the registry does not know: such a name
//! simply stands for itself (`canonical` returns it unchanged), so a new plan
//! never fails to load for want of registry data.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::sync::OnceLock;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use serde::Deserialize;
use thiserror::Error;

use crate::text::{pinyin_full, pinyin_initials, readings};

/// How many names `suggest` offers: enough to catch a typo, few enough to
/// read in a one-line error message.
const MAX_SUGGESTIONS: usize = 5;

/// How many spellings of one name the other readings of its polyphonic
/// characters may add: a short name has at most one or two such characters,
/// and a long full name must not multiply into thousands of keys.
const MAX_SPELLINGS: usize = 32;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agency {
    /// The name plans use (市场监管总局); the key everything else groups by.
    pub short: String,
    /// The official full name (国家市场监督管理总局).
    pub full: String,
    /// The official English name, where one exists.
    #[serde(default)]
    pub english: Option<String>,
    /// The English abbreviation (SAMR), where one is in common use.
    #[serde(default)]
    pub abbreviation: Option<String>,
    /// Other names seen in documents (市场监管局, 国家发展改革委 …).
    #[serde(default)]
    pub aliases: Vec<String>,
}

impl Agency {
    /// Every written name: short, full, English, abbreviation, aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        [Some(&self.short), Some(&self.full)]
            .into_iter()
            .chain([self.english.as_ref(), self.abbreviation.as_ref()])
            .flatten()
            .chain(&self.aliases)
            .map(String::as_str)
    }

    /// Pinyin forms a user may type, as the rest of the program spells them
    /// (first reading of each character): full pinyin of the short and full
    /// names, initials of the short name.
    fn pinyin_forms(&self) -> [String; 3] {
        [
            pinyin_full(&self.short),
            pinyin_full(&self.full),
            pinyin_initials(&self.short),
        ]
    }

    /// The same forms under the other readings of polyphonic characters and
    /// with ü typed as v or u: the first reading of 行 is xing, but 人民银行 is
    /// renminyinhang, and no keyboard has ü (文化和旅游部 → wenhuahelvyoubu).
    fn pinyin_spellings(&self) -> Vec<String> {
        let mut forms = Vec::new();
        for (full, initials) in spellings(&self.short) {
            forms.push(full);
            forms.push(initials);
        }
        forms.extend(spellings(&self.full).into_iter().map(|(full, _)| full));
        forms
    }
}

/// Every (full pinyin, initials) spelling of `text`, reading by reading,
/// each full pinyin with ü also as v and u; characters without a reading are
/// kept as `pinyin_full` and `pinyin_initials` keep them. Past
/// `MAX_SPELLINGS` combinations the remaining characters take their first
/// reading only.
fn spellings(text: &str) -> Vec<(String, String)> {
    let mut partial = vec![(String::new(), String::new())];
    for c in text.chars() {
        // Each option: the pinyin of `c` and the letter it adds to the initials.
        let mut options: Vec<(String, Option<char>)> = Vec::new();
        for reading in readings(c) {
            if !options.iter().any(|(known, _)| known == reading) {
                options.push((reading.to_string(), reading.chars().next()));
            }
        }
        if options.is_empty() {
            let lower: String = c.to_lowercase().collect();
            let initial = c.is_alphanumeric().then(|| lower.chars().next()).flatten();
            options.push((lower, initial));
        }
        if partial.len() * options.len() > MAX_SPELLINGS {
            options.truncate(1);
        }
        partial = partial
            .iter()
            .flat_map(|(full, initials)| {
                options.iter().map(move |(spelling, initial)| {
                    let mut initials = initials.clone();
                    initials.extend(*initial);
                    (format!("{full}{spelling}"), initials)
                })
            })
            .collect();
    }
    // ü is typed v or u, as no keyboard has it; these do not count towards
    // the cap, so that a name's other readings cannot crowd them out.
    let typed: Vec<(String, String)> = partial
        .iter()
        .filter(|(full, _)| full.contains('ü'))
        .flat_map(|(full, initials)| {
            ["v", "u"].map(|letter| (full.replace('ü', letter), initials.clone()))
        })
        .collect();
    partial.extend(typed);
    partial.sort();
    partial.dedup();
    partial
}

#[derive(Debug, Error)]
pub enum RegistryError {
    #[error("the agency registry is not valid: {0}")]
    Json(#[from] serde_json::Error),
    #[error("agency entry {entry} (short name \"{short}\") has an empty {field}")]
    EmptyName {
        /// 1-based position in the JSON array.
        entry: usize,
        short: String,
        field: &'static str,
    },
    #[error(
        "the name \"{name}\" is given to two agencies, \"{first}\" and \"{second}\": \
         a name must identify one agency; remove it from one of them"
    )]
    DuplicateName {
        name: String,
        first: String,
        second: String,
    },
}

/// Who a normalised name belongs to while the index is being built.
#[derive(Clone, Copy)]
enum Owner {
    /// Written in the data: a clash between two agencies is a data error.
    Written(usize),
    /// Computed pinyin: two agencies may share it by accident of sound. A
    /// lower rank is a stronger claim (0: first readings, 1: other readings).
    Derived { agency: usize, rank: u8 },
    /// Pinyin shared by several agencies at the same rank: it resolves to
    /// none of them, since guessing would send the user to the wrong agency.
    Ambiguous { rank: u8 },
}

/// Records that pinyin `form` of `agency` may name it, unless a written name
/// or a stronger spelling of another agency already does.
fn claim(owners: &mut HashMap<String, Owner>, form: String, agency: usize, rank: u8) {
    match owners.entry(form) {
        Entry::Vacant(slot) => {
            slot.insert(Owner::Derived { agency, rank });
        }
        Entry::Occupied(mut slot) => {
            // A stronger spelling displaces a weaker claim, an equal one from
            // another agency makes the form ambiguous; a written name, or a
            // weaker spelling, leaves the holder as it is.
            let next = match *slot.get() {
                Owner::Derived { rank: held, .. } | Owner::Ambiguous { rank: held }
                    if rank < held =>
                {
                    Owner::Derived { agency, rank }
                }
                Owner::Derived {
                    agency: other,
                    rank: held,
                } if rank == held && other != agency => Owner::Ambiguous { rank },
                _ => return,
            };
            slot.insert(next);
        }
    }
}

#[derive(Debug)]
pub struct Registry {
    agencies: Vec<Agency>,
    /// Normalised written name → position in `agencies`.
    written: HashMap<String, usize>,
    /// See [`Registry::pinyin`].
    pinyin: OnceLock<HashMap<String, usize>>,
    /// See [`Registry::fuzzy_names`].
    fuzzy_names: OnceLock<Vec<Vec<String>>>,
}

impl Registry {
    /// The registry shipped in the binary, parsed on first use.
    ///
    /// # Panics
    ///
    /// Never in a tested build: the unit tests load the same embedded data.
    pub fn builtin() -> &'static Registry {
        static BUILTIN: OnceLock<Registry> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            Registry::from_json(include_str!("agencies.json"))
                .expect("the embedded agencies.json is valid: the unit tests load it")
        })
    }

    /// Parses and checks a registry: every name non-empty, no written name
    /// shared by two agencies.
    ///
    /// # Errors
    ///
    /// Invalid JSON or fields, an empty name, or a name (after case and
    /// width folding) given to two agencies.
    pub fn from_json(json: &str) -> Result<Registry, RegistryError> {
        let agencies: Vec<Agency> = serde_json::from_str(json)?;
        let mut owners: HashMap<String, Owner> = HashMap::new();
        for (i, agency) in agencies.iter().enumerate() {
            check_not_empty(i, agency)?;
            for name in agency.names() {
                match owners.entry(normalise(name)) {
                    Entry::Vacant(slot) => {
                        slot.insert(Owner::Written(i));
                    }
                    Entry::Occupied(slot) => match *slot.get() {
                        Owner::Written(j) if j != i => {
                            return Err(RegistryError::DuplicateName {
                                name: name.to_string(),
                                first: agencies[j].short.clone(),
                                second: agency.short.clone(),
                            });
                        }
                        // The same agency may list a name twice (its full name
                        // doubling as its short name, 国务院办公厅).
                        _ => {}
                    },
                }
            }
        }
        let written = owners
            .into_iter()
            .filter_map(|(name, owner)| match owner {
                Owner::Written(i) => Some((name, i)),
                Owner::Derived { .. } | Owner::Ambiguous { .. } => None,
            })
            .collect();
        Ok(Registry {
            agencies,
            written,
            pinyin: OnceLock::new(),
            fuzzy_names: OnceLock::new(),
        })
    }

    /// Pinyin forms → agency, built on the first lookup that needs one:
    /// plans name agencies by written names, so loading a plan never pays
    /// for the pinyin of 150 agencies and their polyphonic spellings.
    fn pinyin(&self) -> &HashMap<String, usize> {
        self.pinyin.get_or_init(|| {
            let mut owners: HashMap<String, Owner> = HashMap::new();
            for (i, agency) in self.agencies.iter().enumerate() {
                for form in agency.pinyin_forms() {
                    claim(&mut owners, normalise(&form), i, 0);
                }
                for form in agency.pinyin_spellings() {
                    claim(&mut owners, normalise(&form), i, 1);
                }
            }
            owners
                .into_iter()
                .filter_map(|(name, owner)| match owner {
                    Owner::Written(i) | Owner::Derived { agency: i, .. } => Some((name, i)),
                    Owner::Ambiguous { .. } => None,
                })
                .collect()
        })
    }

    /// Per agency, its normalised names and pinyin forms, for `suggest`
    /// (which scores every one of them): built on the first suggestion.
    fn fuzzy_names(&self) -> &[Vec<String>] {
        self.fuzzy_names.get_or_init(|| {
            self.agencies
                .iter()
                .map(|agency| {
                    let mut names: Vec<String> = agency.names().map(normalise).collect();
                    let pinyin = agency.pinyin_forms().into_iter();
                    names.extend(
                        pinyin
                            .chain(agency.pinyin_spellings())
                            .map(|form| normalise(&form)),
                    );
                    names.sort();
                    names.dedup();
                    names
                })
                .collect()
        })
    }

    /// A normalised name: written names first, so that a written name
    /// always wins over a computed pinyin form that happens to spell the
    /// same. Pinyin spells every Chinese character it knows, so a key with
    /// one (a plan's agency name) never builds the pinyin index; a rare
    /// character without a reading still finds its form in the index.
    fn lookup(&self, key: &str) -> Option<usize> {
        let han = |c: char| matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}');
        self.written
            .get(key)
            .or_else(|| {
                let could_be_pinyin = key
                    .chars()
                    .filter(|&c| han(c))
                    .all(|c| pinyin_full(&c.to_string()) == c.to_string());
                could_be_pinyin.then(|| self.pinyin().get(key)).flatten()
            })
            .copied()
    }

    /// The agency any of whose names is `name`. Case, full-width Latin letters
    /// and stray spaces do not matter; pinyin may be typed with or without
    /// spaces between syllables.
    #[must_use]
    pub fn resolve(&self, name: &str) -> Option<&Agency> {
        let key = normalise(name);
        let found = self.lookup(&key).or_else(|| {
            // "shi chang jian guan" or "S A M R": pinyin and abbreviations
            // are indexed without spaces.
            key.contains(' ')
                .then(|| self.lookup(&key.replace(' ', "")))
                .flatten()
        });
        found.map(|i| &self.agencies[i])
    }

    /// The short name of the agency `name_in_plan` stands for, or the name
    /// itself when the registry does not know it.
    #[must_use]
    pub fn canonical<'a>(&'a self, name_in_plan: &'a str) -> &'a str {
        self.resolve(name_in_plan)
            .map_or(name_in_plan, |agency| agency.short.as_str())
    }

    /// Up to five short names close to `query`, best first, for a "no such
    /// agency" message. Candidates are the registry's agencies and the names
    /// in `names_in_use` that it does not know (agencies of loaded plans).
    #[must_use]
    pub fn suggest(&self, query: &str, names_in_use: &[&str]) -> Vec<String> {
        let query = normalise(query);
        if query.is_empty() {
            return Vec::new();
        }
        let matcher = SkimMatcherV2::default().ignore_case();
        let best_score = |names: &mut dyn Iterator<Item = &str>| {
            names
                .map(|name| match matcher.fuzzy_match(name, &query) {
                    Some(score) => Some(score),
                    None => shared_characters(name, &query),
                })
                .max()
                .flatten()
        };
        let mut scored: Vec<(i64, &str)> = self
            .agencies
            .iter()
            .zip(self.fuzzy_names())
            .filter_map(|(agency, names)| {
                let score = best_score(&mut names.iter().map(String::as_str))?;
                Some((score, agency.short.as_str()))
            })
            .collect();
        let mut unknown: Vec<&str> = names_in_use
            .iter()
            .copied()
            .filter(|name| self.resolve(name).is_none())
            .collect();
        unknown.sort_unstable();
        unknown.dedup();
        for name in unknown {
            let forms = [normalise(name), pinyin_full(name), pinyin_initials(name)];
            if let Some(score) = best_score(&mut forms.iter().map(String::as_str)) {
                scored.push((score, name));
            }
        }
        // Scores tie often on Chinese text (skim's word-boundary bonuses are
        // for ASCII only), so the name breaks ties to keep the order stable.
        scored.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
        scored
            .into_iter()
            .take(MAX_SUGGESTIONS)
            .map(|(_, name)| name.to_string())
            .collect()
    }

    #[must_use]
    pub fn all(&self) -> &[Agency] {
        &self.agencies
    }

    /// Every written name of the agency, so that a search for CNIPA or
    /// 国家知识产权局 finds the tasks of 知识产权局; the name itself when unknown.
    #[must_use]
    pub fn names_of(&self, name_in_plan: &str) -> Vec<String> {
        self.resolve(name_in_plan).map_or_else(
            || vec![name_in_plan.to_string()],
            |agency| agency.names().map(str::to_string).collect(),
        )
    }
}

/// A score for a Chinese name that the fuzzy matcher rejects because one
/// character is wrong (财务部 for 财政部), when it shares at least two and at
/// least half of the query's Chinese characters: more shared characters and
/// then a shorter name score higher, and all below any fuzzy match (whose
/// scores are positive).
fn shared_characters(name: &str, query: &str) -> Option<i64> {
    let mut wanted: Vec<char> = query.chars().filter(|c| !c.is_ascii()).collect();
    wanted.sort_unstable();
    wanted.dedup();
    let shared = wanted.iter().filter(|c| name.contains(**c)).count();
    if shared < 2 || shared * 2 < wanted.len() {
        return None;
    }
    let shared = i64::try_from(shared).ok()?;
    let length = i64::try_from(name.chars().count()).ok()?;
    Some(shared * 1_000 - length.min(999) - 1_000_000)
}

fn check_not_empty(i: usize, agency: &Agency) -> Result<(), RegistryError> {
    let fields = [
        ("short name", Some(&agency.short)),
        ("full name", Some(&agency.full)),
        ("English name", agency.english.as_ref()),
        ("abbreviation", agency.abbreviation.as_ref()),
    ];
    let aliases = agency.aliases.iter().map(|alias| ("alias", Some(alias)));
    for (field, value) in fields.into_iter().chain(aliases) {
        if value.is_some_and(|v| normalise(v).is_empty()) {
            return Err(RegistryError::EmptyName {
                entry: i + 1,
                short: agency.short.clone(),
                field,
            });
        }
    }
    Ok(())
}

/// The lookup key of a name: lower case, full-width forms folded to ASCII
/// (Chinese input methods type ＳＡＭＲ), spaces trimmed and collapsed, and
/// kept only between two Latin characters: next to a Chinese character they
/// are line-wrap artefacts of extracted text (知识产 权局), not word breaks.
fn normalise(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut space_pending = false;
    let mut last_ascii = false;
    // Traditional forms (知識產權局) resolve as their simplified names.
    for c in name
        .chars()
        .map(fold_width)
        .map(crate::import::hant::simplified_char)
    {
        if c.is_whitespace() {
            space_pending = true;
            continue;
        }
        if space_pending && last_ascii && c.is_ascii() {
            out.push(' ');
        }
        space_pending = false;
        last_ascii = c.is_ascii();
        out.extend(c.to_lowercase());
    }
    out
}

fn fold_width(c: char) -> char {
    match c {
        // The full-width block mirrors printable ASCII at a fixed offset.
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        // Typographic apostrophes, as in People’s Bank of China.
        '\u{2018}' | '\u{2019}' => '\'',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn short_of(name: &str) -> Option<&'static str> {
        Registry::builtin()
            .resolve(name)
            .map(|agency| agency.short.as_str())
    }

    #[test]
    fn market_regulation_resolves_by_every_form() {
        for name in [
            "市场监管总局",
            "国家市场监督管理总局",
            "市场监管局",
            "SAMR",
            "samr",
            "ＳＡＭＲ",
            "State Administration for Market Regulation",
            "  state administration   FOR market regulation ",
            "shichangjianguanzongju",
            "shi chang jian guan zong ju",
            "guojiashichangjianduguanlizongju",
            "scjgzj",
            "SCJGZJ",
        ] {
            assert_eq!(short_of(name), Some("市场监管总局"), "{name}");
        }
    }

    #[test]
    fn ip_office_resolves_by_english_abbreviation_and_full_name() {
        for name in [
            "知识产权局",
            "国家知识产权局",
            "CNIPA",
            "cnipa",
            "China National Intellectual Property Administration",
            "zhishichanquanju",
            "zscqj",
            // A line-wrap artefact of the extracted plan text.
            "知识产 权局",
        ] {
            assert_eq!(short_of(name), Some("知识产权局"), "{name}");
        }
    }

    #[test]
    fn military_equipment_department_resolves() {
        let agency = Registry::builtin()
            .resolve("中央军委装备发展部")
            .expect("known agency");
        assert_eq!(agency.full, "中央军事委员会装备发展部");
        assert_eq!(agency.abbreviation, None);
        assert_eq!(
            short_of("中央军事委员会装备发展部"),
            Some("中央军委装备发展部")
        );
        assert_eq!(short_of("zyjwzbfzb"), Some("中央军委装备发展部"));
    }

    #[test]
    fn state_council_aliases_resolve_to_the_short_name() {
        let registry = Registry::builtin();
        assert_eq!(registry.canonical("国家发展改革委"), "发展改革委");
        assert_eq!(registry.canonical("NDRC"), "发展改革委");
        assert_eq!(registry.canonical("网信办"), "中央网信办");
        assert_eq!(registry.canonical("国务院扶贫办"), "扶贫办");
        assert_eq!(registry.canonical("国家卫生健康委"), "卫生健康委");
        assert_eq!(registry.canonical("CBIRC"), "银保监会");
        assert_eq!(
            registry.resolve("林草局").map(|a| a.full.as_str()),
            Some("国家林业和草原局")
        );
    }

    #[test]
    fn pinyin_may_use_any_reading_and_v_for_u_umlaut() {
        for name in [
            "renminyinhang",
            "rmyh",
            "renminyinxing",
            "rmyx",
            "zhongguorenminyinhang",
        ] {
            assert_eq!(short_of(name), Some("人民银行"), "{name}");
        }
        for name in [
            "wenhuahelvyoubu",
            "wenhuaheluyoubu",
            "wenhuahelüyoubu",
            "whhlyb",
        ] {
            assert_eq!(short_of(name), Some("文化和旅游部"), "{name}");
        }
        assert_eq!(short_of("guojialinyehecaoyuanju"), Some("林草局"));
    }

    #[test]
    fn spellings_multiply_only_up_to_the_cap() {
        let forms = spellings("银行");
        assert!(forms.contains(&("yinhang".to_string(), "yh".to_string())));
        assert!(forms.contains(&("yinxing".to_string(), "yx".to_string())));
        assert_eq!(
            spellings("北京 2022（试）")[0],
            ("beijing 2022（shi）".to_string(), "bj2022s".to_string())
        );
        assert_eq!(
            spellings("北京2022"),
            [("beijing2022".to_string(), "bj2022".to_string())]
        );
        assert!(spellings("行行行行行行行行行行").len() <= MAX_SPELLINGS);
    }

    #[test]
    fn unknown_name_stands_for_itself() {
        let registry = Registry::builtin();
        assert!(registry.resolve("火星开发署").is_none());
        assert_eq!(registry.canonical("火星开发署"), "火星开发署");
        assert_eq!(registry.names_of("火星开发署"), ["火星开发署"]);
        assert!(registry.resolve("").is_none());
        assert!(registry.resolve("   ").is_none());
    }

    #[test]
    fn search_names_join_every_written_name() {
        assert_eq!(
            Registry::builtin().names_of("CNIPA"),
            [
                "知识产权局",
                "国家知识产权局",
                "China National Intellectual Property Administration",
                "CNIPA",
                "国知局"
            ]
        );
    }

    #[test]
    fn a_name_given_to_two_agencies_is_rejected() {
        let json = r#"[
            {"short": "甲局", "full": "国家甲局", "abbreviation": "NAA"},
            {"short": "乙局", "full": "国家乙局", "aliases": ["naa"]}
        ]"#;
        let err = Registry::from_json(json).expect_err("duplicate name");
        assert!(matches!(err, RegistryError::DuplicateName { .. }));
        assert_eq!(
            err.to_string(),
            "the name \"naa\" is given to two agencies, \"甲局\" and \"乙局\": a name must \
             identify one agency; remove it from one of them"
        );

        let json = r#"[
            {"short": "甲局", "full": "国家甲局"},
            {"short": "甲局", "full": "国家甲二局"}
        ]"#;
        assert!(matches!(
            Registry::from_json(json),
            Err(RegistryError::DuplicateName { .. })
        ));
    }

    #[test]
    fn a_name_repeated_within_one_agency_is_accepted() {
        let json =
            r#"[{"short": "国务院办公厅", "full": "国务院办公厅", "aliases": ["国务院办公厅"]}]"#;
        let registry = Registry::from_json(json).expect("valid registry");
        assert_eq!(registry.canonical("国务院办公厅"), "国务院办公厅");
    }

    #[test]
    fn empty_names_and_bad_json_are_errors() {
        let err = Registry::from_json(r#"[{"short": "甲局", "full": " "}]"#).expect_err("empty");
        assert_eq!(
            err.to_string(),
            "agency entry 1 (short name \"甲局\") has an empty full name"
        );
        let err = Registry::from_json(r#"[{"short": "甲局"}]"#).expect_err("no full name");
        assert!(matches!(err, RegistryError::Json(_)), "{err}");
        let err = Registry::from_json(r#"[{"short": "甲局", "full": "国家甲局", "url": ""}]"#)
            .expect_err("unknown field");
        assert!(err.to_string().contains("url"), "{err}");
    }

    #[test]
    fn shared_pinyin_resolves_to_neither_agency() {
        // 市局 and 世局 sound alike: pinyin cannot tell them apart.
        let json = r#"[
            {"short": "市局", "full": "某市局"},
            {"short": "世局", "full": "某世局"},
            {"short": "乙局", "full": "国家乙局", "abbreviation": "sj"}
        ]"#;
        let registry = Registry::from_json(json).expect("pinyin clashes are not data errors");
        assert!(registry.resolve("shiju").is_none());
        // A written name beats computed pinyin that spells the same.
        assert_eq!(registry.canonical("sj"), "乙局");
        let suggestions = registry.suggest("shiju", &[]);
        assert_eq!(suggestions[..2], ["世局", "市局"]);
    }

    #[test]
    fn suggestions_come_from_the_registry_and_the_plans() {
        let registry = Registry::builtin();
        let suggestions = registry.suggest("知识产权", &[]);
        assert_eq!(suggestions.first().map(String::as_str), Some("知识产权局"));
        assert!(suggestions.len() <= MAX_SUGGESTIONS);

        let suggestions = registry.suggest("smar", &[]);
        assert!(
            suggestions.contains(&"市场监管总局".to_string()),
            "{suggestions:?}"
        );

        let suggestions = registry.suggest("火星", &["知识产权局", "火星开发署", "火星开发署"]);
        assert_eq!(suggestions, ["火星开发署"]);

        assert!(registry.suggest("", &["火星开发署"]).is_empty());

        // One wrong character: the fuzzy matcher needs every character, so
        // names sharing most of them are offered after any fuzzy match.
        let suggestions = registry.suggest("财务部", &[]);
        assert_eq!(suggestions[..2], ["商务部", "财政部"]);
    }

    #[test]
    fn every_builtin_agency_resolves_from_its_own_names() {
        let registry = Registry::builtin();
        for agency in registry.all() {
            for name in agency
                .names()
                .map(str::to_string)
                .chain(agency.pinyin_forms())
            {
                assert_eq!(
                    registry.resolve(&name).map(|a| a.short.as_str()),
                    Some(agency.short.as_str()),
                    "{name}"
                );
            }
        }
    }

    /// The 38 addressees of the 2020 IP-strategy plan, as printed at its top.
    const PLAN_2020_ADDRESSEES: [&str; 38] = [
        "中央组织部",
        "中央宣传部",
        "中央政法委",
        "中央网信办",
        "最高人民法院",
        "最高人民检察院",
        "外交部",
        "发展改革委",
        "教育部",
        "科技部",
        "工业和信息化部",
        "公安部",
        "司法部",
        "财政部",
        "人力资源社会保障部",
        "生态环境部",
        "农业农村部",
        "商务部",
        "文化和旅游部",
        "卫生健康委",
        "人民银行",
        "国资委",
        "海关总署",
        "市场监管总局",
        "广电总局",
        "统计局",
        "国管局",
        "中科院",
        "银保监会",
        "证监会",
        "国防科工局",
        "林草局",
        "邮政局",
        "中医药局",
        "知识产权局",
        "中央军委装备发展部",
        "贸促会",
        "中国科协",
    ];

    /// Every agency named in the task parentheses of the 2020 plan, extracted
    /// from the official text by script (split on 、 and ，).
    const PLAN_2020_TASK_AGENCIES: [&str; 40] = [
        "知识产权局",
        "中央宣传部",
        "市场监管总局",
        "教育部",
        "科技部",
        "最高人民法院",
        "海关总署",
        "公安部",
        "林草局",
        "财政部",
        "国防科工局",
        "广电总局",
        "工业和信息化部",
        "中央军委装备发展部",
        "最高人民检察院",
        "贸促会",
        "中科院",
        "农业农村部",
        "文化和旅游部",
        "外交部",
        "商务部",
        "司法部",
        "国资委",
        "生态环境部",
        "卫生健康委",
        "发展改革委",
        "银保监会",
        "统计局",
        "中央政法委",
        "国管局",
        "中医药局",
        "中央网信办",
        "邮政局",
        "人民银行",
        "证监会",
        "联席会议办公室",
        "联席会议成员单位",
        "人力资源社会保障部",
        "中央组织部",
        "中国科协",
    ];

    /// Every agency named in the parentheses of six State Council documents of
    /// 2018–2019 (国发〔2018〕39号, 42号, 国发〔2019〕3号, 国办发〔2018〕117号,
    /// 121号, 129号), without the unnamed 各省级人民政府 and 各有关部门和单位.
    const STATE_COUNCIL_AGENCIES: [&str; 58] = [
        "财政部",
        "农业农村部",
        "发展改革委",
        "商务部",
        "海关总署",
        "工业和信息化部",
        "体育总局",
        "人力资源社会保障部",
        "市场监管总局",
        "文化和旅游部",
        "国家发展改革委",
        "人民银行",
        "科技部",
        "扶贫办",
        "交通运输部",
        "银保监会",
        "自然资源部",
        "教育部",
        "公安部",
        "税务总局",
        "民政部",
        "住房城乡建设部",
        "供销合作总社",
        "水利部",
        "证监会",
        "国资委",
        "生态环境部",
        "北京冬奥组委",
        "广电总局",
        "全国总工会",
        "中央宣传部",
        "国务院扶贫办",
        "国家卫生健康委",
        "国务院办公厅",
        "网信办",
        "应急部",
        "标准委",
        "统计局",
        "版权局",
        "司法部",
        "外交部",
        "海洋局",
        "空管委办公室",
        "中央统战部",
        "中央和国家机关工委",
        "卫生健康委",
        "国管局",
        "中央军委政治工作部",
        "全国工商联",
        "共青团中央",
        "全国妇联",
        "粮食和储备局",
        "邮政局",
        "医保局",
        "国际发展合作署",
        "民航局",
        "药监局",
        "文物局",
    ];

    #[test]
    fn every_agency_of_the_2020_plan_resolves() {
        let registry = Registry::builtin();
        for name in PLAN_2020_ADDRESSEES.iter().chain(&PLAN_2020_TASK_AGENCIES) {
            let agency = registry.resolve(name);
            assert_eq!(agency.map(|a| a.short.as_str()), Some(*name), "{name}");
        }
        let joint = registry.resolve("联席会议办公室").expect("known agency");
        assert_eq!(joint.full, "国务院知识产权战略实施工作部际联席会议办公室");
    }

    #[test]
    fn every_agency_of_the_state_council_documents_resolves() {
        let registry = Registry::builtin();
        let missing: Vec<&str> = STATE_COUNCIL_AGENCIES
            .iter()
            .copied()
            .filter(|name| registry.resolve(name).is_none())
            .collect();
        assert!(missing.is_empty(), "unknown: {missing:?}");
    }

    #[test]
    fn written_names_resolve_without_building_the_pinyin_index() {
        let registry = Registry::from_json(include_str!("agencies.json")).expect("valid");
        assert_eq!(registry.canonical("国家知识产权局"), "知识产权局");
        assert_eq!(registry.names_of("知识产权局")[0], "知识产权局");
        assert_eq!(registry.canonical("没有这个部门"), "没有这个部门");
        assert!(registry.pinyin.get().is_none());
        assert!(registry.fuzzy_names.get().is_none());
        assert_eq!(registry.canonical("zscqj"), "知识产权局");
        assert!(registry.pinyin.get().is_some());
    }
}
