//! The audit log: settings changes — who changed what, when, written in the same transaction
//! as the change it describes, so a change is never stored without its entry (or the other
//! way) — and security events (logins, lockouts, logouts, account changes), written once the
//! event happened. Read a page at a time, filtered by kind, user and date.

use chrono::{DateTime, Utc};
use sqlx::FromRow;

use super::{Db, Tx, query::sql_builder::SqlBuilder, sql_value::SqlValue};
use crate::{
    error::AppError,
    models::{
        audit::{AUDIT_LOG_PAGE_SIZE, AuditEntry, AuditFilter, AuditKind, AuditLogPage, AuditUser},
        time_zone::ViewerZone,
    },
    on_pool, on_tx,
};

/// The lines of one audit entry, "Field: old → new", built by comparing before and after.
#[derive(Debug, Default)]
pub struct ChangeList(Vec<String>);

impl ChangeList {
    /// Notes `field` if it changed; values are shown as given, an empty one as "none".
    pub fn compare(&mut self, field: &str, old: &str, new: &str) {
        if old != new {
            let shown = |v: &str| {
                if v.is_empty() {
                    "none".to_string()
                } else {
                    format!("“{v}”")
                }
            };
            self.0
                .push(format!("{field}: {} → {}", shown(old), shown(new)));
        }
    }

    /// Notes an event that has no before and after, e.g. "Created".
    pub fn note(&mut self, line: impl Into<String>) {
        self.0.push(line.into());
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The lines, for a [`SecurityEvent`]'s details.
    pub fn into_lines(self) -> Vec<String> {
        self.0
    }
}

/// Writes an entry for `changes` unless nothing changed.
pub async fn record(
    tx: &mut Tx,
    actor: i64,
    area: &str,
    changes: ChangeList,
) -> Result<(), AppError> {
    if changes.is_empty() {
        return Ok(());
    }
    let text = changes.0.join("\n");
    on_tx!(tx, conn => execute sqlx::query(
        "INSERT INTO settings_audit_log (changed_at, user_id, area, changes) VALUES ($1, $2, $3, $4)")
        .bind(Utc::now())
        .bind(actor)
        .bind(area)
        .bind(&text))?;
    Ok(())
}

/// A security event: who acted (none for an unknown account), on whom, the account it concerns
/// (an email) and details such as the client address.
#[derive(Clone, Debug)]
pub struct SecurityEvent {
    pub kind: AuditKind,
    pub actor: Option<i64>,
    pub subject: Option<i64>,
    pub account: String,
    pub details: Vec<String>,
}

/// Writes a security event to the log.
pub async fn record_security_event(db: &Db, event: SecurityEvent) -> Result<(), AppError> {
    on_pool!(db, pool => execute sqlx::query(
        "INSERT INTO settings_audit_log (changed_at, user_id, subject_user_id, kind, area, changes) \
         VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(Utc::now())
        .bind(event.actor)
        .bind(event.subject)
        .bind(event.kind.as_str())
        .bind(&event.account)
        .bind(event.details.join("\n")))?;
    Ok(())
}

/// Logs `kind` done by `actor` to the account of `subject` (named by its email), with
/// `details`.
pub async fn record_account_event(
    db: &Db,
    kind: AuditKind,
    actor: i64,
    subject: i64,
    details: Vec<String>,
) -> Result<(), AppError> {
    let account = super::users::user_by_id(db, subject)
        .await?
        .map(|user| user.email)
        .unwrap_or_default();
    record_security_event(
        db,
        SecurityEvent {
            kind,
            actor: Some(actor),
            subject: Some(subject),
            account,
            details,
        },
    )
    .await
}

/// A password check as the log tells it: whose account, which user it is (if any), where
/// from, and through what ("Login", "Change password").
#[derive(Clone, Copy, Debug)]
pub struct PasswordCheck<'a> {
    pub account: &'a str,
    pub user: Option<i64>,
    pub address: &'a str,
    pub via: &'static str,
}

impl PasswordCheck<'_> {
    fn details(&self) -> Vec<String> {
        let address = if self.address.is_empty() {
            "unknown"
        } else {
            self.address
        };
        vec![format!("Address: {address}"), format!("Via: {}", self.via)]
    }

    /// Logs a successful login.
    pub async fn record_success(self, db: &Db) -> Result<(), AppError> {
        record_security_event(
            db,
            SecurityEvent {
                kind: AuditKind::LoginSucceeded,
                actor: self.user,
                subject: self.user,
                account: self.account.to_string(),
                details: self.details(),
            },
        )
        .await
    }

