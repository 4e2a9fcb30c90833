//! Logging out ends the session on the server, not just the cookie. A session that already
//! ended (expired, or ended elsewhere) logs out all the same: the cookie is cleared and the
//! browser goes to the login page, rather than being told to log in in order to log out.

use leptos::prelude::*;

use crate::error::AppError;

#[server(endpoint = "log_out", output = super::binary_answer::BinaryAnswer)]
pub async fn log_out() -> Result<(), AppError> {
    use crate::{
        auth,
        db::{audit_log, sessions},
        models::audit::AuditKind,
        state,
    };

    auth::respond(async move {
        // Open to anyone, like logging in: whoever holds the cookie may end its session.
        let state = state::current()?;
        let token = auth::request_session_token();
        let ended = match &token {
            Some(token) => sessions::end_session(&state.db, token).await?,
            None => None,
        };
        if let Some(user) = ended {
            let details = vec!["Ended the session".to_string()];
            audit_log::record_account_event(&state.db, AuditKind::LoggedOut, user, user, details)
                .await?;
        }
        auth::clear_session_cookie(&state.sessions);
        leptos_axum::redirect("/login");
        Ok(())
    })
    .await
}
