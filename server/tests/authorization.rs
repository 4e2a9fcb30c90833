//! The authorization matrix: every server function, what it requires, and a call to each one as
//! each role, through the real router, on SQLite and (with a postgres:// `DATABASE_URL`) on
//! PostgreSQL. A server function missing from the matrix fails here.

#[path = "../../app/tests/common/mod.rs"]
mod common;
mod fake_site;
mod router_lock;

use app::{
    auth::{SECURE_SESSION_COOKIE, SESSION_COOKIE},
    db::{
        Db, associations,
        health::profiles,
        meetings,
        records::{self, ChangeContext},
        reports, sales_events,
        seed::{SeedOptions, seed},
        sessions::SessionPolicy,
        tasks,
        users::{self, EmailAddress, user_by_email},
        views, workspaces,
    },
    models::{
        PropertyValue, Requirement, SalesEventKind, TaskPriority, TaskType,
        health_score_view::ProfileStart,
        meeting::CheckedMeeting,
        report::{ChartKind, ReportMeasure, ReportSpec},
        task::CheckedTask,
        view::{Sharing, ViewState},
    },
    state::AppState,
};
use axum::{
    body::Body,
    http::{Request, StatusCode, header},
};
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use tower::ServiceExt;

/// Every server function: its path, what it requires, and a valid form body for calling it —
/// one that succeeds for every role allowed to call it. Placeholders are filled per role (see
/// [`RoleFixture`]): `{n}` the role's number, `{csm_property}` the companies' CSM property,
/// `{services_pipeline}` a pipeline of services and `{services_stage}` its first stage,
/// `{own_service}` a service only this role moves to `{next_services_stage}`, `{company}` a company every role reads,
/// `{own_company}` one only this role edits, `{victim}` one this role merges away, `{view}` and
/// `{doomed_view}` views of the role's user, `{team}` and `{workspace}` ones it may delete,
/// `{me}` the role's user, `{own_task}` a task it edits, `{check_task}` one it completes,
/// `{doomed_task}` one it deletes and `{own_meeting}` a meeting it organises; health score
/// profiles of its own: `{draft_profile}` to read and save, `{ready_profile}` (from the
/// predefined groups) to turn on, `{live_profile}` to turn off and `{doomed_profile}` to delete;
/// `{own_alert}` a health alert of the role's user; `{feed_event}` a sales event in the role's
/// Feed (a contact of a company the role's user is the CSM of); `{own_report}` and
/// `{doomed_report}` Summary reports of the role's user, `{companies_object}` the companies' id,
/// `{contact}` a contact whose sales activity may be recorded.
const MATRIX: &[(&str, Requirement, &str)] = &[
    ("/api/get_viewer", Requirement::Anyone, ""),
    (
        "/api/log_in",
        Requirement::Anyone,
        "email=csm%40example.com&password=demo-password",
    ),
    ("/api/log_out", Requirement::Anyone, ""),
    (
        "/api/save_time_zone",
        Requirement::SignedIn,
        "time_zone=Europe%2FWarsaw",
    ),
    (
        "/api/change_password",
        Requirement::SignedIn,
        "current_password=demo-password&new_password=demo-password",
    ),
    ("/api/list_users", Requirement::SuperAdmin, ""),
    ("/api/list_teams", Requirement::SuperAdmin, ""),
    (
        "/api/create_user",
        Requirement::SuperAdmin,
        "name=New+Person&email=new.person.{n}%40example.com&password=long-enough-1",
    ),
    (
        "/api/update_user",
        Requirement::SuperAdmin,
        "user_id=8&name=Otto+Outsider&email=noaccess%40example.com",
    ),
    (
        "/api/set_user_active",
        Requirement::SuperAdmin,
        "user_id=8&active=true",
    ),
    (
        "/api/reset_password",
        Requirement::SuperAdmin,
        "user_id=8&password=demo-password",
    ),
    (
        "/api/set_user_permission",
        Requirement::SuperAdmin,
        "user_id=8&permission=service_seat&granted=false",
    ),
    (
        "/api/set_user_teams",
        Requirement::SuperAdmin,
        "user_id=8&team_ids[0]=3&primary_team_id=3",
    ),
    (
        "/api/create_team",
        Requirement::SuperAdmin,
        "name=Renewals+{n}",
    ),
    (
        "/api/rename_team",
        Requirement::SuperAdmin,
        "team_id=3&name=Onboarding",
    ),
    (
        "/api/delete_team",
        Requirement::SuperAdmin,
        "team_id={team}",
    ),
    ("/api/list_audit_log", Requirement::SuperAdmin, "page=1"),
    ("/api/get_cs_objects", Requirement::ManageSettings, ""),
    (
        "/api/save_cs_objects",
        Requirement::ManageSettings,
        "customer_object_id=2&services_object_id=5&revenue_object_ids[0]=3&revenue_object_ids[1]=4",
    ),
    ("/api/list_workspaces", Requirement::ManageSettings, ""),
    (
        "/api/create_workspace",
        Requirement::ManageSettings,
        "name=Matrix+{n}&description=Made+by+the+test",
    ),
    (
        "/api/update_workspace_details",
        Requirement::ManageSettings,
        "workspace_id=1&name=Main+workspace&description=Everyone",
    ),
    (
        "/api/save_workspace_general",
        Requirement::ManageSettings,
        "workspace_id=1&name=Main+workspace&description=Everyone",
    ),
    (
        "/api/delete_workspace",
        Requirement::ManageSettings,
        "workspace_id={workspace}",
    ),
    (
        "/api/get_workspace_settings",
        Requirement::ManageSettings,
        "workspace_id=1",
    ),
    (
        "/api/save_customers_settings",
        Requirement::ManageSettings,
        "workspace_id=1&csm_property_id={csm_property}",
    ),
    (
        "/api/save_pipeline_tab_settings",
        Requirement::ManageSettings,
        "workspace_id=1&tab=services&shown=true&default_layout=board&pipeline_ids[0]={services_pipeline}",
    ),
    (
        "/api/load_board_column",
        Requirement::Workspace,
        "tab=services&query=layout%3Dboard&stage_id={services_stage}",
    ),
    (
        "/api/move_record_to_stage",
        Requirement::Workspace,
        "request[record_id]={own_service}&request[stage_id]={next_services_stage}&request[version]=1",
    ),
    (
        "/api/save_pipeline_rules",
        Requirement::ManageSettings,
        "pipeline_id={services_pipeline}&rules[block_skipping]=false&rules[block_backward]=true",
    ),
    (
        "/api/load_record_list",
        Requirement::Workspace,
        "tab=customers&query=view%3Dall%26cols%3Dname%252Carr%26sort%3D-arr",
    ),
    (
        "/api/create_view",
        Requirement::Workspace,
        "tab=customers&name=Matrix+{n}&sharing=private&state=%7B%22columns%22%3A%5B%22name%22%5D%7D",
    ),
    (
        "/api/save_view",
        Requirement::Workspace,
        "view_id={view}&state=%7B%22columns%22%3A%5B%22name%22%2C%22arr%22%5D%7D",
    ),
    (
        "/api/update_view",
        Requirement::Workspace,
        "view_id={view}&name=Renamed+{n}&sharing=private",
    ),
    (
        "/api/delete_view",
        Requirement::Workspace,
        "view_id={doomed_view}",
    ),
    (
        "/api/get_record_detail",
        Requirement::Workspace,
        "record_id={company}",
    ),
    (
        "/api/update_record_property",
        Requirement::Workspace,
        "record_id={own_company}&version=1&property=city&value=Matrix+{n}",
    ),
    (
        "/api/get_property_history",
        Requirement::Workspace,
        "record_id={company}&property=name",
    ),
    (
        "/api/set_following",
        Requirement::Workspace,
        "record_id={company}&following=true",
    ),
    (
        "/api/search_records",
        Requirement::Workspace,
        "record_id={company}&query=a",
    ),
    (
        "/api/preview_merge",
        Requirement::Workspace,
        "kept_id={company}&merged_id={victim}",
    ),
    (
        "/api/merge_records",
        Requirement::Workspace,
        "kept_id={company}&merged_id={victim}",
    ),
    (
        "/api/log_activity",
        Requirement::Workspace,
        "record_id={company}&activity[kind]=note&activity[body]=Matrix+note",
    ),
    (
        "/api/list_record_activities",
        Requirement::Workspace,
        "record_id={company}",
    ),
    ("/api/count_unread_alerts", Requirement::Workspace, ""),
    ("/api/list_alerts", Requirement::Workspace, ""),
    (
        "/api/mark_alert_read",
        Requirement::Workspace,
        "alert_id={own_alert}",
    ),
    ("/api/mark_all_alerts_read", Requirement::Workspace, ""),
    ("/api/get_summary", Requirement::Summary, ""),
    (
        "/api/record_sales_event",
        Requirement::SuperAdmin,
        "contact_id={contact}&kind=email_opened&detail=Matrix+email",
    ),
    (
        "/api/create_report",
        Requirement::Summary,
        "spec[title]=Matrix+report&spec[object_type_id]={companies_object}&spec[measure]=count&spec[group_by]=csm&spec[chart]=bar",
    ),
    (
        "/api/update_report",
        Requirement::Summary,
        "report_id={own_report}&spec[title]=Renamed&spec[object_type_id]={companies_object}&spec[measure]=count&spec[chart]=number",
    ),
    (
        "/api/move_report",
        Requirement::Summary,
        "report_id={own_report}&earlier=true",
    ),
    (
        "/api/delete_report",
        Requirement::Summary,
        "report_id={doomed_report}",
    ),
    (
        "/api/load_feed",
        Requirement::Workspace,
        "query=type%3Demail_opened%26q%3Da",
    ),
    (
        "/api/count_new_feed_items",
        Requirement::Workspace,
        "query=&after_at=2020-01-01T00%3A00%3A00Z&after_id=0",
    ),
    (
        "/api/delete_feed_item",
        Requirement::Workspace,
        "event_id={feed_event}",
    ),
    (
        "/api/create_task",
        Requirement::Workspace,
        "draft[title]=Matrix+task&draft[due]=2026-12-01T09%3A00&draft[owner_id]={me}&draft[task_type]=call",
    ),
    (
        "/api/update_task",
        Requirement::Workspace,
        "task_id={own_task}&version=1&draft[title]=Renamed&draft[due]=2026-12-02T09%3A00&draft[owner_id]={me}",
    ),
    (
        "/api/get_task",
        Requirement::Workspace,
        "task_id={own_task}",
    ),
    (
        "/api/set_task_completed",
        Requirement::Workspace,
        "task_id={check_task}&completed=true",
    ),
    (
        "/api/delete_task",
        Requirement::Workspace,
        "task_id={doomed_task}",
    ),
    (
        "/api/search_associable_records",
        Requirement::Workspace,
        "query=ac&attendees=false",
    ),
    (
        "/api/load_schedule",
        Requirement::Workspace,
        "query=mode%3Dmonth%26weekends%3Dhide",
    ),
    (
        "/api/create_meeting",
        Requirement::Workspace,
        "draft[title]=Matrix&draft[starts]=2026-12-01T09%3A00&draft[ends]=2026-12-01T10%3A00&time_zone=Europe%2FWarsaw",
    ),
    (
        "/api/start_meeting",
        Requirement::Workspace,
        "meeting_id={own_meeting}",
    ),
    ("/api/list_health_profiles", Requirement::ManageSettings, ""),
    (
        "/api/create_health_profile",
        Requirement::ManageSettings,
        "name=Matrix+{n}&start=scratch",
    ),
    (
        "/api/get_health_profile",
        Requirement::ManageSettings,
        "id={draft_profile}",
    ),
    (
        "/api/save_health_profile",
        Requirement::ManageSettings,
        "id={draft_profile}&version=1&name=Matrix+{n}&definition=%7B%22groups%22%3A%5B%5D%7D",
    ),
    (
        "/api/turn_on_health_profile",
        Requirement::ManageSettings,
        "id={ready_profile}&version=1",
    ),
    (
        "/api/turn_off_health_profile",
        Requirement::ManageSettings,
        "id={live_profile}&version=2",
    ),
    (
        "/api/delete_health_profile",
        Requirement::ManageSettings,
        "id={doomed_profile}",
    ),
    (
        "/api/get_health_scores",
        Requirement::Workspace,
        "record_id={company}",
    ),
];

