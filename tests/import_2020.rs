//! The 2020 plan, imported from its text as extracted from the publishing web
//! site: structure, every task's agencies, the report of repairs and doubts,
//! and the shipped `plans/2020-ip-strategy.json`.

use plantrack::import::{Imported, Report, import_text};
use plantrack::model::{Plan, Role, Section, Task};
use plantrack::plan_io;
use std::path::PathBuf;

const PLAN_ID: &str = "2020-ip-strategy";

fn manifest_path(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(relative)
}

fn imported() -> Imported {
    let path = manifest_path("tests/fixtures/2020-ip-strategy-plan.txt");
    let text = std::fs::read_to_string(&path).expect("the 2020 fixture is in the repository");
    import_text(&text, PLAN_ID).expect("the 2020 plan imports")
}

fn all_tasks(plan: &Plan) -> Vec<&Task> {
    plan.walk().into_iter().map(|(_, t)| t).collect()
}

/// Every task's agencies in the written order, and whether its list ends in
/// 按职责分别负责 — read off the source text by hand, line by line.
const AGENCIES: [(u32, &str, bool); 100] = [
    (1, "知识产权局", false),
    (2, "最高人民法院、司法部、知识产权局、中央宣传部", true),
    (3, "教育部、知识产权局、科技部", false),
    (4, "知识产权局、教育部", false),
    (5, "国资委、知识产权局", false),
    (6, "统计局、知识产权局", false),
    (7, "中央军委装备发展部、知识产权局", false),
    (
        8,
        "中央军委装备发展部、知识产权局、财政部、国防科工局",
        false,
    ),
    (
        9,
        "中央军委装备发展部、知识产权局、财政部、国防科工局、中央宣传部",
        false,
    ),
    (10, "国防科工局、知识产权局", false),
    (11, "市场监管总局", false),
    (12, "中科院", false),
    (13, "财政部、知识产权局", false),
    (14, "知识产权局", false),
    (15, "知识产权局", false),
    (16, "知识产权局、教育部", false),
    (17, "知识产权局", false),
    (18, "中央宣传部", false),
    (19, "中央宣传部", false),
    (20, "知识产权局、市场监管总局", false),
    (21, "海关总署", false),
    (22, "市场监管总局、知识产权局", false),
    (23, "中央宣传部、广电总局", false),
    (24, "最高人民法院、最高人民检察院、公安部", false),
    (
        25,
        "中央军委装备发展部、国防科工局、知识产权局、最高人民法院",
        false,
    ),
    (26, "农业农村部、林草局", false),
    (27, "生态环境部", false),
    (28, "知识产权局", false),
    (29, "知识产权局", false),
    (30, "知识产权局", false),
    (31, "知识产权局、司法部、贸促会", false),
    (32, "知识产权局、中央政法委", false),
    (33, "中央宣传部、广电总局", false),
    (34, "中央宣传部、工业和信息化部、国管局", false),
    (35, "中央宣传部、公安部、海关总署", true),
    (36, "生态环境部", false),
    (37, "文化和旅游部", false),
    (38, "中医药局、卫生健康委", false),
    (39, "知识产权局", false),
    (40, "知识产权局", false),
    (41, "中央宣传部、中央网信办、工业和信息化部、公安部", false),
    (42, "市场监管总局、知识产权局", false),
    (43, "市场监管总局、海关总署", false),
    (44, "市场监管总局", false),
    (45, "文化和旅游部", false),
    (46, "海关总署", false),
    (47, "农业农村部、林草局", true),
    (48, "邮政局", false),
    (49, "最高人民法院", false),
    (50, "最高人民法院", false),
    (51, "最高人民检察院", false),
    (52, "最高人民检察院", false),
    (53, "公安部", false),
    (54, "公安部", false),
    (55, "知识产权局", false),
    (56, "知识产权局", false),
    (57, "林草局", false),
    (58, "农业农村部", false),
    (59, "知识产权局", false),
    (60, "教育部、知识产权局、科技部", false),
    (61, "科技部、知识产权局", false),
    (62, "知识产权局、发展改革委、科技部", false),
    (63, "知识产权局", false),
    (64, "知识产权局", false),
    (65, "知识产权局、市场监管总局", false),
    (66, "知识产权局、科技部、国资委", false),
    (67, "知识产权局、人民银行、银保监会", true),
    (68, "知识产权局、工业和信息化部", false),
    (69, "知识产权局", false),
    (70, "发展改革委、知识产权局、中央宣传部、银保监会", false),
    (71, "财政部、知识产权局、证监会", true),
    (72, "文化和旅游部", false),
    (73, "卫生健康委", false),
    (74, "财政部、知识产权局", true),
    (75, "知识产权局、市场监管总局", false),
    (76, "中央宣传部、广电总局", false),
    (
        77,
        "教育部、知识产权局、科技部、工业和信息化部、中科院",
        true,
    ),
    (78, "科技部", false),
    (79, "中科院、知识产权局", false),
    (80, "国防科工局、知识产权局", false),
    (81, "广电总局", false),
    (
        82,
        "知识产权局、外交部、商务部、中央宣传部、最高人民法院、市场监管总局、广电总局、林草局、贸促会",
        true,
    ),
    (83, "商务部、外交部、知识产权局", true),
    (84, "知识产权局、中央宣传部、外交部、商务部", false),
    (85, "知识产权局、教育部", false),
    (86, "知识产权局、贸促会", false),
    (87, "最高人民检察院、公安部、海关总署", true),
    (88, "联席会议办公室、联席会议成员单位", false),
    (89, "知识产权局", false),
    (90, "知识产权局", false),
    (91, "工业和信息化部", false),
    (92, "林草局", false),
    (93, "中科院", false),
    (94, "人力资源社会保障部、知识产权局", false),
    (95, "知识产权局", false),
    (96, "教育部", false),
    (97, "中央组织部", false),
    (
        98,
        "知识产权局、中央宣传部、林草局、海关总署、贸促会",
        false,
    ),
    (99, "知识产权局、教育部、中央宣传部", false),
    (100, "科技部、中国科协", false),
];

