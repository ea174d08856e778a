use super::*;
use crate::model::{Catalog, Plan, Task, TaskKey, TimeLimit};
use crate::progress::{Change, ChangeKind, Progress, Status};

fn day(text: &str) -> Date {
    text.parse().expect("test date")
}

#[test]
fn every_light_rule_at_its_boundaries() {
    let rules = Rules { due_soon_days: 15 };
    let start = Some(day("2020-01-01"));
    let limit = Some(day("2020-12-31"));
    use Light::{Green, Red, Yellow};
    use Status::{Blocked, Done, InProgress, NotStarted, Suspended};
    #[rustfmt::skip]
    let cases: &[(Status, &str, Option<Light>, &str)] = &[
        // Past the limit: the day before, on, and after it.
        (InProgress, "2020-12-30", Some(Yellow), "the day before the limit is within 15 days"),
        (InProgress, "2020-12-31", Some(Yellow), "on the limit: not yet overdue"),
        (InProgress, "2021-01-01", Some(Red), "the day after the limit"),
        (Blocked, "2021-06-01", Some(Red), "blocked and past its limit"),
        (Done, "2021-06-01", None, "done: no light"),
        (Suspended, "2021-06-01", None, "suspended: no light, even past its limit"),
        // Due soon: exactly 15 days before, and 16.
        (InProgress, "2020-12-16", Some(Yellow), "15 days left"),
        (InProgress, "2020-12-15", Some(Green), "16 days left"),
        // Expected progress: 365 days from start to limit; half is 182.5.
        (NotStarted, "2020-07-01", Some(Green), "182 days passed: not more than half"),
        (NotStarted, "2020-07-02", Some(Yellow), "183 days passed: more than half, not started"),
        (InProgress, "2020-07-02", Some(Green), "started: on track"),
        (NotStarted, "2020-03-01", Some(Green), "early in the year"),
    ];
    for (status, today, expected, why) in cases {
        assert_eq!(
            rules.light(*status, limit, start, day(today)),
            *expected,
            "{why} ({today})"
        );
    }
    // Exactly half of an even period (10 days: 5 passed) is not "more than half".
    let (s, l) = (Some(day("2020-06-01")), Some(day("2020-06-11")));
    let far = Rules { due_soon_days: 0 };
    assert_eq!(far.light(NotStarted, l, s, day("2020-06-06")), Some(Green));
    assert_eq!(far.light(NotStarted, l, s, day("2020-06-07")), Some(Yellow));
    // Without a dated limit there is nothing to measure against.
    assert_eq!(
        rules.light(NotStarted, None, start, day("2030-01-01")),
        None
    );
    // The configured days count.
    let week = Rules { due_soon_days: 7 };
    assert_eq!(
        week.light(InProgress, limit, start, day("2020-12-23")),
        Some(Green)
    );
    assert_eq!(
        week.light(InProgress, limit, start, day("2020-12-24")),
        Some(Yellow)
    );
}

fn plan_titled(title: &str, issued: Option<&str>, tasks: Vec<Task>) -> Plan {
    Plan {
        format_version: crate::model::FORMAT_VERSION,
        id: "p".into(),
        title: title.into(),
        issuer: None,
        issued: issued.map(String::from),
        document_number: None,
        addressees: Vec::new(),
        lead_rule: None,
        preamble: Vec::new(),
        tasks,
        sections: Vec::new(),
    }
}

#[test]
fn an_annual_plan_defaults_to_the_end_of_its_year() {
    let info =
        |title: &str| Catalog::new(vec![plan_titled(title, None, Vec::new())]).plans[0].clone();
    assert_eq!(
        plan_year(&info(
            "2020年深入实施国家知识产权战略加快建设知识产权强国推进计划"
        )),
        Some(2020)
    );
    assert_eq!(
        plan_default(&info("2021年知识产权工作要点")),
        Some(day("2021-12-31"))
    );
    assert_eq!(
        plan_year(&info("知识产权强国建设纲要（2021—2035年）")),
        None
    );
    assert_eq!(plan_year(&info("2021-2025年专项规划")), None);
    assert_eq!(plan_year(&info("知识产权工作要点")), None);
    // The start is the issue date, else the first of the year.
    let catalog = Catalog::new(vec![plan_titled(
        "2020年计划",
        Some("2020-05-13"),
        Vec::new(),
    )]);
    assert_eq!(plan_start(&catalog.plans[0]), Some(day("2020-05-13")));
    assert_eq!(plan_start(&info("2020年计划")), Some(day("2020-01-01")));
}

