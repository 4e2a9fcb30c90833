//! Report figures at speed, SQLite and PostgreSQL: periods are counted as ranges of the viewer's
//! days — exact across a daylight-saving change on both backends, the latest 24 periods shown
//! and every dated record in the total — and the indexes that answer reports from the index
//! alone exist exactly while a report needs them, including when a measured property goes.

mod common;

use app::{
    db::{
        Backend, Db,
        records::{ChangeContext, create_record},
        reports,
        schema::object_type_by_name,
    },
    models::{
        PropertyValue,
        report::{ChartKind, ReportMeasure, ReportSpec, TimeUnit},
    },
    on_pool,
};
use chrono::{TimeZone, Utc};

const IMPORT: ChangeContext<'static> = ChangeContext {
    actor: None,
    source: "test",
};

fn by_activity(object_type_id: i64, unit: TimeUnit) -> ReportSpec {
    ReportSpec {
        title: "Activity".into(),
        object_type_id,
        measure: ReportMeasure::Count,
        measure_property: None,
        group_by: Some("last_activity_date".into()),
        time_unit: Some(unit),
        chart: ChartKind::Line,
    }
}

/// `spec`'s points and total as user `me` in `zone` sees them.
async fn figures(db: &Db, me: i64, spec: ReportSpec, zone: &str) -> (Vec<(String, f64)>, f64) {
    let schema = db.schema().await.unwrap();
    let viewer = common::viewer_in(db, me, zone).await;
    let cx = app::db::query::QueryContext::for_viewer(&viewer);
    reports::check_spec(&schema, &spec).unwrap();
    let report =
        app::db::report_figures::report_figures(db, &schema, (1, spec), &cx, &Default::default())
            .await
            .unwrap();
    let points = report
        .points
        .iter()
        .map(|p| (p.label.clone(), p.value))
        .collect();
    (points, report.total)
}

async fn periods_are_the_viewers_days_and_the_latest_twenty_four(db: Db) {
    let me = common::new_user(&db, "me@example.com").await;
    let companies = object_type_by_name(&db, "companies").await.unwrap();
    // Warsaw moves to summer time (UTC+2) at 01:00 UTC on March 29, 2026: 23:30 UTC on
    // March 28 is 00:30 on March 29 there, and 22:30 UTC on March 29 is 00:30 on March 30.
    // The third is more than 24 months before the latest.
    let moments = [
        Utc.with_ymd_and_hms(2026, 3, 28, 23, 30, 0).unwrap(),
        Utc.with_ymd_and_hms(2026, 3, 29, 22, 30, 0).unwrap(),
        Utc.with_ymd_and_hms(2023, 1, 15, 12, 0, 0).unwrap(),
    ];
    for (i, at) in moments.into_iter().enumerate() {
        create_record(
            &db,
            &companies,
            &[
                ("name", PropertyValue::Text(format!("Company {i}"))),
                ("last_activity_date", PropertyValue::DateTime(at)),
            ],
            None,
            IMPORT,
        )
        .await
        .unwrap();
    }
    create_record(
        &db,
        &companies,
        &[("name", PropertyValue::Text("Never active".into()))],
        None,
        IMPORT,
    )
    .await
    .unwrap();
    let (days, total) = figures(
        &db,
        me,
        by_activity(companies.id, TimeUnit::Day),
        "Europe/Warsaw",
    )
    .await;
    assert_eq!(
        days,
        vec![("Mar 29, 2026".into(), 1.0), ("Mar 30, 2026".into(), 1.0)],
        "each moment falls on its day in Warsaw, summer time or not"
    );
    assert_eq!(total, 3.0, "every dated record counts in the total");
    let (days, _) = figures(&db, me, by_activity(companies.id, TimeUnit::Day), "UTC").await;
    assert_eq!(
        days,
        vec![("Mar 28, 2026".into(), 1.0), ("Mar 29, 2026".into(), 1.0)]
    );
    let (months, total) = figures(
        &db,
        me,
        by_activity(companies.id, TimeUnit::Month),
        "Europe/Warsaw",
    )
    .await;
    assert_eq!(
        months,
        vec![("Mar 2026".into(), 2.0)],
        "January 2023 is older than the 24 months shown"
    );
    assert_eq!(total, 3.0);
}
db_test!(periods_are_the_viewers_days_and_the_latest_twenty_four);

