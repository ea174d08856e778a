//! Small documents written for these tests in the genre's style (invented
//! measures, real agency names), one for each way the genre assigns
//! agencies, numbers its measures and gets damaged; each imported exactly.

use plantrack::import::{Imported, import_document, import_text};
use plantrack::model::{Role, Task};
use std::path::PathBuf;

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name);
    std::fs::read_to_string(path).expect("fixture is in the repository")
}

fn import(text: &str) -> Imported {
    import_text(text, "t").unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn tasks(imported: &Imported) -> Vec<&Task> {
    imported.plan.walk().into_iter().map(|(_, t)| t).collect()
}

fn names(task: &Task) -> Vec<&str> {
    task.agencies.iter().map(|a| &*a.name).collect()
}

fn lead(task: &Task) -> &str {
    task.lead().map_or("", |a| &*a.name)
}

/// (number, text, agencies, lead, time limit as written, its date)
type Row<'a> = (
    u32,
    &'a str,
    Vec<&'a str>,
    &'a str,
    Option<&'a str>,
    Option<&'a str>,
);

#[test]
fn every_assignment_form() {
    let imported = import(&fixture("forms.txt"));
    let all = tasks(&imported);
    let got: Vec<Row<'_>> = all
        .iter()
        .map(|t| {
            (
                t.number,
                t.text.as_str(),
                names(t),
                lead(t),
                t.extra().time_limit.as_ref().map(|l| l.written.as_str()),
                t.extra()
                    .time_limit
                    .as_ref()
                    .and_then(|l| l.date.as_deref()),
            )
        })
        .collect();
    let want: Vec<Row<'_>> = vec![
        (
            1,
            "修订专利行政执法办法，规范执法程序。",
            vec!["司法部", "知识产权局"],
            "司法部",
            None,
            None,
        ),
        (
            2,
            "制定商标侵权判断标准。",
            vec!["知识产权局", "市场监管总局", "最高人民法院"],
            "知识产权局",
            None,
            None,
        ),
        (
            3,
            "健全行政裁决工作制度。",
            vec!["司法部", "知识产权局"],
            "司法部",
            None,
            None,
        ),
        (
            4,
            "开展打击侵权假冒专项行动。",
            vec!["公安部", "海关总署", "市场监管总局"],
            "公安部",
            None,
            None,
        ),
        (
            5,
            "加强电子商务平台知识产权监管。",
            vec!["市场监管总局", "商务部", "网信办"],
            "市场监管总局",
            None,
            None,
        ),
        (
            6,
            "推进知识产权保护中心建设。",
            vec!["知识产权局"],
            "知识产权局",
            None,
            None,
        ),
        (
            7,
            "完善进出口环节保护措施。",
            vec!["海关总署", "商务部"],
            "海关总署",
            None,
            None,
        ),
        (
            8,
            "出台快速维权工作指引。",
            vec!["知识产权局"],
            "知识产权局",
            Some("2021年12月底前完成"),
            Some("2021-12-31"),
        ),
        (
            9,
            "深化跨部门协作机制。",
            vec!["知识产权局"],
            "知识产权局",
            Some("持续推进"),
            None,
        ),
        (
            10,
            "加强知识产权宣传教育。",
            vec!["中央宣传部", "教育部"],
            "中央宣传部",
            Some("长期坚持"),
            None,
        ),
        (
            11,
            "建立严重失信主体名单制度。",
            vec!["国家发展改革委", "人民银行"],
            "国家发展改革委",
            Some("2021年6月前"),
            Some("2021-06-30"),
        ),
        (
            12,
            "加强审查能力建设。完善审查质量管理体系，强化审查人员培训。",
            vec!["知识产权局", "人力资源社会保障部"],
            "知识产权局",
            None,
            None,
        ),
        (
            13,
            "建设知识产权公共服务网点。",
            vec!["科技部", "财政部"],
            "科技部",
            None,
            None,
        ),
        (
            14,
            "推动企业知识产权合规管理。",
            vec!["工业和信息部", "知识产权局"],
            "工业和信息部",
            None,
            None,
        ),
    ];
    assert_eq!(got, want, "{}", imported.report);

    // Labels, roles and scope never become part of a name.
    assert_eq!(all[0].extra().scope.as_deref(), Some("专利行政执法"));
    assert_eq!(all[5].extra().others.as_deref(), Some("各省级人民政府"));
    assert_eq!(all[1].agencies[1].role, Role::Participating);
    // A list that names no lead: the first leads, and the task says so.
    assert!(all[12].lead_assumed);
    assert!(!all[0].lead_assumed);
    assert!(all[9].per_remit && all[10].per_remit);
    // Several lists: each stays with its sentences; one note for the task.
    let twelve = all[11];
    assert_eq!(twelve.extra().lists.len(), 2);
    assert_eq!(twelve.extra().lists[0].text, "加强审查能力建设。");
    assert_eq!(twelve.extra().lists[0].agencies, ["知识产权局"]);
    assert_eq!(
        twelve.extra().lists[1].text,
        "完善审查质量管理体系，强化审查人员培训。"
    );
    assert_eq!(
        twelve.extra().lists[1].agencies,
        ["人力资源社会保障部", "知识产权局"]
    );
    let report = &imported.report;
    assert_eq!(
        report
            .notes
            .iter()
            .filter(|n| n.message().contains("2 agency lists"))
            .count(),
        1,
        "{report}"
    );
    // The misspelt agency is a doubt that quotes it, with its line and the
    // nearest registered name; no other name is doubted.
    let unknown: Vec<String> = report
        .doubts
        .iter()
        .filter(|d| d.message().contains("agency registry"))
        .map(ToString::to_string)
        .collect();
    assert_eq!(unknown.len(), 1, "{report}");
    assert!(unknown[0].starts_with("line 21: "), "{}", unknown[0]);
    assert!(unknown[0].contains("“工业和信息部”"), "{}", unknown[0]);
    assert!(unknown[0].contains("工业和信息化部"), "{}", unknown[0]);
    assert!(imported.is_complete());
    assert_eq!(imported.plan.issued.as_deref(), Some("2021-03-01"));
}

