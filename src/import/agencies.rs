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
    for (i, sep) in content.char_indices() {
        if !matches!(sep, '。' | '，' | '；' | ',' | ';') {
            continue;
        }
        let rule = content.get(i + sep.len_utf8()..).unwrap_or_default().trim();
        let head = content.get(..i).unwrap_or(content);
        if is_lead_rule(rule) && !is_lead_rule(head) {
            return (head, Some(rule));
        }
    }
    (content, None)
}

/// The plan's words on who leads: 列第一位者为牵头单位, 排在第一位的部门为牵头部门 …
pub(crate) fn is_lead_rule(text: &str) -> bool {
    text.contains("牵头") && (text.contains("第一") || text.contains("首位"))
}

/// Whether bracket content is an agency list: it assigns agencies by a role
/// (…负责, A牵头，B参与, A会同B负责 …) or by a label (牵头单位：…).
pub(crate) fn is_agency_list(content: &str) -> bool {
    parse_list(content).is_some()
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
    let open = *brackets.unmatched_open.last()?;
    let content = trimmed.get(open + OPEN.len_utf8()..)?;
    (content.chars().count() <= 80 && is_agency_list(content))
        .then_some(Final::Repairable(Fix::Close(trimmed.len())))
}

/// An agency list read out of its parenthesis.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct List {
    /// Named agencies: the leads in written order, then the partners.
    pub agencies: Vec<String>,
    /// The list names a lead (牵头, 负责, a lead label); when not, the first
    /// agency leads by the genre's rule and the task says so.
    pub lead_named: bool,
    pub per_remit: bool,
    /// The unnamed rest as written: 等有关部门, 会同有关部门, 各省级人民政府 …
    pub others: Option<String>,
    pub lead_rule: Option<String>,
    /// 2020年12月底前完成, 持续推进 … as written.
    pub time_limit: Option<String>,
    /// 适用范围：… as written (without the label).
    pub scope: Option<String>,
    /// Clauses after the assignment that are none of the above, as written.
    pub unread: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Group {
    Lead,
    Partner,
}

/// What a label before ： announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    /// 责任领导, 联系人: a person, not an agency; kept only as written.
    Person,
    Names(Group),
    Time,
    Scope,
}

/// Collective addressees that name no agency.
fn is_unnamed(name: &str) -> bool {
    ["各", "有关", "相关", "其他", "地方", "所在", "属地"]
        .iter()
        .any(|p| name.starts_with(p))
}

/// One name of a list that is a collective: 各…, 有关…, and 省直有关单位,
/// 市直相关部门 whatever comes before 有关.
fn is_collective(name: &str) -> bool {
    is_unnamed(name) || name.contains("有关") || name.contains("相关")
}

/// Role words that end an assignment clause, longest first; the bool marks
/// the per-remit forms.
const ROLES: [(&str, Group, bool); 26] = [
    ("按职责分别负责", Group::Lead, true),
    ("按职责分工负责", Group::Lead, true),
    ("按职能分工负责", Group::Lead, true),
    ("按职责负责", Group::Lead, true),
    ("分别负责", Group::Lead, true),
    ("分工负责", Group::Lead, true),
    ("共同负责", Group::Lead, false),
    ("牵头负责", Group::Lead, false),
    ("牵头落实", Group::Lead, false),
    ("牵头实施", Group::Lead, false),
    ("具体负责", Group::Lead, false),
    ("负责落实", Group::Lead, false),
    ("配合落实", Group::Partner, false),
    ("共同参与", Group::Partner, false),
    ("按职责参与", Group::Partner, false),
    ("负责", Group::Lead, false),
    ("牵头", Group::Lead, false),
    ("主责", Group::Lead, false),
    ("主办", Group::Lead, false),
    ("指导", Group::Lead, false),
    ("统筹", Group::Lead, false),
    ("参与", Group::Partner, false),
    ("配合", Group::Partner, false),
    ("协助", Group::Partner, false),
    ("参加", Group::Partner, false),
    ("协办", Group::Partner, false),
];

