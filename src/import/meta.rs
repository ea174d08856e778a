//! The plan's own data around its numbered items: title, issuer, document
//! number, addressees and date at the head; signature, date, publication note
//! and web-site footer at the tail.

use super::Ctx;
use super::agencies::final_list;
use super::lines::Para;
use super::markers;
use super::report::Said;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Meta {
    pub title: String,
    pub issuer: Option<String>,
    pub issued: Option<String>,
    pub document_number: Option<String>,
    pub addressees: Vec<String>,
    pub preamble: Vec<String>,
}

/// `YYYY-MM-DD` from the first date in the text: 2020-05-13, 2020/5/13,
/// 2018年12月6日.
pub(crate) fn find_date(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    for start in 0..chars.len() {
        if let Some(date) = date_at(&chars[start..]) {
            return Some(date);
        }
    }
    None
}

fn read_number(chars: &[char], pos: &mut usize, max_len: usize) -> Option<u32> {
    let digits: String = chars
        .get(*pos..)?
        .iter()
        .take(max_len + 1)
        .take_while(|c| c.is_ascii_digit())
        .collect();
    if digits.is_empty() || digits.len() > max_len {
        return None;
    }
    *pos += digits.len();
    digits.parse().ok()
}

fn date_at(chars: &[char]) -> Option<String> {
    let mut pos = 0;
    let year = read_number(chars, &mut pos, 4).filter(|y| (1900..=2200).contains(y))?;
    let sep = *chars.get(pos)?;
    if !matches!(sep, '-' | '/' | '年' | '.') {
        return None;
    }
    pos += 1;
    let month = read_number(chars, &mut pos, 2).filter(|m| (1..=12).contains(m))?;
    let expected = if sep == '年' { '月' } else { sep };
    if *chars.get(pos)? != expected {
        return None;
    }
    pos += 1;
    let day = read_number(chars, &mut pos, 2).filter(|d| (1..=31).contains(d))?;
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

/// A paragraph that is only a date: 2018年12月6日.
fn is_date_line(text: &str) -> bool {
    text.chars().count() <= 12 && text.ends_with('日') && find_date(text).is_some()
}

/// 国发〔2019〕3号, 国办发〔2018〕117号, 知保发〔2020〕5号 …
fn is_document_number(text: &str) -> bool {
    let Some(open) = text.find(['〔', '［', '[', '（']) else {
        return false;
    };
    let prefix = text.get(..open).unwrap_or_default();
    let rest = text.get(open..).unwrap_or_default();
    text.chars().count() <= 30
        && !prefix.is_empty()
        && text.ends_with('号')
        && rest.chars().filter(char::is_ascii_digit).count() >= 5
}

/// The line a web page puts above an article: 时间:2020-05-13 作者: 来源: 浏览:456.
fn is_site_header(text: &str) -> bool {
    let fields = [
        "作者：",
        "来源：",
        "浏览：",
        "点击：",
        "发布时间：",
        "时间：",
    ]
    .iter()
    .filter(|f| text.contains(*f))
    .count();
    fields >= 2
        || (text.contains("时间：") && find_date(text).is_some() && text.chars().count() <= 60)
}

/// Web-site chrome: what a page prints around every article.
fn is_site_chrome(text: &str) -> bool {
    [
        "ICP备",
        "©",
        "版权所有",
        "地址：",
        "指导单位",
        "运维单位",
        "主办单位",
        "承办单位",
        "技术支持",
        "联系电话",
        "公网安备",
        "网站标识码",
        "联系我们",
        "网站地图",
        "邮编：",
        "Copyright",
    ]
    .iter()
    .any(|k| text.contains(k))
}

fn is_title_like(text: &str) -> bool {
    text.chars().count() <= 40
        && !text.contains(['。', '；'])
        && !text.ends_with(['：', ':'])
        && markers::parse(text).is_none()
        && !is_document_number(text)
        && !is_date_line(text)
        && !is_site_header(text)
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Reads the paragraphs before the first numbered item. Returns the metadata
/// and the index of the first body paragraph.
pub(crate) fn read_head(paras: &[Para], ctx: &mut Ctx) -> (Meta, usize) {
    let first_item = paras
        .iter()
        .position(|p| markers::parse(&p.text).is_some())
        .unwrap_or(paras.len());
    let head = &paras[..first_item];
    let mut meta = Meta::default();
    let mut rest = head.iter().peekable();
    // The plan text of a 印发 notice: its title is the book title inside the
    // notice's title, and it is printed again above the plan itself.
    let mut plan_title: Option<String> = None;
    if let Some(first) = rest.next() {
        ctx.keep(first);
        let mut title = first.text.clone();
        if let Some(printed) = notice_book_title(&title) {
            meta.issuer = issuer_before_guanyu(&title);
            plan_title = Some(printed.clone());
            title = printed;
        } else {
            if let Some(second) =
                rest.next_if(|p| is_title_like(&p.text) && !title.ends_with(['：', ':']))
            {
                ctx.keep(second);
                title.push_str(&second.text);
            }
            meta.issuer = issuer_before_guanyu(&title);
            plan_title = Some(title.clone());
        }
        meta.title = title;
    }
    let head_rest: Vec<&Para> = rest.collect();
    let mut i = 0;
    while i < head_rest.len() {
        let para = head_rest[i];
        let text = para.text.as_str();
        if is_site_header(text) {
            let date = find_date(text);
            if meta.issued.is_none() {
                meta.issued.clone_from(&date);
            }
            ctx.report.repair(
                para.line,
                Said::SiteHeader {
                    date,
                    text: text.to_string(),
                },
            );
        } else if meta.document_number.is_none() && is_document_number(text) {
            ctx.keep(para);
            meta.document_number = Some(text.to_string());
        } else if meta.addressees.is_empty()
            && meta.preamble.is_empty()
            && text.ends_with(['：', ':'])
            && !text.contains('。')
        {
            ctx.keep(para);
            meta.addressees = split_addressees(text);
        } else if meta.issued.is_none() && is_date_line(text) {
            ctx.keep(para);
            meta.issued = find_date(text);
        } else if let Some(title) = plan_title.as_deref()
            && let Some(used) = repeats_title(&head_rest[i..], title)
        {
            for p in &head_rest[i..i + used] {
                ctx.keep(p);
            }
            i += used;
            continue;
        } else {
            ctx.keep(para);
            meta.preamble.push(text.to_string());
        }
        i += 1;
    }
    (meta, first_item)
}

/// `…办公室关于印发《X》的通知` → X.
fn notice_book_title(title: &str) -> Option<String> {
    let after = title.get(title.find("印发")? + "印发".len()..)?;
    let open = after.find('《')?;
    let close = after.rfind('》')?;
    let inner = after.get(open + '《'.len_utf8()..close)?;
    (!inner.is_empty()).then(|| inner.to_string())
}

/// `国务院办公厅关于…` → 国务院办公厅.
fn issuer_before_guanyu(title: &str) -> Option<String> {
    let issuer = title.get(..title.find("关于")?)?;
    (!issuer.is_empty() && issuer.chars().count() <= 40).then(|| issuer.to_string())
}

/// How many paragraphs (1 or 2) print the plan title again here.
fn repeats_title(paras: &[&Para], title: &str) -> Option<usize> {
    let title = squeeze(title);
    let first = squeeze(&paras.first()?.text);
    if first == title {
        return Some(1);
    }
    let second = paras.get(1).map(|p| squeeze(&p.text))?;
    (format!("{first}{second}") == title).then_some(2)
}

/// Addressees are separated by 、 and ，; a group that starts with 各
/// (各省、自治区、直辖市人民政府) is one collective addressee.
fn split_addressees(text: &str) -> Vec<String> {
    let body = text.trim_end_matches(['：', ':']);
    let mut out = Vec::new();
    for group in body
        .split(['，', ',', '；'])
        .map(str::trim)
        .filter(|g| !g.is_empty())
    {
        if group.starts_with('各') {
            out.push(group.to_string());
        } else {
            out.extend(
                group
                    .split('、')
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                    .map(str::to_string),
            );
        }
    }
    out
}

/// Reads the tail: a web-site footer, a publication note, the date and the
/// signature. Returns the index just after the last body paragraph.
pub(crate) fn read_tail(paras: &[Para], start: usize, meta: &mut Meta, ctx: &mut Ctx) -> usize {
    let mut end = paras.len();
    // Web-site footer: a trailing run of short lines without sentences,
    // at least one of them unmistakably web-site text.
    let mut run_start = end;
    while run_start > start {
        let text = paras[run_start - 1].text.as_str();
        let short_line = text.chars().count() <= 40
            && !text.contains('。')
            && !is_date_line(text)
            && markers::parse(text).is_none()
            && final_list(text).is_none();
        if is_site_chrome(text) || short_line {
            run_start -= 1;
        } else {
            break;
        }
    }
    if paras[run_start..end]
        .iter()
        .any(|p| is_site_chrome(&p.text))
    {
        let dropped = &paras[run_start..end];
        let lines: Vec<String> = dropped.iter().map(|p| p.line.to_string()).collect();
        let texts: Vec<&str> = dropped.iter().map(|p| p.text.as_str()).collect();
        ctx.report.repair(
            dropped[0].line,
            Said::SiteFooter {
                lines: lines.join(", "),
                texts: texts.join(" / "),
            },
        );
        end = run_start;
    }
    // （此件公开发布）: a note on publication, not part of the plan.
    if end > start {
        let para = &paras[end - 1];
        let text = para.text.as_str();
        if text.starts_with('（') && text.ends_with('）') && text.contains("此件") {
            ctx.report.repair(
                para.line,
                Said::PublicationNote {
                    text: text.to_string(),
                },
            );
            end -= 1;
        }
    }
    if end > start && is_date_line(&paras[end - 1].text) {
        let para = &paras[end - 1];
        ctx.keep(para);
        let date = find_date(&para.text);
        match (&meta.issued, &date) {
            (Some(old), Some(new)) if old != new => ctx.report.doubt(
                para.line,
                Said::SignedDateDiffers {
                    new: new.clone(),
                    old: old.clone(),
                },
            ),
            _ => {}
        }
        if meta.issued.is_none() {
            meta.issued = date;
        }
        end -= 1;
        // The signature above the date names the issuer.
        if end > start {
            let para = &paras[end - 1];
            let text = para.text.as_str();
            if text.chars().count() <= 30
                && text.chars().all(|c| c.is_alphanumeric())
                && markers::parse(text).is_none()
            {
                ctx.keep(para);
                meta.issuer = Some(text.to_string());
                end -= 1;
            }
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(
            find_date("时间：2020-05-13作者："),
            Some("2020-05-13".into())
        );
        assert_eq!(find_date("2018年12月6日"), Some("2018-12-06".into()));
        assert_eq!(find_date("2019/1/2"), Some("2019-01-02".into()));
        assert_eq!(find_date("2019年13月2日"), None);
        assert_eq!(find_date("编号20201-05-13"), None);
        assert!(is_date_line("2018年12月6日"));
        assert!(!is_date_line("2018年12月6日前报送国务院办公厅。"));
    }

    #[test]
    fn document_numbers_and_headers() {
        assert!(is_document_number("国发〔2019〕3号"));
        assert!(is_document_number("国办发〔2018〕117号"));
        assert!(!is_document_number("国务院办公厅"));
        assert!(is_site_header("时间：2020-05-13作者：来源：浏览：456"));
        assert!(!is_site_header("经国务院同意，现将有关事项通知如下："));
    }

    #[test]
    fn addressees() {
        assert_eq!(
            split_addressees("各省、自治区、直辖市人民政府，国务院各部委、各直属机构："),
            ["各省、自治区、直辖市人民政府", "国务院各部委", "各直属机构"]
        );
        assert_eq!(
            split_addressees("中央组织部、中央宣传部、中国科协："),
            ["中央组织部", "中央宣传部", "中国科协"]
        );
    }

    #[test]
    fn notice_titles() {
        assert_eq!(
            notice_book_title("某办公室关于印发《2021年推进计划》的通知"),
            Some("2021年推进计划".into())
        );
        assert_eq!(
            issuer_before_guanyu("某办公室关于印发《计划》的通知"),
            Some("某办公室".into())
        );
        assert_eq!(notice_book_title("国务院关于促进就业的若干意见"), None);
    }
}
