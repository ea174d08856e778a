use super::*;
use crate::model::{Plan, Section, Task};
use crate::store::{Location, Store};

fn plan() -> Catalog {
    Catalog::new(vec![Plan::new(
        "p",
        "计划",
        vec![Section::new(
            "一",
            "工作",
            vec![
                Task::new(1, "任务一。", &["知识产权局"]),
                Task::new(2, "任务二。", &["教育部", "知识产权局"]),
            ],
            vec![],
        )],
    )])
}

fn replica(dir: &Path, person: &str) -> Replica {
    let writer = Writer {
        person: person.into(),
        agency: None,
        host: "h".into(),
    };
    let location = Location {
        dir: dir.to_path_buf(),
        v1: None,
    };
    Replica::new(plan(), Vec::new()).with_store(Store::open(location, writer).expect("opens"))
}

fn key(n: u32) -> TaskKey {
    TaskKey::new("p", n)
}

#[test]
fn mark_leaves_out_what_is_already_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut ann = replica(dir.path(), "ann");
    let written = ann
        .mark(&key(1), Some(Status::Done), Some("已印发"))
        .expect("saves");
    assert_eq!(written.len(), 2);
    let again = ann
        .mark(&key(1), Some(Status::Done), Some("已印发"))
        .expect("saves");
    assert!(again.is_empty());
    assert_eq!(ann.history(&key(1)).len(), 2);
}

#[test]
fn undo_reverts_only_my_own_last_change() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut ann = replica(dir.path(), "ann");
    let mut bob = replica(dir.path(), "bob");
    ann.mark(&key(1), Some(Status::InProgress), None)
        .expect("saves");
    ann.mark(&key(1), Some(Status::Done), None).expect("saves");
    bob.mark(&key(2), Some(Status::Blocked), None)
        .expect("saves");
    ann.refresh().expect("reads");
    let undone = ann.undo().expect("undoes");
    assert_eq!(undone.key, key(1));
    assert_eq!(ann.progress().status(&key(1)), Status::InProgress);
    assert_eq!(
        ann.progress().status(&key(2)),
        Status::Blocked,
        "bob's change stays"
    );
    let undone = ann.undo().expect("undoes the one before");
    assert_eq!(
        undone.change.what,
        ChangeKind::Status {
            from: Status::InProgress,
            to: Status::NotStarted,
            reason: String::new(),
        }
    );
    assert_eq!(ann.undo(), Err(UndoError::Nothing));
}

#[test]
fn undo_is_refused_naming_who_changed_the_task_since() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut ann = replica(dir.path(), "ann");
    let mut bob = replica(dir.path(), "bob");
    ann.mark(&key(1), Some(Status::Done), None).expect("saves");
    bob.refresh().expect("reads");
    bob.mark(&key(1), None, Some("复核中")).expect("saves");
    // Ann has not even seen it yet: the check is made on the state as written.
    let refused = ann.undo().expect_err("refused");
    let UndoError::ChangedSince { by, .. } = &refused else {
        panic!("{refused:?}");
    };
    assert_eq!(by, "bob");
    assert!(
        refused.to_string().contains("p:1 was changed by bob at "),
        "{refused}"
    );
    assert_eq!(ann.progress().status(&key(1)), Status::Done);
    assert_eq!(ann.history(&key(1)).len(), 2, "nothing written");
}

#[test]
fn a_replica_without_state_refuses_changes_with_the_reason() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("not-a-dir");
    std::fs::write(&file, "x").expect("writes");
    let mut replica = Replica::new(plan(), Vec::new());
    let location = Location {
        dir: file.clone(),
        v1: None,
    };
    let writer = Writer {
        person: "ann".into(),
        agency: None,
        host: "h".into(),
    };
    assert!(
        replica
            .open_state(Ok(location), writer, Duration::from_secs(1))
            .is_err()
    );
    let error = replica
        .mark(&key(1), Some(Status::Done), None)
        .expect_err("refused");
    assert!(error.is_read_only());
    assert!(error.to_string().contains("not a directory"), "{error}");
    assert_eq!(replica.catalog.tasks.len(), 2, "the plans still read");
}

#[test]
fn a_failed_write_keeps_the_change_pending_and_the_retry_writes_it_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = dir.path().join("state");
    let mut ann = replica(&state, "ann");
    ann.mark(&key(1), Some(Status::Done), None).expect("saves");
    // The log cannot be opened for writing: like a full or read-only disk.
    let log = state.join("ann@h.jsonl");
    std::fs::remove_file(&log).expect("removes");
    std::fs::create_dir(&log).expect("mkdir");
    let error = ann
        .mark(&key(2), Some(Status::Blocked), None)
        .expect_err("fails");
    assert!(
        matches!(error, SaveError::Failed { pending: 1, .. }),
        "{error:?}"
    );
    assert_eq!(
        ann.progress().status(&key(2)),
        Status::Blocked,
        "shown meanwhile"
    );
    std::fs::remove_dir(&log).expect("rmdir");
    assert_eq!(ann.retry(), Some(Ok(())));
    assert_eq!(ann.retry(), None);
    let written = std::fs::read_to_string(&log).expect("reads");
    assert_eq!(written.lines().count(), 1, "{written}");
    let bob = replica(&state, "bob");
    assert_eq!(bob.progress().status(&key(2)), Status::Blocked);
}

