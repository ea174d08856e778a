//! A saved web page (or an article body) as blocks: paragraphs from `<p>`,
//! `<br>`, `<div>`, headings and list items; tables from `<table>` with
//! `colspan` kept as a span and `rowspan` repeated into the rows it covers.
//!
//! A small tag scanner rather than an HTML parser crate: the importer needs
//! text and table cells only, pages from government sites are simple, and
//! it tolerates the broken markup such pages have (unclosed `<p>`, stray
//! `</td>`) by treating tags as breaks, not as a tree.

use super::table::{Block, Cell};

/// HTML character references: named ones the genre's pages use, and
/// numeric ones (&#12289; &#x3001;).
pub fn decode_entities(text: &str) -> (String, usize) {
    if !text.contains('&') {
        return (text.to_string(), 0);
    }
    let mut out = String::with_capacity(text.len());
    let mut count = 0;
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let end = tail
            .char_indices()
            .take(12)
            .find(|&(_, c)| c == ';')
            .map(|(i, _)| i);
        let decoded = end.and_then(|end| entity(&tail[1..end]).map(|c| (c, end)));
        match decoded {
            Some((c, end)) => {
                out.push(c);
                count += 1;
                rest = &tail[end + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    (out, count)
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let value = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(value);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "laquo" => '«',
        "raquo" => '»',
        "hellip" => '…',
        "mdash" => '—',
        "ndash" => '–',
        "middot" => '·',
        "bull" => '•',
        "times" => '×',
        "divide" => '÷',
        "copy" => '©',
        "reg" => '®',
        "deg" => '°',
        "plusmn" => '±',
        "permil" => '‰',
        "zwj" => '\u{200d}',
        "zwnj" => '\u{200c}',
        _ => return None,
    })
}

#[derive(Default)]
struct TableBuild {
    rows: Vec<Vec<Cell>>,
    row: Vec<Cell>,
    cell: Option<(String, usize, usize)>,
    /// Cells carried down by rowspan: (column, text, span, rows left).
    carried: Vec<(usize, String, usize, usize)>,
}

impl TableBuild {
    fn column_now(&self) -> usize {
        self.row.iter().map(|c| c.span).sum()
    }

    fn fill_carried(&mut self) {
        loop {
            let col = self.column_now();
            let Some(i) = self.carried.iter().position(|c| c.0 == col && c.3 > 0) else {
                return;
            };
            let (_, text, span, _) = self.carried[i].clone();
            self.carried[i].3 -= 1;
            self.row.push(Cell { text, span });
        }
    }

    fn end_cell(&mut self) {
        if let Some((text, span, rowspan)) = self.cell.take() {
            self.fill_carried();
            let col = self.column_now();
            let text = squeeze(&text);
            if rowspan > 1 {
                self.carried.push((col, text.clone(), span, rowspan - 1));
            }
            self.row.push(Cell { text, span });
        }
    }

    fn end_row(&mut self) {
        self.end_cell();
        if !self.row.is_empty() {
            self.fill_carried();
            self.rows.push(std::mem::take(&mut self.row));
        }
        self.carried.retain(|c| c.3 > 0);
    }
}

/// Whitespace in HTML source is layout: runs collapse to one space, which
/// the text cleaner then drops between Chinese characters.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn attr(tag: &str, name: &str) -> Option<usize> {
    let lower = tag.to_ascii_lowercase();
    let at = lower.find(&format!("{name}="))? + name.len() + 1;
    let value: String = lower[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    value.parse().ok()
}

/// Containers that hold the article on government sites (gov.cn's
/// `pages_content` / `UCAP-CONTENT`, TRS's `TRS_Editor`, common CMS names),
/// most specific first.
const ARTICLE: [&str; 9] = [
    "ucap-content",
    "pages_content",
    "trs_editor",
    "trs_paper_default",
    "custom_unionstyle",
    "article-content",
    "article_content",
    "zoom",
    "article",
];

/// The article of a saved page without its navigation, header and footer:
/// the inside of the first container named like an article body that holds
/// text; the whole page when none does.
pub fn blocks(html: &str) -> Vec<Block> {
    let lower = html.to_ascii_lowercase();
    for name in ARTICLE {
        let Some(inner) = container(html, &lower, name) else {
            continue;
        };
        let found = page_blocks(inner);
        if found.iter().any(|b| {
            matches!(b, Block::Para(p) if p.chars().count() > 10) || matches!(b, Block::Table(_))
        }) {
            return found;
        }
    }
    page_blocks(html)
}

/// The inside of the first element whose id or class names `name`.
fn container<'a>(html: &'a str, lower: &str, name: &str) -> Option<&'a str> {
    let mut from = 0;
    while let Some(at) = lower.get(from..)?.find(name) {
        let at = from + at;
        from = at + name.len();
        let open = lower.get(..at)?.rfind('<')?;
        if lower.get(open..at)?.contains('>') {
            continue; // in text, not inside a tag
        }
        let tag_end = open + lower.get(open..)?.find('>')?;
        let attrs = lower.get(open..tag_end)?;
        if !(attrs.contains("id=") || attrs.contains("class=")) {
            continue;
        }
        let tag: String = attrs[1..]
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        if tag.is_empty() {
            continue;
        }
        // The matching close tag, counting nested tags of the same name.
        let (open_tag, close_tag) = (format!("<{tag}"), format!("</{tag}"));
        let mut depth = 1;
        let mut pos = tag_end + 1;
        while depth > 0 {
            let rest = lower.get(pos..)?;
            let next_open = rest.find(&open_tag).map(|i| pos + i);
            let next_close = rest.find(&close_tag).map(|i| pos + i);
            match (next_open, next_close) {
                (Some(o), Some(c)) if o < c => {
                    depth += 1;
                    pos = o + open_tag.len();
                }
                (_, Some(c)) => {
                    depth -= 1;
                    if depth == 0 {
                        return html.get(tag_end + 1..c);
                    }
                    pos = c + close_tag.len();
                }
                _ => return html.get(tag_end + 1..),
            }
        }
    }
    None
}

