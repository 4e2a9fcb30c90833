//! The Summary on a real database, SQLite and PostgreSQL: each list holds exactly the right
//! items (the viewer's tasks due today / overdue / due tomorrow, their active alerts, the
//! customers they own, featured views, today's meetings); report figures equal hand-computed
//! ones (count, sum, average; by a property, by week and month of a date, by day of a
//! date-time in the viewer's zone), kept between loads but never past a change of any instance;
//! a sixth report is refused; only the owner changes a report.

mod common;

use app::{
    db::{
        Db, meetings,
        records::{ChangeContext, create_record},
        reports,
        schema::object_type_by_name,
        summary::summary_page,
        tasks, views,
    },
    error::AppError,
    models::{
        Permission, PropertyValue, TaskPriority, TaskType,
        meeting::CheckedMeeting,
        report::{
            ChartKind, ChartPoint, MAX_REPORTS_PER_USER, ReportMeasure, ReportSpec, TimeUnit,
        },
        task::CheckedTask,
        view::{BuiltinView, Sharing, ViewState},
    },
};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

const IMPORT: ChangeContext<'static> = ChangeContext {
    actor: None,
    source: "test",
};

async fn task(db: &Db, owner: i64, title: &str, due_at: DateTime<Utc>) -> i64 {
    let task = CheckedTask {
        title: title.into(),
        due_at,
        task_type: TaskType::Todo,
        priority: TaskPriority::None,
        owner_id: owner,
        record_ids: vec![],
        notes: String::new(),
    };
    tasks::create_task(db, owner, &task).await.unwrap()
}

async fn alert(db: &Db, user: i64, record: i64, profile: i64, created: DateTime<Utc>) -> i64 {
    app::on_pool!(db, pool => sqlx::query_scalar(
        "INSERT INTO health_alerts (user_id, record_id, profile_id, from_category, to_category, \
         from_score, to_score, created_at, expires_at) \
         VALUES ($1, $2, $3, 'healthy', 'at_risk', 80, 20, $4, $5) RETURNING id")
        .bind(user)
        .bind(record)
        .bind(profile)
        .bind(created)
        .bind(created + Duration::days(14))
        .fetch_one(pool)
        .await)
    .unwrap()
}

