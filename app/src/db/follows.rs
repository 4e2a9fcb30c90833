//! Users following records.

use chrono::Utc;

use super::Db;
use crate::{error::AppError, on_pool};

pub async fn follow(db: &Db, user_id: i64, record_id: i64) -> Result<(), AppError> {
    on_pool!(db, pool => execute sqlx::query(
        "INSERT INTO follows (user_id, record_id, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id, record_id) DO NOTHING")
        .bind(user_id)
        .bind(record_id)
        .bind(Utc::now()))?;
    Ok(())
}

pub async fn unfollow(db: &Db, user_id: i64, record_id: i64) -> Result<(), AppError> {
    on_pool!(db, pool => execute sqlx::query("DELETE FROM follows WHERE user_id = $1 AND record_id = $2")
        .bind(user_id)
        .bind(record_id))?;
    Ok(())
}

pub async fn is_following(db: &Db, user_id: i64, record_id: i64) -> Result<bool, AppError> {
    let found: Option<i64> = on_pool!(db, pool => sqlx::query_scalar(
        "SELECT record_id FROM follows WHERE user_id = $1 AND record_id = $2")
        .bind(user_id)
        .bind(record_id)
        .fetch_optional(pool)
        .await)?;
    Ok(found.is_some())
}
