//! Documents with structure (HTML, Word, Excel, CSV, Markdown tables) as
//! blocks of paragraphs and tables, and a 重点工作分工 table turned into the
//! genre's own text: one line per row, `序号. 工作任务（牵头单位：…；参与单位：…；
//! 完成时限：…）`, so that one reader handles every format and every check
//! (registry, coverage, time limits) applies to tables too.
//!
//! Columns are found by their header names; a row with one value across
//! the table is a group title; cells merged down a column were already
//! repeated into every row they cover by the format's reader (the table
//! shows them there).

use super::markers::han_numeral;

/// A paragraph or a table, in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Para(String),
    /// Rows of cells; a cell spanning several columns appears once, with
    /// its span.
    Table(Vec<Vec<Cell>>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub span: usize,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            span: 1,
        }
    }
}

/// Words that mark a 分工 table's header row (for format detection).
pub const HEADER_WORDS: [&str; 6] = ["序号", "任务", "牵头", "责任单位", "负责部门", "参与"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Number,
    Task,
    Lead,
    Partner,
    Time,
}

fn column_of(header: &str) -> Option<Column> {
    let h: String = header
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(super::hant::simplified_char)
        .collect();
    let is = |words: &[&str]| words.iter().any(|w| h == *w || h.starts_with(w));
    if is(&["序号", "编号", "序"]) {
        Some(Column::Number)
    } else if is(&["参与", "配合", "协办", "协作", "协同"]) {
        Some(Column::Partner)
    } else if is(&[
        "牵头",
        "责任单位",
        "责任部门",
        "负责部门",
        "负责单位",
        "指导部门",
        "指导单位",
        "主责",
        "主办",
    ]) {
        Some(Column::Lead)
    } else if is(&[
        "完成时限",
        "时间节点",
        "完成时间",
        "时限",
        "时间安排",
        "进度安排",
        "完成期限",
    ]) {
        Some(Column::Time)
    } else if is(&[
        "工作任务",
        "重点任务",
        "主要任务",
        "具体任务",
        "任务",
        "改革举措",
        "主要内容",
        "工作内容",
        "重点工作",
        "具体措施",
        "工作措施",
        "政策措施",
        "举措",
        "内容",
    ]) {
        Some(Column::Task)
    } else {
        None
    }
}

/// A table's cells laid out by column (a spanning cell fills its first column).
fn grid(row: &[Cell]) -> Vec<String> {
    let mut out = Vec::new();
    for cell in row {
        out.push(cell.text.trim().to_string());
        for _ in 1..cell.span.max(1) {
            out.push(String::new());
        }
    }
    out
}

