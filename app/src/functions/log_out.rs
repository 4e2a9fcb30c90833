//! Logging out ends the session on the server, not just the cookie. A session that already
//! ended (expired, or ended elsewhere) logs out all the same: the cookie is cleared and the
//! browser goes to the login page, rather than being told to log in in order to log out.

use leptos::prelude::*;

use crate::error::AppError;

#[server(endpoint = "log_out")]
pub async fn log_out() -> Result<(), AppError> {
    use crate::{auth, db::sessions, state};

    auth::respond(async move {
        // Open to anyone, like logging in: whoever holds the cookie may end its session.
        let state = state::current()?;
        if let Some(token) = auth::request_session_token() {
            sessions::end_session(&state.db, &token).await?;
        }
        auth::clear_session_cookie(&state.sessions);
        leptos_axum::redirect("/login");
        Ok(())
    })
    .await
}
