//! Item numbers at the start of a paragraph: 一、 （一） 1. 1． 1、 （1）, and the
//! damaged forms web extraction leaves (一） without its bracket, -） for a
//! lost 一).

/// The numbering styles of the genre; a plan nests them in the order in
/// which they first appear.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// 一、
    HanComma,
    /// （一）
    HanParen,
    /// 1. 1． 1、
    Arabic,
    /// （1）
    ArabicParen,
    /// ① ② … ⑳
    Circled,
}

/// What was wrong with a marker as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Damage {
    /// `一）…`: the opening bracket is missing.
    MissingOpen,
    /// `-）…`: the numeral was lost (a 一 read as a dash), bracket too.
    LostNumeral,
    /// No number at all: a paragraph that carries its own agency list after
    /// finished tasks is a task, numbered after its neighbours.
    Unnumbered,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Marker {
    pub kind: Kind,
    /// The numeral's value; `None` when it was lost.
    pub value: Option<u32>,
    /// Byte length of the marker in the paragraph, spaces after it included.
    pub len: usize,
    pub damage: Option<Damage>,
    /// The marker exactly as written (for messages).
    pub written: String,
}

impl Marker {
    /// The numeral as the plan prints it, without brackets or 、.
    pub fn numeral(&self) -> String {
        match (self.kind, self.value) {
            (_, None) => String::new(),
            (Kind::HanComma | Kind::HanParen, Some(v)) => han_numeral(v),
            (Kind::Arabic | Kind::ArabicParen | Kind::Circled, Some(v)) => v.to_string(),
        }
    }

    /// The marker in its regular form: 一、 （一） 1. （1）.
    pub fn label(&self) -> String {
        let n = self.numeral();
        match self.kind {
            Kind::HanComma => format!("{n}、"),
            Kind::HanParen | Kind::ArabicParen => format!("（{n}）"),
            Kind::Arabic => format!("{n}."),
            Kind::Circled => char::from_u32(0x245F + self.value.unwrap_or(0))
                .filter(|_| (1..=20).contains(&self.value.unwrap_or(0)))
                .map_or_else(|| format!("({n})"), String::from),
        }
    }
}

const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

fn han_digit(c: char) -> Option<u32> {
    match c {
        '〇' => Some(0),
        '两' => Some(2),
        _ => DIGITS
            .iter()
            .position(|&d| d == c)
            .and_then(|p| u32::try_from(p).ok()),
    }
}

fn han_unit(c: char) -> Option<u32> {
    match c {
        '十' => Some(10),
        '百' => Some(100),
        '千' => Some(1000),
        _ => None,
    }
}

fn is_han_numeral_char(c: char) -> bool {
    han_digit(c).is_some() || han_unit(c).is_some()
}

/// 一 → 1, 十一 → 11, 二十 → 20, 一百零一 → 101; `None` for anything else.
pub(crate) fn han_value(text: &str) -> Option<u32> {
    if text.is_empty() || text.chars().count() > 8 {
        return None;
    }
    let mut total = 0u32;
    let mut current: Option<u32> = None;
    for c in text.chars() {
        if let Some(d) = han_digit(c) {
            if current.is_some_and(|v| v != 0) {
                return None; // two digits in a row: 一二 is no number
            }
            current = Some(d);
        } else {
            let unit = han_unit(c)?;
            total += current.unwrap_or(1) * unit;
            current = None;
        }
    }
    let value = total + current.unwrap_or(0);
    (value > 0).then_some(value)
}

/// 1 → 一, 11 → 十一, 21 → 二十一, 101 → 一百零一, 31250 → 三万一千二百五十
/// (up to 99,999,999; larger numbers stay in digits).
pub fn han_numeral(value: u32) -> String {
    if value == 0 || value > 99_999_999 {
        return value.to_string();
    }
    if value > 9999 {
        let (high, low) = (value / 10_000, value % 10_000);
        let mut out = han_numeral(high);
        out.push('万');
        if low > 0 {
            // 一万零五: a gap before the thousands is read out as 零.
            if low < 1000 {
                out.push('零');
            }
            let rest = han_numeral(low);
            // 十 after 万 is said 一十 (一万一十).
            if (10..20).contains(&low) {
                out.push('一');
            }
            out.push_str(&rest);
        }
        return out;
    }
    let parts = [(1000, '千'), (100, '百'), (10, '十'), (1, ' ')];
    let mut out = String::new();
    let mut pending_zero = false;
    for (unit, name) in parts {
        let d = (value / unit) % 10;
        if d == 0 {
            pending_zero = !out.is_empty();
            continue;
        }
        if pending_zero {
            out.push('零');
            pending_zero = false;
        }
        // 十一 rather than 一十一 when the number starts with the tens.
        if !(unit == 10 && d == 1 && out.is_empty()) {
            out.push(DIGITS[d as usize]);
        }
        if unit > 1 {
            out.push(name);
        }
    }
    out
}

/// Marks that cannot begin the text of an item: `二）。（…` is the end of a
/// wrapped `（二）` inside a task, not a heading.
fn is_separating_punct(c: char) -> bool {
    matches!(
        c,
        '。' | '，'
            | '、'
            | '；'
            | '：'
            | '！'
            | '？'
            | '）'
            | '》'
            | '”'
            | '.'
            | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | ')'
            | '］'
            | '〕'
    )
}