    /// Logs a failed check — by nobody known, on the account's user — and the lockout it
    /// starts, if it does.
    pub async fn record_failure(
        self,
        db: &Db,
        locks: Option<super::sessions::ThrottleScope>,
    ) -> Result<(), AppError> {
        let event = |kind, details| SecurityEvent {
            kind,
            actor: None,
            subject: self.user,
            account: self.account.to_string(),
            details,
        };
        record_security_event(db, event(AuditKind::LoginFailed, self.details())).await?;
        if let Some(scope) = locks {
            let mut details = vec![scope.lockout()];
            details.extend(self.details());
            record_security_event(db, event(AuditKind::LoginLocked, details)).await?;
        }
        Ok(())
    }
}

#[derive(FromRow)]
struct AuditRow {
    id: i64,
    changed_at: DateTime<Utc>,
    kind: String,
    user_name: Option<String>,
    subject_name: Option<String>,
    area: String,
    changes: String,
}

/// ` WHERE …` for `filter`, dates as days in `zone`.
fn filter_clause(filter: &AuditFilter, zone: ViewerZone) -> SqlBuilder {
    let mut sql = SqlBuilder::new();
    sql.push(" WHERE 1 = 1");
    if let Some(kind) = filter.kind {
        sql.push(" AND a.kind = ")
            .bind(SqlValue::from(kind.as_str()));
    }
    if let Some(user) = filter.user_id {
        sql.push(" AND (a.user_id = ")
            .bind(SqlValue::from(user))
            .push(" OR a.subject_user_id = ")
            .bind(SqlValue::from(user))
            .push(")");
    }
    if let Some(from) = filter.from {
        sql.push(" AND a.changed_at >= ")
            .bind(SqlValue::from(zone.start_of(from)));
    }
    if let Some(to) = filter.to {
        sql.push(" AND a.changed_at < ")
            .bind(SqlValue::from(zone.day_bounds(to).1));
    }
    sql
}

/// One page of the log matching `filter`, newest first, with everyone for the user filter.
pub async fn list_audit_log(
    db: &Db,
    page: u32,
    filter: AuditFilter,
    zone: ViewerZone,
) -> Result<AuditLogPage, AppError> {
    let page = page.max(1);
    let offset = i64::from(page - 1) * i64::from(AUDIT_LOG_PAGE_SIZE);
    let mut rows_sql = SqlBuilder::new();
    rows_sql
        .push(
            "SELECT a.id, a.changed_at, a.kind, u.name AS user_name, s.name AS subject_name, \
             a.area, a.changes FROM settings_audit_log a \
             LEFT JOIN users u ON u.id = a.user_id LEFT JOIN users s ON s.id = a.subject_user_id",
        )
        .append(filter_clause(&filter, zone));
    rows_sql
        .push(" ORDER BY a.id DESC LIMIT ")
        .bind(SqlValue::from(i64::from(AUDIT_LOG_PAGE_SIZE)))
        .push(" OFFSET ")
        .bind(SqlValue::from(offset));
    let mut count_sql = SqlBuilder::new();
    count_sql
        .push("SELECT COUNT(*) FROM settings_audit_log a")
        .append(filter_clause(&filter, zone));
    let (rows, total, users): (Vec<AuditRow>, i64, Vec<(i64, String)>) = on_pool!(db, pool => {
        let rows = crate::db::sql_value::bind_values(sqlx::query_as(rows_sql.sql()), rows_sql.params())
            .fetch_all(pool)
            .await?;
        let total = crate::db::sql_value::bind_values(sqlx::query_scalar(count_sql.sql()), count_sql.params())
            .fetch_one(pool)
            .await?;
        let users = sqlx::query_as("SELECT id, name FROM users ORDER BY LOWER(name), id")
            .fetch_all(pool)
            .await?;
        Ok::<_, sqlx::Error>((rows, total, users))
    })?;
    Ok(AuditLogPage {
        entries: rows
            .into_iter()
            .map(|row| AuditEntry {
                id: row.id,
                changed_at: row.changed_at,
                kind: AuditKind::parse(&row.kind).unwrap_or(AuditKind::SettingsChanged),
                user_name: row.user_name,
                subject_name: row.subject_name,
                area: row.area,
                changes: row.changes.lines().map(str::to_string).collect(),
            })
            .collect(),
        total: u64::try_from(total).unwrap_or(0),
        page,
        filter,
        users: users
            .into_iter()
            .map(|(id, name)| AuditUser { id, name })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_changed_fields_are_listed() {
        let mut changes = ChangeList::default();
        changes.compare("Name", "Main", "Main");
        assert!(changes.is_empty());
        changes.compare("Name", "Main", "Everyone");
        changes.compare("Description", "", "For all teams");
        assert_eq!(
            changes.0,
            vec![
                "Name: “Main” → “Everyone”",
                "Description: none → “For all teams”"
            ]
        );
    }
}