/// The names of `table`'s report indexes.
async fn report_indexes(db: &Db, table: &str) -> Vec<String> {
    let sql = match db.backend() {
        Backend::Sqlite => "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = $1",
        Backend::Postgres => "SELECT indexname::TEXT FROM pg_indexes WHERE tablename = $1",
    };
    let mut names: Vec<String> = on_pool!(db, pool => sqlx::query_scalar(sql)
        .bind(table)
        .fetch_all(pool)
        .await)
    .unwrap();
    names.retain(|name| name.contains("_report__"));
    names.sort();
    names
}

async fn report_indexes_exist_while_a_report_needs_them(db: Db) {
    let me = common::new_user(&db, "me@example.com").await;
    let other = common::new_user(&db, "other@example.com").await;
    let companies = object_type_by_name(&db, "companies").await.unwrap();
    let table = companies.table();
    let schema = db.schema().await.unwrap();
    let object = schema.object(companies.id).unwrap();
    let column = |name: &str| {
        object
            .properties
            .iter()
            .find(|p| p.name == name)
            .unwrap()
            .column()
    };
    let (plan, employees) = (column("plan"), column("employees"));
    let employees_by_plan = ReportSpec {
        title: "Average size by plan".into(),
        object_type_id: companies.id,
        measure: ReportMeasure::Average,
        measure_property: Some("employees".into()),
        group_by: Some("plan".into()),
        time_unit: None,
        chart: ChartKind::Bar,
    };
    let mine = reports::create_report(&db, me, &employees_by_plan)
        .await
        .unwrap();
    let both = format!("{table}_report__{plan}__{employees}");
    assert_eq!(report_indexes(&db, &table).await, vec![both.clone()]);
    // The same question from someone else shares the index.
    let theirs = reports::create_report(&db, other, &employees_by_plan)
        .await
        .unwrap();
    assert_eq!(report_indexes(&db, &table).await, vec![both.clone()]);
    // A count by a select needs its raw column (the list index is on LOWER()); a count by a
    // date needs nothing beyond the date's own index.
    let count_by_plan = ReportSpec {
        measure: ReportMeasure::Count,
        measure_property: None,
        ..employees_by_plan.clone()
    };
    let counted = reports::create_report(&db, me, &count_by_plan)
        .await
        .unwrap();
    reports::create_report(&db, me, &by_activity(companies.id, TimeUnit::Month))
        .await
        .unwrap();
    let only_plan = format!("{table}_report__{plan}");
    assert_eq!(
        report_indexes(&db, &table).await,
        [only_plan.clone(), both.clone()]
    );
    // The figures read through the indexes are right.
    let (points, total) = figures(&db, me, count_by_plan.clone(), "UTC").await;
    assert!(points.is_empty() && total == 0.0, "{points:?} {total}");
    reports::delete_report(&db, me, mine).await.unwrap();
    assert_eq!(
        report_indexes(&db, &table).await,
        [only_plan.clone(), both.clone()],
        "the other user's report still needs it"
    );
    reports::delete_report(&db, other, theirs).await.unwrap();
    assert_eq!(report_indexes(&db, &table).await, vec![only_plan.clone()]);
    // Changed to a Number report: no grouping, nothing to index.
    reports::update_report(
        &db,
        me,
        counted,
        &ReportSpec {
            chart: ChartKind::Number,
            group_by: None,
            ..count_by_plan
        },
    )
    .await
    .unwrap();
    assert!(report_indexes(&db, &table).await.is_empty());
    // Indexes are made again at start for reports saved without them.
    reports::create_report(&db, me, &employees_by_plan)
        .await
        .unwrap();
    on_pool!(db, pool => execute sqlx::query(&format!("DROP INDEX {both}"))).unwrap();
    assert!(report_indexes(&db, &table).await.is_empty());
    reports::keep_all_report_indexes(&db).await.unwrap();
    assert_eq!(report_indexes(&db, &table).await, [both]);
}
db_test!(report_indexes_exist_while_a_report_needs_them);
