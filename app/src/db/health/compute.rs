//! Scoring: one `SELECT` per profile decides every criterion for a whole set of records
//! ([`criteria_sql`](super::criteria_sql)); the groups' points and the category follow in
//! memory; only records whose score or reasons changed are written
//! ([`score_writes`](super::score_writes)), a transaction per chunk so other writers are never
//! held up for long, with an alert for each category change and a live event.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sqlx::Row;

use super::{
    criteria_sql::{CriteriaContext, criteria_select},
    profiles::ProfileRow,
    score_writes::{ScoreColumns, clear_records, record_daily_aggregate, write_outcomes},
    segments,
};
use crate::{
    db::{
        Db, Tx,
        alerts::{self, CategoryChange},
        sql_value::{SqlValue, bind_values, placeholders},
    },
    error::AppError,
    models::{health_score::HealthScoreDefinition, live_event::LiveEvent},
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
pub(super) struct Outcome {
    pub score: u32,
    pub category: &'static str,
    pub group_points: Vec<u32>,
    pub held: String,
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
                .is_none_or(|(score, held, _)| *score != i64::from(new.score) || *held != new.held)
        })
        .collect();
    let columns = ScoreColumns::of(&customer, score_id, category_id)?;
    for chunk in changed.chunks(CHUNK) {
        let mut tx = db.begin().await?;
        if !still_live(&mut tx, profile.id).await? {
            return Ok(ScoreRun::default());
        }
        write_outcomes(&mut tx, profile.id, &columns, chunk, now).await?;
        let moved = category_changes(&current, chunk);
        alerts::raise_category_alerts(&mut tx, &customer, profile.id, &moved, now).await?;
        tx.publish(LiveEvent::records_changed(
            customer.object.id,
            chunk.iter().map(|(id, _)| *id).collect(),
        ));
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
        tx.publish(LiveEvent::records_changed(
            customer.object.id,
            chunk.to_vec(),
        ));
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

/// The records of `outcomes` whose category changed from the one in `current` (a record scored
/// for the first time has no category to change from).
fn category_changes(
    current: &HashMap<i64, (i64, String, String)>,
    outcomes: &[(i64, Outcome)],
) -> Vec<CategoryChange> {
    outcomes
        .iter()
        .filter_map(|(id, new)| {
            let (score, _, category) = current.get(id)?;
            (category != new.category).then(|| CategoryChange {
                record_id: *id,
                from_category: category.clone(),
                to_category: new.category,
                from_score: *score,
                to_score: i64::from(new.score),
            })
        })
        .collect()
}

/// `record_id → (score, held, category)` of the records in `scope` that have a score.
async fn current_scores(
    db: &Db,
    profile_id: i64,
    scope: Scope<'_>,
) -> Result<HashMap<i64, (i64, String, String)>, AppError> {
    let mut current = HashMap::new();
    let chunks: Vec<Option<&[i64]>> = match scope {
        Scope::All => vec![None],
        Scope::Records(ids) => ids.chunks(IDS_PER_SELECT).map(Some).collect(),
    };
    for ids in chunks {
        let mut params = vec![SqlValue::from(profile_id)];
        let mut sql =
            "SELECT record_id, score, held, category FROM health_scores WHERE profile_id = $1"
                .to_string();
        if let Some(ids) = ids {
            sql.push_str(&format!(
                " AND record_id IN ({})",
                placeholders(2, ids.len())
            ));
            params.extend(ids.iter().map(|id| SqlValue::from(*id)));
        }
        let rows: Vec<(i64, i64, String, String)> = on_pool!(db, pool =>
            bind_values(sqlx::query_as(&sql), &params).fetch_all(pool).await)?;
        current.extend(
            rows.into_iter()
                .map(|(id, score, held, category)| (id, (score, held, category))),
        );
    }
    Ok(current)
}
