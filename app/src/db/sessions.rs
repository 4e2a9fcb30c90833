//! Server-side sessions (the cookie holds a random token; the database its SHA-256) and the
//! login attempts that throttling counts.
//!
//! A session ends after [`SessionPolicy::idle_timeout`] without use or
//! [`SessionPolicy::lifetime`] after login, whichever comes first. Use slides the idle window
//! by writing `last_seen_at` at most once per [`SessionPolicy::touch_interval`], not per
//! request.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};

use super::Db;
use crate::{error::AppError, models::live_event::LiveEvent, on_pool, on_tx};

/// How long sessions last, and whether their cookie may travel only over https.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionPolicy {
    /// A session not used for this long ends.
    pub idle_timeout: Duration,
    /// A session ends this long after login, used or not.
    pub lifetime: Duration,
    /// The workspace is reached over https (`--public-url https://…`): the cookie is
    /// `Secure` and `__Host-` prefixed even when the proxy does not say so.
    pub https: bool,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        SessionPolicy {
            idle_timeout: Duration::hours(2),
            lifetime: Duration::hours(12),
            https: false,
        }
    }
}

impl SessionPolicy {
    /// How stale `last_seen_at` may get before a use writes it again: a twentieth of the idle
    /// timeout, at most a minute — a session ends at most that much early.
    pub fn touch_interval(&self) -> Duration {
        (self.idle_timeout / 20).min(Duration::minutes(1))
    }
}

/// Whether a session lookup is the person using the workspace (a page, a server function),
/// which keeps the session alive, or a background check (an open live-update stream), which
/// does not: a tab left open still times out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionUse {
    Active,
    Check,
}

/// The stored id of the session a token opens: its SHA-256, so the table never holds tokens.
pub fn session_id(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Opens a session for `user_id` at `now` and returns the token for the cookie.
pub async fn create_session(
    db: &Db,
    policy: &SessionPolicy,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    on_pool!(db, pool => execute sqlx::query(
        "INSERT INTO sessions (id, user_id, created_at, expires_at, last_seen_at) \
         VALUES ($1, $2, $3, $4, $3)")
        .bind(session_id(&token))
        .bind(user_id)
        .bind(now)
        .bind(now + policy.lifetime))?;
    Ok(token)
}

/// The active user a live session token belongs to at `now`; an [`SessionUse::Active`] use
/// slides the idle window.
pub async fn session_user(
    db: &Db,
    policy: &SessionPolicy,
    token: &str,
    now: DateTime<Utc>,
    usage: SessionUse,
) -> Result<Option<i64>, AppError> {
    let id = session_id(token);
    let found: Option<(i64, DateTime<Utc>)> = on_pool!(db, pool => sqlx::query_as(
        "SELECT s.user_id, s.last_seen_at FROM sessions s JOIN users u ON u.id = s.user_id \
         WHERE s.id = $1 AND s.expires_at > $2 AND s.last_seen_at > $3 AND u.active = $4")
        .bind(&id)
        .bind(now)
        .bind(now - policy.idle_timeout)
        .bind(true)
        .fetch_optional(pool)
        .await)?;
    let Some((user_id, last_seen_at)) = found else {
        return Ok(None);
    };
    if usage == SessionUse::Active && now - last_seen_at >= policy.touch_interval() {
        on_pool!(db, pool => execute sqlx::query(
            "UPDATE sessions SET last_seen_at = $1 WHERE id = $2 AND last_seen_at < $1")
            .bind(now)
            .bind(&id))?;
    }
    Ok(Some(user_id))
}
/// Ends one session; its event streams close. Answers whose it was, if it was still there.
pub async fn end_session(db: &Db, token: &str) -> Result<Option<i64>, AppError> {
    let mut tx = db.begin().await?;
    let user: Option<i64> = on_tx!(&mut tx, conn => sqlx::query_scalar(
        "DELETE FROM sessions WHERE id = $1 RETURNING user_id")
        .bind(session_id(token))
        .fetch_optional(&mut *conn)
        .await)?;
    tx.publish(LiveEvent::SessionEnded {
        session: session_id(token),
    });
    tx.commit().await?;
    Ok(user)
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

/// How far back failed password checks count.
pub const THROTTLE_MINUTES: i64 = 15;

/// The failed password checks within [`THROTTLE_MINUTES`] beyond which more are refused:
/// per account from one client address (a person mistyping, or a guesser), per account from
/// anywhere (a backstop against guessing from many addresses, looser so that one address
/// cannot lock an account for everyone), and per address whatever the account (credential
/// stuffing).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThrottleScope {
    AccountFromAddress,
    Account,
    Address,
}

impl ThrottleScope {
    /// What a lockout in this scope means, for the audit log.
    pub fn lockout(self) -> String {
        let (limit, minutes) = (self.limit(), THROTTLE_MINUTES);
        match self {
            ThrottleScope::AccountFromAddress => {
                format!("Locked from this address for {minutes} minutes after {limit} failures")
            }
            ThrottleScope::Account => {
                format!("Locked from everywhere for {minutes} minutes after {limit} failures")
            }
            ThrottleScope::Address => format!(
                "This address locked out of every account for {minutes} minutes after {limit} failures"
            ),
        }
    }

    const ALL: [ThrottleScope; 3] = [
        ThrottleScope::AccountFromAddress,
        ThrottleScope::Account,
        ThrottleScope::Address,
    ];

    pub const fn limit(self) -> usize {
        match self {
            ThrottleScope::AccountFromAddress => 5,
            ThrottleScope::Account => 50,
            ThrottleScope::Address => 30,
        }
    }

    /// The `WHERE` condition picking this scope's attempts, with the keys it binds.
    fn condition<'k>(self, email: &'k str, address: &'k str) -> (&'static str, Vec<&'k str>) {
        match self {
            ThrottleScope::AccountFromAddress => {
                ("email = $1 AND client_address = $2", vec![email, address])
            }
            ThrottleScope::Account => ("email = $1", vec![email]),
            ThrottleScope::Address => ("client_address = $1", vec![address]),
        }
    }
}

