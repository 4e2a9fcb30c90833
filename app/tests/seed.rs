//! The demo data generator: counts, determinism and the dates the Summary relies on.

mod common;

use app::db::{
    Db,
    activities::open_tasks_due,
    seed::{DEMO_USERS, SeedOptions, seed},
    users::{EmailAddress, user_by_email},
};
use app::models::RecordPage;
use chrono::{Duration, TimeZone, Utc};

fn options(seed_value: u64) -> SeedOptions {
    SeedOptions {
        companies: 300,
        seed: seed_value,
        now: Utc.with_ymd_and_hms(2026, 11, 23, 9, 30, 0).unwrap(),
    }
}

async fn first_page(db: &Db, object: &str) -> RecordPage {
    common::list_of(db, object, &["name"], None, &Default::default(), 1, 50)
        .await
        .unwrap()
}

async fn counts_match_the_report(db: Db) {
    let report = seed(&db, &options(42), |_| {}).await.unwrap();
    assert_eq!(report.users, DEMO_USERS.len() as u64);
    assert_eq!(report.companies, 300);
    assert!((600..=1_200).contains(&report.contacts), "{report:?}");
    assert!((100..=200).contains(&report.deals), "{report:?}");
    assert_eq!(report.activities, 3_000);
    for (object, expected) in [
        ("companies", report.companies),
        ("contacts", report.contacts),
        ("deals", report.deals),
        ("tickets", report.tickets),
        ("services", report.services),
    ] {
        assert_eq!(first_page(&db, object).await.total, expected, "{object}");
    }
    let again = seed(&db, &options(42), |_| {}).await;
    assert!(
        again.is_err(),
        "a second seed into a full database is refused"
    );
}
db_test!(counts_match_the_report);

async fn the_same_seed_gives_the_same_data(db: Db) {
    seed(&db, &options(7), |_| {}).await.unwrap();
    let names = |page: RecordPage| page.rows.into_iter().map(|r| r.cells).collect::<Vec<_>>();
    let here = names(first_page(&db, "companies").await);

    let folder = tempfile::tempdir().unwrap();
    let twin = Db::open(&format!("sqlite://{}/twin.db", folder.path().display()))
        .await
        .unwrap();
    seed(&twin, &options(7), |_| {}).await.unwrap();
    assert_eq!(names(first_page(&twin, "companies").await), here);

    let other = Db::open(&format!("sqlite://{}/other.db", folder.path().display()))
        .await
        .unwrap();
    seed(&other, &options(8), |_| {}).await.unwrap();
    assert_ne!(names(first_page(&other, "companies").await), here);
}
db_test!(the_same_seed_gives_the_same_data);

async fn every_csm_has_work_today(db: Db) {
    let options = options(42);
    seed(&db, &options, |_| {}).await.unwrap();
    let csm = user_by_email(&db, &EmailAddress::parse("csm@example.com").unwrap())
        .await
        .unwrap()
        .unwrap();
    let today = options
        .now
        .date_naive()
        .and_hms_opt(0, 0, 0)
        .unwrap()
        .and_utc();
    let due_today = open_tasks_due(&db, csm.id, today, today + Duration::days(1))
        .await
        .unwrap();
    let overdue = open_tasks_due(&db, csm.id, today - Duration::days(30), today)
        .await
        .unwrap();
    let tomorrow = open_tasks_due(
        &db,
        csm.id,
        today + Duration::days(1),
        today + Duration::days(2),
    )
    .await
    .unwrap();
    assert!(!due_today.is_empty() && !overdue.is_empty() && !tomorrow.is_empty());
}
db_test!(every_csm_has_work_today);
