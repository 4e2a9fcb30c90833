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
        Db, sessions,
        users::{self, NewPassword},
        workspaces,
    },
    error::AppError,
    models::{Requirement, Viewer, time_zone::ViewerZone},
    state,
};

pub const SESSION_COOKIE: &str = "csw_session";

/// The session token in a request's cookies.
pub fn session_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| Cookie::split_parse(value).filter_map(Result::ok))
        .find(|cookie| cookie.name() == SESSION_COOKIE)
        .map(|cookie| cookie.value().to_string())
}

/// The active user behind a session token, with their permissions.
pub async fn viewer_for_token(db: &Db, token: &str) -> Result<Option<Viewer>, AppError> {
    let Some(user_id) = sessions::session_user(db, token).await? else {
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
    request_parts().and_then(|parts| session_token(&parts.headers))
}

/// The signed-in user of the request being served, if any. A page request arrives with the
/// viewer the session middleware already loaded; server functions look it up here.
pub async fn current_viewer() -> Result<Option<Viewer>, AppError> {
    if let Some(viewer) =
        request_parts().and_then(|parts| parts.extensions.get::<Viewer>().cloned())
    {
        return Ok(Some(viewer));
    }
    let db = state::db()?;
    match request_session_token() {
        Some(token) => viewer_for_token(&db, &token).await,
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

fn served_over_https() -> bool {
    request_parts().is_some_and(|parts| {
        parts.uri.scheme_str() == Some("https")
            || parts
                .headers
                .get("x-forwarded-proto")
                .is_some_and(|proto| proto.as_bytes().eq_ignore_ascii_case(b"https"))
    })
}

fn set_cookie(cookie: Cookie<'_>) {
    if let (Some(response), Ok(value)) = (
        use_context::<ResponseOptions>(),
        HeaderValue::from_str(&cookie.to_string()),
    ) {
        response.append_header(header::SET_COOKIE, value);
    }
}

/// Hands the browser its session cookie: HttpOnly, SameSite=Lax, Secure over https.
pub fn set_session_cookie(token: &str) {
    let lifetime = sessions::SESSION_LIFETIME.num_seconds();
    set_cookie(
        Cookie::build((SESSION_COOKIE, token.to_string()))
            .path("/")
            .http_only(true)
            .same_site(SameSite::Lax)
            .secure(served_over_https())
            .max_age(cookie::time::Duration::seconds(lifetime))
            .build(),
    );
}

pub fn clear_session_cookie() {
    set_cookie(
        Cookie::build((SESSION_COOKIE, ""))
            .path("/")
            .http_only(true)
            .same_site(SameSite::Lax)
            .secure(served_over_https())
            .max_age(cookie::time::Duration::ZERO)
            .build(),
    );
}

/// Checks a password against a throwaway hash, so that an unknown email takes as long to
/// refuse as a wrong password and response times reveal nothing.
pub async fn spend_a_password_check(password: String) {
    static DUMMY: OnceCell<String> = OnceCell::const_new();
    let hash = DUMMY
        .get_or_try_init(|| async {
            NewPassword::parse("not-a-real-account-password")?
                .hash()
                .await
        })
        .await;
    if let Ok(hash) = hash {
        let _ = users::verify_password(password, hash.clone()).await;
    }
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
        assert_eq!(session_token(&headers).as_deref(), Some("abc123"));
        headers.insert(header::COOKIE, HeaderValue::from_static("theme=dark"));
        assert_eq!(session_token(&headers), None);
    }
}
