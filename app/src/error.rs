//! The one error type of the application.
//!
//! Every repository function and server function returns [`AppError`]. Database errors are
//! mapped to user-facing variants in one place ([`From<sqlx::Error>`]); anything unexpected is
//! logged on the server and reaches the client only as [`AppError::Internal`], never with details.

use leptos::server_fn::{error::FromServerFnError, error::ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// The thing asked for does not exist (or is not visible to the caller).
    #[error("{0} was not found")]
    NotFound(String),
    /// Bad input for one field; shown next to that field.
    #[error("{message}")]
    Invalid { field: String, message: String },
    /// The request conflicts with the current state, e.g. a duplicate.
    #[error("{0}")]
    Conflict(String),
    /// The record changed since the caller read it: the client reloads it and keeps what was
    /// typed.
    #[error("This record changed since you opened it")]
    StaleVersion,
    /// A pipeline stage needs these properties filled before a record enters it: the board
    /// asks for them and sends the move again with their values.
    #[error("Fill in {} to move this record to {stage}", labels(.properties))]
    MissingRequired {
        stage: String,
        properties: Vec<MissingProperty>,
    },
    /// The caller is signed in but lacks the permission; the text completes
    /// "You don't have permission to …".
    #[error("You don't have permission to {0}")]
    PermissionDenied(String),
    #[error("Please log in to continue")]
    Unauthenticated,
    /// Too many attempts in a short time; the text says when to try again.
    #[error("{0}")]
    TooManyRequests(String),
    /// The server is too busy to take this request now (password checks queued too long).
    #[error("The workspace is busy. Try again shortly.")]
    Busy,
    /// Something failed on the server; the details are in the server log only.
    #[error("Something went wrong on our side. Please try again.")]
    Internal,
    /// The request did not reach the server or its answer could not be read.
    #[error("Could not reach the server ({0}). Please try again.")]
    Transport(String),
}

/// A required property that is empty: its name (for the form) and label (for people).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissingProperty {
    pub name: String,
    pub label: String,
}

fn labels(properties: &[MissingProperty]) -> String {
    properties
        .iter()
        .map(|p| p.label.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

impl AppError {
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        AppError::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }

    pub fn not_found(what: impl Into<String>) -> Self {
        AppError::NotFound(what.into())
    }

    /// The HTTP status a server function answers with when it fails this way.
    pub fn status_code(&self) -> u16 {
        match self {
            AppError::NotFound(_) => 404,
            AppError::Invalid { .. } => 422,
            AppError::Conflict(_) | AppError::StaleVersion => 409,
            AppError::MissingRequired { .. } => 422,
            AppError::PermissionDenied(_) => 403,
            AppError::Unauthenticated => 401,
            AppError::TooManyRequests(_) => 429,
            AppError::Busy => 503,
            AppError::Internal | AppError::Transport(_) => 500,
        }
    }

    /// Logs an unexpected server-side failure and hides it from the caller.
    #[cfg(feature = "ssr")]
    pub fn internal(context: &str, error: impl std::fmt::Display) -> Self {
        tracing::error!(%error, "{context}");
        AppError::Internal
    }
}

/// What a request whose arguments cannot be read is told.
pub const MALFORMED_REQUEST: &str =
    "The request was malformed: some of its fields are missing or not what was expected.";

impl FromServerFnError for AppError {
    // The encoding of the answers: errors also arrive inside loaded values, so one decoder.
    type Encoder = leptos::server_fn::codec::PostcardEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // The decoder's own words name types and positions: logged, not shown.
            ServerFnErrorErr::Args(detail) | ServerFnErrorErr::MissingArg(detail) => {
                #[cfg(feature = "ssr")]
                tracing::warn!(%detail, "a server function's arguments could not be read");
                #[cfg(not(feature = "ssr"))]
                let _ = detail;
                AppError::invalid("request", MALFORMED_REQUEST)
            }
            other => AppError::Transport(other.to_string()),
        }
    }
}

/// For `map_err` on a write that may break a unique constraint: the violation becomes a message
/// on `field` (e.g. "A team with this name already exists"); anything else maps as usual.
#[cfg(feature = "ssr")]
pub fn on_duplicate(
    field: &'static str,
    message: impl Into<String>,
) -> impl FnOnce(sqlx::Error) -> AppError {
    let message = message.into();
    move |error| match AppError::from(error) {
        AppError::Conflict(_) => AppError::invalid(field, message),
        other => other,
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        match &error {
            sqlx::Error::RowNotFound => AppError::not_found("The record"),
            sqlx::Error::Database(db) if db.is_unique_violation() => {
                AppError::Conflict("That already exists.".into())
            }
            sqlx::Error::Database(db) if db.is_foreign_key_violation() => {
                AppError::invalid("reference", "That refers to something that does not exist.")
            }
            sqlx::Error::Database(db) if db.is_check_violation() => {
                AppError::invalid("value", "That value is not allowed here.")
            }
            _ => AppError::internal("database error", error),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permission_errors_read_as_a_sentence() {
        let e = AppError::PermissionDenied("edit workspace settings".into());
        assert_eq!(
            e.to_string(),
            "You don't have permission to edit workspace settings"
        );
    }

    #[test]
    fn errors_survive_the_wire() {
        let e = AppError::invalid("email", "Enter a valid email address");
        let back = AppError::de(e.ser());
        assert_eq!(back, e);
    }

    #[test]
    fn missing_properties_are_named_by_label() {
        let e = AppError::MissingRequired {
            stage: "Contract sent".into(),
            properties: vec![
                MissingProperty {
                    name: "amount".into(),
                    label: "Amount".into(),
                },
                MissingProperty {
                    name: "close_date".into(),
                    label: "Close date".into(),
                },
            ],
        };
        assert_eq!(
            e.to_string(),
            "Fill in Amount, Close date to move this record to Contract sent"
        );
        assert_eq!(AppError::de(e.ser()), e);
    }

    #[test]
    fn internal_errors_carry_no_detail() {
        assert!(!AppError::Internal.to_string().contains("sqlx"));
    }
}