fn label_of(label: &str) -> Option<Label> {
    let label = label.trim();
    if label.chars().count() > 8 {
        return None;
    }
    let has = |words: &[&str]| words.iter().any(|w| label.contains(w));
    if has(&[
        "领导",
        "负责人",
        "责任人",
        "联系人",
        "分管",
        "联系方式",
        "电话",
    ]) {
        Some(Label::Person)
    } else if has(&["范围"]) {
        Some(Label::Scope)
    } else if has(&["时限", "时间", "节点", "期限", "进度"]) {
        Some(Label::Time)
    } else if has(&["参与", "配合", "协办", "协助", "参加", "协同"]) {
        Some(Label::Names(Group::Partner))
    } else if has(&["牵头", "负责", "责任", "主办", "主责", "指导", "实施"]) {
        Some(Label::Names(Group::Lead))
    } else {
        None
    }
}

/// A line of its own that assigns by a label: 牵头单位：…, 配合单位：…,
/// 完成时限：… (not a person's or scope label alone).
pub(crate) fn is_label_line(text: &str) -> bool {
    let Some((label, value)) = text.split_once(['：', ':']) else {
        return false;
    };
    let label = label
        .trim()
        .trim_start_matches(['【', '['])
        .trim_end_matches(['】', ']']);
    matches!(label_of(label), Some(Label::Names(_) | Label::Time))
        && !value.trim().is_empty()
        && value.chars().count() <= 120
}

/// Characters no agency name contains: a clause holding one is a sentence.
fn looks_like_name(name: &str) -> bool {
    let n = name.chars().count();
    (2..=30).contains(&n)
        && !name.contains([
            '的', '了', '是', '在', '要', '将', '把', '对', '《', '》', '“', '”', '。', '：', '（',
            '）', '?', '？',
        ])
        && !name
            .chars()
            .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
}

/// A name shaped like an agency's: it ends as agency names end (部, 局,
/// 委员会, 人民政府 …) and is not a phrase that explains something
/// (含…, 包括…).
fn is_agency_form(name: &str) -> bool {
    const ENDINGS: [char; 20] = [
        '部', '局', '委', '厅', '办', '院', '会', '署', '室', '处', '行', '社', '司', '府', '团',
        '联', '队', '馆', '组', '所',
    ];
    let explains = [
        "含", "包括", "如", "即", "特别", "简称", "以下", "不含", "除",
    ]
    .iter()
    .any(|w| name.starts_with(w));
    !explains
        && (name.ends_with("中心")
            || name
                .chars()
                .next_back()
                .is_some_and(|c| ENDINGS.contains(&c)))
}

/// A time limit written in a list: 2020年12月底前完成, 2021年6月前, 持续推进,
/// 长期坚持, 年底前 …
pub(crate) fn is_time_limit(clause: &str) -> bool {
    let c = clause
        .trim()
        .trim_start_matches(['于', '在', '并', '须', '需']);
    let n = c.chars().count();
    if n == 0 || n > 24 || c.contains('、') {
        return false;
    }
    let digits: String = c
        .chars()
        .take_while(|ch| ch.is_ascii_digit() || ('０'..='９').contains(ch))
        .collect();
    if digits.chars().count() == 4 && c[digits.len()..].starts_with('年') {
        return true;
    }
    [
        "年底",
        "年内",
        "年中",
        "年末",
        "每年",
        "每季度",
        "每半年",
        "长期",
        "持续",
        "定期",
        "上半年",
        "下半年",
        "本年",
        "当年",
        "逐年",
        "常态",
        "及时",
        "按年度",
        "分阶段",
        "近期",
        "中期",
        "远期",
    ]
    .iter()
    .any(|w| c.starts_with(w))
}

/// Names separated by 、 up to a 等 or an unnamed collective; the rest goes to
/// `others` as written.
fn split_names(body: &str, names: &mut Vec<String>, others: &mut Vec<String>) -> bool {
    let body = body.trim().trim_start_matches('由').trim();
    if body.is_empty() {
        return true;
    }
    if is_unnamed(body) {
        others.push(body.to_string());
        return true;
    }
    let (named, rest) = match body.find('等') {
        Some(i) => (body.get(..i).unwrap_or_default(), body.get(i..)),
        None => (body, None),
    };
    let mut ok = true;
    for name in named.split('、').map(str::trim).filter(|n| !n.is_empty()) {
        if is_collective(name) {
            others.push(name.to_string());
        } else if looks_like_name(name) {
            names.push(name.to_string());
        } else {
            ok = false;
        }
    }
    others.extend(rest.filter(|r| !r.is_empty()).map(str::to_string));
    ok
}

