//! The repository layer: one API over SQLite (embedded default) and PostgreSQL (scale-out).
//!
//! # Two backends, one code path per query
//! [`Db`] holds a pool per backend. Every query is written once, with `$n` placeholders that both
//! SQLite and PostgreSQL accept, and run through [`on_pool!`] / [`on_tx!`], which expand the same
//! source once per backend so each arm is type-checked against its own driver (with chrono types,
//! which `sqlx::Any` lacks). Only DDL differs per backend, and it lives in [`schema`].
//!
//! # Storage of properties: one typed column per property
//! Every object type (contacts, companies, deals, tickets, services, custom objects) has its own
//! table `obj_<object_type_id>`, keyed by the global record id from `records`. Every property is a
//! real, typed column `p_<property_id>` of that table, added with `ALTER TABLE … ADD COLUMN` when an
//! admin (or the bootstrap) defines the property, together with an index on
//! `(sort key, record_id)`. The sort key is `LOWER(column)` for text-like properties, so sorting is
//! case-insensitive, and the column itself otherwise.
//!
//! Why not entity–attribute–value rows? With EAV a sorted page needs an outer join per sorted or
//! filtered property, and records lacking a value defeat the index: the database sorts the whole
//! object. With a column per property, `ORDER BY LOWER(p_1) ASC NULLS FIRST, record_id LIMIT 50`
//! walks one index and stops after 50 rows, filters are plain indexed predicates on one table, and
//! an optimistic-concurrency update is a single `UPDATE … WHERE version = $n`. Custom properties
//! cost one DDL statement at definition time, which both backends run inside a transaction.
//!
//! Identifiers in generated SQL are only ever built from database ids (`obj_12`, `p_345`), never
//! from user text; values are always bound parameters. PostgreSQL text columns use the "C"
//! collation so both backends order text the same way.

pub mod activities;
pub mod alerts;
pub mod associations;
pub mod audit_log;
pub mod backup;
pub mod change_versions;
mod checks;
pub mod common_passwords;
pub mod computed_properties;
pub mod cs_objects;
pub mod event_bus;
pub mod feed;
pub mod follows;
pub mod health;
pub mod list_tabs;
pub mod list_views;
pub mod meetings;
pub mod merge;
pub mod multi_values;
pub mod passwords;
pub mod pipelines;
pub mod profiles;
pub mod query;
pub mod record_detail;
pub mod record_search;
pub mod records;
pub mod report_cache;
pub mod report_figures;
pub mod report_indexes;
pub mod reports;
pub mod sales_events;
pub mod schedule;
pub mod schema;
pub mod schema_cache;
pub mod seed;
pub mod seed_health;
pub mod seed_views;
pub mod sessions;
pub mod sql_value;
pub mod stage_moves;
pub mod summary;
pub mod task_object;
pub mod task_views;
pub mod tasks;
pub mod tx;
pub mod users;
pub mod views;
pub mod workspaces;

use std::{str::FromStr, sync::Arc, time::Duration};

use sqlx::{
    PgPool, SqlitePool,
    postgres::PgPoolOptions,
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
};

use crate::error::AppError;
pub(crate) use checks::{parse_description, parse_name, parse_short_text, require_found};
use event_bus::EventBus;
use report_cache::ReportCache;
use schema_cache::{Schema, SchemaCache};
pub use tx::{Tx, TxConn};

/// Runs `$body` with `$pool` bound to the backend's pool; the body is compiled once per backend.
/// `on_pool!(db, pool => execute QUERY)` runs a statement and gives the number of rows it
/// affected (the two drivers' result types differ, the count does not).
#[macro_export]
macro_rules! on_pool {
    ($db:expr, $pool:ident => execute $query:expr) => {
        $crate::on_pool!($db, $pool => $query.execute($pool).await.map(|done| done.rows_affected()))
    };
    ($db:expr, $pool:ident => $body:expr) => {
        match $db.pool() {
            $crate::db::Pool::Sqlite($pool) => $body,
            $crate::db::Pool::Postgres($pool) => $body,
        }
    };
}

