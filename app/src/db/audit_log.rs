//! The audit log of settings changes: who changed what, when. Written in the same transaction as
//! the change it describes, so a change is never stored without its entry (or the other way).

use chrono::{DateTime, Utc};
use sqlx::FromRow;

use super::{Db, Tx};
use crate::{
    error::AppError,
    models::workspace::{AUDIT_LOG_PAGE_SIZE, AuditEntry, AuditLogPage},
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

#[derive(FromRow)]
struct AuditRow {
    id: i64,
    changed_at: DateTime<Utc>,
    user_name: Option<String>,
    area: String,
    changes: String,
}

/// One page of the log, newest first.
pub async fn list_audit_log(db: &Db, page: u32) -> Result<AuditLogPage, AppError> {
    let page = page.max(1);
    let offset = i64::from(page - 1) * i64::from(AUDIT_LOG_PAGE_SIZE);
    let sql = "SELECT a.id, a.changed_at, u.name AS user_name, a.area, a.changes \
               FROM settings_audit_log a LEFT JOIN users u ON u.id = a.user_id \
               ORDER BY a.id DESC LIMIT $1 OFFSET $2";
    let (rows, total): (Vec<AuditRow>, i64) = on_pool!(db, pool => {
        let rows = sqlx::query_as(sql)
            .bind(i64::from(AUDIT_LOG_PAGE_SIZE))
            .bind(offset)
            .fetch_all(pool)
            .await?;
        let total = sqlx::query_scalar("SELECT COUNT(*) FROM settings_audit_log")
            .fetch_one(pool)
            .await?;
        Ok::<_, sqlx::Error>((rows, total))
    })?;
    Ok(AuditLogPage {
        entries: rows
            .into_iter()
            .map(|row| AuditEntry {
                id: row.id,
                changed_at: row.changed_at,
                user_name: row.user_name,
                area: row.area,
                changes: row.changes.lines().map(str::to_string).collect(),
            })
            .collect(),
        total: u64::try_from(total).unwrap_or(0),
        page,
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
