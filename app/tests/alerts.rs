//! Health alerts and their live events on a real database, SQLite and PostgreSQL: a category
//! change raises exactly one alert, for the customer's CSM only, announced on the event bus at
//! commit; alerts expire after 14 days (a fixed clock); unread counts, paging, and a user can
//! neither read nor mark another user's alerts; an event leaves only when its transaction
//! commits, never for a rollback.

mod common;

use std::time::Duration as StdDuration;

use app::{
    db::{
        Db, alerts,
        health::{
            profiles::{create_profile, save_draft, turn_on},
            queue::{score_queued, score_stale_profiles},
        },
        records::{ChangeContext, create_record, get_record, update_record},
        schema::object_type_by_name,
    },
    error::AppError,
    models::{
        PropertyValue,
        alert::ALERTS_PER_PAGE,
        filter::{Condition, Operator},
        health_score::{
            CriteriaGroup, Criterion, CriterionRule, HealthCategory, HealthScoreDefinition,
        },
        health_score_view::ProfileStart,
        live_event::{LiveEvent, LiveMessage},
    },
};
use chrono::{DateTime, Duration, Utc};
use tokio::sync::broadcast::Receiver;

const IMPORT: ChangeContext<'static> = ChangeContext {
    actor: None,
    source: "test",
};

/// 100 points when NPS is at least 9, else 0: Healthy or At risk.
fn nps_definition() -> HealthScoreDefinition {
    HealthScoreDefinition {
        groups: vec![CriteriaGroup {
            name: "NPS".into(),
            max_points: 100,
            criteria: vec![Criterion {
                points: 100,
                rule: CriterionRule::Properties {
                    conditions: vec![Condition {
                        property: "nps".into(),
                        operator: Operator::AtLeast,
                        values: vec!["9".into()],
                    }],
                },
            }],
        }],
        ..HealthScoreDefinition::default()
    }
}

struct Fixture {
    now: DateTime<Utc>,
    csm: i64,
    other: i64,
    acme: i64,
    orphan: i64,
}

async fn company(db: &Db, name: &str, csm: Option<i64>) -> i64 {
    let companies = object_type_by_name(db, "companies").await.unwrap();
    let mut values = vec![
        ("name", PropertyValue::Text(name.into())),
        ("nps", PropertyValue::Number(9.0)),
    ];
    if let Some(csm) = csm {
        values.push(("csm", PropertyValue::User(csm)));
    }
    create_record(db, &companies, &values, None, IMPORT)
        .await
        .unwrap()
}

/// Three companies scored Healthy: Acme (CSM `csm`), Bolt (CSM `other`) and one without CSM.
async fn fixture(db: &Db) -> Fixture {
    let admin = common::new_user(db, "admin@example.com").await;
    let csm = common::new_user(db, "csm@example.com").await;
    let other = common::new_user(db, "other@example.com").await;
    let acme = company(db, "Acme Corp", Some(csm)).await;
    company(db, "Bolt", Some(other)).await;
    let orphan = company(db, "Nobody's", None).await;
    let profile = create_profile(db, admin, "Health", "", vec![], ProfileStart::Scratch)
        .await
        .unwrap();
    save_draft(db, admin, profile, 1, "Health", "", &nps_definition())
        .await
        .unwrap();
    turn_on(db, admin, profile, 2).await.unwrap();
    let now = Utc::now();
    score_stale_profiles(db, now).await.unwrap();
    score_queued(db, now).await.unwrap();
    Fixture {
        now,
        csm,
        other,
        acme,
        orphan,
    }
}

async fn set_nps(db: &Db, record: i64, nps: f64, now: DateTime<Utc>) {
    let version = get_record(db, record).await.unwrap().version;
    update_record(
        db,
        record,
        version,
        &[("nps", Some(PropertyValue::Number(nps)))],
        IMPORT,
    )
    .await
    .unwrap();
    score_queued(db, now).await.unwrap();
}

/// The events received within a second (PostgreSQL's arrive through LISTEN).
async fn received(events: &mut Receiver<LiveMessage>) -> Vec<LiveEvent> {
    let mut got = Vec::new();
    while let Ok(Ok(message)) = tokio::time::timeout(StdDuration::from_secs(1), events.recv()).await
    {
        got.push(message.event);
    }
    got
}

async fn a_category_change_alerts_the_csm_exactly_once(db: Db) {
    let f = fixture(&db).await;
    // Scored for the first time: nothing changed category.
    assert_eq!(alerts::unread_count(&db, f.csm, f.now).await.unwrap(), 0);
    let mut events = db.events().subscribe().await.unwrap();
    set_nps(&db, f.acme, 1.0, f.now).await;
    let page = alerts::list_alerts(&db, f.csm, None, f.now).await.unwrap();
    assert_eq!(page.unread, 1);
    assert_eq!(page.alerts.len(), 1);
    let alert = &page.alerts[0];
    assert_eq!(alert.headline(), "Acme Corp went from Healthy to At risk");
    assert_eq!((alert.from_score, alert.to_score), (100, 0));
    assert_eq!(
        (alert.from_category, alert.to_category),
        (HealthCategory::Healthy, HealthCategory::AtRisk)
    );
    assert_eq!(alert.record_id, f.acme);
    assert!(!alert.read);
    // Nobody else heard of it.
    assert_eq!(alerts::unread_count(&db, f.other, f.now).await.unwrap(), 0);
    // The bus told the CSM's tabs, and everyone's that Acme changed, after the commits.
    let heard = received(&mut events).await;
    assert!(
        heard.contains(&LiveEvent::AlertsChanged { user_id: f.csm }),
        "{heard:?}"
    );
    assert!(!heard.contains(&LiveEvent::AlertsChanged { user_id: f.other }));
    assert!(heard.iter().any(|e| e.touches_record(f.acme)), "{heard:?}");
    // Scoring again changes nothing: still exactly one alert.
    set_nps(&db, f.acme, 2.0, f.now).await;
    assert_eq!(alerts::unread_count(&db, f.csm, f.now).await.unwrap(), 1);
    // A customer without a CSM changes category: no alert for anyone.
    set_nps(&db, f.orphan, 1.0, f.now).await;
    for user in [f.csm, f.other] {
        let page = alerts::list_alerts(&db, user, None, f.now).await.unwrap();
        assert!(page.alerts.iter().all(|a| a.record_id != f.orphan));
    }
}
db_test!(a_category_change_alerts_the_csm_exactly_once);

