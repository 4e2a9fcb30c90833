//! Health scores on a real database, SQLite and PostgreSQL: a fixture of customers with known
//! activities, tickets and properties gets exactly the expected scores (window edges included);
//! an edit or a logged activity re-scores just that record through the queue; drafts leave live
//! scores alone until turned on; the limits; turning off and deleting.

mod common;

use app::{
    db::{
        Db,
        activities::{NewActivity, create_activity},
        associations::associate,
        health::{
            card::health_cards,
            compute::{Scope, score_profile},
            profiles::{self, create_profile, delete_profile, save_draft, turn_off, turn_on},
            queue::{score_queued, score_stale_profiles},
        },
        merge::merge_records,
        pipelines::{NewStage, create_pipeline},
        records::{ChangeContext, create_record, get_record, update_record},
        schema::object_type_by_name,
    },
    error::AppError,
    models::{
        ActivityKind, PropertyValue,
        filter::{Condition, Operator},
        health_score::{
            Bound, CriteriaGroup, Criterion, CriterionRule, HealthCategory, HealthScoreDefinition,
            MAX_DRAFT_PROFILES,
        },
        health_score_view::ProfileStart,
        time_zone::ViewerZone,
    },
};
use chrono::{DateTime, Duration, Utc};

const IMPORT: ChangeContext<'static> = ChangeContext {
    actor: None,
    source: "test",
};

fn property(name: &str, operator: Operator, values: &[&str]) -> CriterionRule {
    CriterionRule::Properties {
        conditions: vec![Condition {
            property: name.into(),
            operator,
            values: values.iter().map(|v| v.to_string()).collect(),
        }],
    }
}

fn calls(count: u32, days: u32, min_minutes: Option<u32>) -> CriterionRule {
    CriterionRule::Activities {
        activity: ActivityKind::Call,
        bound: Bound::AtLeast,
        count,
        days,
        min_minutes,
    }
}

fn criterion(points: i32, rule: CriterionRule) -> Criterion {
    Criterion { points, rule }
}

/// Calls 40, Tickets 20, NPS 30 (with a penalty for Starter), Renewal 10.
fn fixture_definition() -> HealthScoreDefinition {
    HealthScoreDefinition {
        groups: vec![
            CriteriaGroup {
                name: "Calls".into(),
                max_points: 40,
                criteria: vec![
                    criterion(30, calls(2, 30, Some(15))),
                    criterion(20, calls(1, 90, None)),
                ],
            },
            CriteriaGroup {
                name: "Tickets".into(),
                max_points: 20,
                criteria: vec![criterion(20, CriterionRule::NoOpenHighPriorityTicket)],
            },
            CriteriaGroup {
                name: "NPS".into(),
                max_points: 30,
                criteria: vec![
                    criterion(30, property("nps", Operator::AtLeast, &["9"])),
                    criterion(15, property("nps", Operator::Between, &["7", "8"])),
                    criterion(-10, property("plan", Operator::IsAnyOf, &["starter"])),
                ],
            },
            CriteriaGroup {
                name: "Renewal".into(),
                max_points: 10,
                criteria: vec![criterion(
                    10,
                    CriterionRule::DaysToRenewal {
                        property: "renewal_date".into(),
                        bound: Bound::AtLeast,
                        days: 60,
                    },
                )],
            },
        ],
        ..HealthScoreDefinition::default()
    }
}

async fn company(db: &Db, name: &str, values: Vec<(&str, PropertyValue)>) -> i64 {
    let companies = object_type_by_name(db, "companies").await.unwrap();
    let mut all = vec![("name", PropertyValue::Text(name.into()))];
    all.extend(values);
    create_record(db, &companies, &all, None, IMPORT)
        .await
        .unwrap()
}

