//! The 2020 plan rebuilt from its own text as a 重点工作分工 table — CSV, TSV,
//! Markdown, HTML, .docx and .xlsx — imports to the same 100 tasks and
//! agency lists as the text; and the text itself, damaged as extraction and
//! mirror sites damage it (page footers, entities, full-width digits, CR
//! line ends, UTF-16, GB18030), imports exactly as the clean text does.

use plantrack::import::{Imported, import_document, import_text};
use plantrack::model::{Plan, Section};
use std::io::Write;
use std::path::PathBuf;

fn source() -> String {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/2020-ip-strategy-plan.txt");
    std::fs::read_to_string(path).expect("the 2020 fixture is in the repository")
}

fn reference() -> Plan {
    import_text(&source(), "p")
        .expect("the 2020 text imports")
        .plan
}

/// (number, text, agencies in order) of every task.
fn summary(plan: &Plan) -> Vec<(u32, String, Vec<String>)> {
    plan.walk()
        .into_iter()
        .map(|(_, t)| {
            (
                t.number,
                t.text.to_string(),
                t.agencies.iter().map(|a| a.name.to_string()).collect(),
            )
        })
        .collect()
}

fn import(bytes: &[u8], name: &str) -> Imported {
    match import_document(bytes, Some(name), "p") {
        Ok((imported, _)) => imported,
        Err(e) => panic!("{name}: {e}"),
    }
}

/// The 分工 table: a row per part and group (its title across the table),
/// a row per task: 序号 | 工作任务 | 牵头单位 | 参与单位.
enum Row {
    Group(String),
    Task([String; 4]),
}

fn table() -> Vec<Row> {
    fn visit(section: &Section, depth: usize, rows: &mut Vec<Row>) {
        let title = if depth == 0 {
            format!("{}、{}", section.number, section.title)
        } else {
            format!("（{}）{}", section.number, section.title)
        };
        rows.push(Row::Group(title));
        for t in &section.tasks {
            let names: Vec<&str> = t.agencies.iter().map(|a| &*a.name).collect();
            rows.push(Row::Task([
                t.number.to_string(),
                t.text.to_string(),
                names.first().copied().unwrap_or_default().to_string(),
                names.get(1..).unwrap_or_default().join("、"),
            ]));
        }
        for child in &section.sections {
            visit(child, depth + 1, rows);
        }
    }
    let mut rows = Vec::new();
    for section in &reference().sections {
        visit(section, 0, &mut rows);
    }
    rows
}

const HEADER: [&str; 4] = ["序号", "工作任务", "牵头单位", "参与单位"];
const TITLE: &str = "2020年深入实施国家知识产权战略加快建设知识产权强国推进计划重点任务分工";

fn assert_same_tasks(imported: &Imported, what: &str) {
    let want = summary(&reference());
    let got = summary(&imported.plan);
    assert_eq!(got.len(), 100, "{what}");
    for (g, w) in got.iter().zip(&want) {
        assert_eq!(g, w, "{what}");
    }
    assert!(imported.is_complete(), "{what}: {:?}", imported.coverage);
    assert_eq!(imported.plan.title, TITLE, "{what}");
}

fn delimited(sep: u8) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(sep)
        .flexible(true)
        .from_writer(Vec::new());
    w.write_record([TITLE]).expect("write");
    w.write_record(HEADER).expect("write");
    for row in table() {
        match row {
            Row::Group(title) => w.write_record([title.as_str(), "", "", ""]),
            Row::Task(cells) => w.write_record(&cells),
        }
        .expect("write");
    }
    w.into_inner().expect("flush")
}

#[test]
fn csv_and_tsv() {
    assert_same_tasks(&import(&delimited(b','), "fengong.csv"), "CSV");
    assert_same_tasks(&import(&delimited(b'\t'), "fengong.tsv"), "TSV");
    // Found from the content when the name says nothing.
    assert_same_tasks(&import(&delimited(b','), "-"), "CSV without extension");
}

