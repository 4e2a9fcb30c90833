//! Tasks and the Schedule on a real database, SQLite and PostgreSQL: the Tasks tab's default
//! views for a fixed day in two time zones (through the list engine and the tasks object's
//! view), writing tasks with versions, and the calendar reading only the viewer's items in
//! its range.

mod common;

use app::{
    db::{
        Db,
        meetings::{create_meeting, start_meeting},
        query::{ListSpec, QueryContext, Scope, list::count_each, list_page},
        records::{ChangeContext, create_record},
        schedule::schedule_view,
        schema::object_type_by_name,
        task_object::{DUE_DATE, TASKS_OBJECT, TITLE},
        task_views::task_view_scopes,
        tasks::{create_task, delete_task, set_task_completed, task_detail, update_task},
        workspaces::viewer_workspace,
    },
    error::AppError,
    models::{
        PropertyValue, TaskPriority, TaskType, Viewer,
        filter::FilterTree,
        meeting::MeetingDraft,
        schedule::{CalendarMode, ScheduleItemKind, ScheduleUrl},
        task::CheckedTask,
        time_zone::ViewerZone,
        view::{BuiltinView, Sort},
    },
};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};

const IMPORT: ChangeContext<'static> = ChangeContext {
    actor: None,
    source: "test",
};

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

fn task(title: &str, owner_id: i64, due_at: DateTime<Utc>) -> CheckedTask {
    CheckedTask {
        title: title.into(),
        due_at,
        task_type: TaskType::Call,
        priority: TaskPriority::High,
        owner_id,
        record_ids: vec![],
        notes: String::new(),
    }
}

/// The titles `view` lists for `viewer_id` on `today` in `zone`, by due date.
async fn titles(
    db: &Db,
    view: BuiltinView,
    viewer_id: i64,
    today: NaiveDate,
    zone: ViewerZone,
) -> Vec<String> {
    let schema = db.schema().await.unwrap();
    let tasks = schema.object_named(TASKS_OBJECT).unwrap();
    let scopes = task_view_scopes(view, viewer_id, today).unwrap();
    let columns = [TITLE.to_string()];
    let sort = Sort {
        property: DUE_DATE.into(),
        descending: false,
    };
    let spec = ListSpec {
        columns: &columns,
        sort: Some(&sort),
        scopes: &scopes,
        filters: &FilterTree::default(),
        page: 1,
        page_size: 50,
    };
    let cx = QueryContext {
        viewer_id,
        today,
        zone,
    };
    let page = list_page(db, tasks, &spec, &cx).await.unwrap();
    let counted = count_each(db, tasks, &[&scopes], &cx).await.unwrap();
    assert_eq!(
        counted,
        [page.rows.len() as u64],
        "{view:?}: count beside the view"
    );
    page.rows
        .iter()
        .map(|r| r.cells[0].as_ref().unwrap().to_canonical())
        .collect()
}

async fn default_task_views_follow_the_viewers_day(db: Db) {
    let me = common::new_user(&db, "me@example.com").await;
    let other = common::new_user(&db, "other@example.com").await;
    // 23:30 in Warsaw on Nov 24 — 07:30 on Nov 25 in Tokyo.
    create_task(&db, me, &task("Late call", me, utc(2026, 11, 24, 22, 30)))
        .await
        .unwrap();
    create_task(&db, me, &task("Yesterday", me, utc(2026, 11, 23, 10, 0)))
        .await
        .unwrap();
    create_task(
        &db,
        me,
        &task("Tomorrow noon", me, utc(2026, 11, 25, 12, 0)),
    )
    .await
    .unwrap();
    let done = create_task(&db, me, &task("Done", me, utc(2026, 11, 24, 9, 0)))
        .await
        .unwrap();
    set_task_completed(&db, done, true).await.unwrap();
    create_task(&db, me, &task("Not mine", other, utc(2026, 11, 24, 9, 0)))
        .await
        .unwrap();

    let warsaw = ViewerZone::parse("Europe/Warsaw").unwrap();
    let nov24: NaiveDate = "2026-11-24".parse().unwrap();
    assert_eq!(
        titles(&db, BuiltinView::DueToday, me, nov24, warsaw).await,
        ["Late call"]
    );
    assert_eq!(
        titles(&db, BuiltinView::Overdue, me, nov24, warsaw).await,
        ["Yesterday"]
    );
    assert_eq!(
        titles(&db, BuiltinView::DueTomorrow, me, nov24, warsaw).await,
        ["Tomorrow noon"]
    );
    assert_eq!(
        titles(&db, BuiltinView::Completed, me, nov24, warsaw).await,
        ["Done"]
    );

    // The same moment in Tokyo is Nov 25: the late call and the noon task are both today.
    let tokyo = ViewerZone::parse("Asia/Tokyo").unwrap();
    let nov25: NaiveDate = "2026-11-25".parse().unwrap();
    assert_eq!(
        titles(&db, BuiltinView::DueToday, me, nov25, tokyo).await,
        ["Late call", "Tomorrow noon"]
    );
    assert_eq!(
        titles(&db, BuiltinView::Overdue, me, nov25, tokyo).await,
        ["Yesterday"]
    );
    assert!(
        titles(&db, BuiltinView::DueTomorrow, me, nov25, tokyo)
            .await
            .is_empty()
    );

    // Reopened, the completed task is due today again (9:00 UTC is 10:00 in Warsaw).
    set_task_completed(&db, done, false).await.unwrap();
    assert_eq!(
        titles(&db, BuiltinView::DueToday, me, nov24, warsaw).await,
        ["Done", "Late call"]
    );
    assert!(
        titles(&db, BuiltinView::Completed, me, nov24, warsaw)
            .await
            .is_empty()
    );
}
db_test!(default_task_views_follow_the_viewers_day);

