//! Scoring: one `SELECT` per profile decides every criterion for a whole set of records
//! ([`criteria_sql`](super::criteria_sql)); the groups' points and the category follow in
//! memory; only records whose score or reasons changed are written — their current score, a
//! history row, and the two computed columns lists read — in multi-row statements, a
//! transaction per chunk so other writers are never held up for long.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sqlx::Row;

use super::{
    criteria_sql::{CriteriaContext, criteria_select},
    profiles::ProfileRow,
    segments,
};
use crate::{
    db::{
        Db, Tx,
        query::field::Table,
        schema_cache::ObjectSchema,
        sql_value::{SqlValue, bind_values, placeholders},
    },
    error::AppError,
    models::health_score::HealthScoreDefinition,
    on_pool, on_tx,
};

/// Records written per statement and per transaction.
const CHUNK: usize = 500;
/// Records whose criteria one `SELECT` decides when scoring listed records.
const IDS_PER_SELECT: usize = 500;

/// Which records to score.
#[derive(Clone, Copy, Debug)]
pub enum Scope<'a> {
    /// Every record of the profile's object (turned on, changed, or the daily run).
    All,
    /// These records only (their inputs changed).
    Records(&'a [i64]),
}

/// What a run did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ScoreRun {
    pub scored: usize,
    pub changed: usize,
    pub cleared: usize,
}

/// A record's score as computed: the points of each group, the total and the criteria that
/// held as `(group, criterion)` pairs.
#[derive(Clone, Debug, PartialEq)]
struct Outcome {
    score: u32,
    category: &'static str,
    group_points: Vec<u32>,
    held: String,
}

fn outcome(definition: &HealthScoreDefinition, flags: &[bool]) -> Outcome {
    let mut held_matrix = Vec::with_capacity(definition.groups.len());
    let mut held_pairs = Vec::new();
    let mut at = 0;
    for (g, group) in definition.groups.iter().enumerate() {
        let held: Vec<bool> = flags[at..at + group.criteria.len()].to_vec();
        for (c, h) in held.iter().enumerate() {
            if *h {
                held_pairs.push((g, c));
            }
        }
        at += group.criteria.len();
        held_matrix.push(held);
    }
    let (score, group_points) = definition.score(&held_matrix);
    Outcome {
        score,
        category: definition.thresholds.category(score).as_str(),
        group_points,
        held: serde_json::to_string(&held_pairs).unwrap_or_else(|_| "[]".into()),
    }
}

