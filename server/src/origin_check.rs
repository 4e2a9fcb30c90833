//! Refuses state-changing requests sent from another site.
//!
//! Server functions are public POST endpoints, so a page on another origin could make a signed-in
//! browser call them. Browsers send `Origin` on such requests; unless it names the workspace
//! itself — scheme, host and port — the request is refused with 403 before it runs. "Itself"
//! is the configured public URL when the server runs behind a proxy (`--public-url`), else the
//! host the request was sent to (the Host header, or the URI authority under HTTP/2) over http,
//! or https if the proxy says so. Without `Origin`, `Sec-Fetch-Site: same-origin` will do;
//! with neither, the request is refused: a browser always sends one of them.

use axum::{
    extract::{Request, State},
    http::{HeaderMap, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

/// The origin people reach the workspace at, e.g. `https://cs.example.com`, if configured.
#[derive(Clone, Debug, Default)]
pub struct PublicOrigin(pub Option<String>);

impl PublicOrigin {
    /// Whether a request carrying `origin` and sent to `host` (over https or not) comes from
    /// the workspace itself.
    fn allows(&self, origin: &str, host: Option<&str>, https: bool) -> bool {
        match &self.0 {
            Some(public) => origin.eq_ignore_ascii_case(public.trim_end_matches('/')),
            None => host.is_some_and(|host| {
                let scheme = if https { "https" } else { "http" };
                !host.is_empty() && origin.eq_ignore_ascii_case(&format!("{scheme}://{host}"))
            }),
        }
    }

    /// Whether a state-changing request with these headers may run.
    fn admits(&self, headers: &HeaderMap, authority: Option<&str>) -> bool {
        let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
        match (text("origin"), text("sec-fetch-site")) {
            (Some(origin), _) => {
                let host = text("host").or(authority);
                let https = text("x-forwarded-proto")
                    .is_some_and(|proto| proto.eq_ignore_ascii_case("https"));
                self.allows(origin, host, https)
            }
            (None, Some(site)) => site.eq_ignore_ascii_case("same-origin"),
            (None, None) => false,
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
    let authority = request.uri().authority().map(|a| a.as_str());
    if !safe && !public.admits(request.headers(), authority) {
        tracing::warn!(
            origin = ?request.headers().get(header::ORIGIN),
            "refused a request not sent from the workspace"
        );
        return (
            StatusCode::FORBIDDEN,
            "Requests from other sites are not allowed",
        )
            .into_response();
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use axum::http::{HeaderMap, HeaderValue};

    use super::PublicOrigin;

    #[test]
    fn without_a_public_url_only_the_requested_host_and_scheme_count() {
        let own = PublicOrigin::default();
        assert!(own.allows("http://127.0.0.1:3000", Some("127.0.0.1:3000"), false));
        assert!(own.allows("HTTP://CS.example.com", Some("cs.example.com"), false));
        assert!(own.allows("https://cs.example.com", Some("cs.example.com"), true));
        assert!(
            !own.allows("https://cs.example.com", Some("cs.example.com"), false),
            "scheme matters"
        );
        assert!(!own.allows("http://cs.example.com", Some("cs.example.com"), true));
        assert!(!own.allows("http://evil.example", Some("127.0.0.1:3000"), false));
        assert!(!own.allows("http://127.0.0.1:3001", Some("127.0.0.1:3000"), false));
        assert!(!own.allows("null", Some("127.0.0.1:3000"), false));
        assert!(!own.allows("http://127.0.0.1:3000", None, false));
    }

    #[test]
    fn behind_a_proxy_the_public_url_counts() {
        let public = PublicOrigin(Some("https://cs.example.com/".into()));
        assert!(public.allows("https://cs.example.com", Some("127.0.0.1:3000"), false));
        assert!(
            !public.allows("http://cs.example.com", Some("cs.example.com"), false),
            "scheme matters"
        );
        assert!(!public.allows("https://evil.example", Some("cs.example.com"), true));
    }

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for (name, value) in pairs {
            headers.insert(*name, HeaderValue::from_static(value));
        }
        headers
    }

    #[test]
    fn without_origin_fetch_metadata_decides_and_without_either_nothing_passes() {
        let own = PublicOrigin::default();
        let host = ("host", "127.0.0.1:3000");
        assert!(own.admits(&headers(&[host, ("origin", "http://127.0.0.1:3000")]), None));
        assert!(!own.admits(&headers(&[host, ("origin", "http://evil.example")]), None));
        assert!(own.admits(&headers(&[host, ("sec-fetch-site", "same-origin")]), None));
        assert!(!own.admits(&headers(&[host, ("sec-fetch-site", "same-site")]), None));
        assert!(!own.admits(&headers(&[host, ("sec-fetch-site", "cross-site")]), None));
        assert!(!own.admits(&headers(&[host]), None));
        // Origin, when present, wins over what fetch metadata claims.
        assert!(!own.admits(
            &headers(&[
                host,
                ("origin", "http://evil.example"),
                ("sec-fetch-site", "same-origin")
            ]),
            None
        ));
        // Behind a proxy that says https.
        assert!(own.admits(
            &headers(&[
                host,
                ("origin", "https://127.0.0.1:3000"),
                ("x-forwarded-proto", "https")
            ]),
            None
        ));
    }
}
