//! Writing generated rows in bulk: multi-row `INSERT`s of explicit ids within the backends'
//! parameter limits, and what a bulk load leaves to do afterwards (identity sequences, planner
//! statistics).

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use crate::{
    db::{
        Backend, Db, Pool, Tx,
        records::SYSTEM_COLUMNS,
        schema::{self, ObjectType, PropertyDef},
        sql_value::{SqlValue, bind_values, placeholders},
    },
    error::AppError,
    on_pool, on_tx,
};

/// Bound parameters per multi-row INSERT (SQLite allows 32,766, PostgreSQL 65,535).
const MAX_PARAMS: usize = 30_000;

pub(super) struct Objects {
    pub(super) object: ObjectType,
    columns: HashMap<String, String>,
}

impl Objects {
    pub(super) async fn load(db: &Db, name: &str) -> Result<Objects, AppError> {
        let object = schema::object_type_by_name(db, name).await?;
        let columns = schema::properties(db, object.id)
            .await?
            .into_iter()
            .map(|p: PropertyDef| (p.name.clone(), p.column()))
            .collect();
        Ok(Objects { object, columns })
    }

    fn column(&self, property: &str) -> String {
        self.columns
            .get(property)
            .cloned()
            .unwrap_or_else(|| panic!("no property {property}"))
    }
}

/// Rows for one object table plus the matching `records` rows.
pub(super) struct RecordBatch {
    table: String,
    object_type_id: i64,
    columns: Vec<String>,
    rows: Vec<Vec<SqlValue>>,
    records: Vec<Vec<SqlValue>>,
}

impl RecordBatch {
    pub(super) fn new(objects: &Objects, properties: &[&str]) -> RecordBatch {
        let mut columns: Vec<String> = SYSTEM_COLUMNS.iter().map(|c| c.to_string()).collect();
        columns.extend(properties.iter().map(|p| objects.column(p)));
        RecordBatch {
            table: objects.object.table(),
            object_type_id: objects.object.id,
            columns,
            rows: vec![],
            records: vec![],
        }
    }

    pub(super) fn push(
        &mut self,
        id: i64,
        created_at: DateTime<Utc>,
        stage: Option<(i64, i64)>,
        values: Vec<SqlValue>,
    ) {
        let mut row = vec![
            SqlValue::from(id),
            SqlValue::from(1),
            SqlValue::from(created_at),
            SqlValue::from(created_at),
            SqlValue::from(stage.map(|s| s.0)),
            SqlValue::from(stage.map(|s| s.1)),
        ];
        row.extend(values);
        self.rows.push(row);
        self.records.push(vec![
            SqlValue::from(id),
            SqlValue::from(self.object_type_id),
            SqlValue::from(created_at),
        ]);
    }

    pub(super) async fn write(self, tx: &mut Tx) -> Result<u64, AppError> {
        let count = self.rows.len() as u64;
        let record_columns = [
            "id".to_string(),
            "object_type_id".into(),
            "created_at".into(),
        ];
        insert_rows(tx, "records", &record_columns, &self.records).await?;
        insert_rows(tx, &self.table, &self.columns, &self.rows).await?;
        Ok(count)
    }
}

/// Inserts `rows` into `table` with as few statements as the parameter limits allow.
///
/// SQLite gets anonymous `?` placeholders here: it looks numbered ones up by name in a list, which
/// makes binding tens of thousands of `$n` parameters quadratic.
pub(super) async fn insert_rows(
    tx: &mut Tx,
    table: &str,
    columns: &[String],
    rows: &[Vec<SqlValue>],
) -> Result<(), AppError> {
    let per_row = columns.len();
    let anonymous = tx.backend() == Backend::Sqlite;
    for chunk in rows.chunks((MAX_PARAMS / per_row).max(1)) {
        let values = (0..chunk.len())
            .map(|i| {
                if anonymous {
                    format!("({})", vec!["?"; per_row].join(", "))
                } else {
                    format!("({})", placeholders(1 + i * per_row, per_row))
                }
            })
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "INSERT INTO {table} ({}) VALUES {values}",
            columns.join(", ")
        );
        let params: Vec<SqlValue> = chunk.concat();
        on_tx!(tx, conn => execute bind_values(sqlx::query(&sql), &params))?;
    }
    Ok(())
}

pub(super) fn columns(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

pub(super) async fn next_id(db: &Db, table: &str) -> Result<i64, AppError> {
    let sql = format!("SELECT COALESCE(MAX(id), 0) + 1 FROM {table}");
    Ok(on_pool!(db, pool => sqlx::query_scalar(&sql).fetch_one(pool).await)?)
}

/// After a bulk load the planners know nothing of the data yet (PostgreSQL's autovacuum gets
/// to it later; SQLite keeps no statistics until asked): gather them now, so the first queries
/// choose their indexes as they will on a database in use.
pub(super) async fn gather_statistics(db: &Db) -> Result<(), AppError> {
    match db.pool() {
        Pool::Postgres(pool) => {
            sqlx::query("VACUUM (ANALYZE)").execute(pool).await?;
        }
        Pool::Sqlite(pool) => {
            sqlx::query("PRAGMA analysis_limit = 1000")
                .execute(pool)
                .await?;
            sqlx::query("ANALYZE").execute(pool).await?;
        }
    }
    Ok(())
}

/// Explicit ids were inserted above; PostgreSQL's identity sequences must continue after them.
pub(super) async fn resync_identities(db: &Db) -> Result<(), AppError> {
    if let Pool::Postgres(pool) = db.pool() {
        for table in ["records", "activities", "sales_events"] {
            let sql = format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                 (SELECT COALESCE(MAX(id), 0) + 1 FROM {table}), false)"
            );
            sqlx::query(&sql).execute(pool).await?;
        }
    }
    Ok(())
}
