//! The agency parenthesis that ends a task: finding it (even when extraction
//! lost a bracket) and reading the agencies out of it.

const OPEN: char = '（';
const CLOSE: char = '）';

/// A matched bracket pair: byte offsets of the opening and closing marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Pair {
    pub open: usize,
    pub close: usize,
}

impl Pair {
    pub fn content<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.open + OPEN.len_utf8()..self.close)
            .unwrap_or_default()
    }

    /// Byte offset just after the closing mark.
    pub fn end(&self) -> usize {
        self.close + CLOSE.len_utf8()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Brackets {
    /// In order of their closing marks.
    pub pairs: Vec<Pair>,
    pub unmatched_open: Vec<usize>,
    pub unmatched_close: Vec<usize>,
}

/// Pairs brackets with a stack; a closing mark with nothing open is left
/// unmatched rather than closing something it does not belong to.
pub(crate) fn match_brackets(text: &str, open: char, close: char) -> Brackets {
    let mut result = Brackets::default();
    let mut stack = Vec::new();
    for (i, c) in text.char_indices() {
        if c == open {
            stack.push(i);
        } else if c == close {
            match stack.pop() {
                Some(o) => result.pairs.push(Pair { open: o, close: i }),
                None => result.unmatched_close.push(i),
            }
        }
    }
    result.unmatched_open = stack;
    result
}

/// Splits a trailing lead-rule sentence off a list:
/// `A、B负责。列第一位者为牵头单位，下同` → (`A、B负责`, `列第一位者为牵头单位，下同`).
pub(crate) fn split_rule(content: &str) -> (&str, Option<&str>) {
    for (i, _) in content.match_indices("负责") {
        let head_end = i + "负责".len();
        let Some(after) = content.get(head_end..) else {
            continue;
        };
        let Some(sep) = after.chars().next() else {
            continue;
        };
        if !matches!(sep, '。' | '，' | '；' | ',') {
            continue;
        }
        let rule = after.get(sep.len_utf8()..).unwrap_or_default().trim();
        if is_lead_rule(rule) {
            return (content.get(..head_end).unwrap_or(content), Some(rule));
        }
    }
    (content, None)
}

/// The plan's words on who leads: 列第一位者为牵头单位, 排在第一位的部门为牵头部门 …
pub(crate) fn is_lead_rule(text: &str) -> bool {
    text.contains("牵头") && (text.contains("第一") || text.contains("首位"))
}

/// Whether bracket content is an agency list: it ends in 负责 (before any
/// lead-rule sentence) and reads as a list, not as a sentence.
pub(crate) fn is_agency_list(content: &str) -> bool {
    let (list, _) = split_rule(content);
    let list = list.trim_end_matches('。');
    let len = list.chars().count();
    list.ends_with("负责") && len > 2 && len <= 200 && !list.contains('。')
}

/// How a lost bracket of the final list is put back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fix {
    /// Insert `（` at this byte offset.
    Open(usize),
    /// Insert `）` at this byte offset.
    Close(usize),
}

/// Where the final agency list is: a pair that ends the text (a closing
/// 。 or space after it allowed), or a repair that would make one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Final {
    Found(Pair),
    Repairable(Fix),
}

/// Punctuation after which a list without its opening bracket starts.
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '；' | '！' | '？' | '）' | '》' | '”' | '（')
}

