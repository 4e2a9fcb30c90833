//! What users change about themselves: their time zone and their password.

use chrono::Utc;

use super::{
    Db,
    audit_log::{self, PasswordCheck},
    passwords::{self, NewPassword},
    sessions, users,
};
use crate::{
    error::AppError,
    models::{audit::AuditKind, time_zone::ViewerZone},
    on_pool,
};

/// Sets the user's time zone.
pub async fn set_time_zone(db: &Db, user_id: i64, zone: ViewerZone) -> Result<(), AppError> {
    on_pool!(db, pool => execute sqlx::query("UPDATE users SET time_zone = $1 WHERE id = $2")
        .bind(zone.name())
        .bind(user_id))?;
    Ok(())
}

/// Takes `zone` (the browser's, at login) unless the user already has one.
pub async fn adopt_time_zone(db: &Db, user_id: i64, zone: ViewerZone) -> Result<(), AppError> {
    on_pool!(db, pool => execute sqlx::query(
        "UPDATE users SET time_zone = $1 WHERE id = $2 AND time_zone IS NULL")
        .bind(zone.name())
        .bind(user_id))?;
    Ok(())
}

/// Changes the user's password after checking the current one; the new one follows the same
/// rules as an admin's reset. A wrong current password is refused on its field. The user's
/// other sessions end; the one of `kept_token` (the browser that changed it) stays.
pub async fn change_password(
    db: &Db,
    user_id: i64,
    current: String,
    new: &str,
    kept_token: &str,
    client_address: &str,
) -> Result<(), AppError> {
    let new = NewPassword::parse(new).map_err(|error| match error {
        AppError::Invalid { message, .. } => AppError::invalid("new_password", message),
        other => other,
    })?;
    let user = users::user_by_id(db, user_id)
        .await?
        .ok_or_else(|| AppError::not_found("The user"))?;
    // Guesses here count with failed logins: a borrowed session cannot try passwords freely.
    let account = user.email.to_lowercase();
    let attempt = sessions::throttled_attempt(db, &account, client_address, Utc::now()).await?;
    if !passwords::verify_password(current, user.password_hash).await? {
        let check = PasswordCheck {
            account: &account,
            user: Some(user_id),
            address: client_address,
            via: "Change password",
        };
        check.record_failure(db, attempt.locks_if_failed).await?;
        return Err(AppError::invalid(
            "current_password",
            "The current password is incorrect",
        ));
    }
    sessions::mark_login_succeeded(db, attempt.id).await?;
    users::set_password(db, user_id, new).await?;
    sessions::end_other_sessions(db, user_id, kept_token).await?;
    let details = vec!["Their other sessions ended".to_string()];
    audit_log::record_account_event(db, AuditKind::PasswordChanged, user_id, user_id, details).await
}
