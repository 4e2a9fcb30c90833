//! Headers every response carries, so browsers enforce what the workspace expects of them:
//! the Content-Security-Policy (pages set their own, with the nonce of their inline scripts;
//! see [`app::page_policy`]), no MIME sniffing, no framing, no full URLs — which can name
//! customers — in the `Referer` sent elsewhere, and over https, HSTS.

use axum::{
    extract::{Request, State},
    http::{HeaderName, HeaderValue, header},
    middleware::Next,
    response::Response,
};

/// Whether the workspace is reached over https (`--public-url https://…`), which turns HSTS on.
#[derive(Clone, Copy, Debug, Default)]
pub struct ServedOverHttps(pub bool);

/// One year, the usual HSTS lifetime; subdomains are left to their own servers.
const HSTS: &str = "max-age=31536000";

pub async fn add_security_headers(
    State(https): State<ServedOverHttps>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY)
        && let Ok(policy) = HeaderValue::from_str(&app::page_policy::content_security_policy(None))
    {
        headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    let fixed: [(HeaderName, &str); 3] = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "same-origin"),
    ];
    for (name, value) in fixed {
        headers.insert(name, HeaderValue::from_static(value));
    }
    if https.0 {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        );
    }
    response
}
