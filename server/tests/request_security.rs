//! What every request meets before any handler, through the real router: state-changing
//! requests only from the workspace itself (Origin with its scheme, else fetch metadata, else
//! refused), the security headers on every response with a per-page script nonce, and the
//! session cookie named `__Host-…` and `Secure` whenever the workspace is reached over https.

mod demo_router;
mod fake_site;
mod router_lock;

use app::auth::{SECURE_SESSION_COOKIE, SESSION_COOKIE};
use axum::{
    body::Body,
    http::{Request, StatusCode, header},
};
use demo_router::{demo_router as router, send};

/// A login POST for the demo CSM carrying `extra` headers (besides Host).
fn log_in(extra: &[(&str, &str)]) -> Request<Body> {
    let mut request = Request::post("/api/log_in")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::HOST, "127.0.0.1:3000");
    for (name, value) in extra {
        request = request.header(*name, *value);
    }
    request
        .body(Body::from("email=csm%40example.com&password=demo-password"))
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_requests_sent_from_the_workspace_change_anything() {
    let (_folder, _db, router) = router(None).await;
    let refused = [
        vec![],
        vec![("origin", "http://evil.example")],
        vec![("origin", "null")],
        // The right host over the wrong scheme.
        vec![("origin", "https://127.0.0.1:3000")],
        vec![("sec-fetch-site", "cross-site")],
        vec![("sec-fetch-site", "same-site")],
        vec![
            ("origin", "http://evil.example"),
            ("sec-fetch-site", "same-origin"),
        ],
    ];
    for headers in refused {
        let (status, response_headers, body) = send(&router, log_in(&headers)).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{headers:?}: {body}");
        assert!(
            response_headers.get(header::SET_COOKIE).is_none(),
            "{headers:?} logged in"
        );
    }
    let admitted = [
        vec![("origin", "http://127.0.0.1:3000")],
        vec![("sec-fetch-site", "same-origin")],
        vec![
            ("origin", "https://127.0.0.1:3000"),
            ("x-forwarded-proto", "https"),
        ],
    ];
    for headers in admitted {
        let (status, response_headers, body) = send(&router, log_in(&headers)).await;
        assert!(
            status.is_success() || status.is_redirection(),
            "{headers:?}: {status} {body}"
        );
        assert!(
            response_headers.get(header::SET_COOKIE).is_some(),
            "{headers:?} did not log in"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_response_carries_the_security_headers_and_pages_a_fresh_nonce() {
    let (_folder, _db, router) = router(None).await;
    let page = || {
        Request::get("/login")
            .header(header::HOST, "127.0.0.1:3000")
            .body(Body::empty())
            .unwrap()
    };
    let (status, headers, html) = send(&router, page()).await;
    assert_eq!(status, StatusCode::OK);
    let policy = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .unwrap_or_else(|| panic!("no nonce in {policy}"));
    assert!(nonce.len() >= 16, "{nonce}");
    assert!(policy.contains("'wasm-unsafe-eval'"), "{policy}");
    assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
    // Every inline script of the page carries it; none goes without.
    let scripts = html.matches("<script").count();
    assert!(scripts > 0, "the page has its hydration script");
    assert_eq!(
        html.matches(&format!("nonce=\"{nonce}\"")).count(),
        scripts,
        "{html}"
    );
    let (_, again, _) = send(&router, page()).await;
    assert_ne!(
        again[header::CONTENT_SECURITY_POLICY],
        headers[header::CONTENT_SECURITY_POLICY],
        "a new nonce per response"
    );

    for path in ["/login", "/health", "/favicon.svg", "/no-such-page"] {
        let request = Request::get(path)
            .header(header::HOST, "127.0.0.1:3000")
            .body(Body::empty())
            .unwrap();
        let (_, headers, _) = send(&router, request).await;
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{path}");
        assert_eq!(headers[header::X_FRAME_OPTIONS], "DENY", "{path}");
        assert_eq!(headers[header::REFERRER_POLICY], "same-origin", "{path}");
        assert!(
            headers[header::CONTENT_SECURITY_POLICY]
                .to_str()
                .unwrap()
                .contains("script-src 'self'"),
            "{path}"
        );
        assert!(
            headers.get(header::STRICT_TRANSPORT_SECURITY).is_none(),
            "no HSTS over http: {path}"
        );
    }
    // A refused request carries them too.
    let (status, headers, _) = send(&router, log_in(&[])).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_https_the_cookie_is_host_prefixed_and_secure_and_hsts_is_sent() {
    let (_folder, _db, router) = router(Some("https://cs.example.com")).await;
    // The proxy in front sends no X-Forwarded-Proto: the public URL decides.
    let (status, headers, body) =
        send(&router, log_in(&[("origin", "https://cs.example.com")])).await;
    assert!(
        status.is_success() || status.is_redirection(),
        "{status} {body}"
    );
    let cookie = headers[header::SET_COOKIE].to_str().unwrap().to_string();
    assert!(
        cookie.starts_with(&format!("{SECURE_SESSION_COOKIE}=")),
        "{cookie}"
    );
    for attribute in ["Secure", "HttpOnly", "Path=/", "SameSite=Lax"] {
        assert!(cookie.contains(attribute), "{attribute}: {cookie}");
    }
    assert!(!cookie.contains("Domain"), "{cookie}");
    assert_eq!(
        headers[header::STRICT_TRANSPORT_SECURITY],
        "max-age=31536000"
    );
    let token = cookie
        .split(';')
        .next()
        .and_then(|pair| pair.split_once('='))
        .map(|(_, token)| token.to_string())
        .unwrap();

    let page = |cookie: String| {
        Request::get("/customers")
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::COOKIE, cookie)
            .body(Body::empty())
            .unwrap()
    };
    let (status, _, _) = send(&router, page(format!("{SECURE_SESSION_COOKIE}={token}"))).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "the __Host- cookie opens the session"
    );
    // The same token under the plain name (planted by a sibling subdomain) does not.
    let (status, headers, _) = send(&router, page(format!("{SESSION_COOKIE}={token}"))).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers[header::LOCATION], "/login");
}
