//! Sends visitors without a session to the login page before any page renders, so that every
//! page but login needs a session — with or without JavaScript. Server functions and static
//! files pass through: each server function checks permissions itself.

use app::{auth, state::AppState};
use axum::{
    extract::{Request, State},
    http::{Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Redirect, Response},
};

/// Whether `path` is a page (rather than a server function, a static file or the health check).
fn is_page(path: &str) -> bool {
    !path.starts_with("/api/")
        && !path.starts_with("/pkg/")
        && !path.contains('.')
        && path != "/health"
}

#[tracing::instrument(skip_all, fields(path = %request.uri().path()))]
pub async fn redirect_to_login(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_string();
    if request.method() != Method::GET || !is_page(&path) {
        return next.run(request).await;
    }
    let viewer = match auth::session_token(request.headers()) {
        Some(token) => auth::viewer_for_token(&state.db, &token).await,
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
    fn pages_are_told_apart_from_assets_and_server_functions() {
        assert!(is_page("/customers"));
        assert!(is_page("/"));
        assert!(!is_page("/api/list_customers"));
        assert!(!is_page("/api/events"));
        assert!(!is_page("/pkg/cs_workspace.js"));
        assert!(!is_page("/favicon.svg"));
        assert!(!is_page("/health"));
    }
}
