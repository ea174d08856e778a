//! The query language users bring from fzf: terms separated by spaces must
//! all match; `'word` matches exactly, `^word` at the start of a field,
//! `word$` at its end, `!word` excludes; a term with an upper-case letter
//! matches case-sensitively (smart case).
//!
//! Chinese input methods type some of these full-width (！ ＾ ＄ ＇ and the
//! ideographic space): they mean the same.

/// How one term must occur in a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    /// In order, scattered or by pinyin: the default.
    Fuzzy,
    /// As one substring (`'word`, and every excluded term).
    Exact,
    /// At the start of the field (`^word`).
    Prefix,
    /// At the end of the field (`word$`).
    Suffix,
    /// The whole field (`^word$`).
    Whole,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The term without its operators.
    pub text: String,
    pub how: Match,
    /// `!word`: a task any of whose fields matches is left out.
    pub exclude: bool,
    /// The term holds an upper-case letter.
    pub case_sensitive: bool,
}

impl Term {
    /// The pinyin a term is also looked up as: letters and digits, all in
    /// one case (pinyin has none, so `ZLSC` finds what `zlsc` finds, while
    /// `Samr` means those very letters).
    pub fn pinyin(&self) -> Option<String> {
        let bytes = self.text.as_bytes();
        let one_case =
            !(bytes.iter().any(u8::is_ascii_uppercase) && bytes.iter().any(u8::is_ascii_lowercase));
        (self.how == Match::Fuzzy
            && !self.exclude
            && one_case
            && bytes.iter().all(u8::is_ascii_alphanumeric))
        .then(|| self.text.to_ascii_lowercase())
    }
}

/// The terms of a query, in the order typed. An operator with nothing after
/// it (`!` while the user is still typing) is no term yet.
pub fn parse(query: &str) -> Vec<Term> {
    query.split(char::is_whitespace).filter_map(term).collect()
}

fn term(raw: &str) -> Option<Term> {
    let mut text = raw;
    let exclude = strip_prefix(&mut text, ['!', '！']);
    let quoted = strip_prefix(&mut text, ['\'', '＇']);
    let prefix = strip_prefix(&mut text, ['^', '＾']);
    let suffix = match text.strip_suffix(['$', '＄']) {
        Some(rest) => {
            text = rest;
            true
        }
        None => false,
    };
    if text.is_empty() {
        return None;
    }
    let how = match (prefix, suffix) {
        (true, true) => Match::Whole,
        (true, false) => Match::Prefix,
        (false, true) => Match::Suffix,
        // fzf's `!word` is an exact match too: excluding every task with
        // the letters somewhere in order would exclude nearly all.
        (false, false) if quoted || exclude => Match::Exact,
        (false, false) => Match::Fuzzy,
    };
    Some(Term {
        text: text.to_string(),
        how,
        exclude,
        case_sensitive: text.chars().any(char::is_uppercase),
    })
}

fn strip_prefix(text: &mut &str, operator: [char; 2]) -> bool {
    match text.strip_prefix(operator) {
        Some(rest) => {
            *text = rest;
            true
        }
        None => false,
    }
}

/// Whether a query typed by extending `previous` at its end matches only
/// tasks that `previous` matched, so that only those need scoring again.
/// Not when `previous` had no term (it matched nothing), nor when the
/// extension changes an excluded or end-anchored term: `!a` → `!ab`
/// excludes less, `a$` → `a$b` is another term. Numbers are the index's
/// concern (5 → 55 finds task 55 by its number).
pub fn narrows(previous: &str, next: &str) -> bool {
    if !next.starts_with(previous) || parse(previous).is_empty() {
        return false;
    }
    let open = previous
        .rsplit(char::is_whitespace)
        .next()
        .filter(|last| !last.is_empty());
    open.is_none_or(|last| !last.starts_with(['!', '！']) && !last.ends_with(['$', '＄']))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(query: &str) -> Term {
        let terms = parse(query);
        assert_eq!(terms.len(), 1, "{query}");
        terms.into_iter().next().unwrap_or_else(|| unreachable!())
    }

    #[test]
    fn spaces_separate_terms_of_any_width() {
        let texts: Vec<String> = parse(" 专利  商标　zl ")
            .into_iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(texts, ["专利", "商标", "zl"]);
    }

    #[test]
    fn operators_set_how_a_term_matches() {
        let cases = [
            ("专利", Match::Fuzzy, false),
            ("'专利", Match::Exact, false),
            ("^加强", Match::Prefix, false),
            ("负责$", Match::Suffix, false),
            ("^专利$", Match::Whole, false),
            ("!商标", Match::Exact, true),
            ("!^加强", Match::Prefix, true),
            ("！商标", Match::Exact, true),
            ("＾加强", Match::Prefix, false),
        ];
        for (query, how, exclude) in cases {
            let term = one(query);
            assert_eq!((term.how, term.exclude), (how, exclude), "{query}");
        }
        assert_eq!(one("!'商标").text, "商标");
        // Operators only count at the ends of a term.
        assert_eq!(one("a!b^c'd").text, "a!b^c'd");
    }

    #[test]
    fn a_lone_operator_is_no_term_yet() {
        for query in ["!", "'", "^", "$", "^$", "!^", " ！ "] {
            assert!(parse(query).is_empty(), "{query}");
        }
    }

    #[test]
    fn upper_case_makes_a_term_case_sensitive_but_not_its_pinyin() {
        assert!(!one("samr").case_sensitive);
        let upper = one("ZLSC");
        assert!(upper.case_sensitive);
        assert_eq!(upper.pinyin().as_deref(), Some("zlsc"));
        assert_eq!(one("'zl").pinyin(), None);
        assert_eq!(one("Zlsc").pinyin(), None);
        assert_eq!(one("专利").pinyin(), None);
    }

    #[test]
    fn narrowing_only_where_the_longer_query_matches_a_subset() {
        assert!(narrows("专利", "专利审"));
        assert!(narrows("专利 ", "专利 商"));
        assert!(narrows("专利 !商 ", "专利 !商 标"));
        assert!(narrows("^加", "^加强"));
        assert!(!narrows("!商", "!商标"));
        assert!(!narrows("专利 !商", "专利 !商标"));
        assert!(!narrows("专利$", "专利$x"));
        assert!(!narrows("!", "!商"));
        assert!(!narrows("", "专"));
        assert!(!narrows("专利审", "专利"));
    }
}