#[test]
fn every_numbering_form_in_any_width() {
    for (a, b) in [
        ("1. ", "2. "),
        ("1、", "2、"),
        ("１．", "２．"),
        ("（1）", "（2）"),
        ("(1)", "(2)"),
        ("①", "②"),
        ("（一）", "（二）"),
        ("一、", "二、"),
        ("1000．", "1001．"),
    ] {
        let text = format!(
            "某某工作方案\n{a}加强组织领导，完善工作机制。（教育部负责）\n{b}强化经费保障，落实支持政策。(财政部、教育部负责)\n"
        );
        let imported = import(&text);
        let all = tasks(&imported);
        let got: Vec<(&str, Vec<&str>)> = all.iter().map(|t| (t.text.as_str(), names(t))).collect();
        assert_eq!(
            got,
            [
                ("加强组织领导，完善工作机制。", vec!["教育部"]),
                ("强化经费保障，落实支持政策。", vec!["财政部", "教育部"]),
            ],
            "{a}"
        );
        let numbers: Vec<u32> = all.iter().map(|t| t.number).collect();
        let first = if a.starts_with("100") { 1000 } else { 1 };
        assert_eq!(numbers, [first, first + 1], "{a}");
    }
}

#[test]
fn a_paragraph_with_its_own_list_but_no_number_is_a_task() {
    let text = "某某工作方案\n一、重点任务\n1. 完善科技评价制度。（科技部负责）\n加强基础研究投入，稳定支持一批创新基地。（科技部、财政部负责）\n2. 推进成果转化。（科技部、教育部负责）\n";
    let imported = import(text);
    let all = tasks(&imported);
    let got: Vec<(u32, &str)> = all.iter().map(|t| (t.number, t.text.as_str())).collect();
    assert_eq!(
        got,
        [
            (1, "完善科技评价制度。"),
            (2, "加强基础研究投入，稳定支持一批创新基地。"),
            (3, "推进成果转化。")
        ]
    );
    assert_eq!(imported.coverage.unnumbered_tasks, 1);
    assert!(
        imported
            .report
            .notes
            .iter()
            .any(|n| n.line == 4 && n.message().contains("no number")),
        "{}",
        imported.report
    );
}

#[test]
fn a_measure_without_its_list_is_counted() {
    let text = "某某工作方案\n一、重点任务\n1. 完善科技评价制度，健全以创新能力为导向的评价体系。（科技部负责）\n2. 加强基础研究投入，稳定支持一批创新基地，完善多元投入机制，引导企业加大投入。\n3. 推进成果转化。（科技部、教育部负责）\n";
    let imported = import(text);
    assert_eq!(tasks(&imported).len(), 2);
    assert!(!imported.is_complete());
    assert_eq!(imported.coverage.numbered, 4);
    assert_eq!(imported.coverage.without_list.len(), 1);
    assert_eq!(imported.coverage.without_list[0].0, 4);
}

#[test]
fn a_document_that_assigns_no_agencies_is_refused() {
    let error = import_text(&fixture("no-lists.txt"), "t")
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(error.contains("assigns no agencies"), "{error}");
}

