//! Who is calling: the session cookie, the viewer it belongs to, and the guard every server
//! function calls first ([`require`]). The UI hides what a user cannot do, but only this guard
//! decides.

use std::future::Future;

use axum::http::{HeaderMap, HeaderValue, StatusCode, header, request::Parts};
use cookie::{Cookie, SameSite};
use leptos::prelude::*;
use leptos_axum::ResponseOptions;
use tokio::sync::OnceCell;

use crate::{
    db::{
        Db,
        passwords::{self, NewPassword},
        sessions::{self, SessionPolicy, SessionUse},
        users, workspaces,
    },
    error::AppError,
    models::{Requirement, Viewer, time_zone::ViewerZone},
    state,
};

/// The session cookie's name over plain http (development, a private network).
pub const SESSION_COOKIE: &str = "csw_session";
/// Its name over https: browsers keep a `__Host-` cookie only if it is `Secure`, for this host
/// alone and the whole site, so a sibling subdomain cannot plant or shadow it.
pub const SECURE_SESSION_COOKIE: &str = "__Host-csw_session";

/// Whether the browser reached the workspace over https: configured so (`--public-url`), or
/// said so by the proxy in front.
pub fn over_https(policy: &SessionPolicy, headers: &HeaderMap) -> bool {
    policy.https
        || headers
            .get("x-forwarded-proto")
            .is_some_and(|proto| proto.as_bytes().eq_ignore_ascii_case(b"https"))
}

fn session_cookie_name(https: bool) -> &'static str {
    if https {
        SECURE_SESSION_COOKIE
    } else {
        SESSION_COOKIE
    }
}

/// The session token in a request's cookies: over https only the `__Host-` cookie counts.
pub fn session_token(policy: &SessionPolicy, headers: &HeaderMap) -> Option<String> {
    let name = session_cookie_name(over_https(policy, headers));
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| Cookie::split_parse(value).filter_map(Result::ok))
        .find(|cookie| cookie.name() == name)
        .map(|cookie| cookie.value().to_string())
}

/// The active user behind a session token now, with their permissions; `usage` says whether
/// this use keeps the session alive.
pub async fn viewer_for_token(
    db: &Db,
    policy: &SessionPolicy,
    token: &str,
    usage: SessionUse,
) -> Result<Option<Viewer>, AppError> {
    let now = chrono::Utc::now();
    let Some(user_id) = sessions::session_user(db, policy, token, now, usage).await? else {
        return Ok(None);
    };
    viewer_for_user(db, user_id).await
}

/// A user as a viewer, with their permissions, workspace and zone (a super admin viewing
/// another user's Summary sees it as that user would).
pub async fn viewer_for_user(db: &Db, user_id: i64) -> Result<Option<Viewer>, AppError> {
    let Some(user) = users::user_by_id(db, user_id)
        .await?
        .filter(|user| user.active)
    else {
        return Ok(None);
    };
    let permissions = users::permissions_of(db, user_id).await?;
    let workspace = workspaces::viewer_workspace(db, user_id).await?;
    // A zone no longer known (a renamed IANA zone) falls back to UTC rather than failing.
    let time_zone = user
        .time_zone
        .as_deref()
        .and_then(|name| ViewerZone::parse(name).ok())
        .unwrap_or_default();
    Ok(Some(Viewer {
        id: user.id,
        name: user.name,
        email: user.email,
        permissions,
        workspace,
        time_zone,
    }))
}

fn request_parts() -> Option<Parts> {
    use_context::<Parts>()
}

/// The session token of the request being served.
pub fn request_session_token() -> Option<String> {
    let policy = state::current().ok()?.sessions;
    request_parts().and_then(|parts| session_token(&policy, &parts.headers))
}

/// The client's IP address, as [`ClientAddress`] found it for the request being served;
/// empty when unknown.
pub fn request_client_address() -> String {
    request_parts()
        .and_then(|parts| parts.extensions.get::<ClientAddress>().cloned())
        .map(|address| address.0)
        .unwrap_or_default()
}

/// The address a request came from — the peer, or behind a trusted proxy the address that
/// proxy forwarded — put in the request's extensions by the server. Login throttling counts
/// failures by it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClientAddress(pub String);

