//! The static side through the real router: precompressed files chosen by `Accept-Encoding`,
//! a year's `immutable` caching for content-named files only, pages never cached but
//! compressed, the page naming the content-named client, and `/health` without a session.

mod fake_site;

use app::{db::Db, state::AppState};
use axum::{
    Router,
    body::Body,
    http::{HeaderMap, Request, StatusCode, header},
};
use fake_site::{STEM, WASM, fake_site};
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use tower::ServiceExt;

async fn router() -> (tempfile::TempDir, tempfile::TempDir, Router) {
    let data = tempfile::tempdir().unwrap();
    let db = Db::open(&format!("sqlite://{}/site.db", data.path().display()))
        .await
        .unwrap();
    let (site_folder, site) = fake_site();
    let leptos_options = LeptosOptions::builder()
        .output_name(site.client_stem())
        .build();
    let router = server::router(
        AppState {
            leptos_options,
            db,
            sessions: app::db::sessions::SessionPolicy::default(),
        },
        server::Exposure::default(),
        site,
    );
    (data, site_folder, router)
}

async fn get(
    router: &Router,
    path: &str,
    accept_encoding: &str,
) -> (StatusCode, HeaderMap, Vec<u8>) {
    let request = Request::get(path)
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ACCEPT_ENCODING, accept_encoding)
        .body(Body::empty())
        .unwrap();
    let response = tokio::time::timeout(
        std::time::Duration::from_secs(20),
        router.clone().oneshot(request),
    )
    .await
    .unwrap_or_else(|_| panic!("GET {path} ({accept_encoding}) answered within 20 s"))
    .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = tokio::time::timeout(
        std::time::Duration::from_secs(20),
        response.into_body().collect(),
    )
    .await
    .unwrap_or_else(|_| panic!("GET {path} ({accept_encoding}) sent its body within 20 s"))
    .unwrap()
    .to_bytes()
    .to_vec();
    (status, headers, body)
}

fn header_of(headers: &HeaderMap, name: header::HeaderName) -> &str {
    headers
        .get(name)
        .map_or("", |value| value.to_str().unwrap())
}

async fn the_wasm_comes_as_brotli_when_accepted_else_gzip_else_plain() {
    let (_data, _site, router) = router().await;
    let path = format!("/pkg/{STEM}_bg.wasm");

    let (status, headers, body) = get(&router, &path, "gzip, deflate, br, zstd").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(header_of(&headers, header::CONTENT_ENCODING), "br");
    assert_eq!(
        header_of(&headers, header::CONTENT_TYPE),
        "application/wasm"
    );
    assert_eq!(header_of(&headers, header::VARY), "accept-encoding");
    let mut unpacked = Vec::new();
    brotli::BrotliDecompress(&mut &body[..], &mut unpacked).unwrap();
    assert_eq!(unpacked, WASM);

    let (_, headers, body) = get(&router, &path, "gzip").await;
    assert_eq!(header_of(&headers, header::CONTENT_ENCODING), "gzip");
    let mut unpacked = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&body[..]), &mut unpacked)
        .unwrap();
    assert_eq!(unpacked, WASM);

    let (_, headers, body) = get(&router, &path, "identity").await;
    assert_eq!(header_of(&headers, header::CONTENT_ENCODING), "");
    assert_eq!(body, WASM);
}

async fn content_named_files_are_immutable_other_files_revalidate_and_pages_are_never_stored() {
    let (_data, _site, router) = router().await;
    for path in [
        format!("/pkg/{STEM}.js"),
        format!("/pkg/{STEM}.css"),
        // The lazily loaded pages' parts and their loader, named by the same hash.
        format!("/pkg/{STEM}.__wasm_split.js"),
        format!("/pkg/{STEM}.split_admin.wasm"),
    ] {
        let (status, headers, _) = get(&router, &path, "br").await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(
            header_of(&headers, header::CACHE_CONTROL),
            "public, max-age=31536000, immutable",
            "{path}"
        );
    }
    let (status, headers, _) = get(&router, "/favicon.svg", "br").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(header_of(&headers, header::CACHE_CONTROL), "no-cache");

    let (status, headers, body) = get(&router, "/login", "identity").await;
    assert_eq!(status, StatusCode::OK);
    assert!(header_of(&headers, header::CONTENT_TYPE).starts_with("text/html"));
    assert_eq!(header_of(&headers, header::CACHE_CONTROL), "no-store");
    let page = String::from_utf8(body).unwrap();
    for file in [format!("/pkg/{STEM}.css"), format!("{STEM}_bg")] {
        assert!(page.contains(&file), "the page names {file}: {page}");
    }
}

async fn pages_are_compressed_as_they_render() {
    let (_data, _site, router) = router().await;
    let (status, headers, body) = get(&router, "/login", "br").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(header_of(&headers, header::CONTENT_ENCODING), "br");
    let mut unpacked = Vec::new();
    brotli::BrotliDecompress(&mut &body[..], &mut unpacked).unwrap();
    assert!(String::from_utf8(unpacked).unwrap().contains("Log in"));
}

async fn unknown_files_get_the_not_found_page_and_nothing_leaves_the_site() {
    let (_data, _site, router) = router().await;
    let (status, _, _) = get(&router, "/pkg/cs_workspace.ffffffffffffffff.js", "br").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, body) = get(&router, "/pkg/../../site.db", "identity").await;
    assert_ne!(status, StatusCode::OK);
    assert!(!String::from_utf8_lossy(&body).contains("SQLite format"));
}

async fn health_answers_without_a_session() {
    let (_data, _site, router) = router().await;
    let (status, headers, body) = get(&router, "/health", "identity").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, b"ok");
    assert!(headers.get(header::LOCATION).is_none());
}

/// One test drives them all: Leptos renders pages on the first runtime it meets, so tests on
/// runtimes of their own would wait on a finished one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_site_through_the_router() {
    the_wasm_comes_as_brotli_when_accepted_else_gzip_else_plain().await;
    content_named_files_are_immutable_other_files_revalidate_and_pages_are_never_stored().await;
    pages_are_compressed_as_they_render().await;
    unknown_files_get_the_not_found_page_and_nothing_leaves_the_site().await;
    health_answers_without_a_session().await;
}
