//! Associations between records (contact–company, deal–company, …). A pair is stored once, with
//! the smaller id first, and found from either side through two indexes.

use chrono::Utc;

use super::Db;
use crate::{error::AppError, on_pool};

/// Associates two records; associating them again changes nothing.
pub async fn associate(db: &Db, a: i64, b: i64) -> Result<(), AppError> {
    if a == b {
        return Err(AppError::invalid(
            "association",
            "A record cannot be associated with itself",
        ));
    }
    let (from, to) = (a.min(b), a.max(b));
    on_pool!(db, pool => execute sqlx::query(
        "INSERT INTO associations (from_record_id, to_record_id, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (from_record_id, to_record_id) DO NOTHING")
        .bind(from)
        .bind(to)
        .bind(Utc::now()))?;
    Ok(())
}

pub async fn dissociate(db: &Db, a: i64, b: i64) -> Result<(), AppError> {
    let (from, to) = (a.min(b), a.max(b));
    on_pool!(db, pool => execute sqlx::query(
        "DELETE FROM associations WHERE from_record_id = $1 AND to_record_id = $2")
        .bind(from)
        .bind(to))?;
    Ok(())
}

/// Ids of the records of `object_type_id` associated with `record_id`, ascending.
pub async fn associated_records(
    db: &Db,
    record_id: i64,
    object_type_id: i64,
) -> Result<Vec<i64>, AppError> {
    let sql = "SELECT a.to_record_id AS id FROM associations a \
               JOIN records r ON r.id = a.to_record_id \
               WHERE a.from_record_id = $1 AND r.object_type_id = $2 \
               UNION \
               SELECT a.from_record_id AS id FROM associations a \
               JOIN records r ON r.id = a.from_record_id \
               WHERE a.to_record_id = $1 AND r.object_type_id = $2 \
               ORDER BY id";
    Ok(on_pool!(db, pool => sqlx::query_scalar(sql)
        .bind(record_id)
        .bind(object_type_id)
        .fetch_all(pool)
        .await)?)
}
