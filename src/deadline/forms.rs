//! The ways a time limit is written, read in one place: as staff type it
//! (`plantrack due 55 9月底`, the interface's `D`, `--as-of`) with
//! [`parse`], and as a plan writes it in an agency list (（…，2020年12月底前
//! 完成）) with [`written`].
//!
//! Both read the same forms: a year (2021, 2021年), then a period of it —
//! its end (年底, 底, 末, 年内, 全年), a half (上半年, H1), a quarter (三季度,
//! 第3季度, 前三季度, Q3), a month and its end or part (9月, 9月底, 6月中旬,
//! 2020-09), or a day (9月30日, 2020-09-30, 9-30); digits may be full-width
//! or Chinese numerals (九月底). Every form names the last day it allows.
//! They differ in what they accept around it:
//! - typed input is the form alone, `前`/`以前`/`之前`/`完成` after it
//!   allowed; a form without a year is in the plan's year; `none` and
//!   `按计划` ask for the plan's own limit again; anything else is an error
//!   that shows the forms that work;
//! - a plan's words hold a year written `YYYY年`, the form starting there,
//!   anything after it (2021年6月底前完成并持续推进); without such a year
//!   (年底前, 持续推进) they name no day.

use jiff::civil::Date;

/// Why a typed time limit was not understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error(
        "\"{0}\" is not a time limit; write a day (2020-09-30, 2020年9月30日), a month's end (9月底, 2020-09), a quarter (2020年三季度, Q3), 上半年 or 年底, or \"none\" to go back to the plan's"
    )]
    Unknown(String),
    #[error(
        "\"{0}\" gives no year and the plan is not an annual one; write the year too (2020年9月底, 2020-Q3)"
    )]
    NoYear(String),
    #[error("\"{0}\" is not a day of the calendar")]
    NoSuchDay(String),
}

/// What a typed time limit asks for: a day, or back to the plan's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typed {
    Day(Date),
    PlanDefault,
}

/// Words after a typed form that add nothing: a limit is the last day allowed.
const TAILS: [&str; 5] = ["前完成", "以前", "之前", "前", "完成"];

/// Reads a time limit as staff type it. A form without a year (9月底, Q3,
/// 年底) is in `year`, the plan's year.
pub fn parse(input: &str, year: Option<i16>) -> Result<Typed, DateError> {
    let shown = input.trim().to_string();
    let text: String = normal(input)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if matches!(
        text.as_str(),
        "none" | "clear" | "plan" | "default" | "-" | "无" | "清除" | "按计划"
    ) {
        return Ok(Typed::PlanDefault);
    }
    let read = read(&text, year).map_err(|e| e.for_input(&shown))?;
    let rest = text.get(read.used..).unwrap_or_default();
    if !(rest.is_empty() || TAILS.contains(&rest)) {
        return Err(DateError::Unknown(shown));
    }
    Ok(Typed::Day(read.day))
}

/// The last day a plan's written time limit allows (2020年12月底前完成 →
/// 2020-12-31), or `None` when it names none.
pub fn written(text: &str) -> Option<Date> {
    let text = normal(text);
    // The year is the four digits before the first 年.
    let year_at = text.find('年')?;
    let digits = text
        .get(..year_at)?
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .count();
    if digits != 4 {
        return None;
    }
    let from = text.get(year_at - 4..)?;
    read(from, None).ok().map(|r| r.day)
}

/// Lower case, full-width digits and letters as ASCII.
fn normal(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            _ => c,
        })
        .collect::<String>()
        .to_lowercase()
}

/// The day a form at the start of a text names, and how many bytes of the
/// text the form took.
struct Read {
    day: Date,
    used: usize,
}

/// A form not read, before it is tied to the input it came from.
enum Miss {
    Unknown,
    NoYear,
    NoSuchDay,
}

impl Miss {
    fn for_input(self, input: &str) -> DateError {
        let input = input.to_string();
        match self {
            Miss::Unknown => DateError::Unknown(input),
            Miss::NoYear => DateError::NoYear(input),
            Miss::NoSuchDay => DateError::NoSuchDay(input),
        }
    }
}