#[test]
fn page_footer_inside_a_task_and_its_agency_name() {
    let text = "某某工作方案\n1. 推进制造业知识产权工作，完善\n- 4 -\n\u{c}工作机制。（工业—5—和信息化部、知识产权局负责）\n";
    let imported = import(text);
    let all = tasks(&imported);
    assert_eq!(all[0].text, "推进制造业知识产权工作，完善工作机制。");
    assert_eq!(names(all[0]), ["工业和信息化部", "知识产权局"]);
    assert!(
        imported
            .report
            .repairs
            .iter()
            .any(|r| r.message().contains("page footers"))
    );
}

#[test]
fn an_html_article_body_with_paragraphs() {
    let html = "<div class=\"pages_content\"><p>某某工作方案</p>\
        <p>一、重点任务</p>\
        <p>&nbsp;&nbsp;1.&nbsp;完善科技评价制度&#12289;健全&ldquo;揭榜挂帅&rdquo;机制。（科技部负责）</p>\
        <p>2. 推进成果转化。<br/>（科技部牵头，教育部参与，2022年底前完成）</p></div>";
    let (imported, reading) =
        import_document(html.as_bytes(), Some("page.htm"), "t").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(reading.format, plantrack::import::decode::Format::Html);
    let all = tasks(&imported);
    assert_eq!(all[0].text, "完善科技评价制度、健全“揭榜挂帅”机制。");
    assert_eq!(names(all[1]), ["科技部", "教育部"]);
    assert_eq!(
        all[1]
            .extra()
            .time_limit
            .as_ref()
            .and_then(|l| l.date.as_deref()),
        Some("2022-12-31")
    );
}

#[test]
fn a_fengong_table_with_time_limits_and_an_empty_lead() {
    let csv = "序号,重点任务,牵头部门,配合部门,完成时限,备注\n\
        一、强化创新,,,,,\n\
        1,完善科技评价制度,科技部,\"教育部，财政部\",2021年12月底前,\n\
        2,推进成果转化,,科技部,持续推进,\n\
        3,加强宣传引导,,,2021年6月,\n";
    let (imported, _) =
        import_document(csv.as_bytes(), Some("分工.csv"), "t").unwrap_or_else(|e| panic!("{e}"));
    let all = tasks(&imported);
    assert_eq!(imported.plan.sections[0].title, "强化创新");
    assert_eq!(names(all[0]), ["科技部", "教育部", "财政部"]);
    assert_eq!(
        all[0]
            .extra()
            .time_limit
            .as_ref()
            .and_then(|l| l.date.as_deref()),
        Some("2021-12-31")
    );
    assert_eq!(names(all[1]), ["科技部"]);
    assert!(
        all[1]
            .extra()
            .time_limit
            .as_ref()
            .is_some_and(|l| l.written == "持续推进")
    );
    // No lead and no partner: a task that names no agency, and the import
    // is not complete.
    assert!(all[2].agencies.is_empty());
    assert!(!imported.is_complete());
    assert_eq!(imported.coverage.without_list.len(), 1);
}

#[test]
fn assignments_on_lines_of_their_own_under_the_task() {
    let text = "某某工作方案\n1. 推进政务服务“一网通办”，实现高频事项全程网办。\n牵头单位：国务院办公厅\n配合单位：国家发展改革委、司法部\n完成时限：2021年12月底前\n2. 压缩企业开办时间。\n责任单位：市场监管总局\n";
    let imported = import(text);
    let all = tasks(&imported);
    assert_eq!(all.len(), 2, "{}", imported.report);
    assert_eq!(
        all[0].text,
        "推进政务服务“一网通办”，实现高频事项全程网办。"
    );
    assert_eq!(names(all[0]), ["国务院办公厅", "国家发展改革委", "司法部"]);
    assert_eq!(
        all[0]
            .extra()
            .time_limit
            .as_ref()
            .and_then(|l| l.date.as_deref()),
        Some("2021-12-31")
    );
    assert_eq!(names(all[1]), ["市场监管总局"]);
    assert!(
        imported
            .report
            .repairs
            .iter()
            .any(|r| r.line == 3 && r.message().contains("agency list"))
    );
}

#[test]
fn numbering_that_restarts_in_each_part_is_kept_as_written() {
    let text = "某某工作方案\n一、甲部分\n1. 做甲事，抓好落实。（教育部负责）\n2. 做乙事，抓好落实。（科技部负责）\n二、乙部分\n1. 做丙事，抓好落实。（财政部负责）\n";
    let imported = import(text);
    let got: Vec<(u32, Option<&str>)> = tasks(&imported)
        .iter()
        .map(|t| (t.number, t.extra().written_number.as_deref()))
        .collect();
    assert_eq!(got, [(1, Some("1")), (2, Some("2")), (3, Some("1"))]);
    assert!(
        imported
            .report
            .doubts
            .iter()
            .any(|d| d.line == 6 && d.message().contains("numbered 1 to 3"))
    );
}