/// What a role's calls refer to: records and things it may change or delete, made for it.
struct RoleFixture {
    values: Vec<(&'static str, String)>,
}

impl RoleFixture {
    async fn new(
        db: &Db,
        index: usize,
        user_id: Option<i64>,
        meets: &[Requirement],
    ) -> RoleFixture {
        let schema = db.schema().await.unwrap();
        let companies = schema.object_named("companies").unwrap();
        let services = schema.object_named("services").unwrap();
        let delivery = &services.pipelines[0];
        let own_service = records::create_record(
            db,
            &services.object,
            &[(
                "name",
                PropertyValue::Text(format!("Matrix service {index}")),
            )],
            Some(delivery.stages[0].id),
            ChangeContext {
                actor: None,
                source: "test",
            },
        )
        .await
        .unwrap();
        let sql = format!(
            "SELECT record_id FROM {} WHERE archived_at IS NULL ORDER BY record_id",
            companies.object.table()
        );
        let ids: Vec<i64> =
            app::on_pool!(db, pool => sqlx::query_scalar(&sql).fetch_all(pool).await).unwrap();
        let mut values = vec![
            ("{n}", index.to_string()),
            ("{company}", ids[0].to_string()),
            (
                "{csm_property}",
                companies.property("csm").unwrap().id.to_string(),
            ),
            (
                "{services_pipeline}",
                schema.object_named("services").unwrap().pipelines[0]
                    .id
                    .to_string(),
            ),
            ("{services_stage}", delivery.stages[0].id.to_string()),
            ("{next_services_stage}", delivery.stages[1].id.to_string()),
            ("{own_service}", own_service.to_string()),
            ("{own_company}", ids[1 + index].to_string()),
            ("{victim}", ids[20 + index].to_string()),
            ("{view}", "999".into()),
            ("{doomed_view}", "998".into()),
            ("{team}", "999".into()),
            ("{workspace}", "999".into()),
            ("{me}", user_id.unwrap_or(999).to_string()),
            ("{own_task}", "999".into()),
            ("{check_task}", "999".into()),
            ("{doomed_task}", "999".into()),
            ("{own_meeting}", "999".into()),
            ("{draft_profile}", "999".into()),
            ("{ready_profile}", "999".into()),
            ("{live_profile}", "999".into()),
            ("{doomed_profile}", "999".into()),
            ("{own_alert}", "999".into()),
            ("{own_report}", "999".into()),
            ("{contact}", "999".into()),
            ("{doomed_report}", "998".into()),
            ("{companies_object}", companies.object.id.to_string()),
            ("{feed_event}", "999".into()),
        ];
        let mut set = |key: &'static str, value: i64| {
            values.retain(|(k, _)| *k != key);
            values.push((key, value.to_string()));
        };
        // A contact whose sales activity a super admin records.
        let contact = records::create_record(
            db,
            &schema.object_named("contacts").unwrap().object,
            &[(
                "name",
                PropertyValue::Text(format!("Matrix active contact {index}")),
            )],
            None,
            ChangeContext {
                actor: None,
                source: "test",
            },
        )
        .await
        .unwrap();
        set("{contact}", contact);
        if let (Some(user_id), true) = (user_id, meets.contains(&Requirement::Summary)) {
            for key in ["{own_report}", "{doomed_report}"] {
                let spec = ReportSpec {
                    title: format!("Matrix {key}"),
                    object_type_id: companies.object.id,
                    measure: ReportMeasure::Count,
                    measure_property: None,
                    group_by: None,
                    time_unit: None,
                    chart: ChartKind::Number,
                };
                set(
                    key,
                    reports::create_report(db, user_id, &spec).await.unwrap(),
                );
            }
        }
        if let (Some(user_id), true) = (user_id, meets.contains(&Requirement::Workspace)) {
            for (key, name) in [("{view}", "Mine"), ("{doomed_view}", "Doomed")] {
                let view = views::NewView::parse(
                    companies.object.id,
                    user_id,
                    name,
                    Sharing::Private,
                    false,
                    "",
                    ViewState {
                        columns: vec!["name".into()],
                        ..ViewState::default()
                    },
                    false,
                )
                .unwrap();
                set(key, views::create_view(db, &view).await.unwrap());
            }
            let due = chrono::Utc::now() + chrono::Duration::days(1);
            for key in ["{own_task}", "{check_task}", "{doomed_task}"] {
                let task = CheckedTask {
                    title: format!("Matrix {key}"),
                    due_at: due,
                    task_type: TaskType::Todo,
                    priority: TaskPriority::None,
                    owner_id: user_id,
                    record_ids: vec![ids[0]],
                    notes: String::new(),
                };
                set(key, tasks::create_task(db, user_id, &task).await.unwrap());
            }
            let meeting = CheckedMeeting {
                title: "Matrix meeting".into(),
                starts_at: due,
                ends_at: due + chrono::Duration::hours(1),
                attendee_ids: vec![],
                link: Some("https://meet.example.com/matrix".into()),
                description: String::new(),
            };
            set(
                "{own_meeting}",
                meetings::create_meeting(db, user_id, &meeting)
                    .await
                    .unwrap(),
            );
            let profile = profiles::create_profile(
                db,
                user_id,
                &format!("Matrix alerts {index}"),
                "",
                vec![],
                ProfileStart::Scratch,
            )
            .await
            .unwrap();
            let now = chrono::Utc::now();
            let alert: i64 = app::on_pool!(db, pool => sqlx::query_scalar(
                "INSERT INTO health_alerts (user_id, record_id, profile_id, from_category, \
                 to_category, from_score, to_score, created_at, expires_at) \
                 VALUES ($1, $2, $3, 'healthy', 'at_risk', 80, 20, $4, $5) RETURNING id")
                .bind(user_id)
                .bind(ids[0])
                .bind(profile)
                .bind(now)
                .bind(now + chrono::Duration::days(14))
                .fetch_one(pool)
                .await)
            .unwrap();
            set("{own_alert}", alert);
            // A contact of a company this user is the CSM of, with a sales event: in their Feed.
            let test = ChangeContext {
                actor: None,
                source: "test",
            };
            let feed_company = records::create_record(
                db,
                &companies.object,
                &[
                    (
                        "name",
                        PropertyValue::Text(format!("Matrix feed company {index}")),
                    ),
                    ("csm", PropertyValue::User(user_id)),
                ],
                None,
                test,
            )
            .await
            .unwrap();
            let feed_contact = records::create_record(
                db,
                &schema.object_named("contacts").unwrap().object,
                &[(
                    "name",
                    PropertyValue::Text(format!("Matrix contact {index}")),
                )],
                None,
                test,
            )
            .await
            .unwrap();
            associations::associate(db, feed_company, feed_contact)
                .await
                .unwrap();
            let event = sales_events::record_sales_event(
                db,
                feed_contact,
                SalesEventKind::EmailOpened,
                now,
                "Matrix renewal offer",
                None,
            )
            .await
            .unwrap();
            set("{feed_event}", event);
        }
        if meets.contains(&Requirement::SuperAdmin) {
            set(
                "{team}",
                users::create_team(db, &format!("Doomed team {index}"))
                    .await
                    .unwrap(),
            );
        }
        if let (Some(user_id), true) = (user_id, meets.contains(&Requirement::ManageSettings)) {
            let workspace =
                workspaces::create_workspace(db, user_id, &format!("Doomed {index}"), "", &[])
                    .await
                    .unwrap();
            set("{workspace}", workspace);
            for (key, start) in [
                ("{draft_profile}", ProfileStart::Scratch),
                ("{ready_profile}", ProfileStart::PredefinedGroups),
                ("{live_profile}", ProfileStart::PredefinedGroups),
                ("{doomed_profile}", ProfileStart::Scratch),
            ] {
                let name = format!("Matrix {key} {index}");
                let id = profiles::create_profile(db, user_id, &name, "", vec![], start)
                    .await
                    .unwrap();
                set(key, id);
            }
            let live = self_value(&values, "{live_profile}");
            profiles::turn_on(db, user_id, live, 1).await.unwrap();
        }
        RoleFixture { values }
    }