/// Runs `$body` with `$conn` bound to the transaction's connection (`&mut Connection`), once per
/// backend. Use `&mut *$conn` as the executor. `on_tx!(tx, conn => execute QUERY)` runs a
/// statement and gives the number of rows it affected.
#[macro_export]
macro_rules! on_tx {
    ($tx:expr, $conn:ident => execute $query:expr) => {
        $crate::on_tx!($tx, $conn => $query.execute(&mut *$conn).await.map(|done| done.rows_affected()))
    };
    ($tx:expr, $conn:ident => $body:expr) => {
        match &mut $tx.conn {
            $crate::db::TxConn::Sqlite(tx) => {
                let $conn = &mut **tx;
                $body
            }
            $crate::db::TxConn::Postgres(tx) => {
                let $conn = &mut **tx;
                $body
            }
        }
    };
}

/// Which database engine a [`Db`] talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A connection pool on either backend; see [`on_pool!`].
#[derive(Clone, Debug)]
pub enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// The workspace database: its connection pool, the cache of object schemas read from it and
/// the bus its changes are announced on.
#[derive(Clone, Debug)]
pub struct Db {
    pool: Pool,
    schemas: Arc<SchemaCache>,
    events: EventBus,
    reports: Arc<ReportCache>,
}

/// Why the database could not be opened at start-up; printed as one line.
#[derive(Debug, thiserror::Error)]
pub enum DbSetupError {
    #[error("unsupported database URL {0:?}: use sqlite://PATH or postgres://USER@HOST/DB")]
    UnsupportedUrl(String),
    #[error("invalid database URL {url:?}: {source}")]
    InvalidUrl { url: String, source: sqlx::Error },
    #[error("cannot create the database folder {path}: {source}")]
    Folder {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot connect to the database at {url}: {source}")]
    Connect { url: String, source: sqlx::Error },
    #[error("cannot migrate the database: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("cannot prepare the database: {0}")]
    Bootstrap(AppError),
}

impl Db {
    fn new(pool: Pool) -> Db {
        let events = EventBus::new(match &pool {
            Pool::Postgres(pool) => Some(pool.clone()),
            Pool::Sqlite(_) => None,
        });
        Db {
            pool,
            schemas: Arc::new(SchemaCache::default()),
            events,
            reports: Arc::default(),
        }
    }

    /// The bus this database's changes are announced on.
    pub fn events(&self) -> &EventBus {
        &self.events
    }

    /// Report figures kept between Summary loads; see [`report_cache`].
    pub fn report_cache(&self) -> &ReportCache {
        &self.reports
    }

    pub fn pool(&self) -> &Pool {
        &self.pool
    }

    /// The object schemas (properties, options, pipelines), read once and again only after a
    /// change; see [`schema_cache`].
    pub async fn schema(&self) -> Result<Arc<Schema>, AppError> {
        self.schemas.current(self).await
    }

