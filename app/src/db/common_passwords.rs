//! Passwords too common to accept, however long. `common_passwords.txt` holds the 20,000
//! passwords found most often in breaches (the list Django ships with its
//! `CommonPasswordValidator`, BSD-licensed, compiled by Royce Williams), lower-cased, ASCII
//! only. A password counts as common when it is on the list, when what remains after trimming
//! digits and symbols from both ends is ("password1234", "!!iloveyou2024"), or when it has
//! fewer than five different characters ("aaaaaaaaaaaa", "121212121212").

use std::{collections::HashSet, sync::LazyLock};

static COMMON: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| include_str!("common_passwords.txt").lines().collect());

/// Fewer different characters than this make a password common whatever its length.
const MIN_DISTINCT_CHARACTERS: usize = 5;

/// Whether `password` is too common to accept.
pub fn is_common(password: &str) -> bool {
    let lower = password.trim().to_lowercase();
    let core = lower.trim_matches(|c: char| !c.is_alphabetic());
    let distinct: HashSet<char> = lower.chars().collect();
    distinct.len() < MIN_DISTINCT_CHARACTERS
        || COMMON.contains(lower.as_str())
        || (!core.is_empty() && COMMON.contains(core))
}

#[cfg(test)]
mod tests {
    use super::is_common;

    #[test]
    fn common_passwords_are_recognised_with_their_decorations() {
        for common in [
            "qwerty123456",
            "1q2w3e4r5t6y",
            "Password1234",
            "password12345!",
            "!!iloveyou2024",
            "QWERTYUIOP12",
            "aaaaaaaaaaaa",
            "121212121212",
        ] {
            assert!(is_common(common), "{common} passed");
        }
        for fine in [
            "demo-password",
            "correct horse battery staple",
            "long-enough-1",
            "Tr0ub4dor&3-extended",
        ] {
            assert!(!is_common(fine), "{fine} was refused");
        }
    }
}