/// The signed-in user of the request being served, if any. A page request arrives with the
/// viewer the session middleware already loaded; server functions look it up here.
pub async fn current_viewer() -> Result<Option<Viewer>, AppError> {
    if let Some(viewer) =
        request_parts().and_then(|parts| parts.extensions.get::<Viewer>().cloned())
    {
        return Ok(Some(viewer));
    }
    let state = state::current()?;
    match request_session_token() {
        Some(token) => {
            viewer_for_token(&state.db, &state.sessions, &token, SessionUse::Active).await
        }
        None => Ok(None),
    }
}

/// The guard: refuses unless the caller meets `requirement`, and returns who the caller is.
pub async fn require(requirement: Requirement) -> Result<Viewer, AppError> {
    let viewer = current_viewer().await?;
    requirement.check(viewer.as_ref())?;
    viewer.ok_or(AppError::Unauthenticated)
}

/// Whether the request is a plain HTML form post (no JavaScript), which is answered with a
/// redirect back to the form carrying the error, not with an error status.
fn is_plain_form_post() -> bool {
    request_parts().is_some_and(|parts| {
        parts
            .headers
            .get(header::ACCEPT)
            .and_then(|accept| accept.to_str().ok())
            .is_some_and(|accept| accept.contains("text/html"))
    })
}

/// Runs a server function's body and answers a failure with its HTTP status (401, 403, 422, …)
/// instead of a blanket 500.
pub async fn respond<T>(work: impl Future<Output = Result<T, AppError>>) -> Result<T, AppError> {
    let result = work.await;
    if result.is_err() && is_plain_form_post() {
        return result;
    }
    if let (Err(error), Some(response)) = (&result, use_context::<ResponseOptions>()) {
        let status =
            StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        response.set_status(status);
    }
    result
}

/// Whether the request being served reached the workspace over https.
fn served_over_https(policy: &SessionPolicy) -> bool {
    request_parts().is_some_and(|parts| over_https(policy, &parts.headers))
}

fn set_cookie(cookie: Cookie<'_>) {
    if let (Some(response), Ok(value)) = (
        use_context::<ResponseOptions>(),
        HeaderValue::from_str(&cookie.to_string()),
    ) {
        response.append_header(header::SET_COOKIE, value);
    }
}

/// The session cookie: HttpOnly, SameSite=Lax, for the whole site; over https `Secure` and
/// `__Host-` prefixed. It lasts as long as the session can.
fn session_cookie(
    policy: &SessionPolicy,
    value: &str,
    max_age: cookie::time::Duration,
) -> Cookie<'static> {
    let https = served_over_https(policy);
    Cookie::build((session_cookie_name(https), value.to_string()))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(https)
        .max_age(max_age)
        .build()
}

/// Hands the browser its session cookie.
pub fn set_session_cookie(policy: &SessionPolicy, token: &str) {
    let lifetime = cookie::time::Duration::seconds(policy.lifetime.num_seconds());
    set_cookie(session_cookie(policy, token, lifetime));
}

pub fn clear_session_cookie(policy: &SessionPolicy) {
    set_cookie(session_cookie(policy, "", cookie::time::Duration::ZERO));
}

/// Checks a password against a throwaway hash, so that an unknown email takes as long to
/// refuse as a wrong password and response times reveal nothing — also when the checks are
/// too busy ([`AppError::Busy`], as for a known email).
pub async fn spend_a_password_check(password: String) -> Result<(), AppError> {
    static DUMMY: OnceCell<String> = OnceCell::const_new();
    let hash = DUMMY
        .get_or_try_init(|| async {
            NewPassword::parse("not-a-real-account-password")?
                .hash()
                .await
        })
        .await;
    let hash = hash?;
    passwords::verify_password(password, hash.clone()).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_session_token_is_found_among_other_cookies() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("theme=dark; csw_session=abc123; x=1"),
        );
        let plain = SessionPolicy::default();
        assert_eq!(session_token(&plain, &headers).as_deref(), Some("abc123"));
        headers.insert(header::COOKIE, HeaderValue::from_static("theme=dark"));
        assert_eq!(session_token(&plain, &headers), None);
    }

    #[test]
    fn over_https_only_the_host_prefixed_cookie_counts() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("csw_session=planted; __Host-csw_session=mine"),
        );
        let https = SessionPolicy {
            https: true,
            ..SessionPolicy::default()
        };
        assert_eq!(session_token(&https, &headers).as_deref(), Some("mine"));
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("csw_session=planted"),
        );
        assert_eq!(session_token(&https, &headers), None);
        // Behind a proxy that says https, without --public-url, the same.
        headers.insert("x-forwarded-proto", HeaderValue::from_static("https"));
        assert_eq!(session_token(&SessionPolicy::default(), &headers), None);
    }
}