#[test]
fn parts_and_groups_as_the_text_has_them() {
    let plan = imported().plan;
    assert!(plan.tasks.is_empty(), "no task sits outside the parts");
    let parts: Vec<(&str, usize)> = plan
        .sections
        .iter()
        .map(|s| (s.number.as_str(), s.sections.len()))
        .collect();
    assert_eq!(
        parts,
        [("一", 2), ("二", 4), ("三", 4), ("四", 0), ("五", 3)]
    );
    for part in &plan.sections {
        let numbers: Vec<&str> = part.sections.iter().map(|g| g.number.as_str()).collect();
        assert_eq!(
            numbers,
            ["一", "二", "三", "四"][..part.sections.len()],
            "part {}",
            part.number
        );
    }
    let four = &plan.sections[3];
    assert_eq!(four.title, "深化知识产权国际交流合作");
    let numbers: Vec<u32> = four.tasks.iter().map(|t| t.number).collect();
    assert_eq!(numbers, (82..=87).collect::<Vec<_>>());
    // The groups whose brackets were damaged in the source, by title.
    let group = |part: usize, group: usize| -> &Section { &plan.sections[part].sections[group] };
    assert_eq!(group(1, 0).title, "完善法律法规规章");
    assert_eq!(group(2, 0).title, "提高知识产权审查质量和效率");
    assert_eq!(group(2, 1).title, "强化知识产权质量导向");
    assert_eq!(group(4, 2).title, "大力倡导知识产权文化");
    let counts: Vec<Vec<usize>> = plan
        .sections
        .iter()
        .map(|p| p.sections.iter().map(|g| g.tasks.len()).collect())
        .collect();
    assert_eq!(
        counts,
        [
            vec![12, 9],
            vec![6, 11, 10, 6],
            vec![4, 3, 12, 8],
            vec![],
            vec![6, 4, 3]
        ]
    );
}

#[test]
fn a_hundred_tasks_numbered_in_order() {
    let plan = imported().plan;
    let numbers: Vec<u32> = all_tasks(&plan).iter().map(|t| t.number).collect();
    assert_eq!(numbers, (1..=100).collect::<Vec<_>>());
}

#[test]
fn every_task_has_its_agencies_in_the_written_order() {
    let plan = imported().plan;
    let tasks = all_tasks(&plan);
    for ((number, names, per_remit), task) in AGENCIES.iter().zip(&tasks) {
        assert_eq!(task.number, *number);
        let got: Vec<&str> = task.agencies.iter().map(|a| &*a.name).collect();
        let want: Vec<&str> = names.split('、').collect();
        assert_eq!(got, want, "task {number}");
        assert_eq!(task.per_remit, *per_remit, "per_remit of task {number}");
        assert_eq!(task.agencies[0].role, Role::Lead, "task {number}");
        assert!(
            task.agencies[1..]
                .iter()
                .all(|a| a.role == Role::Participating)
        );
        assert_eq!(task.extra().others, None, "task {number}");
        assert!(task.responsibility.ends_with("负责"), "task {number}");
    }
    let per_remit: Vec<u32> = tasks
        .iter()
        .filter(|t| t.per_remit)
        .map(|t| t.number)
        .collect();
    assert_eq!(per_remit, [2, 35, 47, 67, 71, 74, 77, 82, 83, 87]);
}

