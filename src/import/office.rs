//! Word .docx and Excel .xlsx files as blocks of paragraphs and tables.
//!
//! Both are zip archives of XML: `zip` opens them and `quick-xml` reads the
//! few elements that carry text — paragraphs (`w:p`), runs' text (`w:t`),
//! tables (`w:tbl`, `w:tr`, `w:tc`) with their horizontal (`w:gridSpan`) and
//! vertical (`w:vMerge`) merges in Word; shared strings, cells and merged
//! ranges of the first worksheet in Excel. Cells merged down a column are
//! repeated into every row they cover, as the table shows them.

use super::decode::{Damaged, ReadError};
use super::table::{Block, Cell};
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::io::Read;

type Archive<'a> = zip::ZipArchive<std::io::Cursor<&'a [u8]>>;

fn open(bytes: &[u8]) -> Result<Archive<'_>, ReadError> {
    zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| ReadError::Damaged(Damaged::Archive(e.to_string())))
}

fn entry(archive: &mut Archive<'_>, name: &str) -> Result<Option<String>, ReadError> {
    let mut file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(unreadable(name, &e)),
    };
    let mut text = String::new();
    file.read_to_string(&mut text)
        .map_err(|e| unreadable(name, &e))?;
    Ok(Some(text))
}

fn xml_error(part: &str, e: &quick_xml::Error) -> ReadError {
    ReadError::Damaged(Damaged::Xml {
        part: part.to_string(),
        error: e.to_string(),
    })
}

fn unreadable(part: &str, e: &dyn std::fmt::Display) -> ReadError {
    ReadError::Damaged(Damaged::Unreadable {
        part: part.to_string(),
        error: e.to_string(),
    })
}

