//! Bytes → text: the encoding (UTF-8 with or without BOM, UTF-16 LE/BE,
//! GB18030/GBK) and the kind of file (plain text, HTML, CSV/TSV, Markdown,
//! .docx, .xlsx), found from the content with the file name as a hint.

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE};

/// What kind of document the bytes hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    Csv,
    Tsv,
    Markdown,
    Docx,
    Xlsx,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "plain text",
            Format::Html => "HTML",
            Format::Csv => "CSV",
            Format::Tsv => "TSV",
            Format::Markdown => "a Markdown/pipe table",
            Format::Docx => "a Word .docx file",
            Format::Xlsx => "an Excel .xlsx file",
        }
    }
}

/// The formats `import` reads, for messages about files it cannot read.
pub const READABLE: &str = "plain text (UTF-8, UTF-16 or GB18030), a saved web page (.html), a Word .docx file, an Excel .xlsx file, CSV/TSV, or a Markdown table";

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ReadError {
    #[error("the file is empty: there is nothing to import")]
    Empty,
    #[error("this is binary data, not a document it can read ({why}); import reads {READABLE}")]
    Binary { why: NotText },
    #[error(
        "this is a zip archive but not a Word .docx or Excel .xlsx file ({why}); import reads {READABLE}"
    )]
    NotOffice { why: NotOffice },
    #[error(
        "this is an old-format Word .doc or Excel .xls file, which import cannot read: open it and save it as .docx or .xlsx (or as text), then import that"
    )]
    OldOffice,
    #[error(
        "this is a PDF: import reads the text, not the PDF; extract the text first (e.g. pdftotext FILE.pdf FILE.txt) and import the .txt"
    )]
    Pdf,
    #[error("{0}")]
    Damaged(Damaged),
}

/// Why bytes are not text.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum NotText {
    #[error("it starts with a {0} byte-order mark but does not decode as {0}")]
    Bom(&'static str),
    #[error("it is neither UTF-8, UTF-16 nor GB18030 text")]
    NoEncoding,
    #[error("{control} control characters in {total}")]
    Control { control: usize, total: usize },
}

/// Why a zip archive is not a Word or Excel file.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum NotOffice {
    /// The zip library's words.
    #[error("the archive cannot be opened: {0}")]
    Unopened(String),
    #[error("it holds no files")]
    Empty,
    /// The first names it holds.
    #[error("it holds {0} but no word/document.xml or xl/workbook.xml")]
    Holds(String),
}

/// What is wrong inside a Word or Excel file, or a CSV/TSV table; `error`
/// is the reading library's own words.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum Damaged {
    #[error("the archive cannot be opened: {0}")]
    Archive(String),
    #[error("{part} cannot be read: {error}")]
    Unreadable { part: String, error: String },
    #[error("{part} is not well-formed XML: {error}")]
    Xml { part: String, error: String },
    #[error("{0} is missing")]
    Missing(String),
    #[error("cannot read the table: {0}")]
    Table(String),
}

/// Text in a known encoding, named for the report.
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// Decodes text bytes: a byte-order mark decides; otherwise UTF-8 when the
/// bytes are valid UTF-8, UTF-16 when every other byte is zero, else
/// GB18030 (a superset of GBK and GB2312) when it decodes without error.
pub fn decode(bytes: &[u8]) -> Result<Decoded, ReadError> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let name = match encoding.name() {
            "UTF-8" => "UTF-8 with BOM",
            "UTF-16LE" => "UTF-16 LE",
            _ => "UTF-16 BE",
        };
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
        if had_errors {
            return Err(ReadError::Binary {
                why: NotText::Bom(name),
            });
        }
        return checked(text.into_owned(), name);
    }
    // Text has no NUL bytes unless it is UTF-16.
    if !bytes.contains(&0)
        && let Ok(text) = std::str::from_utf8(bytes)
    {
        return checked(text.to_string(), "UTF-8");
    }
    let zeros_at = |parity: usize| {
        bytes
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let half = bytes.len() / 2;
    for (parity, encoding, name) in [(1, UTF_16LE, "UTF-16 LE"), (0, UTF_16BE, "UTF-16 BE")] {
        // ASCII and line ends in UTF-16 put a zero in every other byte;
        // Chinese text does not, so a third is plenty of evidence.
        if half > 0 && zeros_at(parity) * 3 >= half && zeros_at(1 - parity) * 10 < half {
            let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
            if !had_errors {
                return checked(text.into_owned(), name);
            }
        }
    }
    let (text, had_errors) = GB18030.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(ReadError::Binary {
            why: NotText::NoEncoding,
        });
    }
    checked(text.into_owned(), "GB18030")
}

/// Text full of control characters is binary data that happened to decode.
fn checked(text: String, encoding: &'static str) -> Result<Decoded, ReadError> {
    let total = text.chars().count();
    let control = text
        .chars()
        .filter(|&c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    if control > 0 && control * 100 >= total.max(1) || text.contains('\0') {
        return Err(ReadError::Binary {
            why: NotText::Control { control, total },
        });
    }
    Ok(Decoded { text, encoding })
}

/// Binary formats, from their content (a misnamed file is read as what it is).
pub fn sniff(bytes: &[u8]) -> Result<Format, ReadError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ReadError::Empty);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return office_kind(bytes);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(ReadError::OldOffice);
    }
    if bytes.starts_with(b"%PDF") {
        return Err(ReadError::Pdf);
    }
    Ok(Format::Text)
}