#[test]
fn the_agency_list_has_one_order() {
    let replica = Replica::new(plan(), Vec::new());
    let names: Vec<&str> = replica.agencies().iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["知识产权局", "教育部"]);
}

fn replica_for(dir: &Path, person: &str, agency: Option<&str>) -> Replica {
    let writer = Writer {
        person: person.into(),
        agency: agency.map(String::from),
        host: "h".into(),
    };
    let location = Location {
        dir: dir.to_path_buf(),
        v1: None,
    };
    let mut replica =
        Replica::new(plan(), Vec::new()).with_store(Store::open(location, writer).expect("opens"));
    replica.set_policy(Policy::LeadSetsStatus);
    replica
}

#[test]
fn under_lead_sets_status_a_participant_proposes_and_the_lead_decides() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Task 2: 教育部 leads, 知识产权局 takes part.
    let mut cnipa = replica_for(dir.path(), "liming", Some("知识产权局"));
    let written = cnipa
        .mark(&key(2), Some(Status::Done), Some("已报送"))
        .expect("saves");
    assert_eq!(
        written[0].1.what,
        ChangeKind::Proposal {
            from: Status::NotStarted,
            to: Status::Done,
            reason: String::new(),
        }
    );
    assert_eq!(
        cnipa.progress().status(&key(2)),
        Status::NotStarted,
        "not applied"
    );
    assert_eq!(
        cnipa.progress().note(&key(2)),
        "已报送",
        "notes are open to all"
    );
    // The lead sees the proposal, with who made it for which agency.
    let mut moe = replica_for(dir.path(), "zhou", Some("教育部"));
    let pending = moe.progress().get(&key(2)).map(|t| t.proposals().len());
    assert_eq!(pending, Some(1));
    let proposal = moe.history(&key(2))[0].clone();
    assert_eq!(proposal.agency.as_deref(), Some("知识产权局"));
    // The lead's own status change applies, and settles the proposal.
    moe.mark(&key(2), Some(Status::Done), None).expect("saves");
    assert_eq!(moe.progress().status(&key(2)), Status::Done);
    assert_eq!(
        moe.progress().get(&key(2)).map(|t| t.proposals().len()),
        Some(0)
    );
    // On its own task the participant's agency is the lead and marks directly.
    cnipa
        .mark(&key(1), Some(Status::InProgress), None)
        .expect("saves");
    assert_eq!(cnipa.progress().status(&key(1)), Status::InProgress);
    // Withdrawing a proposal by undo.
    cnipa.refresh().expect("reads");
    let mut other = replica_for(dir.path(), "wang", Some("知识产权局"));
    other
        .mark(&key(2), Some(Status::Blocked), None)
        .expect("saves");
    assert_eq!(
        other.progress().get(&key(2)).map(|t| t.proposals().len()),
        Some(1)
    );
    other.undo().expect("withdraws");
    assert_eq!(
        other.progress().get(&key(2)).map(|t| t.proposals().len()),
        Some(0)
    );
    // Without an agency there is no telling: refused, with what to do.
    let mut nobody = replica_for(dir.path(), "anon", None);
    let refused = nobody
        .mark(&key(1), Some(Status::Done), None)
        .expect_err("refused");
    assert!(
        refused.to_string().contains("PLANTRACK_AGENCY"),
        "{refused}"
    );
    assert_eq!(nobody.pending(), 0);
}

fn entry(progress: &str, problems: &str, next: &str) -> Feedback {
    Feedback {
        progress: progress.into(),
        problems: problems.into(),
        next: next.into(),
    }
}