fn page_blocks(html: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut para = String::new();
    let mut tables: Vec<TableBuild> = Vec::new();
    let mut rest = html;
    let flush = |para: &mut String, blocks: &mut Vec<Block>| {
        let text = squeeze(&decode_entities(para).0);
        if !text.is_empty() {
            blocks.push(Block::Para(text));
        }
        para.clear();
    };
    while let Some(lt) = rest.find('<') {
        let text = &rest[..lt];
        let no_table = tables.is_empty();
        match tables.last_mut().and_then(|t| t.cell.as_mut()) {
            Some(cell) => cell.0.push_str(text),
            None if no_table => para.push_str(text),
            None => {}
        }
        let tail = &rest[lt..];
        if tail.starts_with("<!--") {
            rest = tail.find("-->").map_or("", |e| &tail[e + 3..]);
            continue;
        }
        let Some(gt) = tail.find('>') else {
            rest = "";
            break;
        };
        let tag = &tail[1..gt];
        rest = &tail[gt + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        match name.as_str() {
            "script" | "style" | "head" | "title" | "noscript" if !closing => {
                let end = format!("</{name}");
                let lower = rest.to_ascii_lowercase();
                rest = lower.find(&end).map_or("", |e| &rest[e..]);
                if name == "title" {
                    // The page title duplicates the article's own title.
                }
            }
            "table" if !closing => {
                flush(&mut para, &mut blocks);
                tables.push(TableBuild::default());
            }
            "table" => {
                if let Some(mut t) = tables.pop() {
                    t.end_row();
                    let rows = t
                        .rows
                        .into_iter()
                        .map(|row| {
                            row.into_iter()
                                .map(|c| Cell {
                                    text: decode_entities(&c.text).0,
                                    span: c.span,
                                })
                                .collect()
                        })
                        .collect();
                    match tables.last_mut().and_then(|t| t.cell.as_mut()) {
                        // A table inside a cell: its text joins the cell.
                        Some(cell) => {
                            let inner = Block::Table(rows);
                            if let Block::Table(rows) = inner {
                                for row in rows {
                                    for c in row {
                                        cell.0.push(' ');
                                        cell.0.push_str(&c.text);
                                    }
                                }
                            }
                        }
                        None => blocks.push(Block::Table(rows)),
                    }
                }
            }
            "tr" if !tables.is_empty() => {
                if let Some(t) = tables.last_mut() {
                    t.end_row();
                }
            }
            "td" | "th" if !tables.is_empty() => {
                if let Some(t) = tables.last_mut() {
                    t.end_cell();
                    if !closing {
                        let span = attr(tag, "colspan").unwrap_or(1).max(1);
                        let rowspan = attr(tag, "rowspan").unwrap_or(1).max(1);
                        t.cell = Some((String::new(), span, rowspan));
                    }
                }
            }
            "br" | "p" | "div" | "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "section"
            | "article" | "ul" | "ol" | "center" => {
                let no_table = tables.is_empty();
                match tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    Some(cell) => cell.0.push('\n'),
                    None if no_table => flush(&mut para, &mut blocks),
                    None => {}
                }
            }
            _ => {}
        }
    }
    para.push_str(rest);
    flush(&mut para, &mut blocks);
    // Cells keep their line breaks for names split over lines; text
    // entities in cells were decoded above.
    blocks
        .into_iter()
        .map(|b| match b {
            Block::Table(rows) => Block::Table(
                rows.into_iter()
                    .map(|row| {
                        row.into_iter()
                            .map(|c| Cell {
                                text: c.text.trim().to_string(),
                                span: c.span,
                            })
                            .collect()
                    })
                    .collect(),
            ),
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_are_decoded() {
        let (text, n) = decode_entities(
            "&ldquo;蓝天&rdquo;行动（甲部&#12289;乙部&#x3001;丙部负责）&amp; &bogus; &",
        );
        assert_eq!(text, "“蓝天”行动（甲部、乙部、丙部负责）& &bogus; &");
        assert_eq!(n, 5);
    }

    #[test]
    fn the_article_body_without_the_page_around_it() {
        let html = "<div class=\"nav\"><a>首页</a></div><table><tr><td>索引号：</td><td>1</td></tr></table>\
            <div class=\"pages_content\" id=\"UCAP-CONTENT\"><p>某某方案</p><div><p>1. 做甲事，抓好落实。（教育部负责）</p></div></div>\
            <div class=\"footer\"><p>主办单位：某某</p></div>";
        assert_eq!(
            blocks(html),
            [
                Block::Para("某某方案".into()),
                Block::Para("1. 做甲事，抓好落实。（教育部负责）".into())
            ]
        );
    }

    #[test]
    fn paragraphs_and_tables_with_spans() {
        let html = "<html><head><title>x</title><style>p{}</style></head><body>\
            <p>某某方案</p><p>1. 做甲。<br>（甲部负责）</p>\
            <table><tr><th>序号</th><th>工作任务</th><th>牵头单位</th></tr>\
            <tr><td colspan=\"3\">一、组</td></tr>\
            <tr><td>1</td><td>做乙</td><td rowspan=\"2\">乙部</td></tr>\
            <tr><td>2</td><td>做丙</td></tr></table></body></html>";
        let b = blocks(html);
        assert_eq!(b[0], Block::Para("某某方案".into()));
        assert_eq!(b[1], Block::Para("1. 做甲。".into()));
        assert_eq!(b[2], Block::Para("（甲部负责）".into()));
        let Block::Table(rows) = &b[3] else {
            panic!("{b:?}");
        };
        assert_eq!(
            rows[1],
            [Cell {
                text: "一、组".into(),
                span: 3
            }]
        );
        let last: Vec<&str> = rows[3].iter().map(|c| c.text.as_str()).collect();
        assert_eq!(last, ["2", "做丙", "乙部"]);
    }
}
