//! Figures kept between Summary loads: its reports' aggregates and the health score
//! distribution. Each reads every live record (or score) of an object — over 100,000 companies
//! that is a scan of the table — while what people look at is the same Summary, loaded again
//! and again between changes.
//!
//! Figures are kept per statement (the question and the viewer's zone) with the object's
//! version when they were read ([`super::change_versions`], fed by the event bus from every
//! instance). While the version is unchanged they are current, for at most [`KEEP_FOR`] — the
//! bound for a write that announces nothing (an import straight into the database). After a
//! change, figures that were quick to compute are computed again on the request; **slow** ones
//! ([`SLOW_FIGURES`] or more, a scan of a large table) are shown as they were, with the time they
//! were read, while one background task computes them again — so no page waits for a scan of
//! 100,000 records because someone edited a company, and the next load has the new figures.

use std::{
    collections::HashMap,
    future::Future,
    sync::{
        Mutex,
        atomic::{AtomicU64, Ordering},
    },
    time::{Duration, Instant},
};

use chrono::{DateTime, Utc};

use super::{
    Db,
    change_versions::ChangeVersion,
    query::{aggregate::Aggregate, sql_builder::SqlBuilder},
};
use crate::error::AppError;

/// The longest figures are current with no change heard.
pub const KEEP_FOR: Duration = Duration::from_secs(60);
/// Figures that took this long to compute are refreshed in the background after a change.
pub const SLOW_FIGURES: Duration = Duration::from_millis(20);
/// The oldest figures shown while newer ones are computed; older ones are computed on the
/// request, as figures that old would mislead.
pub const SHOW_WHILE_REFRESHING_FOR: Duration = Duration::from_secs(15 * 60);
/// Statements kept at most (five reports per user, a few zones): beyond, the oldest go.
const MOST_KEPT: usize = 4096;

/// A statement and its values as the key of its figures: the same text asks the same question.
pub fn question_of(sql: &SqlBuilder) -> String {
    format!("{}\n{:?}", sql.sql(), sql.params())
}

/// One per [`Db`], shared by its clones.
#[derive(Debug, Default)]
pub struct ReportCache {
    kept: Mutex<HashMap<Key, Kept>>,
    /// Microseconds from which figures count as slow; 0: [`SLOW_FIGURES`].
    slow_from_us: AtomicU64,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Key {
    object_type_id: i64,
    /// The statement and its values, or what else tells the question apart (see
    /// [`question_of`]).
    question: String,
}

#[derive(Debug)]
struct Kept {
    version: ChangeVersion,
    /// When the figures were read (their version was read just before).
    at: Instant,
    read_at: DateTime<Utc>,
    /// How long computing them took.
    took: Duration,
    figures: Aggregate,
    /// A background task is computing them again.
    refreshing: bool,
}

/// What to do with a statement's kept figures.
#[derive(Debug, PartialEq)]
enum Decision {
    /// Current: answer with them.
    Current,
    /// Outdated but slow to compute: answer with them (saying when they were read); start a
    /// background refresh unless one runs.
    ShowWhileRefreshing { start: bool },
    /// Compute on the request.
    Compute,
}

fn decide(kept: Option<&Kept>, version: ChangeVersion, now: Instant, slow: Duration) -> Decision {
    let Some(kept) = kept else {
        return Decision::Compute;
    };
    let age = now.saturating_duration_since(kept.at);
    if kept.version == version && age < KEEP_FOR {
        Decision::Current
    } else if kept.took >= slow && age < SHOW_WHILE_REFRESHING_FOR {
        Decision::ShowWhileRefreshing {
            start: !kept.refreshing,
        }
    } else {
        Decision::Compute
    }
}

impl ReportCache {
    /// The figures answering `question` (see [`question_of`]) over `object_type_id`'s records:
    /// kept, or computed by `compute` — on the request, or for slow figures after a change in
    /// the background while the kept ones are answered with their [`Aggregate::as_of`].
    pub async fn figures<F, Fut>(
        &self,
        db: &Db,
        object_type_id: i64,
        question: String,
        compute: F,
    ) -> Result<Aggregate, AppError>
    where
        F: FnOnce(Db) -> Fut + Send + 'static,
        Fut: Future<Output = Result<Aggregate, AppError>> + Send + 'static,
    {
        let bus = db.events();
        if !bus.hears_every_instance() {
            if let Err(error) = bus.hear_every_instance().await {
                tracing::warn!(%error, "figures are not kept: cannot hear other instances");
                return compute(db.clone()).await;
            }
            // Changes from before listening went unheard: start from nothing.
            self.lock().clear();
        }
        let key = Key {
            object_type_id,
            question,
        };
        // Read before the statement runs: a change committed meanwhile leaves the figures
        // older than their version, so they are not taken for current.
        let version = bus.changes().of(object_type_id);
        {
            let mut kept = self.lock();
            let entry = kept.get_mut(&key);
            match (
                decide(entry.as_deref(), version, Instant::now(), self.slow()),
                entry,
            ) {
                (Decision::Current, Some(entry)) => return Ok(entry.figures.clone()),
                (Decision::ShowWhileRefreshing { start }, Some(entry)) => {
                    let shown = Aggregate {
                        as_of: Some(entry.read_at),
                        ..entry.figures.clone()
                    };
                    if start {
                        entry.refreshing = true;
                        let db = db.clone();
                        tokio::spawn(async move {
                            let cache = db.report_cache();
                            if let Err(error) =
                                cache.compute_and_keep(&db, key.clone(), compute).await
                            {
                                tracing::warn!(%error, "figures could not be refreshed");
                                cache.refresh_failed(&key);
                            }
                        });
                    }
                    return Ok(shown);
                }
                // Nothing kept (decide says Compute), or Compute.
                _ => {}
            }
        }
        self.compute_and_keep(db, key, compute).await
    }