/// Line breaks and runs of spaces inside a cell are layout, not text.
fn clean(text: &str) -> String {
    text.split(['\n', '\r'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("")
}

/// Agency cells separate names by 、, commas, spaces or line breaks.
fn names_cell(text: &str) -> String {
    text.split(['、', '，', ',', '；', ';', '\n', '\r', ' ', '\u{3000}', '/'])
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .collect::<Vec<_>>()
        .join("、")
}

/// Rows of a 分工 table that name no agency at all, by line of the text.
pub type Unassigned = Vec<(usize, String)>;

/// The blocks as the genre's text, one line per paragraph or row; rows of a
/// 分工 table become tasks with their agency list.
pub fn to_text(blocks: &[Block]) -> (String, Unassigned, usize) {
    let mut lines: Vec<String> = Vec::new();
    let mut unassigned = Vec::new();
    let mut tables = 0;
    for block in blocks {
        match block {
            Block::Para(p) => lines.extend(p.lines().map(str::to_string)),
            Block::Table(rows) => {
                if task_table(rows, &mut lines, &mut unassigned) {
                    tables += 1;
                } else {
                    // A layout table: its text, one line per row.
                    for row in rows {
                        let cells: Vec<String> = row
                            .iter()
                            .map(|c| clean(&c.text))
                            .filter(|t| !t.is_empty())
                            .collect();
                        lines.push(cells.join(" "));
                    }
                }
            }
        }
    }
    let mut text = lines.join("\n");
    text.push('\n');
    (text, unassigned, tables)
}

fn task_table(rows: &[Vec<Cell>], lines: &mut Vec<String>, unassigned: &mut Unassigned) -> bool {
    let Some((header_at, columns, labels)) =
        rows.iter().enumerate().take(6).find_map(|(i, row)| {
            let cells = grid(row);
            let columns: Vec<Option<Column>> = cells.iter().map(|h| column_of(h)).collect();
            let has = |c: Column| columns.contains(&Some(c));
            (has(Column::Task) && (has(Column::Lead) || has(Column::Partner)))
                .then_some((i, columns, cells))
        })
    else {
        return false;
    };
    let width = columns.len();
    // Rows above the header: the table's title.
    for row in &rows[..header_at] {
        let text: Vec<String> = grid(row)
            .iter()
            .map(|t| clean(t))
            .filter(|t| !t.is_empty())
            .collect();
        lines.push(text.join(" "));
    }
    lines.push(String::new()); // the header row itself
    // A 序号 column that Word numbers by itself holds no text: count rows.
    let number_col = columns.iter().position(|c| *c == Some(Column::Number));
    let has_numbers = number_col.is_some_and(|i| {
        rows[header_at + 1..]
            .iter()
            .filter(|row| grid(row).iter().filter(|c| !c.is_empty()).count() > 1)
            .any(|row| grid(row).get(i).is_some_and(|n| !n.is_empty()))
    });
    let mut ordinal = 0u32;
    let mut groups = 0u32;
    for row in &rows[header_at + 1..] {
        let cells = grid(row);
        let filled: Vec<&String> = cells.iter().filter(|c| !c.is_empty()).collect();
        let spans_all = row.len() == 1 && row.first().is_some_and(|c| c.span >= width.min(2));
        let one_value = !filled.is_empty() && filled.iter().all(|c| *c == filled[0]);
        if filled.is_empty() {
            lines.push(String::new());
            continue;
        }
        let at = |col: Column| -> String {
            columns
                .iter()
                .zip(&cells)
                .filter(|(c, _)| **c == Some(col))
                .map(|(_, v)| v.as_str())
                .filter(|v| !v.is_empty())
                .collect::<Vec<_>>()
                .join("、")
        };
        let task = clean(&at(Column::Task));
        let lead = at(Column::Lead);
        let partner = at(Column::Partner);
        if spans_all
            || (one_value && filled.len() < width && lead.is_empty() && partner.is_empty())
            || (task.is_empty() && lead.is_empty() && partner.is_empty())
        {
            // A group title across the table.
            let title = clean(filled[0]);
            groups += 1;
            if super::markers::parse(&title).is_some() {
                lines.push(title);
            } else {
                lines.push(format!("{}、{title}", han_numeral(groups)));
            }
            continue;
        }
        let number = at(Column::Number);
        let number = number.trim_end_matches(['.', '．', '、']).trim();
        ordinal += 1;
        let marker = if has_numbers {
            if number.is_empty() {
                String::new()
            } else if number
                .chars()
                .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
            {
                format!("{number}. ")
            } else {
                // （一）, 一, ① as written.
                format!("{number} ")
            }
        } else if super::markers::parse(&task).is_some() {
            String::new()
        } else {
            format!("{ordinal}. ")
        };
        let mut list: Vec<String> = Vec::new();
        for (col, label) in columns.iter().zip(&labels) {
            let Some(col) = col else { continue };
            let value = at(*col);
            let value = match col {
                Column::Lead | Column::Partner => names_cell(&value),
                Column::Time => clean(&value),
                _ => continue,
            };
            let label: String = label.chars().filter(|c| !c.is_whitespace()).collect();
            if !value.is_empty() && !list.iter().any(|l| l.starts_with(&label)) {
                list.push(format!("{label}：{value}"));
            }
        }
        let line = lines.len() + 1;
        if lead.is_empty() && partner.is_empty() {
            let label = labels
                .iter()
                .zip(&columns)
                .find(|(_, c)| **c == Some(Column::Lead))
                .map_or("牵头单位", |(l, _)| l.as_str());
            list.insert(0, format!("{label}："));
            let short: String = task.chars().take(16).collect();
            unassigned.push((line, format!("{marker}{short}…")));
        }
        lines.push(format!("{marker}{task}（{}）", list.join("；")));
    }
    true
}

/// CSV, TSV or a Markdown/pipe table as blocks: lines before the header row
/// stay paragraphs (the title).
pub fn delimited(text: &str, sep: u8) -> Result<Vec<Block>, super::decode::ReadError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sep)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            super::decode::ReadError::Damaged(super::decode::Damaged::Table(e.to_string()))
        })?;
        rows.push(record.iter().map(Cell::new).collect::<Vec<_>>());
    }
    Ok(vec![Block::Table(rows)])
}

