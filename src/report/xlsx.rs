//! The office report as an Excel workbook, written by `rust_xlsxwriter`:
//! one sheet per part of the plan (or, for one agency, its lead and its
//! participating tasks), the title on the first row, the header frozen
//! below it and repeated on every printed page, widths and wrapping set so
//! that it prints on landscape A4. Every cell is text, the status too; a
//! task's light is the status cell's fill as well as its words. With
//! `--since`, a last sheet 本期进展 lists the period's changes.

use super::office::{
    COL_STATUS, COLUMNS, NO_CHANGES, OfficeReport, PERIOD_COL_STATUS, PERIOD_COLUMNS, TableRow,
    period_table, sheet_table,
};
use crate::deadline::Light;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, XlsxError};

/// Column widths in characters, for the columns in [`COLUMNS`] order.
const WIDTHS: [f64; 8] = [6.0, 40.0, 12.0, 18.0, 12.0, 40.0, 28.0, 8.0];
/// And for [`PERIOD_COLUMNS`]: the changes get the room.
const PERIOD_WIDTHS: [f64; 5] = [6.0, 40.0, 12.0, 8.0, 70.0];

/// Excel allows 31 characters and none of `[]:*?/\` in a sheet's name, and
/// no two alike.
fn sheet_name(name: &str, taken: &[String]) -> String {
    let clean: String = name
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .collect();
    let base: String = clean.trim_matches('\'').chars().take(28).collect();
    let base = if base.trim().is_empty() {
        "Sheet".to_string()
    } else {
        base
    };
    let mut name = base.clone();
    let mut n = 2;
    while taken
        .iter()
        .any(|t| t.to_lowercase() == name.to_lowercase())
    {
        name = format!("{base}({n})");
        n += 1;
    }
    name
}

/// The fill of a light: the pale red, yellow and green Excel's own
/// "bad / neutral / good" styles use, dark enough to see, light enough that
/// the text on it still reads.
pub fn light_fill(light: Light) -> u32 {
    match light {
        Light::Red => 0xFFC7CE,
        Light::Yellow => 0xFFEB9C,
        Light::Green => 0xC6EFCE,
    }
}

/// The workbook's bytes.
pub fn render(report: &OfficeReport) -> Result<Vec<u8>, XlsxError> {
    let font = "宋体";
    let title = Format::new()
        .set_font_name(font)
        .set_font_size(14)
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    let header = Format::new()
        .set_font_name(font)
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin)
        .set_text_wrap();
    let cell = Format::new()
        .set_font_name(font)
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin)
        .set_text_wrap();
    let lit = |light: Light| {
        cell.clone()
            .set_background_color(Color::RGB(light_fill(light)))
    };
    let group = Format::new()
        .set_font_name(font)
        .set_bold()
        .set_border(FormatBorder::Thin);

    let mut workbook = Workbook::new();
    let mut names: Vec<String> = Vec::new();
    let mut add_sheet = |name: &str,
                         columns: &[&str],
                         widths: &[f64],
                         status_col: usize,
                         rows: &[TableRow]|
     -> Result<(), XlsxError> {
        let name = sheet_name(name, &names);
        names.push(name.clone());
        let last_col = (columns.len() - 1) as u16;
        let sheet = workbook.add_worksheet();
        sheet.set_name(&name)?;
        sheet.set_landscape();
        sheet.set_paper_size(9); // A4
        sheet.set_repeat_rows(1, 1)?;
        sheet.set_freeze_panes(2, 0)?;
        for (col, width) in widths.iter().enumerate() {
            sheet.set_column_width(col as u16, *width)?;
        }
        sheet.merge_range(0, 0, 0, last_col, &report.title, &title)?;
        sheet.set_row_height(0, 36)?;
        for (col, heading) in columns.iter().enumerate() {
            sheet.write_string_with_format(1, col as u16, *heading, &header)?;
        }
        for (i, row) in rows.iter().enumerate() {
            let at = (i + 2) as u32;
            match row {
                TableRow::Heading(heading) => {
                    sheet.merge_range(at, 0, at, last_col, heading, &group)?;
                }
                TableRow::Cells(cells, light) => {
                    for (col, text) in cells.iter().enumerate() {
                        let format = match light {
                            Some(light) if col == status_col => &lit(*light),
                            _ => &cell,
                        };
                        sheet.write_string_with_format(at, col as u16, text, format)?;
                    }
                }
            }
        }
        Ok(())
    };

    if report.sheets.is_empty() && report.period.is_none() {
        add_sheet("报告", &COLUMNS, &WIDTHS, COL_STATUS, &[])?;
    }
    for sheet in &report.sheets {
        add_sheet(
            &sheet.name,
            &COLUMNS,
            &WIDTHS,
            COL_STATUS,
            &sheet_table(sheet),
        )?;
    }
    if let Some(heading) = report.period_heading() {
        let changed = report.period_rows();
        let mut rows = vec![TableRow::Heading(&heading)];
        if changed.is_empty() {
            rows.push(TableRow::Heading(NO_CHANGES));
        }
        rows.extend(period_table(&changed));
        add_sheet(
            "本期进展",
            &PERIOD_COLUMNS,
            &PERIOD_WIDTHS,
            PERIOD_COL_STATUS,
            &rows,
        )?;
    }
    workbook.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_what_excel_accepts() {
        let mut taken = Vec::new();
        let long = "三、促进知识产权创造运用，加快建设知识产权强国的若干重点工作任务和安排";
        let first = sheet_name(long, &taken);
        assert!(first.chars().count() <= 31);
        taken.push(first.clone());
        let second = sheet_name(long, &taken);
        assert_ne!(first, second);
        assert!(second.chars().count() <= 31);
        assert_eq!(sheet_name("a/b:c", &[]), "a_b_c");
    }
}
