//! Six real State Council documents of the same genre (see
//! fixtures/state-council/SOURCES.md): each imports, with the number of
//! measures counted by hand in the text and the lead of a few checked.

use plantrack::import::import_text;
use plantrack::model::{Plan, Task};
use std::path::PathBuf;

fn import(file: &str) -> Plan {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/state-council")
        .join(file);
    let text = std::fs::read_to_string(&path).expect("fixture is in the repository");
    match import_text(&text, "sc") {
        Ok(imported) => imported.plan,
        Err(e) => panic!("{file}: {e}"),
    }
}

fn task(plan: &Plan, number: u32) -> &Task {
    plan.walk()
        .into_iter()
        .map(|(_, t)| t)
        .find(|t| t.number == number)
        .unwrap_or_else(|| panic!("task {number} missing"))
}

fn lead(plan: &Plan, number: u32) -> &str {
    task(plan, number).lead().map_or("", |a| &*a.name)
}

fn numbers(plan: &Plan) -> Vec<u32> {
    plan.walk().iter().map(|(_, t)| t.number).collect()
}

#[test]
fn incentives_measures_numbered_yi_to_sanshi_without_parts() {
    let plan = import("gbf-2018-117-incentives.txt");
    assert_eq!(numbers(&plan), (1..=30).collect::<Vec<_>>());
    assert!(plan.sections.is_empty());
    assert_eq!(
        plan.title,
        "国务院办公厅关于对真抓实干成效明显地方进一步加大激励支持力度的通知"
    );
    assert_eq!(plan.document_number.as_deref(), Some("国办发〔2018〕117号"));
    assert_eq!(plan.issued.as_deref(), Some("2018-12-06"));
    assert_eq!(plan.issuer.as_deref(), Some("国务院办公厅"));
    assert_eq!(
        plan.addressees,
        ["各省、自治区、直辖市人民政府", "国务院各部委", "各直属机构"]
    );
    assert_eq!(lead(&plan, 1), "市场监管总局");
    assert_eq!(lead(&plan, 18), "国家发展改革委");
    assert_eq!(task(&plan, 18).agencies.len(), 2);
    assert_eq!(
        task(&plan, 18).extra().others.as_deref(),
        Some("会同有关部门")
    );
    assert_eq!(lead(&plan, 30), "国务院办公厅");
}

#[test]
fn sports_events_intro_items_are_text_and_measures_keep_their_numbers() {
    let plan = import("gbf-2018-121-sports-events.txt");
    assert_eq!(numbers(&plan), (4..=19).collect::<Vec<_>>());
    assert_eq!(plan.sections.len(), 5);
    assert!(plan.sections[0].tasks.is_empty());
    assert!(plan.sections[0].paragraphs[0].starts_with("（一）指导思想。"));
    assert_eq!(lead(&plan, 4), "体育总局");
    // Three agency lists in one measure: all agencies in written order, the
    // first named leading; each list stays with the sentences it follows.
    let ten = task(&plan, 10);
    let names: Vec<&str> = ten.agencies.iter().map(|a| &*a.name).collect();
    assert_eq!(
        names,
        [
            "市场监管总局",
            "体育总局",
            "教育部",
            "网信办",
            "科技部",
            "工业和信息化部"
        ]
    );
    assert_eq!(ten.extra().lists.len(), 3);
    assert_eq!(
        ten.extra().lists[0].text,
        "鼓励创新创业。大力推进商事制度改革，营造良好的体育竞赛表演产业准入环境。"
    );
    assert_eq!(ten.extra().lists[1].agencies, ["体育总局", "教育部"]);
    assert!(
        ten.extra().lists[2]
            .text
            .starts_with("重视和鼓励新型转播技术")
    );
    assert!(ten.text.contains("准入环境。加强体育产业"));
    assert_eq!(lead(&plan, 13), "体育总局");
}

#[test]
fn consumption_poverty_lists_end_with_provincial_governments() {
    let plan = import("gbf-2018-129-consumption-poverty.txt");
    assert_eq!(numbers(&plan), (1..=17).collect::<Vec<_>>());
    assert_eq!(lead(&plan, 1), "扶贫办");
    assert_eq!(task(&plan, 1).agencies.len(), 10);
    assert_eq!(
        task(&plan, 1).extra().others.as_deref(),
        Some("等和各省级人民政府")
    );
    assert_eq!(lead(&plan, 5), "商务部");
    assert_eq!(lead(&plan, 14), "发展改革委");
}

#[test]
fn employment_lead_rule_and_lists_without_named_agencies() {
    let plan = import("gf-2018-39-employment.txt");
    assert_eq!(numbers(&plan), (1..=15).collect::<Vec<_>>());
    assert_eq!(
        plan.lead_rule.as_deref(),
        Some("列第一位者为牵头单位，下同")
    );
    assert_eq!(lead(&plan, 1), "人力资源社会保障部");
    assert_eq!(
        task(&plan, 1).responsibility,
        "人力资源社会保障部、财政部负责。列第一位者为牵头单位，下同"
    );
    let four = task(&plan, 4);
    assert!(four.per_remit);
    assert_eq!(four.agencies.len(), 5);
    assert_eq!(four.extra().others.as_deref(), Some("各省级人民政府"));
    let twelve = task(&plan, 12);
    assert!(twelve.agencies.is_empty());
    assert_eq!(twelve.extra().others.as_deref(), Some("各省级人民政府"));
    assert_eq!(plan.issuer.as_deref(), Some("国务院"));
}

#[test]
fn farm_machinery_measures_three_to_twenty() {
    let plan = import("gf-2018-42-farm-machinery.txt");
    assert_eq!(numbers(&plan), (3..=20).collect::<Vec<_>>());
    assert_eq!(plan.sections.len(), 8);
    assert_eq!(lead(&plan, 3), "工业和信息化部");
    assert_eq!(task(&plan, 3).extra().others.as_deref(), Some("等"));
    assert_eq!(lead(&plan, 18), "农业农村部");
    assert_eq!(task(&plan, 18).extra().others, None);
    assert_eq!(lead(&plan, 19), "");
    assert_eq!(plan.document_number.as_deref(), Some("国发〔2018〕42号"));
}

#[test]
fn bonded_zones_arabic_tasks_in_groups_under_one_part() {
    let plan = import("gf-2019-03-bonded-zones.txt");
    assert_eq!(numbers(&plan), (1..=21).collect::<Vec<_>>());
    assert_eq!(
        plan.lead_rule.as_deref(),
        Some("排在第一位的部门为牵头部门，下同")
    );
    let tasks_part = &plan.sections[3];
    assert_eq!(tasks_part.title, "主要任务");
    assert_eq!(tasks_part.sections.len(), 5);
    assert_eq!(
        tasks_part.sections[0].title,
        "统筹两个市场，打造加工制造中心"
    );
    assert_eq!(lead(&plan, 1), "税务总局");
    assert_eq!(lead(&plan, 9), "药监局");
    assert_eq!(task(&plan, 6).extra().others.as_deref(), Some("等有关部门"));
    assert_eq!(plan.issued.as_deref(), Some("2019-01-12"));
}