async fn call(db: &Db, record: i64, at: DateTime<Utc>, minutes: i64) {
    create_activity(
        db,
        &NewActivity {
            kind: ActivityKind::Call,
            subject: "Check-in".into(),
            body: String::new(),
            owner_id: None,
            created_by: None,
            occurred_at: at,
            task: None,
            meeting: None,
            duration_minutes: Some(minutes),
            record_ids: vec![record],
        },
    )
    .await
    .unwrap();
}

/// A ticket of `priority` in an open or closed stage, associated with `company`.
async fn ticket(db: &Db, company: i64, priority: &str, stage_id: i64) {
    let tickets = object_type_by_name(db, "tickets").await.unwrap();
    let id = create_record(
        db,
        &tickets,
        &[
            ("name", PropertyValue::Text("Login issue".into())),
            ("priority", PropertyValue::Enumeration(priority.into())),
        ],
        Some(stage_id),
        IMPORT,
    )
    .await
    .unwrap();
    associate(db, company, id).await.unwrap();
}

struct Fixture {
    profile_id: i64,
    now: DateTime<Utc>,
    a: i64,
    b: i64,
    c: i64,
    d: i64,
}

async fn score_of(
    db: &Db,
    fixture: &Fixture,
    record: i64,
) -> (Option<u32>, Option<HealthCategory>) {
    let companies = object_type_by_name(db, "companies").await.unwrap();
    let cards = health_cards(db, record, companies.id, ViewerZone::UTC)
        .await
        .unwrap();
    let card = cards
        .iter()
        .find(|c| c.profile_id == fixture.profile_id)
        .unwrap();
    (card.score, card.category)
}

async fn fixture(db: &Db) -> Fixture {
    let now = Utc::now();
    let today = now.date_naive();
    let tickets = object_type_by_name(db, "tickets").await.unwrap();
    let support = create_pipeline(
        db,
        &tickets,
        "Support",
        &[
            NewStage {
                name: "Open",
                is_closed: false,
                required_properties: &[],
            },
            NewStage {
                name: "Closed",
                is_closed: true,
                required_properties: &[],
            },
        ],
    )
    .await
    .unwrap();
    let (open, closed) = (support.stages[0].id, support.stages[1].id);
    let enum_value = |v: &str| PropertyValue::Enumeration(v.into());
    // A: two long calls this month, NPS 9, no ticket, renewal in 120 days → 40+20+30+10 = 100.
    let a = company(
        db,
        "Acme",
        vec![
            ("nps", PropertyValue::Number(9.0)),
            ("plan", enum_value("enterprise")),
            (
                "renewal_date",
                PropertyValue::Date(today + Duration::days(120)),
            ),
        ],
    )
    .await;
    call(db, a, now - Duration::days(5), 20).await;
    call(db, a, now - Duration::days(20), 20).await;
    // B: one short call 40 days ago, an open high-priority ticket, NPS 7, renewal in 30 days
    // → 20+0+15+0 = 35.
    let b = company(
        db,
        "Bolt",
        vec![
            ("nps", PropertyValue::Number(7.0)),
            (
                "renewal_date",
                PropertyValue::Date(today + Duration::days(30)),
            ),
        ],
    )
    .await;
    call(db, b, now - Duration::days(40), 10).await;
    ticket(db, b, "high", open).await;
    // C: a long call exactly 30 days ago (outside "in the last 30 days") and one 29 days ago; a
    // closed high-priority ticket and an open low one → 20+20+0+0 = 40.
    let c = company(db, "Core", vec![]).await;
    call(db, c, now - Duration::days(30), 30).await;
    call(db, c, now - Duration::days(29), 15).await;
    ticket(db, c, "high", closed).await;
    ticket(db, c, "low", open).await;
    // D: no calls, Starter with NPS 10 (30 − 10), renewal in 61 days → 0+20+20+10 = 50.
    let d = company(
        db,
        "Dune",
        vec![
            ("nps", PropertyValue::Number(10.0)),
            ("plan", enum_value("starter")),
            (
                "renewal_date",
                PropertyValue::Date(today + Duration::days(61)),
            ),
        ],
    )
    .await;
    let profile_id = create_profile(db, 1, "Health", "", vec![], ProfileStart::Scratch)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    save_draft(db, 1, profile_id, 1, "Health", "", &fixture_definition())
        .await
        .unwrap();
    turn_on(db, 1, profile_id, 2).await.unwrap();
    assert_eq!(score_stale_profiles(db, now).await.unwrap(), 1);
    Fixture {
        profile_id,
        now,
        a,
        b,
        c,
        d,
    }
}