pub fn markdown(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for line in text.lines() {
        let t = line.trim();
        if t.starts_with('|') {
            let inner = t.trim_start_matches('|').trim_end_matches('|');
            let cells: Vec<&str> = inner.split('|').map(str::trim).collect();
            let is_rule = cells
                .iter()
                .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')));
            if !is_rule {
                rows.push(cells.into_iter().map(Cell::new).collect());
            }
            continue;
        }
        if !rows.is_empty() {
            blocks.push(Block::Table(std::mem::take(&mut rows)));
        }
        let para = t.trim_start_matches('#').trim();
        blocks.push(Block::Para(para.to_string()));
    }
    if !rows.is_empty() {
        blocks.push(Block::Table(rows));
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fengong_table_becomes_the_genres_text() {
        let rows = vec![
            vec![
                Cell::new("序号"),
                Cell::new("工作任务"),
                Cell::new("牵头单位"),
                Cell::new("参与单位"),
                Cell::new("完成时限"),
            ],
            vec![Cell {
                text: "一、强化保护".into(),
                span: 5,
            }],
            vec![
                Cell::new("1"),
                Cell::new("修订条例"),
                Cell::new("司法部"),
                Cell::new("公安部\n商务部"),
                Cell::new("2021年底前"),
            ],
            vec![
                Cell::new("2"),
                Cell::new("开展试点"),
                Cell::new(""),
                Cell::new(""),
                Cell::new(""),
            ],
        ];
        let (text, unassigned, tables) =
            to_text(&[Block::Para("某某分工方案".into()), Block::Table(rows)]);
        assert_eq!(tables, 1);
        assert_eq!(
            text,
            "某某分工方案\n\n一、强化保护\n1. 修订条例（牵头单位：司法部；参与单位：公安部、商务部；完成时限：2021年底前）\n2. 开展试点（牵头单位：）\n"
        );
        assert_eq!(unassigned, [(5, "2. 开展试点…".to_string())]);
    }

    #[test]
    fn a_numbers_column_word_fills_by_itself_is_counted() {
        let rows = vec![
            vec![
                Cell::new("序号"),
                Cell::new("工作任务"),
                Cell::new("牵头单位"),
            ],
            vec![Cell {
                text: "一、组".into(),
                span: 3,
            }],
            vec![Cell::new(""), Cell::new("做甲"), Cell::new("教育部")],
            vec![Cell::new(""), Cell::new("做乙"), Cell::new("科技部")],
        ];
        let (text, _, _) = to_text(&[Block::Table(rows)]);
        assert_eq!(
            text,
            "\n一、组\n1. 做甲（牵头单位：教育部）\n2. 做乙（牵头单位：科技部）\n"
        );
    }
}