    fn fill(&self, template: &str) -> String {
        self.values
            .iter()
            .fold(template.to_string(), |body, (key, value)| {
                body.replace(key, value)
            })
    }
}

fn self_value(values: &[(&'static str, String)], key: &str) -> i64 {
    values
        .iter()
        .find(|(k, _)| *k == key)
        .and_then(|(_, v)| v.parse().ok())
        .expect("a placeholder set above")
}

/// The roles of SPEC §1 as demo accounts (`None`: anonymous), with the requirements each meets.
const ROLES: &[(&str, Option<&str>, &[Requirement])] = &[
    ("anonymous", None, &[Requirement::Anyone]),
    (
        "plain user",
        Some("noaccess@example.com"),
        &[Requirement::Anyone, Requirement::SignedIn],
    ),
    (
        "workspace access without a seat",
        Some("viewer@example.com"),
        &[
            Requirement::Anyone,
            Requirement::SignedIn,
            Requirement::Summary,
        ],
    ),
    (
        "service seat",
        Some("csm@example.com"),
        &[
            Requirement::Anyone,
            Requirement::SignedIn,
            Requirement::Summary,
            Requirement::Workspace,
        ],
    ),
    (
        "settings manager",
        Some("manager@example.com"),
        &[
            Requirement::Anyone,
            Requirement::SignedIn,
            Requirement::Summary,
            Requirement::Workspace,
            Requirement::ManageSettings,
        ],
    ),
    (
        "super admin without a seat",
        Some("superadmin.noseat@example.com"),
        &[
            Requirement::Anyone,
            Requirement::SignedIn,
            Requirement::Summary,
            Requirement::SuperAdmin,
        ],
    ),
    (
        "super admin",
        Some("admin@example.com"),
        &[
            Requirement::Anyone,
            Requirement::SignedIn,
            Requirement::Summary,
            Requirement::Workspace,
            Requirement::ManageSettings,
            Requirement::SuperAdmin,
        ],
    ),
];

#[test]
fn every_server_function_is_in_the_matrix() {
    let mut registered: Vec<&str> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path)
        .collect();
    registered.sort_unstable();
    let mut listed: Vec<&str> = MATRIX.iter().map(|(path, _, _)| *path).collect();
    listed.sort_unstable();
    assert_eq!(
        registered, listed,
        "add new server functions to MATRIX with what they require"
    );
}

/// The real router over `db`, seeded with the demo users and `companies`.
async fn router_over(db: &Db, companies: u32) -> axum::Router {
    let options = SeedOptions {
        companies,
        seed: 1,
        now: chrono::Utc::now(),
    };
    seed(db, &options, |_| {}).await.unwrap();
    let (_folder, site) = fake_site::fake_site();
    let leptos_options = LeptosOptions::builder()
        .output_name(site.client_stem())
        .build();
    let _building = router_lock::building().await;
    // These tests request no static files, so the folder may go.
    server::router(
        AppState {
            leptos_options,
            db: db.clone(),
            sessions: SessionPolicy::default(),
        },
        server::Exposure::default(),
        site,
    )
}

/// The real router over a fresh SQLite database holding the demo users and `companies`.
async fn seeded_router(companies: u32) -> (tempfile::TempDir, Db, axum::Router) {
    let folder = tempfile::tempdir().unwrap();
    let db = Db::open(&format!("sqlite://{}/test.db", folder.path().display()))
        .await
        .unwrap();
    let router = router_over(&db, companies).await;
    (folder, db, router)
}

async fn call(
    router: &axum::Router,
    path: &str,
    body: &str,
    token: Option<&str>,
) -> (StatusCode, String) {
    let mut request = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, "http://127.0.0.1:3000");
    if let Some(token) = token {
        request = request.header(header::COOKIE, format!("{SESSION_COOKIE}={token}"));
    }
    let _serving = router_lock::serving().await;
    let response = router
        .clone()
        .oneshot(request.body(Body::from(body.to_string())).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

async fn each_role_gets_exactly_what_it_may(db: Db) {
    let router = router_over(&db, 60).await;

    for (index, (role, email, meets)) in ROLES.iter().enumerate() {
        let user_id = match email {
            Some(email) => Some(
                user_by_email(&db, &EmailAddress::parse(email).unwrap())
                    .await
                    .unwrap()
                    .unwrap()
                    .id,
            ),
            None => None,
        };
        let fixture = RoleFixture::new(&db, index, user_id, meets).await;
        for (path, requirement, template) in MATRIX {
            let body = fixture.fill(template);
            // A fresh session per call: log_out ends the one it is called with.
            let token = match user_id {
                Some(user_id) => Some(common::open_session(&db, user_id).await),
                None => None,
            };
            let (status, body_text) = call(&router, path, &body, token.as_deref()).await;
            if meets.contains(requirement) {
                // Logging in and out answer with a redirect; everything else with 2xx.
                assert!(
                    status.is_success() || status.is_redirection(),
                    "{role} may call {path} with {body}, got {status}: {body_text}"
                );
            } else {
                let expected = if email.is_none() {
                    StatusCode::UNAUTHORIZED
                } else {
                    StatusCode::FORBIDDEN
                };
                assert_eq!(status, expected, "{role} must not call {path}: {body_text}");
                assert!(
                    !body_text.contains("Company"),
                    "a refusal leaks no data: {body_text}"
                );
            }
        }
    }
}

db_test!(each_role_gets_exactly_what_it_may);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_need_a_session_and_logging_out_ends_it() {
    let (_folder, db, router) = seeded_router(10).await;

    let page = |path: &str, token: Option<&str>| {
        let mut request = Request::get(path).header(header::HOST, "127.0.0.1:3000");
        if let Some(token) = token {
            request = request.header(header::COOKIE, format!("{SESSION_COOKIE}={token}"));
        }
        let router = router.clone();
        async move {
            let _serving = router_lock::serving().await;
            router.oneshot(request.body(Body::empty()).unwrap()).await
        }
    };
    let anonymous = page("/customers", None).await.unwrap();
    assert_eq!(anonymous.status(), StatusCode::SEE_OTHER);
    assert_eq!(anonymous.headers()[header::LOCATION], "/login");
    // Decided by route, not by a dot: a path that looks like a file is a page all the same.
    let dotted = page("/customers/export.csv", None).await.unwrap();
    assert_eq!(dotted.status(), StatusCode::SEE_OTHER);
    assert_eq!(page("/login", None).await.unwrap().status(), StatusCode::OK);

    let csm = user_by_email(&db, &EmailAddress::parse("csm@example.com").unwrap())
        .await
        .unwrap()
        .unwrap();
    let token = common::open_session(&db, csm.id).await;
    assert_eq!(
        page("/customers", Some(&token)).await.unwrap().status(),
        StatusCode::OK
    );
    let (status, _) = call(&router, "/api/log_out", "", Some(&token)).await;
    assert!(status.is_redirection() || status.is_success(), "{status}");
    assert_eq!(
        common::session_owner(&db, &token).await,
        None,
        "the session ended on the server"
    );
    assert_eq!(
        page("/customers", Some(&token)).await.unwrap().status(),
        StatusCode::SEE_OTHER
    );

    // Logging out again with the ended session (a tab left open) clears the cookie and goes
    // to the login page instead of answering 401.
    let again = router
        .clone()
        .oneshot(
            Request::post("/api/log_out")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::HOST, "127.0.0.1:3000")
                .header("sec-fetch-site", "same-origin")
                .header(header::COOKIE, format!("{SESSION_COOKIE}={token}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert!(
        again.status().is_redirection() || again.status().is_success(),
        "{}",
        again.status()
    );
    let cleared = again.headers()[header::SET_COOKIE].to_str().unwrap();
    assert!(
        cleared.starts_with(&format!("{SESSION_COOKIE}=;")) && cleared.contains("Max-Age=0"),
        "{cleared}"
    );
}

/// Logs in through the endpoint, optionally presenting an earlier session cookie.
async fn log_in(
    router: &axum::Router,
    email: &str,
    previous: Option<&str>,
    https: bool,
) -> (StatusCode, Option<String>) {
    let scheme = if https { "https" } else { "http" };
    let mut request = Request::post("/api/log_in")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, format!("{scheme}://127.0.0.1:3000"));
    if let Some(token) = previous {
        // Over https only the `__Host-` cookie counts.
        let name = if https {
            SECURE_SESSION_COOKIE
        } else {
            SESSION_COOKIE
        };
        request = request.header(header::COOKIE, format!("{name}={token}"));
    }
    if https {
        request = request.header("x-forwarded-proto", "https");
    }
    let body = format!("email={}&password=demo-password", email.replace('@', "%40"));
    let response = router
        .clone()
        .oneshot(request.body(Body::from(body)).unwrap())
        .await
        .unwrap();
    let cookie = response
        .headers()
        .get(header::SET_COOKIE)
        .map(|value| value.to_str().unwrap().to_string());
    (response.status(), cookie)
}

fn token_of(set_cookie: &str) -> &str {
    let pair = set_cookie.split(';').next().unwrap_or_default();
    pair.strip_prefix(&format!("{SESSION_COOKIE}="))
        .or_else(|| pair.strip_prefix(&format!("{SECURE_SESSION_COOKIE}=")))
        .expect("a session cookie")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logging_in_rotates_the_session_and_sets_a_safe_cookie() {
    let (_folder, db, router) = seeded_router(5).await;
    let (status, first) = log_in(&router, "csm@example.com", None, false).await;
    assert!(status.is_redirection() || status.is_success(), "{status}");
    let first = first.expect("Set-Cookie on login");
    assert!(first.contains("HttpOnly"), "{first}");
    assert!(first.contains("SameSite=Lax"), "{first}");
    assert!(
        !first.contains("Secure"),
        "plain http gets no Secure flag: {first}"
    );
    let first_token = token_of(&first).to_string();
    assert!(common::session_owner(&db, &first_token).await.is_some());

    let (_, second) = log_in(&router, "csm@example.com", Some(&first_token), true).await;
    let second = second.expect("Set-Cookie on the second login");
    assert!(
        second.contains("Secure") && second.starts_with(&format!("{SECURE_SESSION_COOKIE}=")),
        "https gets the Secure flag and the __Host- name: {second}"
    );
    let second_token = token_of(&second);
    assert_ne!(second_token, first_token, "a new session id at every login");
    assert_eq!(
        common::session_owner(&db, &first_token).await,
        None,
        "the old one ended"
    );
    assert!(common::session_owner(&db, second_token).await.is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_arguments_get_a_plain_sentence() {
    let (_folder, db, router) = seeded_router(5).await;
    let csm = user_by_email(&db, &EmailAddress::parse("csm@example.com").unwrap())
        .await
        .unwrap()
        .unwrap()
        .id;
    let token = common::open_session(&db, csm).await;
    // A report whose object is not a number, and one without its fields.
    for body in ["spec[title]=x&spec[object_type_id]=lots", "nothing=here"] {
        let (status, text) = call(&router, "/api/create_report", body, Some(&token)).await;
        // server_fn answers a request it cannot decode with 500 whatever the error says.
        assert!(!status.is_success(), "{body}: {status} {text}");
        assert!(
            text.contains(app::error::MALFORMED_REQUEST),
            "{body}: {text}"
        );
        for decoder_words in [
            "invalid type",
            "invalid digit",
            "missing field",
            "column",
            "reason",
        ] {
            assert!(!text.contains(decoder_words), "{body}: {text}");
        }
    }
}