#[test]
fn a_limit_set_by_staff_wins_over_the_plans_which_wins_over_the_default() {
    let mut written = Task::new(2, "写明时限", &["知识产权局"]);
    written.extra_mut().time_limit = Some(TimeLimit {
        written: "2020年9月底前完成".into(),
        date: Some("2020-09-30".into()),
    });
    let mut ongoing = Task::new(3, "持续推进", &["知识产权局"]);
    ongoing.extra_mut().time_limit = Some(TimeLimit {
        written: "持续推进".into(),
        date: None,
    });
    let plain = Task::new(1, "无时限", &["知识产权局"]);
    let mut yearless = Task::new(4, "年底前", &["知识产权局"]);
    yearless.extra_mut().time_limit = Some(TimeLimit {
        written: "年底前完成".into(),
        date: None,
    });
    let catalog = Catalog::new(vec![plan_titled(
        "2020年计划",
        Some("2020-05-13"),
        vec![plain, written, ongoing, yearless],
    )]);
    let mut progress = Progress::default();
    let at = jiff::Timestamp::from_second(1_600_000_000).expect("time");
    let set = |to: Option<Date>| ChangeKind::Due { from: None, to };
    progress.record(
        TaskKey::new("p", 2),
        Change::new(at, "ann", set(Some(day("2020-08-31")))),
    );
    let limits = limits(&catalog, &progress);
    let shown: Vec<(Option<Date>, Source)> = limits
        .iter()
        .map(|l| l.as_ref().map(|l| (l.date, l.source)).expect("a limit"))
        .collect();
    assert_eq!(
        shown,
        [
            (Some(day("2020-12-31")), Source::Default),
            (Some(day("2020-08-31")), Source::Set),
            (None, Source::Plan),
            (Some(day("2020-12-31")), Source::Plan),
        ]
    );
    // Giving the task back: the plan's limit again, and the history keeps both.
    let later = at
        .checked_add(jiff::SignedDuration::from_hours(1))
        .expect("time");
    progress.record(TaskKey::new("p", 2), Change::new(later, "bob", set(None)));
    let limits = super::limits(&catalog, &progress);
    let back = limits[1].as_ref().expect("a limit");
    assert_eq!(
        (back.date, back.source),
        (Some(day("2020-09-30")), Source::Plan)
    );
    assert_eq!(back.written.as_deref(), Some("2020年9月底前完成"));
    assert_eq!(
        progress
            .get(&TaskKey::new("p", 2))
            .map(|p| p.history().len()),
        Some(2)
    );
    // Lights on one day, from the limits in force.
    let statuses = progress.statuses(&catalog);
    let lit = lights(
        &catalog,
        &limits,
        &statuses,
        Rules::default(),
        day("2020-10-01"),
    );
    assert_eq!(
        lit,
        [
            Some(Light::Yellow),
            Some(Light::Red),
            None,
            Some(Light::Yellow)
        ]
    );
}

#[test]
fn the_tasks_of_a_plan_share_its_default_limit() {
    let catalog = Catalog::new(vec![plan_titled(
        "2020年计划",
        None,
        vec![
            Task::new(1, "一", &["知识产权局"]),
            Task::new(2, "二", &["知识产权局"]),
        ],
    )]);
    let limits = limits(&catalog, &Progress::default());
    let [Some(first), Some(second)] = limits.as_slice() else {
        panic!("both tasks have the plan's default: {limits:?}");
    };
    assert_eq!(first.source, Source::Default);
    // One limit for the plan, and a pointer a task.
    assert!(Arc::ptr_eq(first, second));
    assert_eq!(std::mem::size_of_val(&limits[0]), 8);
}

#[test]
fn dates_read_as_the_language_writes_them() {
    assert_eq!(
        display(day("2020-09-30"), crate::i18n::Lang::Zh),
        "2020年9月30日"
    );
    assert_eq!(
        display(day("2020-09-30"), crate::i18n::Lang::En),
        "2020-09-30"
    );
}