#[test]
fn each_agency_keeps_its_own_feedback_and_its_history() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut lead = replica_for(dir.path(), "张三", Some("知识产权局"));
    let mut partner = replica_for(dir.path(), "李四", Some("教育部"));
    lead.feedback(&key(2), entry("已起草方案", "", "征求意见"))
        .expect("saves");
    partner
        .feedback(&key(2), entry("开设课程\n培训师资", "经费", ""))
        .expect("saves");
    // The partner's entry never replaces the lead's.
    partner.refresh().expect("reads");
    let shown = partner.progress().feedback(&key(2));
    let agencies: Vec<&str> = shown.iter().map(|f| f.agency).collect();
    assert_eq!(agencies, ["知识产权局", "教育部"]);
    assert_eq!(shown[0].entry, &entry("已起草方案", "", "征求意见"));
    assert_eq!(
        shown[1].entry.progress, "开设课程\n培训师资",
        "line breaks kept"
    );
    assert_eq!(shown[1].by, "李四");

    // Edited twice: both earlier versions stay in the history, each with
    // what it replaced.
    lead.refresh().expect("reads");
    let first_since = lead.progress().feedback(&key(2))[0].since;
    lead.feedback(&key(2), entry("方案已报批", "", ""))
        .expect("saves");
    lead.feedback(&key(2), entry("方案已印发", "", ""))
        .expect("saves");
    let mine: Vec<(&Feedback, &Feedback)> = lead
        .history(&key(2))
        .iter()
        .filter_map(|c| match &c.what {
            ChangeKind::Feedback { agency, from, to } if agency == "知识产权局" => {
                Some((from, to))
            }
            _ => None,
        })
        .collect();
    assert_eq!(mine.len(), 3);
    assert_eq!(mine[1].0.progress, "已起草方案");
    assert_eq!(mine[2].0.progress, "方案已报批");
    let now = lead.progress().feedback(&key(2));
    assert_eq!(now[0].entry.progress, "方案已印发");
    assert!(now[0].since > first_since);
    assert_eq!(now[1].entry.progress, "开设课程\n培训师资");

    // The same entry again is nothing to save and does not move "since".
    let since = now[0].since;
    assert!(
        lead.feedback(&key(2), entry("方案已印发", "", ""))
            .expect("saves")
            .is_empty()
    );
    assert_eq!(lead.progress().feedback(&key(2))[0].since, since);

    // Undo gives back the lead's previous entry, leaving the partner's.
    lead.undo().expect("undoes");
    let now = lead.progress().feedback(&key(2));
    assert_eq!(now[0].entry.progress, "方案已报批");
    assert_eq!(now[1].entry.progress, "开设课程\n培训师资");
}

#[test]
fn feedback_needs_an_agency_and_a_progress_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut nobody = replica(dir.path(), "ann");
    assert!(matches!(
        nobody.feedback(&key(1), entry("做了", "", "")),
        Err(SaveError::Refused(_))
    ));
    let mut lead = replica_for(dir.path(), "张三", Some("知识产权局"));
    assert!(matches!(
        lead.feedback(&key(1), entry("  ", "问题", "")),
        Err(SaveError::Refused(_))
    ));
    assert!(lead.history(&key(1)).is_empty());
}

#[test]
fn a_suspension_needs_a_reason_and_keeps_it_in_the_log() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut ann = replica(dir.path(), "ann");
    let refused = ann.mark_waiting(&key(1), Some(Status::Suspended), "  ", None, &mut |_| {});
    assert!(matches!(refused, Err(SaveError::Refused(_))), "{refused:?}");
    assert!(ann.history(&key(1)).is_empty(), "nothing written");
    let refused = ann.mark_waiting(&key(1), Some(Status::Done), "why", None, &mut |_| {});
    assert!(
        matches!(refused, Err(SaveError::Refused(_))),
        "a reason only with blocked or suspended"
    );

    ann.mark_waiting(
        &key(1),
        Some(Status::Blocked),
        "等待会签",
        None,
        &mut |_| {},
    )
    .expect("saves");
    ann.mark_waiting(
        &key(1),
        Some(Status::Suspended),
        "职责已划转",
        None,
        &mut |_| {},
    )
    .expect("saves");
    // Read back from the files by another writer.
    let bob = replica(dir.path(), "bob");
    assert_eq!(bob.progress().status(&key(1)), Status::Suspended);
    assert_eq!(bob.progress().reason(&key(1)), "职责已划转");
    // The same status with a new reason records the new reason.
    let written = ann
        .mark_waiting(
            &key(1),
            Some(Status::Suspended),
            "并入第2项",
            None,
            &mut |_| {},
        )
        .expect("saves");
    assert_eq!(written.len(), 1);
    assert_eq!(ann.progress().reason(&key(1)), "并入第2项");
    // Undo goes back to the status before with the reason it had.
    ann.undo().expect("undone");
    assert_eq!(ann.progress().reason(&key(1)), "职责已划转");
    ann.undo().expect("undone");
    assert_eq!(ann.progress().status(&key(1)), Status::Blocked);
    assert_eq!(ann.progress().reason(&key(1)), "等待会签");
}

#[test]
fn a_log_written_before_reasons_existed_still_loads() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("old@srv.jsonl"),
        "{\"id\":\"a1\",\"at\":\"2020-05-06T01:30:00Z\",\"seq\":0,\"by\":\"old\",\"agency\":null,\"plan\":\"p\",\"task\":1,\"change\":{\"status\":{\"from\":\"not_started\",\"to\":\"blocked\"}}}\n",
    )
    .expect("writes");
    let ann = replica(dir.path(), "ann");
    assert_eq!(ann.progress().status(&key(1)), Status::Blocked);
    assert_eq!(ann.progress().reason(&key(1)), "");
}