#[test]
fn markdown_table() {
    let mut md = format!(
        "# {TITLE}\n\n| {} |\n|---|---|---|---|\n",
        HEADER.join(" | ")
    );
    for row in table() {
        let cells = match row {
            Row::Group(title) => [title, String::new(), String::new(), String::new()],
            Row::Task(cells) => cells,
        };
        md.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    assert_same_tasks(&import(md.as_bytes(), "fengong.md"), "Markdown");
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[test]
fn html_page_with_a_table() {
    let mut html = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{TITLE}</title>\
         <script>var x = '<p>not text</p>';</script></head><body>\
         <div class=\"nav\"></div><div class=\"article\"><p style=\"text-align:center\">{TITLE}</p>\n<table border=\"1\">\n<tr>"
    );
    for h in HEADER {
        html.push_str(&format!("<th>{h}</th>"));
    }
    html.push_str("</tr>\n");
    for row in table() {
        match row {
            Row::Group(title) => html.push_str(&format!(
                "<tr><td colspan=\"4\"><b>{}</b></td></tr>\n",
                escape(&title)
            )),
            Row::Task(cells) => {
                html.push_str("<tr>");
                for (i, c) in cells.iter().enumerate() {
                    // Names split over lines inside a cell, as editors write them.
                    let c = if i >= 2 {
                        escape(c).replace('、', "<br>\n")
                    } else {
                        escape(c)
                    };
                    html.push_str(&format!("<td>{c}</td>"));
                }
                html.push_str("</tr>\n");
            }
        }
    }
    html.push_str("</table></div></body></html>");
    assert_same_tasks(&import(html.as_bytes(), "page.html"), "HTML");
}

fn zip(files: &[(&str, String)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, content) in files {
        w.start_file(*name, options).expect("zip entry");
        w.write_all(content.as_bytes()).expect("zip write");
    }
    w.finish().expect("zip finish").into_inner()
}

fn xml(text: &str) -> String {
    escape(text).replace('"', "&quot;")
}

#[test]
fn word_docx_with_a_table() {
    let para = |t: &str| {
        format!(
            "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
            xml(t)
        )
    };
    let cell = |t: &str, extra: &str| format!("<w:tc><w:tcPr>{extra}</w:tcPr>{}</w:tc>", para(t));
    let mut body = para(TITLE);
    body.push_str("<w:tbl><w:tr>");
    for h in HEADER {
        body.push_str(&cell(h, ""));
    }
    body.push_str("</w:tr>");
    let mut last_lead = String::new();
    for row in table() {
        body.push_str("<w:tr>");
        match row {
            Row::Group(title) => {
                body.push_str(&cell(&title, "<w:gridSpan w:val=\"4\"/>"));
                last_lead.clear();
            }
            Row::Task([n, text, lead, partners]) => {
                body.push_str(&cell(&n, ""));
                // Runs split inside a word, as Word writes them.
                let (a, b) = text.split_at(text.char_indices().nth(3).map_or(0, |(i, _)| i));
                body.push_str(&format!(
                    "<w:tc><w:p><w:r><w:t>{}</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>{}</w:t></w:r></w:p></w:tc>",
                    xml(a),
                    xml(b)
                ));
                // The same lead in consecutive rows is one merged cell.
                if lead == last_lead {
                    body.push_str(&cell("", "<w:vMerge/>"));
                } else {
                    body.push_str(&cell(&lead, "<w:vMerge w:val=\"restart\"/>"));
                }
                last_lead = lead;
                body.push_str(&cell(&partners, ""));
            }
        }
        body.push_str("</w:tr>");
    }
    body.push_str("</w:tbl>");
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    let docx = zip(&[
        ("[Content_Types].xml", "<Types/>".to_string()),
        ("word/document.xml", document),
    ]);
    // Named .txt: the content decides.
    assert_same_tasks(&import(&docx, "fengong.txt"), "DOCX");
}

fn column(i: usize) -> char {
    char::from(b'A' + u8::try_from(i).unwrap_or(0))
}

#[test]
fn excel_xlsx_with_merged_group_rows() {
    let mut shared: Vec<String> = Vec::new();
    let mut index = |text: &str| {
        shared.iter().position(|s| s == text).unwrap_or_else(|| {
            shared.push(text.to_string());
            shared.len() - 1
        })
    };
    let mut rows = String::new();
    let mut merges = Vec::new();
    let mut r = 0;
    let mut push_row = |cells: &[String], rows: &mut String, r: &mut usize| {
        *r += 1;
        rows.push_str(&format!("<row r=\"{r}\">"));
        for (c, text) in cells.iter().enumerate() {
            if text.is_empty() {
                continue;
            }
            if c == 0 && text.chars().all(|ch| ch.is_ascii_digit()) {
                rows.push_str(&format!("<c r=\"{}{r}\"><v>{text}</v></c>", column(c)));
            } else {
                rows.push_str(&format!(
                    "<c r=\"{}{r}\" t=\"s\"><v>{}</v></c>",
                    column(c),
                    index(text)
                ));
            }
        }
        rows.push_str("</row>");
    };
    push_row(&[TITLE.to_string()], &mut rows, &mut r);
    merges.push(format!("A{r}:D{r}"));
    push_row(&HEADER.map(str::to_string), &mut rows, &mut r);
    for row in table() {
        match row {
            Row::Group(title) => {
                push_row(&[title], &mut rows, &mut r);
                merges.push(format!("A{r}:D{r}"));
            }
            Row::Task(cells) => push_row(&cells, &mut rows, &mut r),
        }
    }
    let sheet = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>{rows}</sheetData><mergeCells count=\"{}\">{}</mergeCells></worksheet>",
        merges.len(),
        merges
            .iter()
            .map(|m| format!("<mergeCell ref=\"{m}\"/>"))
            .collect::<String>()
    );
    let strings = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">{}</sst>",
        shared
            .iter()
            .map(|s| format!("<si><t>{}</t></si>", xml(s)))
            .collect::<String>()
    );
    let xlsx = zip(&[
        ("[Content_Types].xml", "<Types/>".to_string()),
        (
            "xl/workbook.xml",
            "<workbook xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"分工\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>".to_string(),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>".to_string(),
        ),
        ("xl/sharedStrings.xml", strings),
        ("xl/worksheets/sheet1.xml", sheet),
    ]);
    assert_same_tasks(&import(&xlsx, "fengong.xlsx"), "XLSX");
}

