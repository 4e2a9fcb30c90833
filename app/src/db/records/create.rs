//! Creating a record with its initial values, which go to property history too.

use chrono::Utc;

use super::{
    ChangeContext,
    history::write_history,
    validate::{check_distinct, check_value, options_of, resolve},
};
use crate::{
    db::{
        Db,
        schema::{self, ObjectType, PropertyDef},
        sql_value::{SqlValue, bind_values, placeholders},
    },
    error::AppError,
    models::{PropertyValue, live_event::LiveEvent},
    on_tx,
};

/// The columns every object table has before its property columns.
pub const SYSTEM_COLUMNS: [&str; 6] = [
    "record_id",
    "version",
    "created_at",
    "updated_at",
    "pipeline_id",
    "stage_id",
];

/// Creates a record of `object` with initial `values`, optionally at a pipeline stage; the
/// initial values are written to property history.
pub async fn create_record(
    db: &Db,
    object: &ObjectType,
    values: &[(&str, PropertyValue)],
    stage_id: Option<i64>,
    context: ChangeContext<'_>,
) -> Result<i64, AppError> {
    check_distinct(values.iter().map(|(name, _)| *name))?;
    let mut tx = db.begin().await?;
    let properties = schema::properties_in_tx(&mut tx, object.id).await?;
    let mut chosen = Vec::with_capacity(values.len());
    for (name, value) in values {
        chosen.push((resolve(&properties, name)?, value));
    }
    let defs: Vec<&PropertyDef> = chosen.iter().map(|(p, _)| *p).collect();
    let options = options_of(&mut tx, &defs).await?;
    for (property, value) in &chosen {
        check_value(property, value, &options)?;
    }
    let pipeline_id = match stage_id {
        Some(stage_id) => {
            Some(crate::db::pipelines::pipeline_of_stage(&mut tx, object, stage_id).await?)
        }
        None => None,
    };
    let now = Utc::now();
    let record_id: i64 = on_tx!(&mut tx, conn => sqlx::query_scalar(
        "INSERT INTO records (object_type_id, created_at) VALUES ($1, $2) RETURNING id")
        .bind(object.id)
        .bind(now)
        .fetch_one(&mut *conn)
        .await)?;
    let mut columns: Vec<String> = SYSTEM_COLUMNS.iter().map(|c| c.to_string()).collect();
    let mut params = vec![
        SqlValue::from(record_id),
        SqlValue::from(1),
        SqlValue::from(now),
        SqlValue::from(now),
        SqlValue::from(pipeline_id),
        SqlValue::from(stage_id),
    ];
    for (property, value) in &chosen {
        columns.push(property.column());
        params.push(SqlValue::for_property(property.property_type, Some(value)));
    }
    let sql = format!(
        "INSERT INTO {} ({}) VALUES ({})",
        object.table(),
        columns.join(", "),
        placeholders(1, params.len())
    );
    on_tx!(&mut tx, conn => execute bind_values(sqlx::query(&sql), &params))?;
    for (property, value) in &chosen {
        crate::db::multi_values::write(&mut tx, record_id, property, Some(value)).await?;
    }
    let history: Vec<(String, Option<String>, Option<String>)> = chosen
        .iter()
        .map(|(p, v)| (p.name.clone(), None, Some(v.to_canonical())))
        .collect();
    write_history(&mut tx, record_id, &history, context, now).await?;
    tx.publish(LiveEvent::records_changed(object.id, vec![record_id]));
    tx.commit().await?;
    Ok(record_id)
}