async fn tasks_are_edited_at_their_version_and_deleted(db: Db) {
    let me = common::new_user(&db, "editor@example.com").await;
    let id = create_task(
        &db,
        me,
        &task("Draft QBR deck", me, utc(2026, 11, 26, 8, 0)),
    )
    .await
    .unwrap();
    let detail = task_detail(&db, id, ViewerZone::parse("Europe/Warsaw").unwrap())
        .await
        .unwrap();
    assert_eq!(detail.draft.title, "Draft QBR deck");
    assert_eq!(detail.draft.due, "2026-11-26T09:00");
    assert_eq!(detail.draft.task_type, Some(TaskType::Call));
    assert!(!detail.completed);

    let renamed = CheckedTask {
        title: "Send QBR deck".into(),
        ..task("", me, utc(2026, 11, 27, 8, 0))
    };
    let version = update_task(&db, id, detail.version, &renamed)
        .await
        .unwrap();
    assert_eq!(version, detail.version + 1);
    // A second edit made on the first copy is refused, not lost over the first.
    let stale = update_task(&db, id, detail.version, &renamed).await;
    assert!(matches!(stale, Err(AppError::StaleVersion)), "{stale:?}");
    let nobody = update_task(&db, id, version, &task("x", 9_999, utc(2026, 11, 27, 8, 0))).await;
    assert!(
        matches!(nobody, Err(AppError::Invalid { ref field, .. }) if field == "owner"),
        "{nobody:?}"
    );
    let no_record = CheckedTask {
        record_ids: vec![9_999_999],
        ..renamed.clone()
    };
    let refused = update_task(&db, id, version, &no_record).await;
    assert!(
        matches!(refused, Err(AppError::Invalid { ref field, .. }) if field == "records"),
        "{refused:?}"
    );

    let completed = set_task_completed(&db, id, true).await.unwrap();
    assert!(completed > version);
    assert!(
        task_detail(&db, id, ViewerZone::UTC)
            .await
            .unwrap()
            .completed
    );
    delete_task(&db, id).await.unwrap();
    assert!(matches!(
        task_detail(&db, id, ViewerZone::UTC).await,
        Err(AppError::NotFound(_))
    ));
    assert!(matches!(
        delete_task(&db, id).await,
        Err(AppError::NotFound(_))
    ));
}
db_test!(tasks_are_edited_at_their_version_and_deleted);