/// A clause that ends in a role word: its names, group and per-remit mark.
fn role_clause(clause: &str) -> Option<(&str, Group, bool)> {
    ROLES.iter().find_map(|&(role, group, per_remit)| {
        clause
            .strip_suffix(role)
            .map(|body| (body.trim(), group, per_remit))
    })
}

struct Parse {
    leads: Vec<String>,
    partners: Vec<String>,
    others: Vec<String>,
    lead_named: bool,
    per_remit: bool,
    assigned: bool,
}

impl Parse {
    fn push(&mut self, group: Group, names: Vec<String>) {
        match group {
            Group::Lead => {
                self.lead_named |= !names.is_empty();
                self.leads.extend(names);
            }
            Group::Partner => self.partners.extend(names),
        }
    }

    /// `A会同B负责`: A leads, B takes part; `A会同有关部门负责` keeps the
    /// unnamed partners in `others`.
    fn role_body(&mut self, body: &str, group: Group) -> bool {
        let mut names = Vec::new();
        let mut ok = true;
        let cut = ["会同", "协同", "联合"]
            .iter()
            .filter_map(|w| body.find(w).map(|i| (i, w.len())))
            .min();
        match cut {
            Some((i, len)) => {
                let (left, right) = (
                    body.get(..i).unwrap_or_default(),
                    body.get(i + len..).unwrap_or_default(),
                );
                ok &= split_names(left, &mut names, &mut self.others);
                self.push(group, std::mem::take(&mut names));
                if is_unnamed(right.trim()) || right.trim().is_empty() {
                    self.others
                        .push(body.get(i..).unwrap_or_default().to_string());
                } else {
                    ok &= split_names(right, &mut names, &mut self.others);
                    self.push(Group::Partner, names);
                }
            }
            None => {
                ok &= split_names(body, &mut names, &mut self.others);
                self.push(group, names);
            }
        }
        ok
    }
}

