//! Checks the repository's writes share: a name or description people typed, and a row that
//! must have been there.

use crate::error::AppError;

/// A name people gave something (a user, a team, a workspace): trimmed, 1 to 100 characters.
pub(crate) fn parse_name(field: &str, raw: &str) -> Result<String, AppError> {
    parse_short_text(field, raw, "name")
}

/// A short text shown to people, a `noun` ("name", "label"): trimmed, 1 to 100 characters.
pub(crate) fn parse_short_text(field: &str, raw: &str, noun: &str) -> Result<String, AppError> {
    let text = raw.trim();
    if text.is_empty() || text.chars().count() > 100 {
        return Err(AppError::invalid(
            field,
            format!("Enter a {noun} of 1 to 100 characters"),
        ));
    }
    Ok(text.to_string())
}

/// A description of something (a workspace, a health score): trimmed, at most 500 characters.
pub(crate) fn parse_description(raw: &str) -> Result<String, AppError> {
    let description = raw.trim();
    if description.chars().count() > 500 {
        return Err(AppError::invalid(
            "description",
            "Keep the description under 500 characters",
        ));
    }
    Ok(description.to_string())
}

/// Turns "no row was affected" into [`AppError::NotFound`] for `what`.
pub(crate) fn require_found(rows_affected: u64, what: &str) -> Result<(), AppError> {
    if rows_affected == 0 {
        Err(AppError::not_found(what))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_hold_1_to_100_characters() {
        assert_eq!(parse_name("name", "  Team Ä  ").unwrap(), "Team Ä");
        assert_eq!(
            parse_name("name", &"é".repeat(100))
                .unwrap()
                .chars()
                .count(),
            100
        );
        for bad in ["", "   ", &"a".repeat(101)] {
            let error = parse_name("team name", bad).unwrap_err();
            assert_eq!(
                error,
                AppError::invalid("team name", "Enter a name of 1 to 100 characters")
            );
        }
    }

    #[test]
    fn descriptions_may_be_empty_and_hold_at_most_500_characters() {
        assert_eq!(parse_description("  ").unwrap(), "");
        assert_eq!(
            parse_description(&"ß".repeat(500)).unwrap().chars().count(),
            500
        );
        assert!(parse_description(&"a".repeat(501)).is_err());
    }

    #[test]
    fn no_row_affected_is_not_found() {
        assert!(require_found(1, "Team").is_ok());
        assert_eq!(
            require_found(0, "Team").unwrap_err(),
            AppError::not_found("Team")
        );
    }
}