async fn the_summary_lists_exactly_the_viewers_items(db: Db) {
    let me = common::new_user(&db, "me@example.com").await;
    let other = common::new_user(&db, "other@example.com").await;
    let utc = common::viewer_in(&db, me, "UTC").await;
    let now = Utc::now();
    let today = now.date_naive();
    let at =
        |day: NaiveDate, hour: u32| Utc.from_utc_datetime(&day.and_hms_opt(hour, 0, 0).unwrap());
    // Seven due today (five shown, soonest first), two overdue, one tomorrow; someone else's
    // and a completed one are in none of them.
    let mut due_today = Vec::new();
    for hour in [9, 1, 7, 3, 5, 11, 13] {
        due_today.push((
            hour,
            task(&db, me, &format!("Today {hour}"), at(today, hour)).await,
        ));
    }
    due_today.sort();
    let late = task(
        &db,
        me,
        "Three days late",
        at(today - Duration::days(3), 12),
    )
    .await;
    let yesterday = task(&db, me, "Yesterday", at(today - Duration::days(1), 12)).await;
    let done = task(&db, me, "Done long ago", at(today - Duration::days(2), 12)).await;
    tasks::set_task_completed(&db, done, true).await.unwrap();
    let tomorrow = task(&db, me, "Tomorrow", at(today + Duration::days(1), 12)).await;
    task(&db, other, "Not mine", at(today, 10)).await;

    let companies = object_type_by_name(&db, "companies").await.unwrap();
    let company = |name: &str, csm: i64| {
        let values = vec![
            ("name", PropertyValue::Text(name.into())),
            ("csm", PropertyValue::User(csm)),
        ];
        let companies = companies.clone();
        let db = db.clone();
        async move {
            create_record(&db, &companies, &values, None, IMPORT)
                .await
                .unwrap()
        }
    };
    let acme = company("Acme", me).await;
    company("Bolt", me).await;
    company("Cobalt", other).await;
    let featured = views::NewView::parse(
        companies.id,
        other,
        "Renewals this quarter",
        Sharing::Everyone,
        true,
        "Every renewal in the next 90 days",
        ViewState {
            columns: vec!["name".into()],
            ..ViewState::default()
        },
        true,
    )
    .unwrap();
    let featured = views::create_view(&db, &featured).await.unwrap();

    let profile = app::db::health::profiles::create_profile(
        &db,
        me,
        "Health",
        "",
        vec![],
        app::models::health_score_view::ProfileStart::Scratch,
    )
    .await
    .unwrap();
    let mut alerts = Vec::new();
    for minutes in 0..30 {
        alerts.push(
            alert(
                &db,
                me,
                acme,
                profile,
                now - Duration::minutes(60 - minutes),
            )
            .await,
        );
    }
    alert(&db, me, acme, profile, now - Duration::days(15)).await;
    alert(&db, other, acme, profile, now).await;

    let meeting = meetings::create_meeting(
        &db,
        me,
        &CheckedMeeting {
            title: "Kick-off".into(),
            starts_at: at(today, 15),
            ends_at: at(today, 16),
            attendee_ids: vec![],
            link: None,
            description: String::new(),
        },
    )
    .await
    .unwrap();

    let page = summary_page(&db, &utc, &utc, None).await.unwrap();
    let lists: Vec<(BuiltinView, u64, Vec<i64>)> = page
        .task_lists
        .iter()
        .map(|l| (l.view, l.count, l.tasks.iter().map(|t| t.id).collect()))
        .collect();
    assert_eq!(
        lists,
        vec![
            (
                BuiltinView::DueToday,
                7,
                due_today.iter().take(5).map(|(_, id)| *id).collect()
            ),
            (BuiltinView::Overdue, 2, vec![late, yesterday]),
            (BuiltinView::DueTomorrow, 1, vec![tomorrow]),
        ]
    );
    assert_eq!(
        page.alerts.active, 30,
        "expired and other users' alerts are not counted"
    );
    let newest: Vec<i64> = alerts.iter().rev().take(5).copied().collect();
    assert_eq!(
        page.alerts.alerts.iter().map(|a| a.id).collect::<Vec<_>>(),
        newest
    );
    assert_eq!(page.customers.owned, Some(2));
    assert_eq!(page.customers.plural_noun, "companies");
    assert_eq!(
        page.customers
            .featured
            .iter()
            .map(|v| (v.id, v.description.as_str()))
            .collect::<Vec<_>>(),
        vec![(featured, "Every renewal in the next 90 days")]
    );
    // Today's schedule: the seven tasks by due time, then the meeting at 15:00; the first
    // items only when asked for fewer, with the day's count.
    let mut today_in_order: Vec<i64> = due_today.iter().map(|(_, id)| *id).collect();
    today_in_order.push(meeting);
    let scheduled: Vec<i64> = page.schedule.items.iter().map(|i| i.id).collect();
    assert_eq!(scheduled, today_in_order);
    assert_eq!(page.schedule.total, 8);
    let first = app::db::schedule::todays_schedule(&db, &utc, 3)
        .await
        .unwrap();
    let first_ids: Vec<i64> = first.items.iter().map(|i| i.id).collect();
    assert_eq!(first_ids, today_in_order[..3]);
    assert_eq!(first.total, 8);
    assert!(!page.subject.read_only);
    assert!(
        page.subject.view_as.is_empty(),
        "only super admins may view as others"
    );

    // A super admin viewing it sees the same lists, read-only.
    let mut admin = common::viewer_in(&db, other, "UTC").await;
    admin.permissions.push(Permission::SuperAdmin);
    let seen = summary_page(&db, &admin, &utc, None).await.unwrap();
    assert!(seen.subject.read_only);
    assert_eq!(seen.task_lists, page.task_lists);
    assert!(seen.subject.view_as.iter().any(|u| u.id == me));
}
db_test!(the_summary_lists_exactly_the_viewers_items);

fn spec(title: &str, object: i64) -> ReportSpec {
    ReportSpec {
        title: title.into(),
        object_type_id: object,
        measure: ReportMeasure::Count,
        measure_property: None,
        group_by: None,
        time_unit: None,
        chart: ChartKind::Number,
    }
}