async fn seed_admin(db: &Db) {
    common::new_user(db, "admin@example.com").await;
}

async fn customers_get_exactly_the_expected_scores(db: Db) {
    seed_admin(&db).await;
    let f = fixture(&db).await;
    assert_eq!(
        score_of(&db, &f, f.a).await,
        (Some(100), Some(HealthCategory::Healthy))
    );
    assert_eq!(
        score_of(&db, &f, f.b).await,
        (Some(35), Some(HealthCategory::AtRisk))
    );
    assert_eq!(
        score_of(&db, &f, f.c).await,
        (Some(40), Some(HealthCategory::Neutral))
    );
    assert_eq!(
        score_of(&db, &f, f.d).await,
        (Some(50), Some(HealthCategory::Neutral))
    );
    // The Summary's distribution: 35, 40 and 50 each in their band of ten (a band's first score
    // included), 100 in the last.
    let companies = object_type_by_name(&db, "companies").await.unwrap();
    let profile = app::models::summary::ProfileChoice {
        id: f.profile_id,
        name: "Profile".into(),
    };
    let summary = app::db::health::summary::health_summary(&db, &profile, companies.id)
        .await
        .unwrap();
    let bars: Vec<(String, f64)> = summary
        .distribution
        .into_iter()
        .map(|bar| (bar.label, bar.value))
        .collect();
    let expected: Vec<(String, f64)> = [0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 1.0]
        .into_iter()
        .enumerate()
        .map(|(band, n)| {
            let label = if band == 9 {
                "90–100".to_string()
            } else {
                format!("{}–{}", band * 10, band * 10 + 9)
            };
            (label, n)
        })
        .collect();
    assert_eq!(bars, expected);
    // The card says which criteria earned or lost the points.
    let card = health_cards(&db, f.d, companies.id, ViewerZone::UTC)
        .await
        .unwrap()
        .remove(0);
    let nps = &card.groups[2];
    assert_eq!((nps.points, nps.max_points), (20, 30));
    let held: Vec<(&str, i32, bool)> = nps
        .criteria
        .iter()
        .map(|c| (c.text.as_str(), c.points, c.held))
        .collect();
    assert_eq!(
        held,
        [
            ("NPS score is at least 9", 30, true),
            ("NPS score is between 7 and 8", 15, false),
            ("Plan is any of Starter", -10, true),
        ]
    );
    // Score and category are properties of the customer, as lists read them.
    let record = get_record(&db, f.b).await.unwrap();
    let score_name = format!("health_score_{}", f.profile_id);
    let category_name = format!("health_category_{}", f.profile_id);
    assert_eq!(
        record.value(&score_name),
        Some(&PropertyValue::Number(35.0))
    );
    assert_eq!(
        record.value(&category_name),
        Some(&PropertyValue::Enumeration("at_risk".into()))
    );
    // They are computed: nobody types them.
    let refused = update_record(
        &db,
        f.b,
        record.version,
        &[(&score_name, Some(PropertyValue::Number(99.0)))],
        IMPORT,
    )
    .await;
    assert!(
        matches!(refused, Err(AppError::Invalid { .. })),
        "{refused:?}"
    );
    // A second full run finds nothing changed and writes no history.
    let profile = profiles::profile(&db, f.profile_id).await.unwrap();
    let run = score_profile(&db, &profile, Scope::All, f.now)
        .await
        .unwrap();
    assert_eq!((run.scored, run.changed), (4, 0));
}
db_test!(customers_get_exactly_the_expected_scores);