fn attr(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

/// A Word cell while its row is read: text, span, and whether it continues
/// a vertical merge from the row above.
struct WordCell {
    text: String,
    span: usize,
    continues: bool,
}

pub fn docx(bytes: &[u8]) -> Result<Vec<Block>, ReadError> {
    let mut archive = open(bytes)?;
    let xml = entry(&mut archive, "word/document.xml")?
        .ok_or_else(|| ReadError::Damaged(Damaged::Missing("word/document.xml".into())))?;
    let mut reader = Reader::from_str(&xml);
    let mut blocks = Vec::new();
    let mut para = String::new();
    // Nested tables flatten into their outer cell's text.
    let mut depth = 0usize;
    let mut rows: Vec<Vec<WordCell>> = Vec::new();
    let mut row: Vec<WordCell> = Vec::new();
    let mut cell: Option<WordCell> = None;
    let mut in_text = false;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| xml_error("word/document.xml", &e))?;
        match event {
            Event::Eof => break,
            ev @ (Event::Start(_) | Event::Empty(_)) => {
                let start = matches!(ev, Event::Start(_));
                let (Event::Start(e) | Event::Empty(e)) = ev else {
                    continue;
                };
                match e.local_name().as_ref() {
                    b"t" => in_text = start,
                    b"tab" => para.push('\t'),
                    b"br" | b"cr" => para.push('\n'),
                    b"tbl" => depth += 1,
                    b"tc" if depth == 1 => {
                        cell = Some(WordCell {
                            text: String::new(),
                            span: 1,
                            continues: false,
                        });
                    }
                    b"gridSpan" => {
                        if let Some(c) = cell.as_mut() {
                            c.span = attr(&e, b"val").and_then(|v| v.parse().ok()).unwrap_or(1);
                        }
                    }
                    b"vMerge" => {
                        if let Some(c) = cell.as_mut() {
                            c.continues = attr(&e, b"val").is_none_or(|v| v != "restart");
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_text => {
                let text = t
                    .unescape()
                    .map_err(|e| xml_error("word/document.xml", &e))?;
                para.push_str(&text);
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"p" => {
                    let text = std::mem::take(&mut para);
                    match cell.as_mut() {
                        Some(c) => {
                            if !c.text.is_empty() {
                                c.text.push('\n');
                            }
                            c.text.push_str(&text);
                        }
                        None if depth == 0 => blocks.push(Block::Para(text)),
                        None => {}
                    }
                }
                b"tc" if depth == 1 => {
                    if let Some(c) = cell.take() {
                        row.push(c);
                    }
                }
                b"tr" if depth == 1 => rows.push(std::mem::take(&mut row)),
                b"tbl" => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        blocks.push(Block::Table(merge_down(std::mem::take(&mut rows))));
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }
    Ok(blocks)
}

/// Word writes a vertically merged cell once and marks the cells below it
/// as continuing: give them the text of the cell they continue.
fn merge_down(rows: Vec<Vec<WordCell>>) -> Vec<Vec<Cell>> {
    let mut out: Vec<Vec<Cell>> = Vec::new();
    for row in rows {
        let mut cells = Vec::new();
        let mut col = 0;
        for c in row {
            let text = if c.continues {
                out.last()
                    .and_then(|above| cell_at(above, col))
                    .unwrap_or_default()
            } else {
                c.text
            };
            cells.push(Cell { text, span: c.span });
            col += c.span.max(1);
        }
        out.push(cells);
    }
    out
}

fn cell_at(row: &[Cell], col: usize) -> Option<String> {
    let mut at = 0;
    for c in row {
        if at == col {
            return Some(c.text.clone());
        }
        at += c.span.max(1);
    }
    None
}

/// A merged range: its first and last (row, column), both inclusive.
type Range = ((usize, usize), (usize, usize));

/// "B12" → (row 11, column 1), both from 0.
fn cell_ref(r: &str) -> Option<(usize, usize)> {
    let letters: String = r.chars().take_while(char::is_ascii_alphabetic).collect();
    let digits = r.get(letters.len()..)?;
    let mut col = 0usize;
    for c in letters.chars() {
        col = col * 26 + (c.to_ascii_uppercase() as usize - 'A' as usize + 1);
    }
    let row: usize = digits.parse().ok()?;
    Some((row.checked_sub(1)?, col.checked_sub(1)?))
}

/// The first worksheet as a table.
pub fn xlsx(bytes: &[u8]) -> Result<Vec<Block>, ReadError> {
    let mut archive = open(bytes)?;
    let shared = match entry(&mut archive, "xl/sharedStrings.xml")? {
        Some(xml) => shared_strings(&xml)?,
        None => Vec::new(),
    };
    let sheet = first_sheet(&mut archive)?;
    let xml = entry(&mut archive, &sheet)?
        .ok_or_else(|| ReadError::Damaged(Damaged::Missing(sheet.clone())))?;
    let mut reader = Reader::from_str(&xml);
    let mut grid: Vec<Vec<String>> = Vec::new();
    let mut merges: Vec<Range> = Vec::new();
    let mut at: Option<(usize, usize)> = None;
    let mut kind = String::new();
    let mut value = String::new();
    let mut in_value = false;
    let mut next_col = 0usize;
    let mut row_now = 0usize;
    loop {
        let event = reader.read_event().map_err(|e| xml_error(&sheet, &e))?;
        match event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"row" => {
                    row_now = attr(&e, b"r")
                        .and_then(|r| r.parse::<usize>().ok())
                        .and_then(|r| r.checked_sub(1))
                        .unwrap_or(row_now);
                    next_col = 0;
                }
                b"c" => {
                    at = Some(
                        attr(&e, b"r")
                            .and_then(|r| cell_ref(&r))
                            .unwrap_or((row_now, next_col)),
                    );
                    kind = attr(&e, b"t").unwrap_or_default();
                    value.clear();
                }
                b"v" | b"t" => in_value = true,
                b"mergeCell" => {
                    if let Some((a, b)) =
                        attr(&e, b"ref").as_deref().and_then(|r| r.split_once(':'))
                        && let (Some(a), Some(b)) = (cell_ref(a), cell_ref(b))
                    {
                        merges.push((a, b));
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_value => {
                value.push_str(&t.unescape().map_err(|e| xml_error(&sheet, &e))?);
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"v" | b"t" => in_value = false,
                b"c" => {
                    if let Some((r, c)) = at.take() {
                        let text = if kind == "s" {
                            value
                                .trim()
                                .parse::<usize>()
                                .ok()
                                .and_then(|i| shared.get(i).cloned())
                                .unwrap_or_default()
                        } else {
                            std::mem::take(&mut value)
                        };
                        if grid.len() <= r {
                            grid.resize(r + 1, Vec::new());
                        }
                        if grid[r].len() <= c {
                            grid[r].resize(c + 1, String::new());
                        }
                        grid[r][c] = text;
                        next_col = c + 1;
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }
    Ok(vec![Block::Table(apply_merges(grid, &merges))])
}

/// A range merged across columns is one spanning cell; one merged down
/// rows repeats its value in each row.
fn apply_merges(mut grid: Vec<Vec<String>>, merges: &[Range]) -> Vec<Vec<Cell>> {
    let width = grid.iter().map(Vec::len).max().unwrap_or(0);
    for row in &mut grid {
        row.resize(width, String::new());
    }
    let mut spans = vec![vec![1usize; width]; grid.len()];
    for &((r0, c0), (r1, c1)) in merges {
        let text = grid
            .get(r0)
            .and_then(|r| r.get(c0))
            .cloned()
            .unwrap_or_default();
        for r in r0..=r1.min(grid.len().saturating_sub(1)) {
            if let Some(s) = spans.get_mut(r).and_then(|s| s.get_mut(c0)) {
                *s = c1 - c0 + 1;
            }
            for c in c0 + 1..=c1.min(width.saturating_sub(1)) {
                if let Some(s) = spans.get_mut(r).and_then(|s| s.get_mut(c)) {
                    *s = 0;
                }
            }
            if let Some(cell) = grid.get_mut(r).and_then(|row| row.get_mut(c0)) {
                cell.clone_from(&text);
            }
        }
    }
    grid.into_iter()
        .zip(spans)
        .map(|(row, spans)| {
            row.into_iter()
                .zip(spans)
                .filter(|(_, s)| *s > 0)
                .map(|(text, span)| Cell { text, span })
                .collect::<Vec<_>>()
        })
        .map(|row| {
            // Trailing empty cells are the sheet's width, not the row's.
            let mut row = row;
            while row.len() > 1 && row.last().is_some_and(|c| c.text.is_empty() && c.span == 1) {
                row.pop();
            }
            row
        })
        .collect()
}

fn shared_strings(xml: &str) -> Result<Vec<String>, ReadError> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    let mut current = String::new();
    let mut in_t = false;
    loop {
        match reader
            .read_event()
            .map_err(|e| xml_error("xl/sharedStrings.xml", &e))?
        {
            Event::Eof => break,
            Event::Start(e) if e.local_name().as_ref() == b"t" => in_t = true,
            Event::Text(t) if in_t => current.push_str(
                &t.unescape()
                    .map_err(|e| xml_error("xl/sharedStrings.xml", &e))?,
            ),
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_t = false,
                b"si" => out.push(std::mem::take(&mut current)),
                _ => {}
            },
            _ => {}
        }
    }
    Ok(out)
}

/// The path of the workbook's first sheet, through the workbook's
/// relationships; sheet1.xml when they cannot be read.
fn first_sheet(archive: &mut Archive<'_>) -> Result<String, ReadError> {
    let fallback = "xl/worksheets/sheet1.xml".to_string();
    let (Some(book), Some(rels)) = (
        entry(archive, "xl/workbook.xml")?,
        entry(archive, "xl/_rels/workbook.xml.rels")?,
    ) else {
        return Ok(fallback);
    };
    let mut reader = Reader::from_str(&book);
    let mut id = None;
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"sheet" => {
                id = attr(&e, b"id");
                break;
            }
            _ => {}
        }
    }
    let Some(id) = id else { return Ok(fallback) };
    let mut reader = Reader::from_str(&rels);
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e)
                if e.local_name().as_ref() == b"Relationship"
                    && attr(&e, b"Id").as_deref() == Some(id.as_str()) =>
            {
                let target = attr(&e, b"Target").unwrap_or_default();
                let target = target.trim_start_matches('/');
                return Ok(if target.starts_with("xl/") {
                    target.to_string()
                } else {
                    format!("xl/{target}")
                });
            }
            _ => {}
        }
    }
    Ok(fallback)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references() {
        assert_eq!(cell_ref("A1"), Some((0, 0)));
        assert_eq!(cell_ref("B12"), Some((11, 1)));
        assert_eq!(cell_ref("AA3"), Some((2, 26)));
        assert_eq!(cell_ref("3"), None);
    }
}
