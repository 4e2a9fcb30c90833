//! Segments: the saved views (shared with Everyone) a score may be limited to. A record is in a
//! segment when it passes the view's filters.

use crate::{
    db::{Db, Tx, views::parse_state},
    error::AppError,
    models::{filter::FilterTree, health_score::MAX_SEGMENTS, health_score_view::SegmentChoice},
    on_pool, on_tx,
};

/// The Everyone views of an object, by name.
pub async fn choices(db: &Db, object_type_id: i64) -> Result<Vec<SegmentChoice>, AppError> {
    let rows: Vec<(i64, String)> = on_pool!(db, pool => sqlx::query_as(
        "SELECT id, name FROM saved_views WHERE object_type_id = $1 AND sharing = 'everyone' \
         ORDER BY LOWER(name), id")
        .bind(object_type_id)
        .fetch_all(pool)
        .await)?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| SegmentChoice { id, name })
        .collect())
}

/// Refuses more than five segments, or one that is not an Everyone view of the object.
pub async fn check(tx: &mut Tx, object_type_id: i64, ids: &[i64]) -> Result<(), AppError> {
    if ids.len() > MAX_SEGMENTS {
        return Err(AppError::invalid(
            "segments",
            format!("Choose at most {MAX_SEGMENTS} segments"),
        ));
    }
    for id in ids {
        let found: Option<i64> = on_tx!(tx, conn => sqlx::query_scalar(
            "SELECT id FROM saved_views WHERE id = $1 AND object_type_id = $2 \
             AND sharing = 'everyone'")
            .bind(id)
            .bind(object_type_id)
            .fetch_optional(&mut *conn)
            .await)?;
        if found.is_none() {
            return Err(AppError::invalid(
                "segments",
                "Segments are views of customers shared with Everyone",
            ));
        }
    }
    Ok(())
}

/// The filters of the segments (a deleted view limits nothing, rather than everything).
pub async fn filter_trees(db: &Db, ids: &[i64]) -> Result<Vec<FilterTree>, AppError> {
    let mut trees = Vec::with_capacity(ids.len());
    for id in ids {
        let state: Option<String> = on_pool!(db, pool => sqlx::query_scalar(
            "SELECT state FROM saved_views WHERE id = $1")
            .bind(id)
            .fetch_optional(pool)
            .await)?;
        if let Some(state) = state {
            trees.push(parse_state(&state)?.filters);
        }
    }
    Ok(trees)
}