pub(crate) fn final_list(text: &str) -> Option<Final> {
    let trimmed = text.trim_end_matches(|c: char| c.is_whitespace() || c == '。' || c == '；');
    let brackets = match_brackets(trimmed, OPEN, CLOSE);
    if trimmed.ends_with(CLOSE) {
        let close = trimmed.len() - CLOSE.len_utf8();
        if let Some(pair) = brackets.pairs.iter().find(|p| p.close == close) {
            return is_agency_list(pair.content(trimmed)).then_some(Final::Found(*pair));
        }
        let head = trimmed.get(..close)?;
        let start = head
            .char_indices()
            .rfind(|&(_, c)| ends_sentence(c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let content = head.get(start..)?;
        let short = content.chars().count() <= 80;
        return (short && is_agency_list(content)).then_some(Final::Repairable(Fix::Open(start)));
    }
    if trimmed.ends_with("负责") {
        let open = *brackets.unmatched_open.last()?;
        let content = trimmed.get(open + OPEN.len_utf8()..)?;
        return is_agency_list(content).then_some(Final::Repairable(Fix::Close(trimmed.len())));
    }
    None
}

/// An agency list read out of its parenthesis.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct List {
    /// Named agencies in the order written.
    pub agencies: Vec<String>,
    pub per_remit: bool,
    /// The unnamed rest as written: 等有关部门, 会同有关部门, 各省级人民政府 …
    pub others: Option<String>,
    pub lead_rule: Option<String>,
}

/// Collective addressees that name no agency.
fn is_unnamed(name: &str) -> bool {
    ["各", "有关", "相关", "其他", "地方"]
        .iter()
        .any(|p| name.starts_with(p))
}

pub(crate) fn parse_list(content: &str) -> List {
    let (list, rule) = split_rule(content);
    let mut body = list.trim().trim_end_matches('。');
    let mut per_remit = false;
    for ending in [
        "按职责分别负责",
        "按职责分工负责",
        "按职责负责",
        "分别负责",
        "分工负责",
    ] {
        if let Some(rest) = body.strip_suffix(ending) {
            body = rest;
            per_remit = true;
            break;
        }
    }
    if !per_remit {
        body = body
            .strip_suffix("牵头负责")
            .or_else(|| body.strip_suffix("负责"))
            .unwrap_or(body);
    }
    let mut agencies = Vec::new();
    let mut others: Vec<&str> = Vec::new();
    for clause in body.split(['，', ',', '；']) {
        let clause = clause.trim();
        if clause.is_empty() {
            continue;
        }
        // 各省、自治区、直辖市人民政府 is one collective, not three agencies.
        if is_unnamed(clause) {
            others.push(clause);
            continue;
        }
        let cut = ["等", "会同"].iter().filter_map(|w| clause.find(w)).min();
        let (named, rest) = match cut {
            Some(i) => (clause.get(..i).unwrap_or_default(), clause.get(i..)),
            None => (clause, None),
        };
        for name in named.split('、').map(str::trim).filter(|n| !n.is_empty()) {
            if is_unnamed(name) {
                others.push(name);
            } else {
                agencies.push(name.to_string());
            }
        }
        others.extend(rest.filter(|r| !r.is_empty()));
    }
    List {
        agencies,
        per_remit,
        others: (!others.is_empty()).then(|| others.join("，")),
        lead_rule: rule.map(str::to_string),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(content: &str) -> (Vec<String>, bool, Option<String>) {
        let l = parse_list(content);
        (l.agencies, l.per_remit, l.others)
    }

    fn names(n: &[&str]) -> Vec<String> {
        n.iter().map(|s| (*s).to_string()).collect()
    }

    #[test]
    fn list_endings() {
        assert_eq!(
            parsed("知识产权局负责"),
            (names(&["知识产权局"]), false, None)
        );
        assert_eq!(
            parsed("最高人民法院、司法部按职责分别负责"),
            (names(&["最高人民法院", "司法部"]), true, None)
        );
        assert_eq!(
            parsed("农业农村部、工业和信息化部牵头负责"),
            (names(&["农业农村部", "工业和信息化部"]), false, None)
        );
        assert_eq!(
            parsed("国家发展改革委、财政部会同有关部门负责"),
            (
                names(&["国家发展改革委", "财政部"]),
                false,
                Some("会同有关部门".into())
            )
        );
        assert_eq!(
            parsed("人力资源社会保障部等有关部门和单位负责"),
            (
                names(&["人力资源社会保障部"]),
                false,
                Some("等有关部门和单位".into())
            )
        );
        assert_eq!(
            parsed("工业和信息化部、农业农村部等负责"),
            (
                names(&["工业和信息化部", "农业农村部"]),
                false,
                Some("等".into())
            )
        );
        assert_eq!(
            parsed("商务部、农业农村部等和各有关省级人民政府负责"),
            (
                names(&["商务部", "农业农村部"]),
                false,
                Some("等和各有关省级人民政府".into())
            )
        );
        assert_eq!(
            parsed("人力资源社会保障部、财政部，各省级人民政府按职责分工负责"),
            (
                names(&["人力资源社会保障部", "财政部"]),
                true,
                Some("各省级人民政府".into())
            )
        );
        assert_eq!(
            parsed("各有关部门和单位，各省级人民政府按职责分工负责"),
            (
                vec![],
                true,
                Some("各有关部门和单位，各省级人民政府".into())
            )
        );
        assert_eq!(
            parsed("各省级人民政府负责"),
            (vec![], false, Some("各省级人民政府".into()))
        );
    }

    #[test]
    fn lead_rule_sentences_are_split_off() {
        let l = parse_list("人力资源社会保障部、财政部负责。列第一位者为牵头单位，下同");
        assert_eq!(l.agencies, names(&["人力资源社会保障部", "财政部"]));
        assert_eq!(l.lead_rule.as_deref(), Some("列第一位者为牵头单位，下同"));
        let l = parse_list("税务总局、财政部、海关总署负责，排在第一位的部门为牵头部门，下同");
        assert_eq!(l.agencies.len(), 3);
        assert_eq!(
            l.lead_rule.as_deref(),
            Some("排在第一位的部门为牵头部门，下同")
        );
        assert!(is_agency_list(
            "税务总局负责，排在第一位的部门为牵头部门，下同"
        ));
    }

    #[test]
    fn not_agency_lists() {
        for content in [
            "专利",
            "第六批",
            "区、市",
            "企业直接向国家发展改革委申报，不需省级发展改革部门转报",
            "负责",
            "由甲负责。其后乙负责",
        ] {
            assert!(!is_agency_list(content), "{content}");
        }
    }

    #[test]
    fn final_list_at_the_end_or_repairable() {
        let t = "做好工作。（知识产权局负责）";
        assert!(matches!(final_list(t), Some(Final::Found(p)) if p.content(t) == "知识产权局负责"));
        assert!(matches!(
            final_list("做好（专利）工作。（甲负责）。"),
            Some(Final::Found(_))
        ));
        let t = "编制《纲要》。中科院负责）";
        assert_eq!(
            final_list(t),
            Some(Final::Repairable(Fix::Open(t.find("中").unwrap_or(0))))
        );
        let t = "编制《纲要》。（中科院负责";
        assert_eq!(final_list(t), Some(Final::Repairable(Fix::Close(t.len()))));
        assert_eq!(final_list("推动建立知识产权（专利）密集型产业"), None);
        assert_eq!(final_list("（此件公开发布）"), None);
        assert_eq!(final_list("）"), None);
        assert_eq!(final_list(""), None);
    }
}
