//! Refuses state-changing requests sent from another site.
//!
//! Server functions are public POST endpoints, so a page on another origin could make a signed-in
//! browser call them. Browsers always send `Origin` on such requests; if it names a host other
//! than the one the request was sent to, the request is refused with 403 before it runs.

use axum::{
    extract::Request,
    http::{Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

#[tracing::instrument(skip_all, fields(method = %request.method(), path = %request.uri().path()))]
pub async fn refuse_cross_origin_posts(request: Request, next: Next) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if !safe {
        let origin = request
            .headers()
            .get(header::ORIGIN)
            .and_then(|v| v.to_str().ok());
        let host = request
            .headers()
            .get(header::HOST)
            .and_then(|v| v.to_str().ok());
        if let Some(origin) = origin
            && !same_origin(origin, host)
        {
            tracing::warn!(origin, "refused a cross-origin request");
            return (
                StatusCode::FORBIDDEN,
                "Cross-origin requests are not allowed",
            )
                .into_response();
        }
    }
    next.run(request).await
}

/// Whether an `Origin` header value (`scheme://host[:port]`) names `host` (`host[:port]`).
fn same_origin(origin: &str, host: Option<&str>) -> bool {
    let origin_host = origin.split_once("://").map(|(_, rest)| rest).unwrap_or("");
    host.is_some_and(|host| !host.is_empty() && origin_host.eq_ignore_ascii_case(host))
}

#[cfg(test)]
mod tests {
    use super::same_origin;

    #[test]
    fn only_the_own_host_counts_as_same_origin() {
        assert!(same_origin("http://127.0.0.1:3000", Some("127.0.0.1:3000")));
        assert!(same_origin(
            "https://CS.example.com",
            Some("cs.example.com")
        ));
        assert!(!same_origin("http://evil.example", Some("127.0.0.1:3000")));
        assert!(!same_origin(
            "http://127.0.0.1:3001",
            Some("127.0.0.1:3000")
        ));
        assert!(!same_origin("null", Some("127.0.0.1:3000")));
        assert!(!same_origin("http://127.0.0.1:3000", None));
    }
}
