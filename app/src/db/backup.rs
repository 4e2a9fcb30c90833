//! `server backup PATH`: a consistent copy of a live SQLite database, taken while the server
//! keeps serving (`VACUUM INTO` reads one snapshot and writes a compact, self-contained file),
//! then checked with `PRAGMA integrity_check`. PostgreSQL has its own tools (`pg_dump`).
//! The way back is in the README ("Backups"): stop the server, put the copy in the database
//! file's place, start it.

use std::path::Path;

use sqlx::sqlite::{SqliteConnectOptions, SqlitePool};

use super::{Db, Pool};
use crate::error::AppError;

/// What a backup wrote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BackupReport {
    pub bytes: u64,
}

/// Copies the database to `path`, a file that must not exist yet, and checks the copy.
pub async fn backup(db: &Db, path: &Path) -> Result<BackupReport, AppError> {
    let Pool::Sqlite(pool) = db.pool() else {
        return Err(AppError::Conflict(
            "This is a PostgreSQL database: back it up with pg_dump (see the README).".into(),
        ));
    };
    if path.exists() {
        return Err(AppError::Conflict(format!(
            "{} already exists: choose a new file, so no backup is overwritten",
            path.display()
        )));
    }
    let target = path.to_str().ok_or_else(|| {
        AppError::Conflict(format!("{} is not a usable file name", path.display()))
    })?;
    sqlx::query("VACUUM INTO $1")
        .bind(target)
        .execute(pool)
        .await?;
    let copy = SqlitePool::connect_with(SqliteConnectOptions::new().filename(path).read_only(true))
        .await?;
    let verdict: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&copy)
        .await?;
    copy.close().await;
    if verdict != "ok" {
        return Err(AppError::Conflict(format!(
            "the copy at {} failed its integrity check: {verdict}",
            path.display()
        )));
    }
    let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    Ok(BackupReport { bytes })
}
