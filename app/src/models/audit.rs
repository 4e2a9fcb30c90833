//! The audit log as super admins read it (Admin → Audit log): settings changes and security
//! events — logins, lockouts, logouts, accounts created and changed, passwords, permissions,
//! team membership — filtered by kind, by the user involved and by date.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{input::parse_date, record_page::Paging};

/// Entries per page of the audit log.
pub const AUDIT_LOG_PAGE_SIZE: u32 = 50;

string_enum!(
    /// What an audit entry records.
    AuditKind {
        SettingsChanged => "settings_changed",
        LoginSucceeded => "login_succeeded",
        LoginFailed => "login_failed",
        LoginLocked => "login_locked",
        LoggedOut => "logged_out",
        UserCreated => "user_created",
        UserEdited => "user_edited",
        UserDeactivated => "user_deactivated",
        UserReactivated => "user_reactivated",
        PasswordReset => "password_reset",
        PasswordChanged => "password_changed",
        PermissionGranted => "permission_granted",
        PermissionRevoked => "permission_revoked",
        TeamsChanged => "teams_changed",
    }
);

impl AuditKind {
    /// The kind as the log's filter and table name it.
    pub fn label(self) -> &'static str {
        match self {
            AuditKind::SettingsChanged => "Settings changed",
            AuditKind::LoginSucceeded => "Logged in",
            AuditKind::LoginFailed => "Login failed",
            AuditKind::LoginLocked => "Login locked",
            AuditKind::LoggedOut => "Logged out",
            AuditKind::UserCreated => "User created",
            AuditKind::UserEdited => "User edited",
            AuditKind::UserDeactivated => "User deactivated",
            AuditKind::UserReactivated => "User reactivated",
            AuditKind::PasswordReset => "Password reset",
            AuditKind::PasswordChanged => "Password changed",
            AuditKind::PermissionGranted => "Permission granted",
            AuditKind::PermissionRevoked => "Permission revoked",
            AuditKind::TeamsChanged => "Teams changed",
        }
    }
}

/// Which entries to show; every part is optional. Dates are days in the viewer's time zone,
/// both included.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    #[serde(default)]
    pub kind: Option<AuditKind>,
    /// The user who acted or was acted on.
    #[serde(default)]
    pub user_id: Option<i64>,
    #[serde(default)]
    pub from: Option<NaiveDate>,
    #[serde(default)]
    pub to: Option<NaiveDate>,
}

impl AuditFilter {
    /// Reads the filter from the page's query parameters (`kind`, `user`, `from`, `to`);
    /// anything unreadable counts as not given.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> AuditFilter {
        let text = |name: &str| get(name).filter(|value| !value.trim().is_empty());
        let date = |name: &str| text(name).and_then(|value| parse_date(&value).ok());
        AuditFilter {
            kind: text("kind").and_then(|kind| AuditKind::parse(&kind)),
            user_id: text("user").and_then(|user| user.trim().parse().ok()),
            from: date("from"),
            to: date("to"),
        }
    }

    /// The query string that shows this filter, without `page` (empty when there is none).
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(kind) = self.kind {
            parts.push(format!("kind={}", kind.as_str()));
        }
        if let Some(user) = self.user_id {
            parts.push(format!("user={user}"));
        }
        if let Some(from) = self.from {
            parts.push(format!("from={from}"));
        }
        if let Some(to) = self.to {
            parts.push(format!("to={to}"));
        }
        parts.join("&")
    }
}

/// One entry as super admins read it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub changed_at: DateTime<Utc>,
    pub kind: AuditKind,
    /// Who acted; `None` for a failed login of an unknown account or a deleted user.
    pub user_name: Option<String>,
    /// The user acted on, when it is another one (a new user, a revoked permission).
    pub subject_name: Option<String>,
    /// What was changed, e.g. "Objects" or "Workspace “Enterprise” · Revenue"; for security
    /// events the account, e.g. "carl@example.com".
    pub area: String,
    /// One line per change ("Field: old → new") or detail ("Address: 203.0.113.9").
    pub changes: Vec<String>,
}

/// A user the filter offers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditUser {
    pub id: i64,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLogPage {
    pub entries: Vec<AuditEntry>,
    pub total: u64,
    pub page: u32,
    pub filter: AuditFilter,
    /// Everyone, for the user filter.
    pub users: Vec<AuditUser>,
}

impl AuditLogPage {
    pub fn paging(&self) -> Paging {
        Paging {
            page: self.page,
            page_size: AUDIT_LOG_PAGE_SIZE,
            total: self.total,
            total_exact: true,
            shown: self.entries.len() as u64,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_read_from_and_write_to_the_query() {
        let query = [
            ("kind", "login_failed"),
            ("user", "4"),
            ("from", "2026-12-01"),
            ("to", ""),
        ];
        let get = |name: &str| {
            query
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| value.to_string())
        };
        let filter = AuditFilter::from_query(get);
        assert_eq!(filter.kind, Some(AuditKind::LoginFailed));
        assert_eq!(filter.user_id, Some(4));
        assert_eq!(filter.from, NaiveDate::from_ymd_opt(2026, 12, 1));
        assert_eq!(filter.to, None);
        assert_eq!(
            filter.to_query(),
            "kind=login_failed&user=4&from=2026-12-01"
        );
        // Garbage is ignored, not an error.
        let junk = AuditFilter::from_query(|name| match name {
            "kind" => Some("drop table".into()),
            "user" => Some("me".into()),
            "from" => Some("12/01/2026".into()),
            _ => None,
        });
        assert_eq!(junk, AuditFilter::default());
        assert_eq!(junk.to_query(), "");
    }
}
