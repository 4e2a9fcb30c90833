//! Refuses state-changing requests sent from another site.
//!
//! Server functions are public POST endpoints, so a page on another origin could make a signed-in
//! browser call them. Browsers always send `Origin` on such requests; unless it names the
//! workspace itself, the request is refused with 403 before it runs. "Itself" is the configured
//! public URL when the server runs behind a proxy (`--public-url`), else the host the request
//! was sent to (the Host header, or the URI authority under HTTP/2).

use axum::{
    extract::{Request, State},
    http::{Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

/// The origin people reach the workspace at, e.g. `https://cs.example.com`, if configured.
#[derive(Clone, Debug, Default)]
pub struct PublicOrigin(pub Option<String>);

impl PublicOrigin {
    /// Whether a request carrying `origin` and sent to `host` comes from the workspace itself.
    fn allows(&self, origin: &str, host: Option<&str>) -> bool {
        match &self.0 {
            Some(public) => origin.eq_ignore_ascii_case(public.trim_end_matches('/')),
            None => {
                let origin_host = origin.split_once("://").map(|(_, rest)| rest).unwrap_or("");
                host.is_some_and(|host| !host.is_empty() && origin_host.eq_ignore_ascii_case(host))
            }
        }
    }
}

#[tracing::instrument(skip_all, fields(method = %request.method(), path = %request.uri().path()))]
pub async fn refuse_cross_origin_posts(
    State(public): State<PublicOrigin>,
    request: Request,
    next: Next,
) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    let origin = request
        .headers()
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok());
    if let (false, Some(origin)) = (safe, origin) {
        let host = request
            .headers()
            .get(header::HOST)
            .and_then(|v| v.to_str().ok())
            .or_else(|| request.uri().authority().map(|a| a.as_str()));
        if !public.allows(origin, host) {
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

#[cfg(test)]
mod tests {
    use super::PublicOrigin;

    #[test]
    fn without_a_public_url_only_the_requested_host_counts() {
        let own = PublicOrigin::default();
        assert!(own.allows("http://127.0.0.1:3000", Some("127.0.0.1:3000")));
        assert!(own.allows("https://CS.example.com", Some("cs.example.com")));
        assert!(!own.allows("http://evil.example", Some("127.0.0.1:3000")));
        assert!(!own.allows("http://127.0.0.1:3001", Some("127.0.0.1:3000")));
        assert!(!own.allows("null", Some("127.0.0.1:3000")));
        assert!(!own.allows("http://127.0.0.1:3000", None));
    }

    #[test]
    fn behind_a_proxy_the_public_url_counts() {
        let public = PublicOrigin(Some("https://cs.example.com/".into()));
        assert!(public.allows("https://cs.example.com", Some("127.0.0.1:3000")));
        assert!(
            !public.allows("http://cs.example.com", Some("cs.example.com")),
            "scheme matters"
        );
        assert!(!public.allows("https://evil.example", Some("cs.example.com")));
    }
}