    async fn compute_and_keep<F, Fut>(
        &self,
        db: &Db,
        key: Key,
        compute: F,
    ) -> Result<Aggregate, AppError>
    where
        F: FnOnce(Db) -> Fut,
        Fut: Future<Output = Result<Aggregate, AppError>>,
    {
        let version = db.events().changes().of(key.object_type_id);
        let (at, read_at) = (Instant::now(), Utc::now());
        let figures = compute(db.clone()).await?;
        let took = at.elapsed();
        let mut kept = self.lock();
        if kept.len() >= MOST_KEPT {
            kept.retain(|_, k| k.at.elapsed() < SHOW_WHILE_REFRESHING_FOR);
            if kept.len() >= MOST_KEPT {
                let oldest = kept.values().map(|k| k.at).min();
                kept.retain(|_, k| Some(k.at) != oldest);
            }
        }
        kept.insert(
            key,
            Kept {
                version,
                at,
                read_at,
                took,
                figures: figures.clone(),
                refreshing: false,
            },
        );
        Ok(figures)
    }

    /// Counts figures as slow from `threshold` on ([`SLOW_FIGURES`] unless set): tests set a
    /// tiny one to see the background refresh without a table of 100,000 records.
    pub fn count_as_slow_from(&self, threshold: Duration) {
        let micros = u64::try_from(threshold.as_micros())
            .unwrap_or(u64::MAX)
            .max(1);
        self.slow_from_us.store(micros, Ordering::Relaxed);
    }

    fn slow(&self) -> Duration {
        match self.slow_from_us.load(Ordering::Relaxed) {
            0 => SLOW_FIGURES,
            micros => Duration::from_micros(micros),
        }
    }

    fn refresh_failed(&self, key: &Key) {
        if let Some(kept) = self.lock().get_mut(key) {
            kept.refreshing = false;
        }
    }

    /// Forgets every figure kept: the next loads compute them (the benchmark's first loads).
    pub fn forget(&self) {
        self.lock().clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Key, Kept>> {
        self.kept.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{db::change_versions::ChangeVersions, models::live_event::LiveEvent};

    fn kept(version: ChangeVersion, at: Instant, took_ms: u64, refreshing: bool) -> Kept {
        Kept {
            version,
            at,
            read_at: Utc::now(),
            took: Duration::from_millis(took_ms),
            figures: Aggregate::default(),
            refreshing,
        }
    }

    #[test]
    fn figures_are_current_until_their_object_changes_or_a_minute_passes() {
        let versions = ChangeVersions::default();
        let before = versions.of(1);
        let now = Instant::now();
        assert_eq!(decide(None, before, now, SLOW_FIGURES), Decision::Compute);
        let quick = kept(before, now, 5, false);
        assert_eq!(
            decide(Some(&quick), before, now, SLOW_FIGURES),
            Decision::Current
        );
        assert_eq!(
            decide(Some(&quick), before, now + KEEP_FOR, SLOW_FIGURES),
            Decision::Compute
        );
        versions.note(&LiveEvent::records_changed(1, vec![9]));
        assert_eq!(
            decide(Some(&quick), versions.of(1), now, SLOW_FIGURES),
            Decision::Compute,
            "quick figures are computed again at once"
        );
    }

    #[test]
    fn slow_figures_are_shown_while_one_refresh_runs() {
        let versions = ChangeVersions::default();
        let before = versions.of(1);
        let now = Instant::now();
        versions.note(&LiveEvent::records_changed(1, vec![9]));
        let after = versions.of(1);
        let slow = kept(before, now, 250, false);
        assert_eq!(
            decide(Some(&slow), after, now, SLOW_FIGURES),
            Decision::ShowWhileRefreshing { start: true }
        );
        let refreshing = kept(before, now, 250, true);
        assert_eq!(
            decide(Some(&refreshing), after, now, SLOW_FIGURES),
            Decision::ShowWhileRefreshing { start: false },
            "one refresh at a time"
        );
        assert_eq!(
            decide(
                Some(&slow),
                after,
                now + SHOW_WHILE_REFRESHING_FOR,
                SLOW_FIGURES
            ),
            Decision::Compute,
            "figures too old are not shown"
        );
        assert_eq!(
            decide(Some(&slow), before, now, SLOW_FIGURES),
            Decision::Current
        );
    }
}