#[test]
fn task_texts_are_repaired_and_whole() {
    let plan = imported().plan;
    let tasks = all_tasks(&plan);
    let text = |n: usize| tasks[n - 1].text.as_str();
    assert_eq!(
        text(1),
        "制定出台促进知识产权服务业高质量发展的政策文件，高标准推进知识产权服务业集聚区建设，打造服务业品牌机构。"
    );
    assert!(text(2).contains("在8个改革试验区推广"));
    assert!(text(24).starts_with("推进专利、商标、商业秘密"));
    assert!(text(24).ends_with("《关于公安机关管辖的刑事案件立案追诉标准的规定》（一）二）。"));
    assert!(text(44).contains("侵犯商业秘密等行为"));
    assert!(text(72).contains("推进文化创意、设计服务"));
    assert!(text(98).contains("2020年国际版权论坛"));
    assert_eq!(text(93), "编制《中国科学院“十四五”知识产权发展规划纲要》。");
    assert_eq!(tasks[92].responsibility, "中科院负责");
    assert_eq!(
        tasks[81].responsibility,
        "知识产权局、外交部、商务部、中央宣传部、最高人民法院、市场监管总局、广电总局、林草局、贸促会按职责分别负责"
    );
    for task in &tasks {
        assert!(
            !task.text.contains(['(', ')', ' ', '\u{a0}']),
            "task {}: {}",
            task.number,
            task.text
        );
        assert!(
            !task.text.contains("负责）"),
            "task {} kept its list",
            task.number
        );
    }
}

#[test]
fn plan_metadata() {
    let plan = imported().plan;
    assert_eq!(plan.id, PLAN_ID);
    assert_eq!(
        plan.title,
        "2020年深入实施国家知识产权战略加快建设知识产权强国推进计划"
    );
    assert_eq!(
        plan.issuer.as_deref(),
        Some("国务院知识产权战略实施工作部际联席会议办公室")
    );
    assert_eq!(plan.issued.as_deref(), Some("2020-05-13"));
    assert_eq!(plan.document_number, None);
    assert_eq!(plan.addressees.len(), 38);
    assert_eq!(
        plan.addressees.first().map(String::as_str),
        Some("中央组织部")
    );
    assert!(plan.addressees.iter().any(|a| a == "最高人民法院"));
    assert!(plan.addressees.iter().any(|a| a == "人力资源社会保障部"));
    assert_eq!(plan.addressees.last().map(String::as_str), Some("中国科协"));
    assert_eq!(
        plan.lead_rule.as_deref(),
        Some("上述各项任务分工中，由多个部门负责的，列第一位的部门为牵头部门，其他为参与部门。")
    );
    assert_eq!(
        plan.preamble,
        [
            "经国务院知识产权战略实施工作部际联席会议同意，现将《2020年深入实施国家知识产权战略加快建设知识产权强国推进计划》印发给你们，请认真贯彻执行。",
            "特此通知。"
        ]
    );
}

fn has(findings: &[plantrack::import::Finding], line: usize, needle: &str) -> bool {
    findings
        .iter()
        .any(|f| f.line == line && f.message().contains(needle))
}

#[test]
fn report_names_every_artefact_by_line() {
    let Report {
        repairs, doubts, ..
    } = imported().report;
    let repaired = |line: usize, needle: &str| {
        assert!(
            has(&repairs, line, needle),
            "no repair at line {line} mentioning {needle:?}"
        );
    };
    // Spaces inside words at line wraps.
    for line in [1, 5, 18, 22, 30, 246] {
        repaired(line, "space");
    }
    repaired(3, "2020-05-13");
    repaired(5, "full-width");
    repaired(7, "«");
    // Group headings with missing or odd brackets.
    for (line, written, read) in [
        (66, "一）", "（一）"),
        (108, "三）", "（三）"),
        (148, "-）", "（一）"),
        (158, "二）", "（二）"),
        (166, "三）", "（三）"),
        (234, "一）", "（一）"),
        (248, "二）", "（二）"),
        (258, "三）", "（三）"),
    ] {
        repaired(line, &format!("read {written} as {read}"));
    }
    // Tasks continued over a paragraph break, and lists on lines of their own.
    for (line, task) in [
        (20, 1),
        (74, 24),
        (76, 24),
        (122, 44),
        (190, 72),
        (204, 77),
        (214, 81),
        (220, 82),
        (262, 98),
    ] {
        repaired(line, &format!("joined to task {task} "));
    }
    for line in [20, 204, 214, 220] {
        repaired(line, "agency list stood on a line of its own");
    }
    repaired(246, "opening bracket of the agency list （中科院负责）");
    repaired(271, "lines 271, 273, 275, 277, 279");

    let doubted = |line: usize, needle: &str| {
        assert!(
            has(&doubts, line, needle),
            "no doubt at line {line} mentioning {needle:?}"
        );
    };
    doubted(30, "（专利）");
    doubted(210, "（第六批）");
    doubted(52, "TISC）");
    doubted(76, "二）");
    doubted(238, "》 without its 《");
    doubted(242, "2020年）》");
    doubted(262, "AIPPI）");
    assert_eq!(doubts.len(), 8, "{doubts:#?}");
}

