//! Keeping scores current: writes that change a score's inputs queue the records concerned in
//! the same transaction ([`mark_changed`]); the scorer ([`run_scorer`]) takes them off the queue
//! within a second and scores just those, and scores every record of a profile once it is turned
//! on or changed and again each day, because windows slide.

use std::time::Duration;

use chrono::{DateTime, Utc};

use super::{
    compute::{Scope, score_profile},
    profiles::{ProfileRow, live_profiles},
};
use crate::{
    db::{
        Db, Tx,
        sql_value::{SqlValue, bind_values},
    },
    error::AppError,
    on_pool, on_tx,
};

/// Records scored per pass of the queue.
const QUEUE_BATCH: i64 = 1_000;

/// Queues `record_id` and the records associated with it (a ticket's company, a contact's
/// company): a change of any of them may change a score. Re-queuing a queued record moves its
/// time, so a pass that read the earlier entry does not take the later one away.
pub(crate) async fn mark_changed(tx: &mut Tx, record_id: i64) -> Result<(), AppError> {
    let now = Utc::now();
    on_tx!(tx, conn => execute sqlx::query(
        "INSERT INTO health_score_queue (record_id, queued_at) \
         SELECT $1, $2 WHERE true \
         UNION SELECT to_record_id, $2 FROM associations WHERE from_record_id = $1 \
         UNION SELECT from_record_id, $2 FROM associations WHERE to_record_id = $1 \
         ON CONFLICT (record_id) DO UPDATE SET queued_at = excluded.queued_at")
        .bind(record_id)
        .bind(now))?;
    Ok(())
}

/// Queues the records an activity is associated with (logged, completed, edited, deleted).
pub(crate) async fn mark_activity_changed(tx: &mut Tx, activity_id: i64) -> Result<(), AppError> {
    on_tx!(tx, conn => execute sqlx::query(
        "INSERT INTO health_score_queue (record_id, queued_at) \
         SELECT record_id, $2 FROM activity_associations WHERE activity_id = $1 \
         ON CONFLICT (record_id) DO UPDATE SET queued_at = excluded.queued_at")
        .bind(activity_id)
        .bind(Utc::now()))?;
    Ok(())
}

/// Scores the queued records under every live profile and takes them off the queue; returns
/// how many were taken. A profile that fails is logged and skipped, so it cannot stall the
/// others.
pub async fn score_queued(db: &Db, now: DateTime<Utc>) -> Result<usize, AppError> {
    let queued: Vec<(i64, DateTime<Utc>)> = on_pool!(db, pool => sqlx::query_as(
        "SELECT record_id, queued_at FROM health_score_queue ORDER BY queued_at LIMIT $1")
        .bind(QUEUE_BATCH)
        .fetch_all(pool)
        .await)?;
    if queued.is_empty() {
        return Ok(0);
    }
    let ids: Vec<i64> = queued.iter().map(|(id, _)| *id).collect();
    for profile in live_profiles(db).await? {
        if let Err(error) = score_profile(db, &profile, Scope::Records(&ids), now).await {
            tracing::error!(%error, profile = profile.id, "scoring changed records failed");
        }
    }
    let mut tx = db.begin().await?;
    for chunk in queued.chunks(400) {
        let mut sql = String::from("DELETE FROM health_score_queue WHERE ");
        let mut params = Vec::with_capacity(chunk.len() * 2);
        for (i, (id, at)) in chunk.iter().enumerate() {
            if i > 0 {
                sql.push_str(" OR ");
            }
            sql.push_str(&format!(
                "(record_id = ${} AND queued_at = ${})",
                2 * i + 1,
                2 * i + 2
            ));
            params.push(SqlValue::from(*id));
            params.push(SqlValue::from(*at));
        }
        on_tx!(&mut tx, conn => execute bind_values(sqlx::query(&sql), &params))?;
    }
    tx.commit().await?;
    Ok(queued.len())
}

