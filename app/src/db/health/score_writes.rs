//! What scoring writes: each changed record's current score, a history row and the two
//! computed columns lists read, in multi-row statements; the scores taken off records no
//! longer scored; and each day's average and records per category.

use chrono::{DateTime, Utc};

use super::compute::Outcome;
use crate::{
    db::{
        Tx,
        query::field::Table,
        schema_cache::ObjectSchema,
        sql_value::{SqlValue, bind_values, placeholders},
    },
    error::AppError,
    on_tx,
};

/// Stores the profile's average and records per category for `now`'s day (UTC), replacing an
/// earlier figure of the same day: the "average over time" chart reads one row a day.
pub(crate) async fn record_daily_aggregate(
    tx: &mut Tx,
    profile_id: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    on_tx!(tx, conn => execute sqlx::query(
        "INSERT INTO health_score_daily (profile_id, day, average, scored, at_risk, neutral, \
         healthy) SELECT $1, $2, COALESCE(AVG(score), 0), COUNT(*), \
         COALESCE(SUM(CASE WHEN category = 'at_risk' THEN 1 ELSE 0 END), 0), \
         COALESCE(SUM(CASE WHEN category = 'neutral' THEN 1 ELSE 0 END), 0), \
         COALESCE(SUM(CASE WHEN category = 'healthy' THEN 1 ELSE 0 END), 0) \
         FROM health_scores WHERE profile_id = $1 \
         ON CONFLICT (profile_id, day) DO UPDATE SET average = excluded.average, \
         scored = excluded.scored, at_risk = excluded.at_risk, neutral = excluded.neutral, \
         healthy = excluded.healthy")
        .bind(profile_id)
        .bind(now.date_naive()))?;
    Ok(())
}

/// Takes the score off records no longer scored.
pub(super) async fn clear_records(
    tx: &mut Tx,
    profile_id: i64,
    columns: &ScoreColumns,
    ids: &[i64],
) -> Result<(), AppError> {
    let mut params = vec![SqlValue::from(profile_id)];
    params.extend(ids.iter().map(|id| SqlValue::from(*id)));
    let list = placeholders(2, ids.len());
    on_tx!(tx, conn => execute bind_values(sqlx::query(&format!(
        "DELETE FROM health_scores WHERE profile_id = $1 AND record_id IN ({list})")), &params))?;
    let update = format!(
        "UPDATE {} SET {} = NULL, {} = NULL WHERE record_id IN ({})",
        columns.table.as_sql(),
        columns.score,
        columns.category,
        placeholders(1, ids.len())
    );
    on_tx!(tx, conn => execute bind_values(sqlx::query(&update), &params[1..]))?;
    Ok(())
}

/// The table and the two computed columns a profile writes.
pub(super) struct ScoreColumns {
    table: Table,
    score: String,
    category: String,
}

impl ScoreColumns {
    pub(super) fn of(
        customer: &ObjectSchema,
        score_id: i64,
        category_id: i64,
    ) -> Result<ScoreColumns, AppError> {
        let column = |id: i64| {
            customer
                .properties
                .iter()
                .find(|p| p.id == id && p.computed)
                .map(|p| p.column())
                .ok_or_else(|| AppError::internal("health score", "its property is missing"))
        };
        Ok(ScoreColumns {
            table: Table::of(customer),
            score: column(score_id)?,
            category: column(category_id)?,
        })
    }
}

/// Writes the changed outcomes of a chunk of records: the current score (upsert), a
/// history row each, and the computed columns — three statements.
pub(super) async fn write_outcomes(
    tx: &mut Tx,
    profile_id: i64,
    columns: &ScoreColumns,
    outcomes: &[(i64, Outcome)],
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if outcomes.is_empty() {
        return Ok(());
    }
    let mut current = Vec::with_capacity(outcomes.len() * 6);
    let mut history = Vec::with_capacity(outcomes.len() * 7);
    let mut cells = Vec::with_capacity(outcomes.len() * 3);
    for (record_id, outcome) in outcomes {
        let points = serde_json::to_string(&outcome.group_points).unwrap_or_else(|_| "[]".into());
        current.extend([
            SqlValue::from(profile_id),
            SqlValue::from(*record_id),
            SqlValue::from(i64::from(outcome.score)),
            SqlValue::from(outcome.category),
            SqlValue::from(outcome.held.clone()),
            SqlValue::from(now),
        ]);
        history.extend([
            SqlValue::from(profile_id),
            SqlValue::from(*record_id),
            SqlValue::from(i64::from(outcome.score)),
            SqlValue::from(outcome.category),
            SqlValue::from(points),
            SqlValue::from(outcome.held.clone()),
            SqlValue::from(now),
        ]);
        cells.extend([
            SqlValue::from(*record_id),
            SqlValue::Real(Some(f64::from(outcome.score))),
            SqlValue::from(outcome.category),
        ]);
    }
    let upsert = format!(
        "INSERT INTO health_scores (profile_id, record_id, score, category, held, changed_at) \
         VALUES {} ON CONFLICT (profile_id, record_id) DO UPDATE SET score = excluded.score, \
         category = excluded.category, held = excluded.held, changed_at = excluded.changed_at",
        tuples(outcomes.len(), 6)
    );
    on_tx!(tx, conn => execute bind_values(sqlx::query(&upsert), &current))?;
    let insert = format!(
        "INSERT INTO health_score_history (profile_id, record_id, score, category, group_points, \
         held, changed_at) VALUES {}",
        tuples(outcomes.len(), 7)
    );
    on_tx!(tx, conn => execute bind_values(sqlx::query(&insert), &history))?;
    // Both backends name a VALUES list's columns column1, column2, …
    let update = format!(
        "UPDATE {table} SET {score} = v.column2, {category} = v.column3 FROM (VALUES {values}) \
         AS v WHERE {table}.record_id = v.column1",
        table = columns.table.as_sql(),
        score = columns.score,
        category = columns.category,
        values = tuples(outcomes.len(), 3)
    );
    on_tx!(tx, conn => execute bind_values(sqlx::query(&update), &cells))?;
    Ok(())
}

/// `($1, $2), ($3, $4), …`: `rows` tuples of `width` placeholders.
fn tuples(rows: usize, width: usize) -> String {
    (0..rows)
        .map(|r| format!("({})", placeholders(r * width + 1, width)))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholder_tuples_number_row_by_row() {
        assert_eq!(tuples(2, 3), "($1, $2, $3), ($4, $5, $6)");
    }
}
