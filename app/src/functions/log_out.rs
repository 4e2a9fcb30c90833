//! Logging out ends the session on the server, not just the cookie.

use leptos::prelude::*;

use crate::error::AppError;

#[server(endpoint = "log_out")]
pub async fn log_out() -> Result<(), AppError> {
    use crate::{auth, db::sessions, models::Requirement, state};

    auth::respond(async move {
        auth::require(Requirement::SignedIn).await?;
        if let Some(token) = auth::request_session_token() {
            sessions::end_session(&state::db()?, &token).await?;
        }
        auth::clear_session_cookie();
        leptos_axum::redirect("/login");
        Ok(())
    })
    .await
}
