//! Server-side sessions (the cookie holds a random token; the database its SHA-256) and the
//! login attempts that throttling counts.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};

use super::Db;
use crate::{error::AppError, models::live_event::LiveEvent, on_pool, on_tx};

/// How long a session lasts without a new login.
pub const SESSION_LIFETIME: Duration = Duration::days(14);

/// The stored id of the session a token opens: its SHA-256, so the table never holds tokens.
pub fn session_id(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Opens a session for `user_id` and returns the token for the cookie.
pub async fn create_session(db: &Db, user_id: i64) -> Result<String, AppError> {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let now = Utc::now();
    on_pool!(db, pool => execute sqlx::query(
        "INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(session_id(&token))
        .bind(user_id)
        .bind(now)
        .bind(now + SESSION_LIFETIME))?;
    Ok(token)
}

/// The active user a live session token belongs to.
pub async fn session_user(db: &Db, token: &str) -> Result<Option<i64>, AppError> {
    Ok(on_pool!(db, pool => sqlx::query_scalar(
        "SELECT s.user_id FROM sessions s JOIN users u ON u.id = s.user_id \
         WHERE s.id = $1 AND s.expires_at > $2 AND u.active = $3")
        .bind(session_id(token))
        .bind(Utc::now())
        .bind(true)
        .fetch_optional(pool)
        .await)?)
}

/// Ends one session; its event streams close.
pub async fn end_session(db: &Db, token: &str) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    on_tx!(&mut tx, conn => execute sqlx::query("DELETE FROM sessions WHERE id = $1")
        .bind(session_id(token)))?;
    tx.publish(LiveEvent::SessionEnded {
        session: session_id(token),
    });
    tx.commit().await
}

/// Ends the user's sessions but the one of `kept_token` (the browser that changed the
/// password); their event streams close.
pub async fn end_other_sessions(db: &Db, user_id: i64, kept_token: &str) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    let ended: Vec<String> = on_tx!(&mut tx, conn => sqlx::query_scalar(
        "DELETE FROM sessions WHERE user_id = $1 AND id <> $2 RETURNING id")
        .bind(user_id)
        .bind(session_id(kept_token))
        .fetch_all(&mut *conn)
        .await)?;
    for session in ended {
        tx.publish(LiveEvent::SessionEnded { session });
    }
    tx.commit().await
}

/// Ends every session of a user (deactivation, password reset); their event streams close.
pub async fn end_sessions_of(db: &Db, user_id: i64) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    on_tx!(&mut tx, conn => execute sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user_id))?;
    tx.publish(LiveEvent::UserSessionsEnded { user_id });
    tx.commit().await
}

/// Failed password checks per account within [`THROTTLE_MINUTES`] before more are refused.
pub const MAX_FAILED_LOGINS: usize = 5;
pub const THROTTLE_MINUTES: i64 = 15;

/// Records an attempt to prove `account`'s password (a login, or a password change) and
/// refuses it with [`AppError::TooManyRequests`] after [`MAX_FAILED_LOGINS`] failures within
/// [`THROTTLE_MINUTES`]. Answers the attempt, for [`mark_login_succeeded`].
pub async fn throttled_attempt(
    db: &Db,
    account: &str,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    let window = chrono::Duration::minutes(THROTTLE_MINUTES);
    let attempt = record_login_attempt(db, account).await?;
    let failures = failed_logins_since(db, account, now - window).await?;
    // `failures` includes this attempt (and any running in parallel), so the throttle holds
    // against a burst of simultaneous guesses.
    if failures.len() > MAX_FAILED_LOGINS {
        forget_login_attempt(db, attempt).await?;
        let unlocks_at = failures[failures.len() - 1 - MAX_FAILED_LOGINS] + window;
        let minutes = ((unlocks_at - now).num_seconds() + 59).max(60) / 60;
        return Err(AppError::TooManyRequests(format!(
            "Too many failed attempts. Try again in {minutes} minute{}.",
            if minutes == 1 { "" } else { "s" }
        )));
    }
    Ok(attempt)
}

/// Records a login attempt as failed before the password is checked, so that parallel
/// attempts count against the throttle at once; [`mark_login_succeeded`] corrects it.
pub async fn record_login_attempt(db: &Db, email: &str) -> Result<i64, AppError> {
    Ok(on_pool!(db, pool => sqlx::query_scalar(
        "INSERT INTO login_attempts (email, attempted_at, succeeded) VALUES ($1, $2, $3) \
         RETURNING id")
        .bind(email)
        .bind(Utc::now())
        .bind(false)
        .fetch_one(pool)
        .await)?)
}

pub async fn mark_login_succeeded(db: &Db, attempt_id: i64) -> Result<(), AppError> {
    on_pool!(db, pool => execute sqlx::query("UPDATE login_attempts SET succeeded = $1 WHERE id = $2")
        .bind(true)
        .bind(attempt_id))?;
    Ok(())
}

/// Forgets an attempt that was refused by the throttle, so waiting it out is enough.
pub async fn forget_login_attempt(db: &Db, attempt_id: i64) -> Result<(), AppError> {
    on_pool!(db, pool => execute sqlx::query("DELETE FROM login_attempts WHERE id = $1")
        .bind(attempt_id))?;
    Ok(())
}

/// Deletes expired sessions and attempts older than `attempts_before`; run at every login so
/// neither table grows without bound.
pub async fn purge_expired(db: &Db, attempts_before: DateTime<Utc>) -> Result<(), AppError> {
    on_pool!(db, pool => {
        sqlx::query("DELETE FROM sessions WHERE expires_at < $1")
            .bind(Utc::now())
            .execute(pool)
            .await?;
        sqlx::query("DELETE FROM login_attempts WHERE attempted_at < $1")
            .bind(attempts_before)
            .execute(pool)
            .await?;
        Ok::<_, sqlx::Error>(())
    })?;
    Ok(())
}

/// Failed logins for `email` since `since`, oldest first.
pub async fn failed_logins_since(
    db: &Db,
    email: &str,
    since: DateTime<Utc>,
) -> Result<Vec<DateTime<Utc>>, AppError> {
    Ok(on_pool!(db, pool => sqlx::query_scalar(
        "SELECT attempted_at FROM login_attempts \
         WHERE email = $1 AND attempted_at > $2 AND succeeded = $3 ORDER BY attempted_at")
        .bind(email)
        .bind(since)
        .bind(false)
        .fetch_all(pool)
        .await)?)
}

#[cfg(test)]
mod tests {
    use super::session_id;

    #[test]
    fn tokens_are_stored_as_sha256() {
        assert_eq!(
            session_id("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
