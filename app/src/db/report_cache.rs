//! Figures kept between Summary loads: its reports' aggregates and the health score
//! distribution. Each reads every live record (or score) of an object — over 100,000 companies
//! that is a scan of the table — while what people look at is the same Summary, loaded again
//! and again between changes. Figures are kept per statement
//! (the report's question and the viewer's zone) until a record of that object changes through
//! any instance ([`super::change_versions`], fed by the event bus) and for at most
//! [`KEEP_FOR`], which bounds how old they can be after a write that announces nothing (an
//! import straight into the database).

use std::{
    collections::HashMap,
    sync::Mutex,
    time::{Duration, Instant},
};

use super::{
    Db,
    change_versions::ChangeVersion,
    query::{aggregate::Aggregate, sql_builder::SqlBuilder},
};

/// The longest figures are kept, changed or not.
pub const KEEP_FOR: Duration = Duration::from_secs(60);
/// Statements kept at most (five reports per user, a few zones): beyond, the oldest go.
const MOST_KEPT: usize = 4096;

/// One per [`Db`], shared by its clones.
#[derive(Debug, Default)]
pub struct ReportCache {
    kept: Mutex<HashMap<Key, Kept>>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Key {
    object_type_id: i64,
    /// The statement and its values: the same text asks the same question.
    statement: String,
}

#[derive(Debug)]
struct Kept {
    version: ChangeVersion,
    at: Instant,
    figures: Aggregate,
}

/// What [`ReportCache::lookup`] found: the figures kept, or where to keep the ones computed.
#[derive(Debug)]
pub struct Lookup {
    /// `None`: nothing is kept (this instance cannot hear other instances' changes).
    key: Option<Key>,
    version: ChangeVersion,
    figures: Option<Aggregate>,
}

impl Lookup {
    /// The figures kept for the statement, still current.
    pub fn figures(&self) -> Option<Aggregate> {
        self.figures.clone()
    }
}

impl ReportCache {
    /// The figures kept for `sql` over `object_type_id`'s records, if nothing changed since.
    pub async fn lookup(&self, db: &Db, object_type_id: i64, sql: &SqlBuilder) -> Lookup {
        let bus = db.events();
        // The object's version must be read before the statement runs: a change committed
        // meanwhile then leaves the figures older than their version, and they are not used.
        let version = bus.changes().of(object_type_id);
        let mut lookup = Lookup {
            key: None,
            version,
            figures: None,
        };
        if !bus.hears_every_instance() {
            if let Err(error) = bus.hear_every_instance().await {
                tracing::warn!(%error, "report figures are not kept: cannot hear other instances");
                return lookup;
            }
            // Changes from before listening went unheard: start from nothing.
            self.lock().clear();
        }
        let key = Key {
            object_type_id,
            statement: format!("{}\n{:?}", sql.sql(), sql.params()),
        };
        lookup.figures = self
            .lock()
            .get(&key)
            .filter(|kept| kept.version == version && kept.at.elapsed() < KEEP_FOR)
            .map(|kept| kept.figures.clone());
        lookup.key = Some(key);
        lookup
    }

    /// Keeps `figures`, computed after `lookup`.
    pub fn keep(&self, lookup: Lookup, figures: Aggregate) {
        let Some(key) = lookup.key else {
            return;
        };
        let mut kept = self.lock();
        if kept.len() >= MOST_KEPT {
            kept.retain(|_, k| k.at.elapsed() < KEEP_FOR);
            if kept.len() >= MOST_KEPT {
                let oldest = kept.values().map(|k| k.at).min();
                kept.retain(|_, k| Some(k.at) != oldest);
            }
        }
        kept.insert(
            key,
            Kept {
                version: lookup.version,
                at: Instant::now(),
                figures,
            },
        );
    }

    /// Forgets every figure kept: the next loads compute them (the benchmark's first loads).
    pub fn forget(&self) {
        self.lock().clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Key, Kept>> {
        self.kept.lock().unwrap_or_else(|e| e.into_inner())
    }
}