/// Reads the form at the start of `text` (normalised, without spaces); a
/// form without a year is in `year`.
fn read(text: &str, year: Option<i16>) -> Result<Read, Miss> {
    let (written_year, mut at) = leading_year(text);
    let need_year = || written_year.or(year).ok_or(Miss::NoYear);
    let rest = |at: usize| text.get(at..).unwrap_or_default();
    let done = |day: Result<Date, Miss>, used: usize| day.map(|day| Read { day, used });
    let ymd = |y: i16, m: i8, d: i8| Date::new(y, m, d).map_err(|_| Miss::NoSuchDay);
    let month_end = |y: i16, m: i8| {
        Date::new(y, m, 1)
            .map(|d| d.last_of_month())
            .map_err(|_| Miss::NoSuchDay)
    };
    // The year's end, half, quarter.
    for (words, month) in [
        (&["年底", "年末", "全年", "年内", "底", "末", "内"][..], 12),
        (&["上半年", "h1"][..], 6),
        (&["下半年", "h2"][..], 12),
    ] {
        if let Some(w) = words.iter().find(|w| rest(at).starts_with(**w)) {
            return done(month_end(need_year()?, month), at + w.len());
        }
    }
    if let Some((q, used)) = quarter(rest(at)) {
        return done(month_end(need_year()?, q * 3), at + used);
    }
    let Some((first, used)) = leading_number(rest(at)) else {
        // A year alone (2021, 2021年完成): its end.
        return match written_year {
            Some(y) => done(ymd(y, 12, 31), at),
            None => Err(Miss::Unknown),
        };
    };
    at += used;
    // M月, then its end or a part of it, or a day.
    if let Some(after) = rest(at).strip_prefix('月') {
        at += '月'.len_utf8();
        let month = first;
        if after.starts_with('份') {
            at += '份'.len_utf8();
        }
        for (word, day) in [
            ("中旬", Some(15)),
            ("上旬", Some(10)),
            ("下旬", None),
            ("中", Some(15)),
            ("底", None),
            ("末", None),
        ] {
            if rest(at).starts_with(word) {
                let y = need_year()?;
                let day = match day {
                    Some(d) => ymd(y, month, d),
                    None => month_end(y, month),
                };
                return done(day, at + word.len());
            }
        }
        if let Some((d, used)) = leading_number(rest(at)) {
            let mut end = at + used;
            if let Some(unit) = ['日', '号'].into_iter().find(|u| rest(end).starts_with(*u)) {
                end += unit.len_utf8();
            }
            return done(ymd(need_year()?, month, d), end);
        }
        return done(month_end(need_year()?, month), at);
    }
    // M-D, M/D, M.D; or, after a written year, M alone.
    let separated = rest(at)
        .strip_prefix(['-', '/', '.'])
        .and_then(leading_number);
    match separated {
        Some((d, used)) => done(ymd(need_year()?, first, d), at + 1 + used),
        None if written_year.is_some() => done(month_end(need_year()?, first), at),
        None => Err(Miss::Unknown),
    }
}

/// A year of four digits at the start, with what follows it (年, or one
/// of `-` `/` `.`), and where the rest begins.
fn leading_year(text: &str) -> (Option<i16>, usize) {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if digits != 4 {
        return (None, 0);
    }
    let year = text.get(..4).and_then(|y| y.parse().ok());
    let rest = text.get(4..).unwrap_or_default();
    let after = if rest.starts_with('年') {
        '年'.len_utf8()
    } else if rest.starts_with(['-', '/', '.']) {
        1
    } else {
        0
    };
    (year, 4 + after)
}

/// Q3, 三季度, 第三季度, 前三季度, 3季度, 第3季度, 三季: the quarter and the
/// bytes it took.
fn quarter(text: &str) -> Option<(i8, usize)> {
    let valid = |n: i8| (1..=4).contains(&n);
    if let Some(n) = text.strip_prefix('q') {
        let (n, used) = leading_number(n).filter(|(n, _)| valid(*n))?;
        return Some((n, 1 + used));
    }
    let mut at = 0;
    for prefix in ["前", "第"] {
        if text.get(at..).is_some_and(|t| t.starts_with(prefix)) {
            at += prefix.len();
        }
    }
    let (n, used) = leading_number(text.get(at..)?).filter(|(n, _)| valid(*n))?;
    at += used;
    let unit = ["季度", "季"]
        .into_iter()
        .find(|u| text.get(at..).is_some_and(|t| t.starts_with(u)))?;
    Some((n, at + unit.len()))
}