/// Reads the marker at the start of a cleaned paragraph.
pub(crate) fn parse(text: &str) -> Option<Marker> {
    let mut chars = text.char_indices().peekable();
    let (_, first) = *chars.peek()?;
    let (kind, value, end, damage) = if first == '（' {
        chars.next();
        let inner: String = chars
            .clone()
            .take_while(|&(_, c)| c != '）')
            .map(|(_, c)| c)
            .take(9)
            .collect();
        let close = text.find('）')?;
        if close != '（'.len_utf8() + inner.len() {
            return None;
        }
        let (kind, value) = if inner.chars().all(|c| c.is_ascii_digit()) && inner.len() <= 5 {
            (Kind::ArabicParen, inner.parse().ok()?)
        } else {
            (Kind::HanParen, han_value(&inner)?)
        };
        (kind, Some(value), close + '）'.len_utf8(), None)
    } else if is_han_numeral_char(first) {
        let numeral: String = chars
            .clone()
            .map(|(_, c)| c)
            .take_while(|&c| is_han_numeral_char(c))
            .take(9)
            .collect();
        let value = han_value(&numeral)?;
        let after = numeral.len();
        match text.get(after..)?.chars().next()? {
            '、' => (Kind::HanComma, Some(value), after + '、'.len_utf8(), None),
            '）' => (
                Kind::HanParen,
                Some(value),
                after + '）'.len_utf8(),
                Some(Damage::MissingOpen),
            ),
            _ => return None,
        }
    } else if first.is_ascii_digit() {
        let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
        if digits.len() > 5 {
            return None;
        }
        let sep = text.get(digits.len()..)?.chars().next()?;
        if !matches!(sep, '.' | '．' | '、') {
            return None;
        }
        let value = digits.parse().ok()?;
        (
            Kind::Arabic,
            Some(value),
            digits.len() + sep.len_utf8(),
            None,
        )
    } else if ('①'..='⑳').contains(&first) {
        let value = first as u32 - 0x245F;
        (Kind::Circled, Some(value), first.len_utf8(), None)
    } else if matches!(first, '-' | '－' | '—' | '–') {
        let after = first.len_utf8();
        if text.get(after..)?.chars().next()? != '）' {
            return None;
        }
        (
            Kind::HanParen,
            None,
            after + '）'.len_utf8(),
            Some(Damage::LostNumeral),
        )
    } else {
        return None;
    };
    let rest = text.get(end..)?;
    let body = rest.trim_start();
    let next = body.chars().next()?;
    if is_separating_punct(next) || (kind == Kind::Arabic && next.is_ascii_digit()) {
        return None;
    }
    Some(Marker {
        kind,
        value,
        len: end + (rest.len() - body.len()),
        damage,
        written: text.get(..end).unwrap_or_default().to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_numerals_both_ways() {
        for (text, value) in [
            ("一", 1),
            ("十", 10),
            ("十一", 11),
            ("二十", 20),
            ("二十九", 29),
            ("一百", 100),
            ("一百零一", 101),
            ("三百二十", 320),
        ] {
            assert_eq!(han_value(text), Some(value), "{text}");
            assert_eq!(han_numeral(value), text);
        }
        for (value, text) in [
            (10_000, "一万"),
            (10_005, "一万零五"),
            (10_015, "一万零一十五"),
            (31_250, "三万一千二百五十"),
            (120_300, "十二万零三百"),
        ] {
            assert_eq!(han_numeral(value), text, "{value}");
        }
        assert_eq!(han_numeral(0), "0");
        assert_eq!(han_value("一二"), None);
        assert_eq!(han_value(""), None);
        assert_eq!(han_value("零"), None);
    }

    fn kind_value(text: &str) -> Option<(Kind, Option<u32>, Option<Damage>, &str)> {
        parse(text).map(|m| (m.kind, m.value, m.damage, &text[m.len..]))
    }

    #[test]
    fn regular_markers() {
        assert_eq!(
            kind_value("一、总体要求"),
            Some((Kind::HanComma, Some(1), None, "总体要求"))
        );
        assert_eq!(
            kind_value("（十二）引导消费理念。"),
            Some((Kind::HanParen, Some(12), None, "引导消费理念。"))
        );
        assert_eq!(
            kind_value("12. 出台"),
            Some((Kind::Arabic, Some(12), None, "出台"))
        );
        assert_eq!(
            kind_value("3．出台"),
            Some((Kind::Arabic, Some(3), None, "出台"))
        );
        assert_eq!(
            kind_value("4、出台"),
            Some((Kind::Arabic, Some(4), None, "出台"))
        );
        assert_eq!(
            kind_value("（2）出台"),
            Some((Kind::ArabicParen, Some(2), None, "出台"))
        );
        assert_eq!(
            kind_value("③出台"),
            Some((Kind::Circled, Some(3), None, "出台"))
        );
        assert_eq!(
            kind_value("1024. 出台"),
            Some((Kind::Arabic, Some(1024), None, "出台"))
        );
        assert_eq!(
            kind_value("（1001）出台"),
            Some((Kind::ArabicParen, Some(1001), None, "出台"))
        );
    }

    #[test]
    fn damaged_markers() {
        assert_eq!(
            kind_value("一）完善法律"),
            Some((
                Kind::HanParen,
                Some(1),
                Some(Damage::MissingOpen),
                "完善法律"
            ))
        );
        assert_eq!(
            kind_value("-）提高"),
            Some((Kind::HanParen, None, Some(Damage::LostNumeral), "提高"))
        );
        assert_eq!(
            kind_value("二）强化"),
            Some((Kind::HanParen, Some(2), Some(Damage::MissingOpen), "强化"))
        );
    }

    #[test]
    fn look_alikes_are_not_markers() {
        for text in [
            "二）。（最高人民法院负责）",
            "2020年国际版权论坛",
            "2.5亿元",
            "2020、2021年",
            "（知识产权局负责）",
            "（此件公开发布）",
            "十九大精神",
            "一、",
            "1.",
            "一是加强",
        ] {
            assert_eq!(parse(text), None, "{text}");
        }
    }
}