/// An attempt the throttle let through.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Attempt {
    /// For [`mark_login_succeeded`].
    pub id: i64,
    /// If this attempt fails, the next ones are refused: it reaches this scope's limit (the
    /// moment a lockout begins, which the audit log records).
    pub locks_if_failed: Option<ThrottleScope>,
}

/// Records an attempt to prove `account`'s password (a login, or a password change) from
/// `address` (the client's IP, empty when unknown) and refuses it with
/// [`AppError::TooManyRequests`] once any [`ThrottleScope`] has more failures than its limit.
pub async fn throttled_attempt(
    db: &Db,
    account: &str,
    address: &str,
    now: DateTime<Utc>,
) -> Result<Attempt, AppError> {
    let window = Duration::minutes(THROTTLE_MINUTES);
    let id = record_login_attempt(db, account, address, now).await?;
    let mut unlocks_at: Option<DateTime<Utc>> = None;
    let mut locks_if_failed = None;
    for scope in ThrottleScope::ALL {
        let failures = failed_logins_since(db, scope, account, address, now - window).await?;
        // `failures` includes this attempt (and any running in parallel), so the throttle
        // holds against a burst of simultaneous guesses.
        if failures.len() > scope.limit() {
            let at = failures[failures.len() - 1 - scope.limit()] + window;
            unlocks_at = Some(unlocks_at.map_or(at, |known| known.max(at)));
        } else if failures.len() == scope.limit() {
            locks_if_failed = locks_if_failed.or(Some(scope));
        }
    }
    if let Some(unlocks_at) = unlocks_at {
        forget_login_attempt(db, id).await?;
        let minutes = ((unlocks_at - now).num_seconds() + 59).max(60) / 60;
        return Err(AppError::TooManyRequests(format!(
            "Too many failed attempts. Try again in {minutes} minute{}.",
            if minutes == 1 { "" } else { "s" }
        )));
    }
    Ok(Attempt {
        id,
        locks_if_failed,
    })
}

/// Records a login attempt as failed before the password is checked, so that parallel
/// attempts count against the throttle at once; [`mark_login_succeeded`] corrects it.
async fn record_login_attempt(
    db: &Db,
    email: &str,
    address: &str,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    Ok(on_pool!(db, pool => sqlx::query_scalar(
        "INSERT INTO login_attempts (email, client_address, attempted_at, succeeded) \
         VALUES ($1, $2, $3, $4) RETURNING id")
        .bind(email)
        .bind(address)
        .bind(now)
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
async fn forget_login_attempt(db: &Db, attempt_id: i64) -> Result<(), AppError> {
    on_pool!(db, pool => execute sqlx::query("DELETE FROM login_attempts WHERE id = $1")
        .bind(attempt_id))?;
    Ok(())
}

/// Deletes the sessions that ended by `now` and the login attempts too old to count; the
/// server runs it every few minutes ([`crate::db::sessions::purge_regularly`]).
pub async fn purge_expired(
    db: &Db,
    policy: &SessionPolicy,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    on_pool!(db, pool => {
        sqlx::query("DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2")
            .bind(now)
            .bind(now - policy.idle_timeout)
            .execute(pool)
            .await?;
        sqlx::query("DELETE FROM login_attempts WHERE attempted_at < $1")
            .bind(now - Duration::minutes(THROTTLE_MINUTES))
            .execute(pool)
            .await?;
        Ok::<_, sqlx::Error>(())
    })?;
    Ok(())
}

/// How often [`purge_regularly`] runs.
const PURGE_EVERY: std::time::Duration = std::time::Duration::from_secs(5 * 60);

/// Runs [`purge_expired`] now and every [`PURGE_EVERY`], for the server's lifetime.
pub async fn purge_regularly(db: Db, policy: SessionPolicy) {
    let mut every = tokio::time::interval(PURGE_EVERY);
    loop {
        every.tick().await;
        if let Err(error) = purge_expired(&db, &policy, Utc::now()).await {
            tracing::warn!(%error, "could not purge ended sessions and old login attempts");
        }
    }
}

/// Failed password checks in `scope` since `since`, oldest first.
async fn failed_logins_since(
    db: &Db,
    scope: ThrottleScope,
    email: &str,
    address: &str,
    since: DateTime<Utc>,
) -> Result<Vec<DateTime<Utc>>, AppError> {
    let (condition, keys) = scope.condition(email, address);
    let sql = format!(
        "SELECT attempted_at FROM login_attempts \
         WHERE {condition} AND attempted_at > ${} AND succeeded = ${} ORDER BY attempted_at",
        keys.len() + 1,
        keys.len() + 2
    );
    Ok(on_pool!(db, pool => {
        let mut query = sqlx::query_scalar(&sql);
        for key in &keys {
            query = query.bind(*key);
        }
        query.bind(since).bind(false).fetch_all(pool).await
    })?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_stored_as_sha256() {
        assert_eq!(
            session_id("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn use_is_written_at_most_once_a_minute() {
        let policy = SessionPolicy::default();
        assert_eq!(policy.touch_interval(), Duration::minutes(1));
        let short = SessionPolicy {
            idle_timeout: Duration::minutes(10),
            ..policy
        };
        assert_eq!(short.touch_interval(), Duration::seconds(30));
    }
}