/// 1–31 at the start, in digits or Chinese numerals (九, 十二, 三十一), and
/// the bytes it took.
fn leading_number(text: &str) -> Option<(i8, usize)> {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        let n: i8 = text.get(..digits)?.parse().ok()?;
        return (n >= 1).then_some((n, digits));
    }
    let digit = |c: char| "〇一二三四五六七八九".chars().position(|d| d == c);
    let chars: Vec<char> = text
        .chars()
        .take_while(|&c| c == '十' || digit(c).is_some())
        .take(3)
        .collect();
    // The longest numeral the start spells.
    for len in (1..=chars.len()).rev() {
        let value = match chars[..len] {
            ['十'] => Some(10),
            [d] => digit(d),
            ['十', d] => digit(d).map(|d| 10 + d),
            [t, '十'] => digit(t).map(|t| t * 10),
            [t, '十', d] => digit(t).zip(digit(d)).map(|(t, d)| t * 10 + d),
            _ => None,
        };
        if let Some(n) = value.and_then(|v| i8::try_from(v).ok()).filter(|n| *n >= 1) {
            return Some((n, chars[..len].iter().map(|c| c.len_utf8()).sum()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        text.parse().expect("test date")
    }

    /// Every form, as typed (with 2020 as the plan's year) and as a plan
    /// writes it: the day each reads, `-` where one of them names none.
    #[test]
    fn every_form_typed_and_written() {
        #[rustfmt::skip]
        let cases: &[(&str, &str, &str)] = &[
            // input                  typed          written
            ("2020-09-30",            "2020-09-30",  "-"),
            (" 2020/9/30 ",           "2020-09-30",  "-"),
            ("2020.9.30",             "2020-09-30",  "-"),
            ("2020年9月30日",         "2020-09-30",  "2020-09-30"),
            ("2020年9月30号",         "2020-09-30",  "2020-09-30"),
            ("2021年3月底",           "2021-03-31",  "2021-03-31"),
            ("2020年12月底前完成",    "2020-12-31",  "2020-12-31"),
            ("2020-09",               "2020-09-30",  "-"),
            ("2020-02",               "2020-02-29",  "-"),
            ("9月底",                 "2020-09-30",  "-"),
            ("9月",                   "2020-09-30",  "-"),
            ("九月底",                "2020-09-30",  "-"),
            ("十二月底前",            "2020-12-31",  "-"),
            ("9月30日",               "2020-09-30",  "-"),
            ("9月15日前",             "2020-09-15",  "-"),
            ("6月中旬",               "2020-06-15",  "-"),
            ("6月上旬",               "2020-06-10",  "-"),
            ("9-30",                  "2020-09-30",  "-"),
            ("2020年三季度",          "2020-09-30",  "2020-09-30"),
            ("2020年第三季度",        "2020-09-30",  "2020-09-30"),
            ("三季度",                "2020-09-30",  "-"),
            ("第4季度",               "2020-12-31",  "-"),
            ("Q3",                    "2020-09-30",  "-"),
            ("q1",                    "2020-03-31",  "-"),
            ("2021Q2",                "2021-06-30",  "-"),
            ("2021-Q2",               "2021-06-30",  "-"),
            ("年底",                  "2020-12-31",  "-"),
            ("年底前",                "2020-12-31",  "-"),
            ("2021年底",              "2021-12-31",  "2021-12-31"),
            ("2021年",                "2021-12-31",  "2021-12-31"),
            ("2021",                  "2021-12-31",  "-"),
            ("上半年",                "2020-06-30",  "-"),
            ("2021年上半年",          "2021-06-30",  "2021-06-30"),
            ("下半年",                "2020-12-31",  "-"),
            // As plans write them.
            ("2021年6月前",           "2021-06-30",  "2021-06-30"),
            ("2020年底前",            "2020-12-31",  "2020-12-31"),
            ("2024年2月底前",         "2024-02-29",  "2024-02-29"),
            ("2021年10月15日前完成",  "2021-10-15",  "2021-10-15"),
            ("２０２２年３月",        "2022-03-31",  "2022-03-31"),
            ("2022年完成",            "2022-12-31",  "2022-12-31"),
            ("2021年三季度",          "2021-09-30",  "2021-09-30"),
            ("2021年前三季度",        "2021-09-30",  "2021-09-30"),
            ("2021年内",              "2021-12-31",  "2021-12-31"),
            ("2021年6月份",           "2021-06-30",  "2021-06-30"),
            ("于2021年6月底前完成并持续推进", "-", "2021-06-30"),
            ("2021年起持续推进",      "-",           "2021-12-31"),
            ("持续推进",              "-",           "-"),
            ("长期坚持",              "-",           "-"),
            ("2021年13月",            "-",           "-"),
            ("2021年2月30日",         "-",           "-"),
        ];
        for (input, typed, from_plan) in cases {
            let typed_read = match parse(input, Some(2020)) {
                Ok(Typed::Day(d)) => Some(d),
                _ => None,
            };
            let want = |s: &str| (s != "-").then(|| day(s));
            assert_eq!(typed_read, want(typed), "typed {input}");
            assert_eq!(written(input), want(from_plan), "written {input}");
        }
        for back in ["none", "NONE", "clear", "-", "按计划", "default"] {
            assert_eq!(parse(back, Some(2020)), Ok(Typed::PlanDefault), "{back}");
        }
    }

    #[test]
    fn what_is_not_a_time_limit_says_so() {
        let year = Some(2020);
        for bad in [
            "",
            "soon",
            "Q5",
            "Q0",
            "五季度",
            "13月底",
            "2020-13",
            "9月40日",
            "next friday",
            "持续推进",
            "9月底吧",
        ] {
            let error = parse(bad, year).expect_err(bad);
            let message = error.to_string();
            assert!(
                matches!(error, DateError::Unknown(_) | DateError::NoSuchDay(_)),
                "{bad}: {message}"
            );
        }
        assert!(matches!(
            parse("2020-02-30", year),
            Err(DateError::NoSuchDay(_))
        ));
        assert!(matches!(
            parse("2021-02-29", year),
            Err(DateError::NoSuchDay(_))
        ));
        // A form without a year needs the plan's.
        let error = parse("9月底", None).expect_err("no year");
        assert_eq!(error, DateError::NoYear("9月底".into()));
        assert!(error.to_string().contains("2020年9月底"), "{error}");
        // The message shows the forms that work, and what was typed.
        let message = parse(" soon ", year).expect_err("soon").to_string();
        assert!(
            message.contains("\"soon\"") && message.contains("9月底") && message.contains("Q3"),
            "{message}"
        );
    }
}
