//! The office report as a Word document (WordprocessingML in a zip):
//! the title, the date, and for each part (or the agency's lead and
//! participating tasks) a heading and a table in the units' columns, its
//! header row repeated on every page; landscape A4, 仿宋 for the text and
//! 宋体 for the title. A task's light fills its status cell (as in Excel);
//! with `--since`, the 本期进展 table follows.
//!
//! Written by hand with the `zip` crate we already use rather than a docx
//! crate: the document needs five small parts, and docx-rs (the one
//! maintained writer) brings an image library along and declares no
//! rust-version.

use super::date_zh;
use super::office::{
    COL_STATUS, COLUMNS, NO_CHANGES, OfficeReport, PERIOD_COL_STATUS, PERIOD_COLUMNS, TableRow,
    period_table, sheet_table,
};
use crate::deadline::Light;
use quick_xml::escape::escape;
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;

/// Column widths in twentieths of a point; they add up to the width
/// between the margins of landscape A4 (297 mm less 2 × 20 mm).
const WIDTHS: [u32; 8] = [700, 3500, 1300, 1700, 1100, 3300, 2100, 870];
/// The same width for the 本期进展 table's columns.
const PERIOD_WIDTHS: [u32; 5] = [700, 4000, 1300, 1000, 7570];
const BODY_FONT: &str = "仿宋";
const TITLE_FONT: &str = "宋体";

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The document's bytes.
pub fn render(report: &OfficeReport) -> Result<Vec<u8>, zip::result::ZipError> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let parts = [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", ROOT_RELS.to_string()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_string()),
        ("word/styles.xml", styles()),
        ("word/document.xml", document(report)),
    ];
    for (name, text) in parts {
        zip.start_file(name, options)?;
        zip.write_all(text.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

fn fonts(font: &str) -> String {
    format!(r#"<w:rFonts w:ascii="{font}" w:eastAsia="{font}" w:hAnsi="{font}" w:cs="{font}"/>"#)
}

/// 10.5 pt 仿宋 throughout, Chinese as the East Asian language.
fn styles() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}"><w:docDefaults><w:rPrDefault><w:rPr>{}<w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="zh-CN" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>"#,
        fonts(BODY_FONT)
    )
}

/// A paragraph of `text`, its line breaks kept as breaks; `run` is the run
/// properties, `para` the paragraph properties.
fn paragraph(text: &str, para: &str, run: &str) -> String {
    let mut out = format!("<w:p><w:pPr>{para}</w:pPr>");
    for (i, line) in text.split('\n').enumerate() {
        out.push_str(&format!("<w:r><w:rPr>{run}</w:rPr>"));
        if i > 0 {
            out.push_str("<w:br/>");
        }
        out.push_str(&format!(
            r#"<w:t xml:space="preserve">{}</w:t></w:r>"#,
            escape(line)
        ));
    }
    out.push_str("</w:p>");
    out
}

fn cell(text: &str, width: u32, span: usize, para: &str, run: &str) -> String {
    shaded_cell(text, width, span, para, run, None)
}

/// A cell, filled with the colour of `light` if it has one.
fn shaded_cell(
    text: &str,
    width: u32,
    span: usize,
    para: &str,
    run: &str,
    light: Option<Light>,
) -> String {
    let span = if span > 1 {
        format!(r#"<w:gridSpan w:val="{span}"/>"#)
    } else {
        String::new()
    };
    let fill = light.map_or(String::new(), |light| {
        format!(
            r#"<w:shd w:val="clear" w:color="auto" w:fill="{:06X}"/>"#,
            super::xlsx::light_fill(light)
        )
    });
    format!(
        r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}{fill}</w:tcPr>{}</w:tc>"#,
        paragraph(text, para, run)
    )
}

/// A bordered table whose header row repeats on every page; the first and
/// the status column centred.
fn table(columns: &[&str], widths: &[u32], status_col: usize, rows: &[TableRow]) -> String {
    let center = r#"<w:jc w:val="center"/>"#;
    let border =
        |side: &str| format!(r#"<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#);
    let borders: String = ["top", "left", "bottom", "right", "insideH", "insideV"]
        .iter()
        .map(|s| border(s))
        .collect();
    let grid: String = widths
        .iter()
        .map(|w| format!(r#"<w:gridCol w:w="{w}"/>"#))
        .collect();
    let total: u32 = widths.iter().sum();
    let mut body = format!(
        r#"<w:tbl><w:tblPr><w:tblW w:w="{total}" w:type="dxa"/><w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>"#
    );
    // The header row: repeated at the top of every page the table runs onto.
    body.push_str(r#"<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>"#);
    for (heading, width) in columns.iter().zip(widths) {
        body.push_str(&cell(heading, *width, 1, center, "<w:b/>"));
    }
    body.push_str("</w:tr>");
    for row in rows {
        body.push_str("<w:tr>");
        match row {
            TableRow::Heading(heading) => {
                body.push_str(&cell(heading, total, columns.len(), "", "<w:b/>"));
            }
            TableRow::Cells(cells, light) => {
                for (i, (text, width)) in cells.iter().zip(widths).enumerate() {
                    let para = if i == 0 || i == status_col {
                        center
                    } else {
                        ""
                    };
                    let light = light.filter(|_| i == status_col);
                    body.push_str(&shaded_cell(text, *width, 1, para, "", light));
                }
            }
        }
        body.push_str("</w:tr>");
    }
    body.push_str("</w:tbl>");
    body
}

fn document(report: &OfficeReport) -> String {
    let mut body = String::new();
    let center = r#"<w:jc w:val="center"/>"#;
    body.push_str(&paragraph(
        &report.title,
        &format!(r#"{center}<w:spacing w:after="120"/>"#),
        &format!(
            r#"{}<w:b/><w:sz w:val="36"/><w:szCs w:val="36"/>"#,
            fonts(TITLE_FONT)
        ),
    ));
    body.push_str(&paragraph(
        &date_zh(report.date),
        r#"<w:jc w:val="right"/><w:spacing w:after="240"/>"#,
        r#"<w:sz w:val="24"/>"#,
    ));
    let part_heading = |text: &str| {
        paragraph(
            text,
            r#"<w:spacing w:before="240" w:after="120"/>"#,
            r#"<w:b/><w:sz w:val="28"/><w:szCs w:val="28"/>"#,
        )
    };
    for sheet in &report.sheets {
        body.push_str(&part_heading(&sheet.name));
        body.push_str(&table(&COLUMNS, &WIDTHS, COL_STATUS, &sheet_table(sheet)));
    }
    if let Some(heading) = report.period_heading() {
        body.push_str(&part_heading(&heading));
        let changed = report.period_rows();
        if changed.is_empty() {
            body.push_str(&paragraph(NO_CHANGES, "", ""));
        } else {
            body.push_str(&table(
                &PERIOD_COLUMNS,
                &PERIOD_WIDTHS,
                PERIOD_COL_STATUS,
                &period_table(&changed),
            ));
        }
    }
    // Landscape A4 (297 × 210 mm in twentieths of a point), 20 mm margins.
    let section = r#"<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>"#;
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W}"><w:body>{body}{section}</w:body></w:document>"#
    )
}
