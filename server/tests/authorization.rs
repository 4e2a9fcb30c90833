//! The authorization matrix: every server function, what it requires, and a call to each one as
//! each role, through the real router, on SQLite and (with a postgres:// `DATABASE_URL`) on
//! PostgreSQL. A server function missing from the matrix fails here.

#[path = "../../app/tests/common/mod.rs"]
mod common;

use app::{
    auth::SESSION_COOKIE,
    db::{
        Db,
        seed::{SeedOptions, seed},
        sessions,
        users::{EmailAddress, user_by_email},
    },
    models::Requirement,
    state::AppState,
};
use axum::{
    body::Body,
    http::{Request, StatusCode, header},
};
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use tower::ServiceExt;

/// Every server function: its path, what it requires, and a valid form body for calling it.
const MATRIX: &[(&str, Requirement, &str)] = &[
    ("/api/get_viewer", Requirement::Anyone, ""),
    (
        "/api/log_in",
        Requirement::Anyone,
        "email=nobody%40example.com&password=wrong-password",
    ),
    ("/api/log_out", Requirement::SignedIn, ""),
    ("/api/list_customers", Requirement::Workspace, "page=1"),
    ("/api/list_users", Requirement::SuperAdmin, ""),
    ("/api/list_teams", Requirement::SuperAdmin, ""),
    (
        "/api/create_user",
        Requirement::SuperAdmin,
        "name=New+Person&email=new.person%40example.com&password=long-enough-1",
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
    ("/api/create_team", Requirement::SuperAdmin, "name=Renewals"),
    (
        "/api/rename_team",
        Requirement::SuperAdmin,
        "team_id=3&name=Onboarding",
    ),
    ("/api/delete_team", Requirement::SuperAdmin, "team_id=999"),
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
        "name=Matrix&description=Made+by+the+test&team_ids[0]=3",
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
        "workspace_id=999",
    ),
    (
        "/api/get_workspace_settings",
        Requirement::ManageSettings,
        "workspace_id=1",
    ),
    (
        "/api/save_customers_settings",
        Requirement::ManageSettings,
        "workspace_id=1",
    ),
    (
        "/api/save_pipeline_tab_settings",
        Requirement::ManageSettings,
        "workspace_id=1&tab=services&shown=true&default_layout=board",
    ),
    (
        "/api/get_pipeline_tab",
        Requirement::Workspace,
        "tab=revenue&page=1",
    ),
];

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
    let leptos_options = LeptosOptions::builder()
        .output_name(app::OUTPUT_NAME)
        .build();
    server::router(
        AppState {
            leptos_options,
            db: db.clone(),
        },
        server::PublicOrigin::default(),
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
        .header(header::HOST, "127.0.0.1:3000");
    if let Some(token) = token {
        request = request.header(header::COOKIE, format!("{SESSION_COOKIE}={token}"));
    }
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

    for (role, email, meets) in ROLES {
        for (path, requirement, body) in MATRIX {
            // A fresh session per call: log_out ends the one it is called with.
            let token = match email {
                Some(email) => {
                    let user = user_by_email(&db, &EmailAddress::parse(email).unwrap())
                        .await
                        .unwrap()
                        .unwrap();
                    Some(sessions::create_session(&db, user.id).await.unwrap())
                }
                None => None,
            };
            let (status, body_text) = call(&router, path, body, token.as_deref()).await;
            let refused = status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN;
            if meets.contains(requirement) {
                assert!(
                    !refused,
                    "{role} may call {path}, got {status}: {body_text}"
                );
                assert!(
                    status != StatusCode::INTERNAL_SERVER_ERROR,
                    "{role} {path}: {body_text}"
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
        router.clone().oneshot(request.body(Body::empty()).unwrap())
    };
    let anonymous = page("/customers", None).await.unwrap();
    assert_eq!(anonymous.status(), StatusCode::SEE_OTHER);
    assert_eq!(anonymous.headers()[header::LOCATION], "/login");
    assert_eq!(page("/login", None).await.unwrap().status(), StatusCode::OK);

    let csm = user_by_email(&db, &EmailAddress::parse("csm@example.com").unwrap())
        .await
        .unwrap()
        .unwrap();
    let token = sessions::create_session(&db, csm.id).await.unwrap();
    assert_eq!(
        page("/customers", Some(&token)).await.unwrap().status(),
        StatusCode::OK
    );
    let (status, _) = call(&router, "/api/log_out", "", Some(&token)).await;
    assert!(status.is_redirection() || status.is_success(), "{status}");
    assert_eq!(
        sessions::session_user(&db, &token).await.unwrap(),
        None,
        "the session ended on the server"
    );
    assert_eq!(
        page("/customers", Some(&token)).await.unwrap().status(),
        StatusCode::SEE_OTHER
    );
}

/// Logs in through the endpoint, optionally presenting an earlier session cookie.
async fn log_in(
    router: &axum::Router,
    email: &str,
    previous: Option<&str>,
    https: bool,
) -> (StatusCode, Option<String>) {
    let mut request = Request::post("/api/log_in")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::HOST, "127.0.0.1:3000");
    if let Some(token) = previous {
        request = request.header(header::COOKIE, format!("{SESSION_COOKIE}={token}"));
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
    set_cookie
        .split(';')
        .next()
        .and_then(|pair| pair.strip_prefix(&format!("{SESSION_COOKIE}=")))
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
    assert!(
        sessions::session_user(&db, &first_token)
            .await
            .unwrap()
            .is_some()
    );

    let (_, second) = log_in(&router, "csm@example.com", Some(&first_token), true).await;
    let second = second.expect("Set-Cookie on the second login");
    assert!(
        second.contains("Secure"),
        "https gets the Secure flag: {second}"
    );
    let second_token = token_of(&second);
    assert_ne!(second_token, first_token, "a new session id at every login");
    assert_eq!(
        sessions::session_user(&db, &first_token).await.unwrap(),
        None,
        "the old one ended"
    );
    assert!(
        sessions::session_user(&db, second_token)
            .await
            .unwrap()
            .is_some()
    );
}