fn points(report: &app::models::report::Report) -> Vec<(String, f64)> {
    report
        .points
        .iter()
        .map(|ChartPoint { label, value }| (label.clone(), *value))
        .collect()
}

/// `spec`'s figures as user `me` in `zone` sees them.
async fn figures_of(db: &Db, me: i64, spec: ReportSpec, zone: &str) -> app::models::report::Report {
    let schema = db.schema().await.unwrap();
    let viewer = common::viewer_in(db, me, zone).await;
    let cx = app::db::query::QueryContext::for_viewer(&viewer);
    reports::check_spec(&schema, &spec).unwrap();
    app::db::report_figures::report_figures(db, &schema, (1, spec), &cx, &Default::default())
        .await
        .unwrap()
}

async fn report_figures_equal_hand_computed_ones(db: Db) {
    let me = common::new_user(&db, "me@example.com").await;
    let companies = object_type_by_name(&db, "companies").await.unwrap();
    let day = |d: u32| NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
    let rows: Vec<Vec<(&str, PropertyValue)>> = vec![
        vec![
            ("plan", PropertyValue::Enumeration("starter".into())),
            ("arr", PropertyValue::Currency(100_000)),
            ("employees", PropertyValue::Number(10.0)),
            ("renewal_date", PropertyValue::Date(day(2))),
            (
                "last_activity_date",
                PropertyValue::DateTime(Utc.with_ymd_and_hms(2026, 3, 4, 10, 0, 0).unwrap()),
            ),
        ],
        vec![
            ("plan", PropertyValue::Enumeration("starter".into())),
            ("arr", PropertyValue::Currency(200_050)),
            ("employees", PropertyValue::Number(20.0)),
            // A Sunday: the week of Monday March 2.
            ("renewal_date", PropertyValue::Date(day(8))),
            (
                "last_activity_date",
                PropertyValue::DateTime(Utc.with_ymd_and_hms(2026, 3, 4, 20, 0, 0).unwrap()),
            ),
        ],
        vec![
            ("plan", PropertyValue::Enumeration("enterprise".into())),
            ("arr", PropertyValue::Currency(500_000)),
            ("employees", PropertyValue::Number(30.0)),
            ("renewal_date", PropertyValue::Date(day(9))),
        ],
        vec![("employees", PropertyValue::Number(40.0))],
    ];
    for (i, mut values) in rows.into_iter().enumerate() {
        values.push(("name", PropertyValue::Text(format!("Company {i}"))));
        create_record(&db, &companies, &values, None, IMPORT)
            .await
            .unwrap();
    }
    let figures = |spec: ReportSpec, zone: &'static str| figures_of(&db, me, spec, zone);
    let by_plan = ReportSpec {
        group_by: Some("plan".into()),
        chart: ChartKind::Bar,
        ..spec("Companies by plan", companies.id)
    };
    let count = figures(by_plan.clone(), "UTC").await;
    assert_eq!(
        points(&count),
        vec![
            ("Starter".into(), 2.0),
            ("Enterprise".into(), 1.0),
            ("No plan".into(), 1.0)
        ]
    );
    assert_eq!(count.total, 4.0);
    let arr = figures(
        ReportSpec {
            measure: ReportMeasure::Sum,
            measure_property: Some("arr".into()),
            ..by_plan.clone()
        },
        "UTC",
    )
    .await;
    assert_eq!(
        points(&arr),
        vec![
            ("Enterprise".into(), 5000.0),
            ("Starter".into(), 3000.5),
            ("No plan".into(), 0.0)
        ]
    );
    assert_eq!(arr.total, 8000.5);
    let average = figures(
        ReportSpec {
            measure: ReportMeasure::Average,
            measure_property: Some("employees".into()),
            ..spec("Average size", companies.id)
        },
        "UTC",
    )
    .await;
    assert!(average.points.is_empty());
    assert_eq!(average.total, 25.0);
    let by_week = figures(
        ReportSpec {
            group_by: Some("renewal_date".into()),
            time_unit: Some(TimeUnit::Week),
            chart: ChartKind::Line,
            ..spec("Renewals per week", companies.id)
        },
        "UTC",
    )
    .await;
    assert_eq!(
        points(&by_week),
        vec![
            ("Week of Mar 2, 2026".into(), 2.0),
            ("Week of Mar 9, 2026".into(), 1.0)
        ]
    );
    assert_eq!(by_week.total, 3.0, "records without the date are left out");
    let monthly_arr = figures(
        ReportSpec {
            measure: ReportMeasure::Sum,
            measure_property: Some("arr".into()),
            group_by: Some("renewal_date".into()),
            time_unit: Some(TimeUnit::Month),
            chart: ChartKind::Bar,
            ..spec("ARR renewing per month", companies.id)
        },
        "UTC",
    )
    .await;
    assert_eq!(points(&monthly_arr), vec![("Mar 2026".into(), 8000.5)]);
    // 20:00 UTC on March 4 is March 5 in Tokyo.
    let by_day = ReportSpec {
        group_by: Some("last_activity_date".into()),
        time_unit: Some(TimeUnit::Day),
        chart: ChartKind::Bar,
        ..spec("Activity per day", companies.id)
    };
    assert_eq!(
        points(&figures(by_day.clone(), "UTC").await),
        vec![("Mar 4, 2026".into(), 2.0)]
    );
    assert_eq!(
        points(&figures(by_day, "Asia/Tokyo").await),
        vec![("Mar 4, 2026".into(), 1.0), ("Mar 5, 2026".into(), 1.0)]
    );
}
db_test!(report_figures_equal_hand_computed_ones);

