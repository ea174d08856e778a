//! The date a written time limit names: 2020年12月底前完成 → 2020-12-31.
//!
//! A limit names the last day of the period it writes: a year (2021年完成,
//! 2020年底前), a half (上半年), a quarter (一季度), a month (6月底前, and
//! 6月前, which offices use for "by June"), or a day (10月15日前). Limits
//! without a year (年底前, 持续推进, 长期坚持) name no date: they are kept as
//! written only.

/// The last day the limit allows, as `YYYY-MM-DD`, or `None`.
pub(crate) fn date_of(written: &str) -> Option<String> {
    let text: String = written
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect();
    let year_at = text.find('年')?;
    let head = text.get(..year_at)?;
    let digits: String = head
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if digits.len() != 4 {
        return None;
    }
    let year: i32 = digits.parse().ok()?;
    let rest = text.get(year_at + '年'.len_utf8()..)?;
    let month_end = |m: u32| Some(format!("{year:04}-{m:02}-{:02}", days_in_month(year, m)));
    for (words, month) in [
        (&["上半年"][..], 6),
        (&["一季度", "第一季度"][..], 3),
        (&["二季度", "第二季度"][..], 6),
        (&["三季度", "第三季度", "前三季度"][..], 9),
        (
            &["四季度", "第四季度", "下半年", "底", "末", "内", "年底"][..],
            12,
        ),
    ] {
        if words.iter().any(|w| rest.starts_with(w)) {
            return month_end(month);
        }
    }
    let month_digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if month_digits.is_empty() {
        // 2021年完成, 2021年前: the whole year.
        return month_end(12);
    }
    let month: u32 = month_digits.parse().ok()?;
    if !(1..=12).contains(&month) {
        return None;
    }
    let after_month = rest.get(month_digits.len()..)?;
    let after_month = after_month.strip_prefix('月')?;
    let day_digits: String = after_month
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    if !day_digits.is_empty() && after_month[day_digits.len()..].starts_with('日') {
        let day: u32 = day_digits.parse().ok()?;
        if (1..=days_in_month(year, month)).contains(&day) {
            return Some(format!("{year:04}-{month:02}-{day:02}"));
        }
        return None;
    }
    month_end(month)
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::date_of;

    #[test]
    fn dates_named_by_limits() {
        for (written, date) in [
            ("2020年12月底前完成", Some("2020-12-31")),
            ("2021年6月前", Some("2021-06-30")),
            ("2020年底前", Some("2020-12-31")),
            ("2021年上半年", Some("2021-06-30")),
            ("2024年2月底前", Some("2024-02-29")),
            ("2021年10月15日前完成", Some("2021-10-15")),
            ("２０２２年３月", Some("2022-03-31")),
            ("2022年完成", Some("2022-12-31")),
            ("2021年三季度", Some("2021-09-30")),
            ("持续推进", None),
            ("长期坚持", None),
            ("年底前", None),
            ("2021年13月", None),
        ] {
            assert_eq!(date_of(written).as_deref(), date, "{written}");
        }
    }
}
