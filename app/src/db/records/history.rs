//! Property history: one entry per changed value, written with every change and read back
//! newest first.

use chrono::{DateTime, Utc};

use super::{ChangeContext, PropertyChange};
use crate::{
    db::{Db, Tx},
    error::AppError,
    on_pool, on_tx,
};

pub(crate) async fn write_history(
    tx: &mut Tx,
    record_id: i64,
    changes: &[(String, Option<String>, Option<String>)],
    context: ChangeContext<'_>,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    for (property_name, old_value, new_value) in changes {
        on_tx!(tx, conn => execute sqlx::query(
            "INSERT INTO property_history (record_id, property_name, old_value, new_value, \
             changed_by, changed_at, source) VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind(record_id)
            .bind(property_name)
            .bind(old_value)
            .bind(new_value)
            .bind(context.actor)
            .bind(at)
            .bind(context.source))?;
    }
    Ok(())
}

/// The history of one property of a record, newest first.
pub async fn property_history(
    db: &Db,
    record_id: i64,
    property_name: &str,
) -> Result<Vec<PropertyChange>, AppError> {
    let sql = "SELECT property_name, old_value, new_value, changed_by, changed_at, source \
               FROM property_history WHERE record_id = $1 AND property_name = $2 \
               ORDER BY changed_at DESC, id DESC";
    Ok(on_pool!(db, pool => sqlx::query_as(sql)
        .bind(record_id)
        .bind(property_name)
        .fetch_all(pool)
        .await)?)
}
