//! Passwords: what a new one must be (12 to 128 characters, not a common one), its argon2id
//! hash, and checking one against a stored hash — off the async threads, at most two at a
//! time, each waiting a bounded time for its turn.

use argon2::{
    Argon2, PasswordHash, PasswordHasher, PasswordVerifier,
    password_hash::{SaltString, rand_core::OsRng},
};

use crate::error::AppError;

/// Argon2 takes ~19 MiB and a core per check; at most this many run at once, so a flood of
/// logins queues instead of exhausting memory.
static PASSWORD_CHECKS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);

/// How long a password check waits for its turn before the request is answered
/// [`AppError::Busy`]: a flood of logins delays real ones by at most this much.
pub const PASSWORD_QUEUE_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

async fn with_password_permit<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    let _permit = tokio::time::timeout(PASSWORD_QUEUE_WAIT, PASSWORD_CHECKS.acquire())
        .await
        .map_err(|_| {
            tracing::warn!("password checks queued too long; answered busy");
            AppError::Busy
        })?
        .map_err(|e| AppError::internal("password check queue closed", e))?;
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| AppError::internal("password task failed", e))?
}

/// The fewest characters a new password may have (ASVS 2.1.1).
pub const MIN_PASSWORD_CHARS: usize = 12;
/// The most: long passphrases fit, argon2 inputs stay small.
pub const MAX_PASSWORD_CHARS: usize = 128;

/// A password good enough to keep: 12 to 128 characters, not a common one
/// ([`super::common_passwords`]).
#[derive(Clone)]
pub struct NewPassword(String);

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

impl NewPassword {
    pub fn parse(raw: &str) -> Result<NewPassword, AppError> {
        let length = raw.chars().count();
        if !(MIN_PASSWORD_CHARS..=MAX_PASSWORD_CHARS).contains(&length) {
            return Err(AppError::invalid(
                "password",
                format!(
                    "Use a password of {MIN_PASSWORD_CHARS} to {MAX_PASSWORD_CHARS} characters"
                ),
            ));
        }
        if super::common_passwords::is_common(raw) {
            return Err(AppError::invalid(
                "password",
                "This password is too common: choose one that is harder to guess",
            ));
        }
        Ok(NewPassword(raw.to_string()))
    }

    /// The argon2id hash (PHC string) of the password; runs off the async threads.
    pub async fn hash(self) -> Result<String, AppError> {
        with_password_permit(move || {
            let salt = SaltString::generate(&mut OsRng);
            Argon2::default()
                .hash_password(self.0.as_bytes(), &salt)
                .map(|hash| hash.to_string())
                .map_err(|e| AppError::internal("password hashing failed", e))
        })
        .await
    }
}

/// Checks `password` against a stored argon2 hash, off the async threads.
pub async fn verify_password(password: String, stored_hash: String) -> Result<bool, AppError> {
    with_password_permit(move || {
        let parsed = PasswordHash::new(&stored_hash)
            .map_err(|e| AppError::internal("stored password hash is malformed", e))?;
        Ok(Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok())
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_need_twelve_characters_and_must_not_be_common() {
        let refusal = |raw: &str| match NewPassword::parse(raw) {
            Err(AppError::Invalid { field, message }) => format!("{field}: {message}"),
            other => panic!("{raw:?} was accepted: {other:?}"),
        };
        assert_eq!(
            refusal("elevenchars"),
            "password: Use a password of 12 to 128 characters"
        );
        assert!(refusal(&"x1".repeat(65)).contains("12 to 128"));
        assert_eq!(
            refusal("qwerty123456"),
            "password: This password is too common: choose one that is harder to guess"
        );
        assert!(NewPassword::parse("twelve chars").is_ok());
        // Up to 128, well past ASVS's 64.
        assert!(NewPassword::parse(&"correct horse battery staple ".repeat(4)).is_ok());
        assert_eq!(
            format!("{:?}", NewPassword::parse("twelve chars").unwrap()),
            "NewPassword(***)"
        );
    }

    #[tokio::test]
    async fn hashes_verify_only_the_right_password() {
        let hash = NewPassword::parse("correct horse battery")
            .unwrap()
            .hash()
            .await
            .unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(
            verify_password("correct horse battery".into(), hash.clone())
                .await
                .unwrap()
        );
        assert!(!verify_password("wrong horse".into(), hash).await.unwrap());
    }
}