#[test]
fn report_display_is_one_line_per_finding_repairs_first() {
    let report = imported().report;
    let shown = report.to_string();
    let lines: Vec<&str> = shown.lines().collect();
    assert_eq!(
        lines.len(),
        report.repairs.len() + report.doubts.len() + report.notes.len()
    );
    assert!(lines.iter().all(|l| l.starts_with("line ")));
    let first_doubt = lines
        .iter()
        .position(|l| l.contains(": doubt: "))
        .unwrap_or(lines.len());
    assert_eq!(first_doubt, report.repairs.len());
    let line_no = |l: &&str| -> usize {
        l.trim_start_matches("line ")
            .split(':')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    };
    let repair_lines: Vec<usize> = lines[..first_doubt].iter().map(line_no).collect();
    assert!(repair_lines.is_sorted());
    let doubt_lines: Vec<usize> = lines[first_doubt..].iter().map(line_no).collect();
    assert!(doubt_lines.is_sorted());
}

/// The shipped plan is exactly what the importer makes of the fixture.
/// `PLANTRACK_BLESS=1 cargo test --test import_2020` rewrites it.
#[test]
fn shipped_plan_is_the_import_of_the_fixture() {
    let json = plan_io::to_json(&corrected().plan);
    let path = manifest_path("plans/2020-ip-strategy.json");
    if std::env::var_os("PLANTRACK_BLESS").is_some_and(|v| v == "1") {
        std::fs::write(&path, &json).expect("plans/ is writable");
        return;
    }
    let shipped = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        shipped == json,
        "{} is not what the importer makes of tests/fixtures/2020-ip-strategy-plan.txt.\n\
         If the importer change is intended, regenerate it with\n\
         \tPLANTRACK_BLESS=1 cargo test --test import_2020\n\
         and commit the new file.",
        path.display()
    );
    // And it loads back as the same plan.
    let loaded = plan_io::parse(shipped.as_bytes(), &plan_io::Origin::File(path)).expect("loads");
    assert_eq!(loaded, corrected().plan);
}

/// The import with the corrections file beside the shipped plan applied, as
/// `plantrack import … -o plans/2020-ip-strategy.json` does.
fn corrected() -> Imported {
    let mut imported = imported();
    let path =
        plantrack::import::corrections::beside(&manifest_path("plans/2020-ip-strategy.json"));
    let text = std::fs::read_to_string(&path).expect("the corrections file is in the repository");
    plantrack::import::corrections::apply_file(&text, &mut imported).expect("corrections apply");
    imported
}

#[test]
fn corrections_fix_what_the_text_proves_and_mark_the_rest() {
    let imported = corrected();
    let text_of = |n: u32| {
        all_tasks(&imported.plan)
            .into_iter()
            .find(|t| t.number == n)
            .map(|t| (t.text.to_string(), t.extra().source_notes.len()))
            .unwrap_or_default()
    };
    assert!(text_of(16).0.contains("技术与创新支持中心（TISC）和"));
    assert_eq!(text_of(16).1, 2);
    assert!(text_of(17).0.contains("“蓝天”专项整治行动"));
    assert!(
        text_of(24)
            .0
            .ends_with("《关于公安机关管辖的刑事案件立案追诉标准的规定》（一）（二）。")
    );
    assert!(
        text_of(89)
            .0
            .starts_with("开展《“十三五”国家知识产权保护和运用规划》实施")
    );
    assert!(
        text_of(91)
            .0
            .contains("《制造业知识产权行动计划（2018-2020年）》")
    );
    assert!(
        text_of(96).0.contains("知识产权“金”"),
        "damage is marked, not guessed"
    );
    assert_eq!(text_of(96).1, 1);
    assert!(text_of(98).0.contains("中国知识产权保护高层论坛"));
    assert!(text_of(98).0.contains("协会（AIPPI）世界"));
    // Every corrected task's brackets now balance.
    for n in [16, 24, 89, 91, 98] {
        let t = text_of(n).0;
        assert_eq!(t.matches('（').count(), t.matches('）').count(), "{n}: {t}");
        assert_eq!(t.matches('《').count(), t.matches('》').count(), "{n}: {t}");
    }
    let applied = imported
        .report
        .repairs
        .iter()
        .filter(|r| r.to_string().starts_with("corrections file: task "))
        .count();
    assert_eq!(applied, 9);
}