/// Reads an agency list — `A、B负责`, `A牵头，B、C参与`, `A会同B负责`,
/// `牵头单位：A；参与单位：B`, `负责部门：A；适用范围：…`, with a time limit
/// (`A负责，2020年底前完成`) — or `None` when the text is not one.
pub(crate) fn parse_list(content: &str) -> Option<List> {
    let (list, rule) = split_rule(content);
    let body = list.trim().trim_end_matches(['。', '；', ';']);
    if body.is_empty() || body.chars().count() > 200 || body.contains('。') {
        return None;
    }
    let mut p = Parse {
        leads: Vec::new(),
        partners: Vec::new(),
        others: Vec::new(),
        lead_named: false,
        per_remit: false,
        assigned: false,
    };
    let mut time_limit: Option<String> = None;
    let mut scope: Option<String> = None;
    let mut unread = Vec::new();
    // Names in a clause of their own take the role of the clause after them
    // (A、B，C负责), or of the label before them (牵头单位：A，B).
    let mut pending: Vec<String> = Vec::new();
    let mut last_label: Option<Label> = None;
    for clause in body.split(['，', ',', '；', ';']) {
        let clause = clause.trim();
        if clause.is_empty() {
            continue;
        }
        if let Some((label, value)) = clause.split_once(['：', ':'])
            && let Some(kind) = label_of(label)
        {
            let value = value.trim();
            match kind {
                Label::Names(group) => {
                    let mut names = Vec::new();
                    if !split_names(value, &mut names, &mut p.others) {
                        return None;
                    }
                    p.push(group, names);
                    p.assigned = true;
                }
                Label::Time => time_limit = Some(value.to_string()),
                Label::Scope => scope = Some(value.to_string()),
                Label::Person => {}
            }
            last_label = Some(kind);
            continue;
        }
        match last_label {
            Some(Label::Scope) => {
                if let Some(s) = &mut scope {
                    s.push('，');
                    s.push_str(clause);
                }
                continue;
            }
            Some(Label::Time) => {
                if let Some(t) = &mut time_limit {
                    t.push('，');
                    t.push_str(clause);
                }
                continue;
            }
            Some(Label::Person) => continue,
            _ => {}
        }
        // A time limit may come first: （2021年底前完成，商务部负责）.
        if is_time_limit(clause) {
            time_limit = Some(match time_limit {
                Some(t) => format!("{t}，{clause}"),
                None => clause.to_string(),
            });
            continue;
        }
        if let Some((names_part, group, per_remit)) = role_clause(clause) {
            // Names carried from clauses before come first: they were written first.
            let carried = std::mem::take(&mut pending);
            p.push(group, carried);
            if !names_part.is_empty() && !p.role_body(names_part, group) {
                if p.assigned {
                    unread.push(clause.to_string());
                    continue;
                }
                return None;
            }
            if p.leads.len() + p.partners.len() + p.others.len() == 0 {
                return None;
            }
            p.per_remit |= per_remit;
            p.assigned = true;
            last_label = None;
            continue;
        }
        let mut names = Vec::new();
        let mut others = Vec::new();
        if split_names(clause, &mut names, &mut others) {
            match last_label {
                Some(Label::Names(group)) => {
                    p.push(group, names);
                    p.others.extend(others);
                }
                _ => {
                    pending.extend(names);
                    p.others.extend(others);
                }
            }
            continue;
        }
        if !p.assigned {
            return None;
        }
        unread.push(clause.to_string());
    }
    if !p.assigned {
        // A bare list of names (（市农业农村局、市财政局）) assigns them when
        // every one is an agency's name by its form; the first leads by the
        // genre's rule, and the list names no lead itself.
        if pending.is_empty() || !pending.iter().all(|n| is_agency_form(n)) || !unread.is_empty() {
            return None;
        }
        p.leads.append(&mut pending);
        p.lead_named = false;
    }
    // Names after the last role word (A牵头，B、C) take part.
    p.partners.append(&mut pending);
    let mut agencies: Vec<String> = Vec::new();
    for name in p.leads.into_iter().chain(p.partners) {
        if !agencies.contains(&name) {
            agencies.push(name);
        }
    }
    Some(List {
        agencies,
        lead_named: p.lead_named,
        per_remit: p.per_remit,
        others: (!p.others.is_empty()).then(|| p.others.join("，")),
        lead_rule: rule.map(str::to_string),
        time_limit,
        scope,
        unread,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(content: &str) -> List {
        parse_list(content).unwrap_or_else(|| panic!("not read as a list: {content}"))
    }

    fn parsed(content: &str) -> (Vec<String>, bool, Option<String>) {
        let l = list(content);
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
        let l = list("人力资源社会保障部、财政部负责。列第一位者为牵头单位，下同");
        assert_eq!(l.agencies, names(&["人力资源社会保障部", "财政部"]));
        assert_eq!(l.lead_rule.as_deref(), Some("列第一位者为牵头单位，下同"));
        let l = list("税务总局、财政部、海关总署负责，排在第一位的部门为牵头部门，下同");
        assert_eq!(l.agencies.len(), 3);
        assert_eq!(
            l.lead_rule.as_deref(),
            Some("排在第一位的部门为牵头部门，下同")
        );
        assert!(is_agency_list(
            "税务总局负责，排在第一位的部门为牵头部门，下同"
        ));
    }

    /// (content, agencies, lead named, per remit, others, time limit, scope)
    #[test]
    fn every_assignment_form() {
        type Row<'a> = (
            &'a str,
            &'a [&'a str],
            bool,
            bool,
            Option<&'a str>,
            Option<&'a str>,
            Option<&'a str>,
        );
        let rows: [Row<'_>; 16] = [
            (
                "负责部门：商务部、海关总署；适用范围：自由贸易试验区",
                &["商务部", "海关总署"],
                true,
                false,
                None,
                None,
                Some("自由贸易试验区"),
            ),
            (
                "牵头单位：工业和信息化部；参与单位：科技部、财政部",
                &["工业和信息化部", "科技部", "财政部"],
                true,
                false,
                None,
                None,
                None,
            ),
            (
                "责任单位：教育部、人力资源社会保障部",
                &["教育部", "人力资源社会保障部"],
                true,
                false,
                None,
                None,
                None,
            ),
            (
                "农业农村部牵头，水利部、自然资源部参与",
                &["农业农村部", "水利部", "自然资源部"],
                true,
                false,
                None,
                None,
                None,
            ),
            (
                "生态环境部牵头负责，住房城乡建设部、交通运输部配合",
                &["生态环境部", "住房城乡建设部", "交通运输部"],
                true,
                false,
                None,
                None,
                None,
            ),
            (
                "国家卫生健康委指导，中医药局参与",
                &["国家卫生健康委", "中医药局"],
                true,
                false,
                None,
                None,
                None,
            ),
            (
                "商务部会同海关总署负责",
                &["商务部", "海关总署"],
                true,
                false,
                None,
                None,
                None,
            ),
            (
                "市场监管总局负责，2020年12月底前完成",
                &["市场监管总局"],
                true,
                false,
                None,
                Some("2020年12月底前完成"),
                None,
            ),
            (
                "知识产权局负责，持续推进",
                &["知识产权局"],
                true,
                false,
                None,
                Some("持续推进"),
                None,
            ),
            (
                "文化和旅游部负责，长期坚持",
                &["文化和旅游部"],
                true,
                false,
                None,
                Some("长期坚持"),
                None,
            ),
            (
                "公安部、司法部按职责分工负责，2021年6月前",
                &["公安部", "司法部"],
                true,
                true,
                None,
                Some("2021年6月前"),
                None,
            ),
            (
                "参与单位：科技部；牵头单位：教育部",
                &["教育部", "科技部"],
                true,
                false,
                None,
                None,
                None,
            ),
            (
                "参与单位：科技部、财政部",
                &["科技部", "财政部"],
                false,
                false,
                None,
                None,
                None,
            ),
            (
                "牵头单位：民政部；完成时限：2021年底前",
                &["民政部"],
                true,
                false,
                None,
                Some("2021年底前"),
                None,
            ),
            (
                "交通运输部牵头，各省级人民政府配合",
                &["交通运输部"],
                true,
                false,
                Some("各省级人民政府"),
                None,
                None,
            ),
            ("由应急部负责", &["应急部"], true, false, None, None, None),
        ];
        for (content, names, lead_named, per_remit, others, time, scope) in rows {
            let l = list(content);
            let got: Vec<&str> = l.agencies.iter().map(String::as_str).collect();
            assert_eq!(got, names, "{content}");
            assert_eq!(l.lead_named, lead_named, "{content}");
            assert_eq!(l.per_remit, per_remit, "{content}");
            assert_eq!(l.others.as_deref(), others, "{content}");
            assert_eq!(l.time_limit.as_deref(), time, "{content}");
            assert_eq!(l.scope.as_deref(), scope, "{content}");
            assert!(l.unread.is_empty(), "{content}: {:?}", l.unread);
        }
        // A time limit first; a person's label is not an agency.
        let l = list("2021年底前完成，商务部负责");
        assert_eq!(
            (l.agencies, l.time_limit.as_deref()),
            (names(&["商务部"]), Some("2021年底前完成"))
        );
        let l = list("省发展改革委牵头，省直有关单位配合");
        assert_eq!(
            (l.agencies, l.others.as_deref()),
            (names(&["省发展改革委"]), Some("省直有关单位"))
        );
        let l = list("责任领导：张三；责任单位：商务部；配合单位：财政部");
        assert_eq!(l.agencies, names(&["商务部", "财政部"]));
        // A bare list of agency names: the first leads, named by no role.
        let l = list("市农业农村局、市财政局");
        assert_eq!(l.agencies, names(&["市农业农村局", "市财政局"]));
        assert!(!l.lead_named);
        // Half-width marks are read as full-width ones.
        assert_eq!(
            list("牵头单位:民政部;参与单位:财政部").agencies,
            names(&["民政部", "财政部"])
        );
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
            "2020年12月底前完成",
            "含中小企业",
            "以下简称“双创”",
            "各地结合实际推进",
            "含中国科学院",
            "以下简称知识产权局",
            "北京、上海",
        ] {
            assert!(!is_agency_list(content), "{content}");
        }
    }

    #[test]
    fn final_list_at_the_end_or_repairable() {
        let t = "做好工作。（知识产权局负责）";
        assert!(matches!(final_list(t), Some(Final::Found(p)) if p.content(t) == "知识产权局负责"));
        assert!(matches!(
            final_list("做好（专利）工作。（甲部负责）。"),
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