async fn an_edit_or_an_activity_rescores_just_that_record(db: Db) {
    seed_admin(&db).await;
    let f = fixture(&db).await;
    // Queued by the fixture's own writes, already scored: drain them first.
    score_queued(&db, f.now).await.unwrap();
    let version = get_record(&db, f.b).await.unwrap().version;
    update_record(
        &db,
        f.b,
        version,
        &[("nps", Some(PropertyValue::Number(9.0)))],
        IMPORT,
    )
    .await
    .unwrap();
    // B, and the ticket associated with it.
    assert_eq!(score_queued(&db, f.now).await.unwrap(), 2);
    assert_eq!(
        score_of(&db, &f, f.b).await,
        (Some(50), Some(HealthCategory::Neutral))
    );
    assert_eq!(
        score_queued(&db, f.now).await.unwrap(),
        0,
        "the queue is empty"
    );
    // A call logged on D: "at least 1 call in 90 days" now holds.
    call(&db, f.d, f.now - Duration::hours(1), 5).await;
    assert_eq!(score_queued(&db, f.now).await.unwrap(), 1);
    assert_eq!(
        score_of(&db, &f, f.d).await,
        (Some(70), Some(HealthCategory::Healthy))
    );
    // History holds changes only: A once, B and D twice.
    let companies = object_type_by_name(&db, "companies").await.unwrap();
    let changes = |id| {
        let db = db.clone();
        async move {
            health_cards(&db, id, companies.id, ViewerZone::UTC)
                .await
                .unwrap()[0]
                .changes
                .len()
        }
    };
    assert_eq!(changes(f.a).await, 1);
    assert_eq!(changes(f.b).await, 2);
    assert_eq!(changes(f.d).await, 2);
    // Merging two scored customers is not stopped by their differing (computed) scores: the
    // kept one is scored again with what it gained, the merged one loses its score.
    merge_records(&db, f.d, f.c, &[], 1).await.unwrap();
    assert_eq!(score_queued(&db, f.now).await.unwrap(), 2 + 2);
    // D gains C's calls (long-call window still misses the 30-day-old one) and its tickets.
    assert_eq!(score_of(&db, &f, f.d).await.0, Some(70));
    let left: i64 = app::on_pool!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM health_scores WHERE record_id = $1")
        .bind(f.c)
        .fetch_one(pool)
        .await)
    .unwrap();
    assert_eq!(left, 0, "the merged record has no score");
}
db_test!(an_edit_or_an_activity_rescores_just_that_record);

async fn drafts_do_not_change_live_scores(db: Db) {
    seed_admin(&db).await;
    let f = fixture(&db).await;
    let mut changed = fixture_definition();
    changed.groups[2].criteria[1].points = 25; // NPS 7–8 now earns 25
    let version = profiles::profile(&db, f.profile_id).await.unwrap().version;
    let version = save_draft(&db, 1, f.profile_id, version, "Health", "", &changed)
        .await
        .unwrap();
    assert_eq!(score_stale_profiles(&db, f.now).await.unwrap(), 0);
    let profile = profiles::profile(&db, f.profile_id).await.unwrap();
    score_profile(&db, &profile, Scope::All, f.now)
        .await
        .unwrap();
    assert_eq!(
        score_of(&db, &f, f.b).await.0,
        Some(35),
        "the draft is not in force"
    );
    turn_on(&db, 1, f.profile_id, version).await.unwrap();
    assert_eq!(score_stale_profiles(&db, f.now).await.unwrap(), 1);
    assert_eq!(
        score_of(&db, &f, f.b).await.0,
        Some(45),
        "turned on: 20 + 25"
    );
}
db_test!(drafts_do_not_change_live_scores);