async fn only_the_owner_reads_and_marks_an_alert(db: Db) {
    let f = fixture(&db).await;
    set_nps(&db, f.acme, 1.0, f.now).await;
    let id = alerts::list_alerts(&db, f.csm, None, f.now)
        .await
        .unwrap()
        .alerts[0]
        .id;
    // Another user cannot see it or mark it.
    assert!(
        alerts::list_alerts(&db, f.other, None, f.now)
            .await
            .unwrap()
            .alerts
            .is_empty()
    );
    assert!(matches!(
        alerts::mark_read(&db, f.other, id, f.now).await,
        Err(AppError::NotFound(_))
    ));
    assert_eq!(alerts::unread_count(&db, f.csm, f.now).await.unwrap(), 1);
    let mut events = db.events().subscribe().await.unwrap();
    alerts::mark_read(&db, f.csm, id, f.now).await.unwrap();
    assert_eq!(alerts::unread_count(&db, f.csm, f.now).await.unwrap(), 0);
    let page = alerts::list_alerts(&db, f.csm, None, f.now).await.unwrap();
    assert!(page.alerts[0].read, "a read alert stays listed, as read");
    assert_eq!(
        received(&mut events).await,
        vec![LiveEvent::AlertsChanged { user_id: f.csm }]
    );
}
db_test!(only_the_owner_reads_and_marks_an_alert);

async fn alerts_expire_after_14_days(db: Db) {
    let f = fixture(&db).await;
    set_nps(&db, f.acme, 1.0, f.now).await;
    let almost = f.now + Duration::days(14) - Duration::seconds(1);
    let expired = f.now + Duration::days(14);
    assert_eq!(alerts::unread_count(&db, f.csm, almost).await.unwrap(), 1);
    assert_eq!(
        alerts::list_alerts(&db, f.csm, None, almost)
            .await
            .unwrap()
            .alerts
            .len(),
        1
    );
    assert_eq!(alerts::unread_count(&db, f.csm, expired).await.unwrap(), 0);
    assert!(
        alerts::list_alerts(&db, f.csm, None, expired)
            .await
            .unwrap()
            .alerts
            .is_empty()
    );
    assert_eq!(alerts::purge_expired(&db, almost).await.unwrap(), 0);
    assert_eq!(alerts::purge_expired(&db, expired).await.unwrap(), 1);
}
db_test!(alerts_expire_after_14_days);

async fn many_alerts_page_newest_first_and_all_mark_read(db: Db) {
    let f = fixture(&db).await;
    let flips = ALERTS_PER_PAGE + 5;
    for i in 0..flips {
        let nps = if i % 2 == 0 { 1.0 } else { 9.0 };
        set_nps(&db, f.acme, nps, f.now + Duration::seconds(i as i64)).await;
    }
    let first = alerts::list_alerts(&db, f.csm, None, f.now).await.unwrap();
    assert_eq!(first.unread, flips as u64);
    assert_eq!(first.alerts.len(), ALERTS_PER_PAGE);
    assert!(first.has_more);
    // Newest first.
    assert!(first.alerts.windows(2).all(|w| w[0].id > w[1].id));
    let last = first.alerts.last().unwrap().id;
    let second = alerts::list_alerts(&db, f.csm, Some(last), f.now)
        .await
        .unwrap();
    assert_eq!(second.alerts.len(), 5);
    assert!(!second.has_more);
    assert!(second.alerts.iter().all(|a| a.id < last));
    alerts::mark_all_read(&db, f.csm, f.now).await.unwrap();
    assert_eq!(alerts::unread_count(&db, f.csm, f.now).await.unwrap(), 0);
}
db_test!(many_alerts_page_newest_first_and_all_mark_read);

async fn an_event_leaves_only_when_its_transaction_commits(db: Db) {
    let mut events = db.events().subscribe().await.unwrap();
    let event = LiveEvent::records_changed(1, vec![42]);
    // Rolled back (dropped without a commit): nothing is heard.
    {
        let mut tx = db.begin().await.unwrap();
        tx.publish(event.clone());
    }
    assert_eq!(received(&mut events).await, vec![]);
    // Published, not yet committed: nothing yet; committed: heard once (duplicates merged).
    let mut tx = db.begin().await.unwrap();
    tx.publish(event.clone());
    tx.publish(event.clone());
    assert!(
        tokio::time::timeout(StdDuration::from_millis(300), events.recv())
            .await
            .is_err(),
        "an event left before its commit"
    );
    tx.commit().await.unwrap();
    assert_eq!(received(&mut events).await, vec![event]);
}
db_test!(an_event_leaves_only_when_its_transaction_commits);