    /// Opens (and for SQLite creates) the database named by `url`, without migrating it.
    pub async fn connect(url: &str) -> Result<Db, DbSetupError> {
        if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)
                .map_err(|source| DbSetupError::InvalidUrl {
                    url: url.into(),
                    source,
                })?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10));
            let path = options.get_filename();
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent).map_err(|source| DbSetupError::Folder {
                    path: parent.display().to_string(),
                    source,
                })?;
            }
            let pool = SqlitePoolOptions::new()
                .max_connections(8)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(options)
                .await
                .map_err(|source| DbSetupError::Connect {
                    url: url.into(),
                    source,
                })?;
            Ok(Db::new(Pool::Sqlite(pool)))
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10))
                .connect(url)
                .await
                .map_err(|source| match source {
                    sqlx::Error::Configuration(_) => DbSetupError::InvalidUrl {
                        url: url.into(),
                        source,
                    },
                    source => DbSetupError::Connect {
                        url: redact(url),
                        source,
                    },
                })?;
            Ok(Db::new(Pool::Postgres(pool)))
        } else {
            Err(DbSetupError::UnsupportedUrl(url.into()))
        }
    }

    /// Connects, applies the backend's migrations and creates the built-in objects and
    /// properties if they are missing. Safe to run on every start and from several instances.
    pub async fn open(url: &str) -> Result<Db, DbSetupError> {
        let db = Db::connect(url).await?;
        db.migrate().await?;
        schema::ensure_builtin_objects(&db)
            .await
            .map_err(DbSetupError::Bootstrap)?;
        multi_values::backfill(&db)
            .await
            .map_err(DbSetupError::Bootstrap)?;
        db.ensure_workspace_defaults()
            .await
            .map_err(DbSetupError::Bootstrap)?;
        Ok(db)
    }

    /// The default object roles and the main workspace, once the built-in objects exist.
    async fn ensure_workspace_defaults(&self) -> Result<(), AppError> {
        let mut tx = self.begin().await?;
        if let Some(pg) = tx.postgres() {
            sqlx::query("SELECT pg_advisory_xact_lock(7270001)")
                .execute(pg)
                .await?;
        }
        cs_objects::ensure_default_roles(&mut tx).await?;
        workspaces::ensure_main_workspace(&mut tx).await?;
        tx.commit().await
    }

    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        match &self.pool {
            Pool::Sqlite(pool) => sqlx::migrate!("../migrations/sqlite").run(pool).await,
            Pool::Postgres(pool) => sqlx::migrate!("../migrations/postgres").run(pool).await,
        }
    }

    pub fn backend(&self) -> Backend {
        match &self.pool {
            Pool::Sqlite(_) => Backend::Sqlite,
            Pool::Postgres(_) => Backend::Postgres,
        }
    }

    /// Starts a write transaction. SQLite takes the write lock up front (`BEGIN IMMEDIATE`) so
    /// two writers queue on the busy timeout instead of failing when a read lock is upgraded.
    pub async fn begin(&self) -> Result<Tx, AppError> {
        let conn = match &self.pool {
            Pool::Sqlite(pool) => TxConn::Sqlite(pool.begin_with("BEGIN IMMEDIATE").await?),
            Pool::Postgres(pool) => TxConn::Postgres(pool.begin().await?),
        };
        Ok(Tx::new(conn, &self.events))
    }

    /// Starts a read-only snapshot (a deferred transaction, which takes no write lock).
    pub async fn begin_read(&self) -> Result<Tx, AppError> {
        let conn = match &self.pool {
            Pool::Sqlite(pool) => TxConn::Sqlite(pool.begin().await?),
            Pool::Postgres(pool) => TxConn::Postgres(pool.begin().await?),
        };
        Ok(Tx::new(conn, &self.events))
    }

    /// Whether the database answers a trivial query (the server's `/health`).
    pub async fn ping(&self) -> Result<(), AppError> {
        on_pool!(self, pool => execute sqlx::query("SELECT 1"))?;
        Ok(())
    }

    pub async fn close(&self) {
        self.events.stop().await;
        on_pool!(self, pool => pool.close().await)
    }
}

/// Hides the password of a database URL before it is printed.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(
            redact("postgres://bob:secret@db/x"),
            "postgres://bob:***@db/x"
        );
        assert_eq!(redact("postgres://bob@db/x"), "postgres://bob@db/x");
        assert_eq!(redact("sqlite://data/x.db"), "sqlite://data/x.db");
    }

    #[tokio::test]
    async fn unsupported_urls_are_refused_with_a_clear_message() {
        let error = Db::connect("mysql://root@localhost/x").await.unwrap_err();
        assert!(
            error.to_string().starts_with("unsupported database URL"),
            "{error}"
        );
    }
}