async fn tasks_are_listed_by_their_associated_record(db: Db) {
    let me = common::new_user(&db, "linker@example.com").await;
    let companies = object_type_by_name(&db, "companies").await.unwrap();
    let acme = create_record(
        &db,
        &companies,
        &[("name", PropertyValue::Text("Acme".into()))],
        None,
        IMPORT,
    )
    .await
    .unwrap();
    let globex = create_record(
        &db,
        &companies,
        &[("name", PropertyValue::Text("Globex".into()))],
        None,
        IMPORT,
    )
    .await
    .unwrap();
    let on = |title: &str, record_ids: Vec<i64>| CheckedTask {
        record_ids,
        ..task(title, me, utc(2026, 11, 24, 9, 0))
    };
    create_task(&db, me, &on("Acme only", vec![acme]))
        .await
        .unwrap();
    create_task(&db, me, &on("Both", vec![acme, globex]))
        .await
        .unwrap();
    create_task(&db, me, &on("Globex only", vec![globex]))
        .await
        .unwrap();
    create_task(&db, me, &on("Neither", vec![])).await.unwrap();
    let schema = db.schema().await.unwrap();
    let tasks = schema.object_named(TASKS_OBJECT).unwrap();
    let listed = |record_id: i64| {
        let columns = [TITLE.to_string()];
        let scopes = [Scope::AssociatedWith(record_id)];
        let cx = QueryContext {
            viewer_id: me,
            today: "2026-11-24".parse().unwrap(),
            zone: ViewerZone::UTC,
        };
        let db = db.clone();
        let tasks = tasks.clone();
        async move {
            let spec = ListSpec {
                columns: &columns,
                sort: None,
                scopes: &scopes,
                filters: &FilterTree::default(),
                page: 1,
                page_size: 50,
            };
            let page = list_page(&db, &tasks, &spec, &cx).await.unwrap();
            page.rows
                .iter()
                .map(|r| r.cells[0].as_ref().unwrap().to_canonical())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(listed(acme).await, ["Acme only", "Both"]);
    assert_eq!(listed(globex).await, ["Both", "Globex only"]);
}
db_test!(tasks_are_listed_by_their_associated_record);

async fn viewer(db: &Db, id: i64, zone: &str) -> Viewer {
    Viewer {
        id,
        name: "Viewer".into(),
        email: "viewer@example.com".into(),
        permissions: vec![],
        workspace: viewer_workspace(db, id).await.unwrap(),
        time_zone: ViewerZone::parse(zone).unwrap(),
    }
}

async fn the_schedule_reads_only_the_viewers_items_in_its_range(db: Db) {
    let me = common::new_user(&db, "planner@example.com").await;
    let other = common::new_user(&db, "someone@example.com").await;
    let meeting = |title: &str, starts: &str, ends: &str| MeetingDraft {
        title: title.into(),
        starts: starts.into(),
        ends: ends.into(),
        link: "https://meet.example.com/x".into(),
        ..MeetingDraft::default()
    };
    let warsaw = ViewerZone::parse("Europe/Warsaw").unwrap();
    let check = |d: MeetingDraft| d.check(warsaw).unwrap();
    let qbr = create_meeting(
        &db,
        me,
        &check(meeting("QBR", "2026-11-24T10:00", "2026-11-24T11:00")),
    )
    .await
    .unwrap();
    create_meeting(
        &db,
        me,
        &check(meeting("Overlap", "2026-11-24T10:30", "2026-11-24T11:30")),
    )
    .await
    .unwrap();
    create_meeting(
        &db,
        other,
        &check(meeting("Theirs", "2026-11-24T10:00", "2026-11-24T11:00")),
    )
    .await
    .unwrap();
    create_meeting(
        &db,
        me,
        &check(meeting("Next week", "2026-12-01T10:00", "2026-12-01T11:00")),
    )
    .await
    .unwrap();
    create_task(&db, me, &task("Late call", me, utc(2026, 11, 24, 22, 30)))
        .await
        .unwrap();

    let url = |zone: Option<&str>| ScheduleUrl {
        mode: Some(CalendarMode::Week),
        date: Some("2026-11-24".parse().unwrap()),
        zone: zone.map(str::to_string),
        hide_weekends: false,
    };
    let calendar = schedule_view(&db, &viewer(&db, me, "Europe/Warsaw").await, &url(None))
        .await
        .unwrap();
    let titles: Vec<&str> = calendar.items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(titles, ["QBR", "Overlap", "Late call"]);
    let tuesday = &calendar.days[1];
    assert_eq!(tuesday.date.to_string(), "2026-11-24");
    let placed: Vec<(u32, u32, u32)> = tuesday
        .timed
        .iter()
        .map(|p| (p.start_minute, p.placement.column, p.placement.columns))
        .collect();
    assert_eq!(placed, [(600, 0, 2), (630, 1, 2), (23 * 60 + 30, 0, 1)]);
    assert_eq!(calendar.items[0].time_label, "10:00 – 11:00");

    // In Tokyo the late call moves to Wednesday morning.
    let tokyo = schedule_view(
        &db,
        &viewer(&db, me, "Europe/Warsaw").await,
        &url(Some("Asia/Tokyo")),
    )
    .await
    .unwrap();
    let late = tokyo
        .items
        .iter()
        .position(|i| i.title == "Late call")
        .unwrap();
    let wednesday = &tokyo.days[2];
    assert!(
        wednesday
            .timed
            .iter()
            .any(|p| p.item == late && p.start_minute == 7 * 60 + 30)
    );
    assert_eq!(tokyo.items[late].kind, ScheduleItemKind::Task);

    // Starting a meeting is recorded and answers its link; only its organiser may.
    assert!(matches!(
        start_meeting(&db, other, qbr).await,
        Err(AppError::NotFound(_))
    ));
    assert_eq!(
        start_meeting(&db, me, qbr).await.unwrap().as_deref(),
        Some("https://meet.example.com/x")
    );
    let again = schedule_view(&db, &viewer(&db, me, "Europe/Warsaw").await, &url(None))
        .await
        .unwrap();
    assert!(again.items.iter().find(|i| i.id == qbr).unwrap().started);
}
db_test!(the_schedule_reads_only_the_viewers_items_in_its_range);