async fn a_score_turns_on_only_at_100_and_within_the_limits(db: Db) {
    seed_admin(&db).await;
    let id = create_profile(
        &db,
        1,
        "Ninety-five",
        "",
        vec![],
        ProfileStart::PredefinedGroups,
    )
    .await
    .unwrap();
    let mut definition = profiles::profile(&db, id)
        .await
        .unwrap()
        .editable_definition()
        .unwrap();
    assert_eq!(
        definition.total_points(),
        100,
        "the predefined groups sum to 100"
    );
    definition.groups[0].max_points -= 5;
    let version = save_draft(&db, 1, id, 1, "Ninety-five", "", &definition)
        .await
        .unwrap();
    match turn_on(&db, 1, id, version).await {
        Err(AppError::Invalid { field, message }) => {
            assert_eq!(field, "sum");
            assert!(message.contains("95"), "{message}");
        }
        other => panic!("turned on at 95: {other:?}"),
    }
    // A stale version is refused.
    assert_eq!(
        save_draft(&db, 1, id, 1, "x", "", &definition).await,
        Err(AppError::StaleVersion)
    );
    for n in 1..MAX_DRAFT_PROFILES {
        create_profile(
            &db,
            1,
            &format!("Draft {n}"),
            "",
            vec![],
            ProfileStart::Scratch,
        )
        .await
        .unwrap();
    }
    let refused = create_profile(&db, 1, "One too many", "", vec![], ProfileStart::Scratch).await;
    assert!(matches!(refused, Err(AppError::Conflict(_))), "{refused:?}");
}
db_test!(a_score_turns_on_only_at_100_and_within_the_limits);

async fn turning_off_clears_and_deleting_removes_the_columns(db: Db) {
    seed_admin(&db).await;
    let f = fixture(&db).await;
    let score_name = format!("health_score_{}", f.profile_id);
    let companies = object_type_by_name(&db, "companies").await.unwrap();
    // A report averaging the score by plan has an index over the score's column, which must
    // not keep the column from going (SQLite refuses to drop an indexed column).
    let average_score = app::models::report::ReportSpec {
        title: "Average score by plan".into(),
        object_type_id: companies.id,
        measure: app::models::report::ReportMeasure::Average,
        measure_property: Some(score_name.clone()),
        group_by: Some("plan".into()),
        time_unit: None,
        chart: app::models::report::ChartKind::Bar,
    };
    app::db::reports::create_report(&db, 1, &average_score)
        .await
        .unwrap();
    let report_indexes = || async {
        let table = companies.table();
        let names: Vec<String> = app::on_pool!(db, pool => sqlx::query_scalar(match db.backend() {
            app::db::Backend::Sqlite => "SELECT name FROM sqlite_master WHERE tbl_name = $1",
            app::db::Backend::Postgres => "SELECT indexname::TEXT FROM pg_indexes WHERE tablename = $1",
        })
        .bind(&table)
        .fetch_all(pool)
        .await)
        .unwrap();
        names
            .into_iter()
            .filter(|n| n.contains("_report__"))
            .count()
    };
    assert_eq!(report_indexes().await, 1);
    let version = profiles::profile(&db, f.profile_id).await.unwrap().version;
    turn_off(&db, 1, f.profile_id, version).await.unwrap();
    assert_eq!(get_record(&db, f.a).await.unwrap().value(&score_name), None);
    assert!(
        health_cards(&db, f.a, companies.id, ViewerZone::UTC)
            .await
            .unwrap()
            .is_empty()
    );
    delete_profile(&db, 1, f.profile_id).await.unwrap();
    assert_eq!(report_indexes().await, 0);
    let schema = db.schema().await.unwrap();
    assert!(
        schema
            .object(companies.id)
            .unwrap()
            .property(&score_name)
            .is_none()
    );
    assert!(get_record(&db, f.a).await.is_ok(), "the records stay");
}
db_test!(turning_off_clears_and_deleting_removes_the_columns);
