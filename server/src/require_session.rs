//! Sends visitors without a session to the login page before any page renders, so that every
//! page but login needs a session — with or without JavaScript. Decided by route: server
//! functions and the event stream (`/api/`), the client's folder (`/pkg/`, a missing file there
//! is a plain 404), the health check and the site's public files pass through — each server
//! function checks permissions itself. Any other path is a page (or the "not found" page),
//! whatever it looks like.

use std::sync::Arc;

use app::{auth, db::sessions::SessionUse, state::AppState};
use axum::{
    extract::{Request, State},
    http::{Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Redirect, Response},
};

use crate::site::Site;

/// Whether `path` is a page, rather than a server function, the event stream, the client's
/// folder, the health check or one of the site's files (`is_file`).
fn is_page(path: &str, is_file: impl FnOnce(&str) -> bool) -> bool {
    !path.starts_with("/api/") && !path.starts_with("/pkg/") && path != "/health" && !is_file(path)
}

#[tracing::instrument(skip_all, fields(path = %request.uri().path()))]
pub async fn redirect_to_login(
    State((state, site)): State<(AppState, Arc<Site>)>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_string();
    if request.method() != Method::GET || !is_page(&path, |path| site.has_file(path)) {
        return next.run(request).await;
    }
    let viewer = match auth::session_token(&state.sessions, request.headers()) {
        Some(token) => {
            auth::viewer_for_token(&state.db, &state.sessions, &token, SessionUse::Active).await
        }
        None => Ok(None),
    };
    match viewer {
        Ok(Some(viewer)) if path == "/" || path == "/login" => {
            Redirect::to(viewer.home_path()).into_response()
        }
        Ok(Some(viewer)) => {
            // Handed on so rendering the page does not look the session up a second time.
            let mut request = request;
            request.extensions_mut().insert(viewer);
            next.run(request).await
        }
        Ok(None) if path == "/login" => next.run(request).await,
        Ok(None) => Redirect::to("/login").into_response(),
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            "The workspace is unavailable. Please try again.",
        )
            .into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::is_page;

    #[test]
    fn pages_are_told_apart_from_files_and_server_functions_by_route() {
        let files = |path: &str| ["/favicon.svg", "/robots.txt"].contains(&path);
        assert!(is_page("/customers", files));
        assert!(is_page("/", files));
        assert!(!is_page("/api/list_customers", files));
        assert!(!is_page("/api/events", files));
        assert!(!is_page("/pkg/cs_workspace.js", files));
        assert!(!is_page("/favicon.svg", files));
        assert!(!is_page("/health", files));
        assert!(!is_page("/robots.txt", files));
        assert!(!is_page("/pkg/not-there.js", files));
        // A dot does not make a path a file: a record or view name may hold one.
        assert!(is_page("/customers/views/q4.renewals", files));
        assert!(is_page("/not-a-file.txt", files));
    }
}
