//! Logging in: checks the password, throttles repeated failures, opens a server-side session.

use leptos::prelude::*;

use crate::error::AppError;

#[server(endpoint = "log_in", output = super::binary_answer::BinaryAnswer)]
pub async fn log_in(
    email: String,
    password: String,
    /// The browser's IANA time zone, taken if the user has none yet.
    #[server(default)]
    time_zone: String,
) -> Result<(), AppError> {
    use chrono::Utc;

    use crate::{
        auth,
        db::{
            audit_log::PasswordCheck,
            passwords, profiles,
            sessions::{self, SessionUse},
            users::{self, EmailAddress},
        },
        models::time_zone::ViewerZone,
        state,
    };

    auth::respond(async move {
        let state = state::current()?;
        let db = &state.db;
        let incorrect = || AppError::invalid("credentials", "Email or password is incorrect");
        let account = email.trim().to_lowercase();
        if account.len() > 254 {
            return Err(incorrect());
        }
        let now = Utc::now();
        let address = auth::request_client_address();
        let attempt = sessions::throttled_attempt(db, &account, &address, now).await?;
        let user = match EmailAddress::parse(&email) {
            Ok(email_address) => users::user_by_email(db, &email_address).await?,
            Err(_) => None,
        };
        let verified = match &user {
            Some(user) if user.active => {
                passwords::verify_password(password, user.password_hash.clone()).await?
            }
            _ => {
                auth::spend_a_password_check(password).await?;
                false
            }
        };
        let check = PasswordCheck {
            account: &account,
            user: user.as_ref().map(|user| user.id),
            address: &address,
            via: "Login",
        };
        if !verified {
            check.record_failure(db, attempt.locks_if_failed).await?;
            return Err(incorrect());
        }
        sessions::mark_login_succeeded(db, attempt.id).await?;
        check.record_success(db).await?;
        let Some(user) = user else {
            return Err(incorrect());
        };
        // A new session id at every login; the one this browser had before ends.
        if let Some(previous) = auth::request_session_token() {
            sessions::end_session(db, &previous).await?;
        }
        if user.time_zone.is_none()
            && let Ok(zone) = ViewerZone::parse(&time_zone)
        {
            profiles::adopt_time_zone(db, user.id, zone).await?;
        }
        let token = sessions::create_session(db, &state.sessions, user.id, now).await?;
        auth::set_session_cookie(&state.sessions, &token);
        let viewer = auth::viewer_for_token(db, &state.sessions, &token, SessionUse::Check)
            .await?
            .ok_or_else(|| AppError::internal("login", "new session has no viewer"))?;
        leptos_axum::redirect(viewer.home_path());
        Ok(())
    })
    .await
}