#[test]
fn traditional_characters_are_read_and_kept_as_written() {
    use plantrack::import::hant::{simplified, traditional};
    let written = traditional(&source());
    let (imported, _) = import_document(written.as_bytes(), Some("plan.txt"), "p")
        .unwrap_or_else(|e| panic!("{e}"));
    let want = summary(&reference());
    let got = summary(&imported.plan);
    assert_eq!(got.len(), 100);
    for (g, w) in got.iter().zip(&want) {
        // As written: the traditional text and names…
        assert_eq!(g.1, traditional(&w.1));
        let names: Vec<String> = w.2.iter().map(|n| traditional(n)).collect();
        assert_eq!(g.2, names);
        // …which read as the simplified plan does.
        assert_eq!((g.0, simplified(&g.1)), (w.0, w.1.clone()));
    }
    // Every traditional name resolves to its registered agency.
    let registry = plantrack::agencies::Registry::builtin();
    for (_, task) in imported.plan.walk() {
        for a in &task.agencies {
            assert!(registry.resolve(&a.name).is_some(), "{}", a.name);
        }
    }
    assert_eq!(imported.plan.title, traditional(&reference().title));
    assert!(
        imported
            .report
            .notes
            .iter()
            .any(|n| n.message().contains("traditional characters"))
    );
    assert!(
        !imported
            .report
            .doubts
            .iter()
            .any(|d| d.message().contains("registry")),
        "{}",
        imported.report
    );
    // A 分工 table with traditional headers.
    let csv = traditional(
        "序号,工作任务,牵头单位,参与单位
1,完善科技评价制度,科技部,教育部、财政部
",
    );
    let (imported, _) =
        import_document(csv.as_bytes(), None, "p").unwrap_or_else(|e| panic!("{e}"));
    let names: Vec<String> = imported.plan.walk()[0]
        .1
        .agencies
        .iter()
        .map(|a| a.name.to_string())
        .collect();
    assert_eq!(names, ["科技部", "教育部", "財政部"]);
}

/// The clean text, damaged one way, imports to the same tasks.
fn assert_text_survives(bytes: &[u8], what: &str, encoding: &str) {
    let (imported, reading) =
        import_document(bytes, Some("plan.txt"), "p").unwrap_or_else(|e| panic!("{what}: {e}"));
    assert_eq!(reading.encoding, Some(encoding), "{what}");
    assert_eq!(summary(&imported.plan), summary(&reference()), "{what}");
    assert_eq!(imported.plan.title, reference().title, "{what}");
}

#[test]
fn damaged_and_re_encoded_text_imports_exactly() {
    let text = source();
    // A page footer after every 25th line, one glued inside an agency name.
    let mut footered = String::new();
    for (i, line) in text.lines().enumerate() {
        footered.push_str(line);
        footered.push('\n');
        if i % 25 == 24 {
            footered.push_str(&format!("— {} —\n\u{c}", i / 25 + 1));
        }
    }
    let footered = footered
        .replacen("工业和信息化部负责", "工业—7—和信息化部负责", 1)
        .replacen("第", "第3页 共9页第", 1);
    assert_text_survives(footered.as_bytes(), "footers", "UTF-8");
    let entities = text
        .replace('、', "&#12289;")
        .replace('“', "&ldquo;")
        .replace('”', "&rdquo;");
    assert_text_survives(entities.as_bytes(), "entities", "UTF-8");
    let wide: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_digit() {
                char::from_u32(c as u32 - 0x30 + 0xFF10).unwrap_or(c)
            } else {
                c
            }
        })
        .collect();
    assert_text_survives(wide.as_bytes(), "full-width digits", "UTF-8");
    assert_text_survives(text.replace('\n', "\r").as_bytes(), "CR", "UTF-8");
    assert_text_survives(text.replace('\n', "\r\n").as_bytes(), "CRLF", "UTF-8");
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend(text.as_bytes());
    assert_text_survives(&bom, "UTF-8 BOM", "UTF-8 with BOM");
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        le.extend(unit.to_le_bytes());
        be.extend(unit.to_be_bytes());
    }
    assert_text_survives(&le, "UTF-16 LE", "UTF-16 LE");
    assert_text_survives(&be, "UTF-16 BE", "UTF-16 BE");
    let (gb, _, unmappable) = encoding_rs::GB18030.encode(&text);
    assert!(!unmappable);
    assert_text_survives(&gb, "GB18030", "GB18030");
}