/// How long a server's claim on a full run holds before another may take it over (the first
/// stopped mid-run); also the pause before a failed run is tried again.
const CLAIM_LEASE_MINUTES: i64 = 10;

/// Claims a live profile whose scores are not of today (never computed, turned on or changed,
/// or computed on an earlier day) for a full run; `None` when every profile is current or
/// claimed. The claim is a conditional update, so of several servers only one scores a profile.
async fn claim_stale_profile(db: &Db, now: DateTime<Utc>) -> Result<Option<ProfileRow>, AppError> {
    let day_start = now
        .date_naive()
        .and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc())
        .unwrap_or(now);
    let lease_start = now - chrono::Duration::minutes(CLAIM_LEASE_MINUTES);
    for profile in live_profiles(db).await? {
        if profile.computed_at.is_some_and(|at| at >= day_start) {
            continue;
        }
        let claimed = on_pool!(db, pool => execute sqlx::query(
            "UPDATE health_score_profiles SET claimed_at = $1 WHERE id = $2 AND version = $3 \
             AND (computed_at IS NULL OR computed_at < $4) \
             AND (claimed_at IS NULL OR claimed_at < $5)")
            .bind(now)
            .bind(profile.id)
            .bind(profile.version)
            .bind(day_start)
            .bind(lease_start))?;
        if claimed == 1 {
            return Ok(Some(profile));
        }
    }
    Ok(None)
}

/// Runs full scoring of every profile that needs it; returns how many were scored. A failed
/// run keeps its claim, so it is tried again when the lease ends, not at every pass.
pub async fn score_stale_profiles(db: &Db, now: DateTime<Utc>) -> Result<usize, AppError> {
    let mut scored = 0;
    while let Some(profile) = claim_stale_profile(db, now).await? {
        score_profile(db, &profile, Scope::All, now).await?;
        scored += 1;
    }
    Ok(scored)
}

/// One pass of the scorer: full runs when due, then the queue. On PostgreSQL only one server
/// makes a pass at a time (a session advisory lock on a connection held for the pass), so two
/// servers never score the same records at once.
async fn scorer_pass(db: &Db, full_runs: bool) -> Result<(), AppError> {
    let _held = match db.pool() {
        crate::db::Pool::Postgres(pool) => {
            let mut connection = pool.acquire().await?;
            let locked: bool = sqlx::query_scalar("SELECT pg_try_advisory_lock($1)")
                .bind(SCORER_LOCK)
                .fetch_one(&mut *connection)
                .await?;
            if !locked {
                return Ok(());
            }
            Some(PassLock(Some(connection)))
        }
        crate::db::Pool::Sqlite(_) => None,
    };
    let now = Utc::now();
    if full_runs {
        score_stale_profiles(db, now).await?;
        crate::db::alerts::purge_expired(db, now).await?;
    }
    score_queued(db, now).await?;
    Ok(())
}

/// The advisory lock key of the scorer.
const SCORER_LOCK: i64 = 7_270_011;

/// Holds the scorer's advisory lock; releases it on drop, on the connection that took it.
struct PassLock(Option<sqlx::pool::PoolConnection<sqlx::Postgres>>);

impl Drop for PassLock {
    fn drop(&mut self) {
        if let Some(mut connection) = self.0.take() {
            tokio::spawn(async move {
                let _ = sqlx::query("SELECT pg_advisory_unlock($1)")
                    .bind(SCORER_LOCK)
                    .execute(&mut *connection)
                    .await;
            });
        }
    }
}

/// The background scorer: the queue every quarter second, full runs when due. Errors are
/// logged and the loop goes on.
pub async fn run_scorer(db: Db) {
    let mut tick = tokio::time::interval(Duration::from_millis(250));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut passes: u64 = 0;
    loop {
        tick.tick().await;
        if let Err(error) = scorer_pass(&db, passes.is_multiple_of(8)).await {
            tracing::error!(%error, "scoring health scores failed");
        }
        passes += 1;
    }
}