/// Scores `scope` under a live `profile` as of `now`.
pub async fn score_profile(
    db: &Db,
    profile: &ProfileRow,
    scope: Scope<'_>,
    now: DateTime<Utc>,
) -> Result<ScoreRun, AppError> {
    let Some(definition) = profile.published_definition()? else {
        return Ok(ScoreRun::default());
    };
    let (Some(score_id), Some(category_id)) =
        (profile.score_property_id, profile.category_property_id)
    else {
        return Ok(ScoreRun::default());
    };
    let schema = db.schema().await?;
    let customer = schema.object(profile.object_type_id)?.clone();
    let segment_filters = segments::filter_trees(db, &definition.segments).await?;
    let cx = CriteriaContext {
        schema: &schema,
        customer: &customer,
        now,
    };
    let mut computed: Vec<(i64, Outcome)> = Vec::new();
    let id_chunks: Vec<Option<&[i64]>> = match scope {
        Scope::All => vec![None],
        Scope::Records(ids) => ids.chunks(IDS_PER_SELECT).map(Some).collect(),
    };
    for ids in id_chunks {
        let select = criteria_select(&cx, &definition, &segment_filters, ids)?;
        let rows: Vec<(i64, Vec<bool>)> = on_pool!(db, pool => {
            let rows = bind_values(sqlx::query(select.sql()), select.params()).fetch_all(pool).await?;
            let mut decoded = Vec::with_capacity(rows.len());
            for row in rows {
                let id: i64 = row.try_get(0)?;
                let mut flags = Vec::with_capacity(row.len() - 1);
                for i in 1..row.len() {
                    flags.push(row.try_get::<i32, _>(i)? == 1);
                }
                decoded.push((id, flags));
            }
            Ok::<_, sqlx::Error>(decoded)
        })?;
        computed.extend(
            rows.into_iter()
                .map(|(id, flags)| (id, outcome(&definition, &flags))),
        );
    }
    let current = current_scores(db, profile.id, scope).await?;
    let scored = computed.len();
    let scored_ids: std::collections::HashSet<i64> = computed.iter().map(|(id, _)| *id).collect();
    let changed: Vec<(i64, Outcome)> = computed
        .into_iter()
        .filter(|(id, new)| {
            current
                .get(id)
                .is_none_or(|(score, held)| *score != i64::from(new.score) || *held != new.held)
        })
        .collect();
    let columns = ScoreColumns::of(&customer, score_id, category_id)?;
    for chunk in changed.chunks(CHUNK) {
        let mut tx = db.begin().await?;
        if !still_live(&mut tx, profile.id).await? {
            return Ok(ScoreRun::default());
        }
        write_outcomes(&mut tx, profile.id, &columns, chunk, now).await?;
        tx.commit().await?;
    }
    // Scored before, not now: archived, merged away or out of the segments.
    let cleared: Vec<i64> = current
        .keys()
        .filter(|id| !scored_ids.contains(id))
        .copied()
        .collect();
    for chunk in cleared.chunks(CHUNK) {
        let mut tx = db.begin().await?;
        if !still_live(&mut tx, profile.id).await? {
            return Ok(ScoreRun::default());
        }
        clear_records(&mut tx, profile.id, &columns, chunk).await?;
        tx.commit().await?;
    }
    // A profile changed meanwhile (turned on again) keeps needing a run with its new criteria.
    if matches!(scope, Scope::All) {
        let mut tx = db.begin().await?;
        on_tx!(&mut tx, conn => execute sqlx::query(
            "UPDATE health_score_profiles SET computed_at = $1 WHERE id = $2 AND version = $3")
            .bind(now)
            .bind(profile.id)
            .bind(profile.version))?;
        record_daily_aggregate(&mut tx, profile.id, now).await?;
        tx.commit().await?;
    }
    Ok(ScoreRun {
        scored,
        changed: changed.len(),
        cleared: cleared.len(),
    })
}

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
async fn clear_records(
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

/// Whether the profile is still live, read in the transaction that writes its scores (on
/// PostgreSQL holding its row, so turning it off waits for the write): scores computed before it
/// was turned off are not written after.
async fn still_live(tx: &mut Tx, profile_id: i64) -> Result<bool, AppError> {
    let sql = match tx.backend() {
        crate::db::Backend::Sqlite => {
            "SELECT id FROM health_score_profiles WHERE id = $1 AND live = $2"
        }
        crate::db::Backend::Postgres => {
            "SELECT id FROM health_score_profiles WHERE id = $1 AND live = $2 FOR SHARE"
        }
    };
    let found: Option<i64> = on_tx!(tx, conn => sqlx::query_scalar(sql)
        .bind(profile_id)
        .bind(true)
        .fetch_optional(&mut *conn)
        .await)?;
    Ok(found.is_some())
}

/// The table and the two computed columns a profile writes.
pub(crate) struct ScoreColumns {
    table: Table,
    score: String,
    category: String,
}

impl ScoreColumns {
    pub(crate) fn of(
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

/// `record_id → (score, held)` of the records in `scope` that have a score.
async fn current_scores(
    db: &Db,
    profile_id: i64,
    scope: Scope<'_>,
) -> Result<HashMap<i64, (i64, String)>, AppError> {
    let mut current = HashMap::new();
    let chunks: Vec<Option<&[i64]>> = match scope {
        Scope::All => vec![None],
        Scope::Records(ids) => ids.chunks(IDS_PER_SELECT).map(Some).collect(),
    };
    for ids in chunks {
        let mut params = vec![SqlValue::from(profile_id)];
        let mut sql =
            "SELECT record_id, score, held FROM health_scores WHERE profile_id = $1".to_string();
        if let Some(ids) = ids {
            sql.push_str(&format!(
                " AND record_id IN ({})",
                placeholders(2, ids.len())
            ));
            params.extend(ids.iter().map(|id| SqlValue::from(*id)));
        }
        let rows: Vec<(i64, i64, String)> = on_pool!(db, pool =>
            bind_values(sqlx::query_as(&sql), &params).fetch_all(pool).await)?;
        current.extend(
            rows.into_iter()
                .map(|(id, score, held)| (id, (score, held))),
        );
    }
    Ok(current)
}

/// Writes the changed outcomes of up to [`CHUNK`] records: the current score (upsert), a
/// history row each, and the computed columns — three statements.
async fn write_outcomes(
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