/// Adds a company on `plan` (an import: no actor).
async fn add_company_on_plan(db: Db, companies: app::db::schema::ObjectType, plan: &'static str) {
    let values = [
        ("name", PropertyValue::Text(format!("A {plan} company"))),
        ("plan", PropertyValue::Enumeration(plan.into())),
    ];
    create_record(&db, &companies, &values, None, IMPORT)
        .await
        .unwrap();
}

/// Companies counted by plan.
fn by_plan_of(companies: i64) -> ReportSpec {
    ReportSpec {
        group_by: Some("plan".into()),
        chart: ChartKind::Bar,
        ..spec("Companies by plan", companies)
    }
}

/// Figures are kept between Summary loads, never past a change: one through this instance is
/// counted at once, one through another instance as soon as its notification arrives.
async fn report_figures_follow_changes_from_any_instance(db: Db) {
    let me = common::new_user(&db, "me@example.com").await;
    let companies = object_type_by_name(&db, "companies").await.unwrap();
    let add_company = |db: Db, plan: &'static str| add_company_on_plan(db, companies.clone(), plan);
    let by_plan = by_plan_of(companies.id);
    let figures = || async { points(&figures_of(&db, me, by_plan.clone(), "UTC").await) };
    add_company(db.clone(), "starter").await;
    assert_eq!(figures().await, vec![("Starter".into(), 1.0)]);
    assert_eq!(figures().await, vec![("Starter".into(), 1.0)]);
    add_company(db.clone(), "starter").await;
    assert_eq!(figures().await, vec![("Starter".into(), 2.0)]);
    let Some(other) = common::second_instance(&db).await else {
        return;
    };
    add_company(other.clone(), "enterprise").await;
    let expected = vec![("Starter".into(), 2.0), ("Enterprise".into(), 1.0)];
    let mut seen = figures().await;
    for _ in 0..50 {
        if seen == expected {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        seen = figures().await;
    }
    other.close().await;
    assert_eq!(seen, expected, "another instance's change is heard");
}
db_test!(report_figures_follow_changes_from_any_instance);

/// Slow figures (here: every figure) are not computed on the request after a change: the kept
/// ones are shown with the time they were read while one background task computes the new.
async fn slow_figures_are_shown_while_newer_ones_are_computed(db: Db) {
    db.report_cache()
        .count_as_slow_from(std::time::Duration::from_micros(1));
    let me = common::new_user(&db, "me@example.com").await;
    let companies = object_type_by_name(&db, "companies").await.unwrap();
    let add_starter = || add_company_on_plan(db.clone(), companies.clone(), "starter");
    let by_plan = by_plan_of(companies.id);
    add_starter().await;
    let first = figures_of(&db, me, by_plan.clone(), "UTC").await;
    assert_eq!(points(&first), vec![("Starter".into(), 1.0)]);
    assert_eq!(first.as_of, None, "computed on the request: current");

    add_starter().await;
    let shown = figures_of(&db, me, by_plan.clone(), "UTC").await;
    assert_eq!(points(&shown), vec![("Starter".into(), 1.0)]);
    assert!(
        shown
            .as_of
            .as_deref()
            .is_some_and(|note| note.starts_with("Figures as of ")),
        "{:?}",
        shown.as_of
    );
    let mut seen = shown;
    for _ in 0..50 {
        if seen.as_of.is_none() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        seen = figures_of(&db, me, by_plan.clone(), "UTC").await;
    }
    assert_eq!(seen.as_of, None, "the background refresh landed");
    assert_eq!(points(&seen), vec![("Starter".into(), 2.0)]);
}
db_test!(slow_figures_are_shown_while_newer_ones_are_computed);

async fn a_sixth_report_is_refused_and_only_the_owner_changes_one(db: Db) {
    let me = common::new_user(&db, "me@example.com").await;
    let other = common::new_user(&db, "other@example.com").await;
    let companies = object_type_by_name(&db, "companies").await.unwrap();
    let schema = db.schema().await.unwrap();
    let mut mine = Vec::new();
    for i in 0..MAX_REPORTS_PER_USER {
        mine.push(
            reports::create_report(&db, me, &spec(&format!("Report {i}"), companies.id))
                .await
                .unwrap(),
        );
    }
    let sixth = reports::create_report(&db, me, &spec("One too many", companies.id)).await;
    assert!(
        matches!(&sixth, Err(AppError::Invalid { field, .. }) if field == "report"),
        "{sixth:?}"
    );
    assert_eq!(
        reports::reports_of(&db, me).await.unwrap().len(),
        MAX_REPORTS_PER_USER
    );
    // Another user's Summary has room of its own.
    let theirs = reports::create_report(&db, other, &spec("Theirs", companies.id))
        .await
        .unwrap();
    assert!(matches!(
        reports::delete_report(&db, me, theirs).await,
        Err(AppError::NotFound(_))
    ));
    assert!(matches!(
        reports::update_report(&db, me, theirs, &spec("Stolen", companies.id)).await,
        Err(AppError::NotFound(_))
    ));
    assert!(matches!(
        reports::move_report(&db, me, theirs, true).await,
        Err(AppError::NotFound(_))
    ));
    assert_eq!(
        reports::reports_of(&db, other).await.unwrap()[0].1.title,
        "Theirs"
    );

    // Moving the last one up swaps it with the one before; removing one makes room again.
    reports::move_report(&db, me, mine[4], true).await.unwrap();
    let order: Vec<i64> = reports::reports_of(&db, me)
        .await
        .unwrap()
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    assert_eq!(order, vec![mine[0], mine[1], mine[2], mine[4], mine[3]]);
    reports::delete_report(&db, me, mine[0]).await.unwrap();
    reports::create_report(&db, me, &spec("Room again", companies.id))
        .await
        .unwrap();

    // Checks name the field at fault.
    let bad = |spec: ReportSpec| reports::check_spec(&schema, &spec);
    let field_of = |result: Result<(), AppError>| match result {
        Err(AppError::Invalid { field, .. }) => field,
        other => panic!("{other:?}"),
    };
    assert_eq!(field_of(bad(spec("  ", companies.id))), "title");
    assert_eq!(field_of(bad(spec("Unknown object", 9_999))), "object");
    assert_eq!(
        field_of(bad(ReportSpec {
            measure: ReportMeasure::Sum,
            measure_property: Some("name".into()),
            ..spec("Sum of names", companies.id)
        })),
        "measure_property"
    );
    assert_eq!(
        field_of(bad(ReportSpec {
            chart: ChartKind::Pie,
            group_by: Some("city".into()),
            ..spec("By city", companies.id)
        })),
        "group_by"
    );
    assert_eq!(
        field_of(bad(ReportSpec {
            chart: ChartKind::Bar,
            group_by: Some("renewal_date".into()),
            ..spec("No period", companies.id)
        })),
        "time_unit"
    );
}
db_test!(a_sixth_report_is_refused_and_only_the_owner_changes_one);
