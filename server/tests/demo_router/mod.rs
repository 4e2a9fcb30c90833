//! The real router over a fresh SQLite database holding the demo users, as a browser reaches
//! it, for tests of what happens around the server functions.

// Shared by several test crates, each using part of it.
#![allow(dead_code)]

use app::{
    db::{
        Db,
        seed::{SeedOptions, seed},
        sessions::SessionPolicy,
    },
    state::AppState,
};
use axum::{
    Router,
    body::{Body, Bytes},
    http::{HeaderMap, Request, StatusCode},
};
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use server::{Exposure, PublicOrigin, ServedOverHttps};
use tower::ServiceExt;

use super::{fake_site, router_lock};

/// The router over a fresh database with the demo users, exposed at `public_url` if given.
pub async fn demo_router(public_url: Option<&str>) -> (tempfile::TempDir, Db, Router) {
    let folder = tempfile::tempdir().unwrap();
    let db = Db::open(&format!("sqlite://{}/test.db", folder.path().display()))
        .await
        .unwrap();
    let options = SeedOptions {
        companies: 3,
        seed: 1,
        now: chrono::Utc::now(),
    };
    seed(&db, &options, |_| {}).await.unwrap();
    let (_site_folder, site) = fake_site::fake_site();
    let _building = router_lock::building().await;
    let leptos_options = LeptosOptions::builder()
        .output_name(site.client_stem())
        .build();
    let https = public_url.is_some_and(|url| url.starts_with("https://"));
    let router = server::router(
        AppState {
            leptos_options,
            db: db.clone(),
            sessions: SessionPolicy {
                https,
                ..SessionPolicy::default()
            },
        },
        Exposure {
            public_origin: PublicOrigin(public_url.map(str::to_string)),
            https: ServedOverHttps(https),
            ..Exposure::default()
        },
        site,
    );
    (folder, db, router)
}

pub async fn send(router: &Router, request: Request<Body>) -> (StatusCode, HeaderMap, String) {
    let (status, headers, bytes) = send_for_bytes(router, request).await;
    (
        status,
        headers,
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

/// [`send`], the body as it came: a server function's answer is postcard, not text.
pub async fn send_for_bytes(
    router: &Router,
    request: Request<Body>,
) -> (StatusCode, HeaderMap, Bytes) {
    let _serving = router_lock::serving().await;
    let response = router.clone().oneshot(request).await.unwrap();
    let (status, headers) = (response.status(), response.headers().clone());
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, headers, bytes)
}

/// POSTs a server function's form `body` as the workspace's own page would, with the session
/// of `token` if given.
pub async fn post(
    router: &Router,
    path: &str,
    body: &str,
    token: Option<&str>,
) -> (StatusCode, HeaderMap, String) {
    send(router, post_request(path, body, token)).await
}

/// POSTs as [`post`] does and reads the server function's answer, which must be a success.
pub async fn post_for_answer<T: serde::de::DeserializeOwned>(
    router: &Router,
    path: &str,
    body: &str,
    token: Option<&str>,
) -> T {
    let (status, _, bytes) = send_for_bytes(router, post_request(path, body, token)).await;
    assert!(status.is_success(), "{path}: {status}");
    postcard::from_bytes(&bytes).unwrap_or_else(|e| panic!("{path} answered {bytes:?}: {e}"))
}

fn post_request(path: &str, body: &str, token: Option<&str>) -> Request<Body> {
    let mut request = Request::post(path)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("host", "127.0.0.1:3000")
        .header("origin", "http://127.0.0.1:3000");
    if let Some(token) = token {
        request = request.header("cookie", format!("{}={token}", app::auth::SESSION_COOKIE));
    }
    request.body(Body::from(body.to_string())).unwrap()
}

/// Logs `email` in with `password` through the login endpoint; the session token, if it
/// worked.
pub async fn log_in(router: &Router, email: &str, password: &str) -> Option<String> {
    let body = format!("email={}&password={password}", email.replace('@', "%40"));
    let (_, headers, _) = post(router, "/api/log_in", &body, None).await;
    let cookie = headers.get("set-cookie")?.to_str().ok()?;
    let pair = cookie.split(';').next()?;
    pair.split_once('=')
        .map(|(_, token)| token.to_string())
        .filter(|token| !token.is_empty())
}