/// Which text format decoded text is in.
pub fn text_format(text: &str, hint: Option<&str>) -> Format {
    let ext = hint
        .and_then(|h| h.rsplit_once('.'))
        .map(|(_, e)| e.to_ascii_lowercase());
    let head: String = text
        .chars()
        .take(4000)
        .collect::<String>()
        .to_ascii_lowercase();
    let trimmed = head.trim_start_matches(['\u{feff}', ' ', '\n', '\r', '\t']);
    let htmlish = [
        "<!doctype",
        "<html",
        "<head",
        "<body",
        "<meta",
        "<p>",
        "<p ",
        "<div",
        "<table",
    ]
    .iter()
    .any(|t| head.contains(t));
    if matches!(ext.as_deref(), Some("html" | "htm" | "xhtml" | "shtml"))
        || (trimmed.starts_with('<') && htmlish)
        || head.matches("<p").count() >= 3
    {
        return Format::Html;
    }
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(40)
        .collect();
    let pipe_lines = lines
        .iter()
        .filter(|l| l.trim_start().starts_with('|'))
        .count();
    let rule = lines.iter().any(|l| {
        let l = l.trim();
        l.starts_with('|') && l.contains("---")
    });
    if pipe_lines >= 2 && (rule || ext.as_deref() == Some("md")) {
        return Format::Markdown;
    }
    let header_like = |sep: char| {
        lines.iter().take(10).any(|l| {
            let l = super::hant::simplified(l);
            l.split(sep).count() >= 2 && super::table::HEADER_WORDS.iter().any(|w| l.contains(w))
        })
    };
    match ext.as_deref() {
        Some("tsv" | "tab") => return Format::Tsv,
        Some("csv") => return Format::Csv,
        _ => {}
    }
    if header_like('\t') {
        Format::Tsv
    } else if header_like(',') && lines.iter().take(10).filter(|l| l.contains(',')).count() >= 2 {
        Format::Csv
    } else {
        Format::Text
    }
}

fn office_kind(bytes: &[u8]) -> Result<Format, ReadError> {
    let archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| ReadError::NotOffice {
            why: NotOffice::Unopened(e.to_string()),
        })?;
    let names: Vec<&str> = archive.file_names().collect();
    if names.contains(&"word/document.xml") {
        Ok(Format::Docx)
    } else if names.contains(&"xl/workbook.xml") {
        Ok(Format::Xlsx)
    } else {
        let shown: Vec<&str> = names.iter().take(3).copied().collect();
        Err(ReadError::NotOffice {
            why: if shown.is_empty() {
                NotOffice::Empty
            } else {
                NotOffice::Holds(shown.join(", "))
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_are_detected_and_named() {
        let text = "1. 做好工作。（知识产权局负责）\n";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in text.encode_utf16() {
            le.extend(unit.to_le_bytes());
            be.extend(unit.to_be_bytes());
        }
        let (gb, _, _) = GB18030.encode(text);
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend(text.as_bytes());
        for (bytes, name) in [
            (text.as_bytes().to_vec(), "UTF-8"),
            (bom, "UTF-8 with BOM"),
            (le.clone(), "UTF-16 LE"),
            (be.clone(), "UTF-16 BE"),
            (gb.into_owned(), "GB18030"),
        ] {
            let decoded = decode(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(decoded.encoding, name);
            assert_eq!(decoded.text, text, "{name}");
        }
    }

    #[test]
    fn utf16_without_bom_when_mostly_ascii() {
        let text = "1. Plan (A)\n2. Task (B)\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let decoded = decode(&le).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            (decoded.encoding, decoded.text.as_str()),
            ("UTF-16 LE", text)
        );
    }

    #[test]
    fn garbage_is_refused() {
        let garbage: Vec<u8> = (0..2000u32).map(|i| (i * 7919 % 251) as u8).collect();
        assert!(matches!(decode(&garbage), Err(ReadError::Binary { .. })));
        assert_eq!(sniff(b"  \n"), Err(ReadError::Empty));
        assert_eq!(sniff(b"%PDF-1.4"), Err(ReadError::Pdf));
        assert!(matches!(
            sniff(b"PK\x03\x04junk"),
            Err(ReadError::NotOffice { .. })
        ));
    }

    #[test]
    fn text_formats_from_content() {
        assert_eq!(
            text_format("<html><body><p>甲</p></body></html>", None),
            Format::Html
        );
        assert_eq!(
            text_format("序号,工作任务,牵头单位\n1,甲,乙\n", None),
            Format::Csv
        );
        assert_eq!(
            text_format("序号\t工作任务\t牵头单位\n1\t甲\t乙\n", None),
            Format::Tsv
        );
        assert_eq!(
            text_format(
                "| 序号 | 工作任务 | 牵头单位 |\n|---|---|---|\n| 1 | 甲 | 乙 |\n",
                None
            ),
            Format::Markdown
        );
        assert_eq!(
            text_format("1. 做好工作，加强协调。（甲部负责）\n", None),
            Format::Text
        );
    }
}
