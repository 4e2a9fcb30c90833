//! Sales activity events by contacts (email opened, form submitted, …), the Feed's source.

use chrono::{DateTime, Utc};
use sqlx::FromRow;

use super::Db;
use crate::{
    error::AppError,
    models::{SalesEventKind, live_event::LiveEvent},
    on_pool, on_tx,
};

#[derive(Clone, Debug, PartialEq)]
pub struct SalesEvent {
    pub id: i64,
    pub contact_id: i64,
    pub kind: SalesEventKind,
    pub occurred_at: DateTime<Utc>,
    pub detail: String,
    pub sequence_name: Option<String>,
}

/// Records a contact's sales event; open Feed tabs hear of it when it commits (and count it if
/// the contact is theirs).
pub async fn record_sales_event(
    db: &Db,
    contact_id: i64,
    kind: SalesEventKind,
    occurred_at: DateTime<Utc>,
    detail: &str,
    sequence_name: Option<&str>,
) -> Result<i64, AppError> {
    let mut tx = db.begin().await?;
    let id = on_tx!(&mut tx, conn => sqlx::query_scalar::<_, i64>(
        "INSERT INTO sales_events (contact_id, kind, occurred_at, detail, sequence_name) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id")
        .bind(contact_id)
        .bind(kind.as_str())
        .bind(occurred_at)
        .bind(detail)
        .bind(sequence_name)
        .fetch_one(&mut *conn)
        .await)?;
    tx.publish(LiveEvent::sales_activity(vec![contact_id]));
    tx.commit().await?;
    Ok(id)
}

#[derive(FromRow)]
struct SalesEventRow {
    id: i64,
    contact_id: i64,
    kind: String,
    occurred_at: DateTime<Utc>,
    detail: String,
    sequence_name: Option<String>,
}

/// A contact's events, newest first.
pub async fn events_of_contact(db: &Db, contact_id: i64) -> Result<Vec<SalesEvent>, AppError> {
    let rows: Vec<SalesEventRow> = on_pool!(db, pool =>
        sqlx::query_as(
            "SELECT id, contact_id, kind, occurred_at, detail, sequence_name FROM sales_events \
             WHERE contact_id = $1 ORDER BY occurred_at DESC, id DESC")
            .bind(contact_id)
            .fetch_all(pool)
            .await)?;
    rows.into_iter()
        .map(|row| {
            let kind = SalesEventKind::parse(&row.kind)
                .ok_or_else(|| AppError::internal("unknown sales event kind", &row.kind))?;
            Ok(SalesEvent {
                id: row.id,
                contact_id: row.contact_id,
                kind,
                occurred_at: row.occurred_at,
                detail: row.detail,
                sequence_name: row.sequence_name,
            })
        })
        .collect()
}
