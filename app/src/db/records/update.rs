//! Updating records under optimistic concurrency: the caller's version must still be the
//! record's, and every value that changes goes to property history.

use chrono::{DateTime, Utc};
use sqlx::Row;

use super::{
    ChangeContext, CurrentState, StageChange,
    history::write_history,
    read::object_of_record,
    validate::{check_distinct, check_value, options_of, refuse_computed, resolve},
};
use crate::{
    db::{
        Db, Tx,
        schema::{self, ObjectType, PropertyDef},
        sql_value::{SqlValue, bind_values, decode_cell},
    },
    error::AppError,
    models::{PropertyType, PropertyValue, live_event::LiveEvent},
    on_tx,
};

pub(crate) async fn current_state(
    tx: &mut Tx,
    object: &ObjectType,
    record_id: i64,
    properties: &[&PropertyDef],
) -> Result<CurrentState, AppError> {
    let mut columns = vec!["version".to_string(), "stage_id".to_string()];
    columns.extend(properties.iter().map(|p| p.column()));
    let sql = format!(
        "SELECT {} FROM {} WHERE record_id = $1 AND archived_at IS NULL",
        columns.join(", "),
        object.table()
    );
    let state = on_tx!(tx, conn => {
        let row = sqlx::query(&sql).bind(record_id).fetch_optional(&mut *conn).await?;
        match row {
            None => None,
            Some(row) => {
                let mut values = Vec::with_capacity(properties.len());
                for (i, property) in properties.iter().enumerate() {
                    values.push(decode_cell(&row, i + 2, property.property_type)?);
                }
                Some(CurrentState {
                    version: row.try_get(0)?,
                    stage_id: row.try_get(1)?,
                    values,
                })
            }
        }
    });
    state.ok_or_else(|| AppError::not_found("The record"))
}

/// The message for an update against an outdated version.
pub(crate) fn stale_version() -> AppError {
    AppError::StaleVersion
}

/// Sets (or with `None`, clears) properties of a record whose version the caller last saw as
/// `expected_version`. Refuses with [`AppError::StaleVersion`] when the record has changed since;
/// returns the new version. Every value that actually changes is written to property history.
pub async fn update_record(
    db: &Db,
    record_id: i64,
    expected_version: i64,
    changes: &[(&str, Option<PropertyValue>)],
    context: ChangeContext<'_>,
) -> Result<i64, AppError> {
    let mut tx = db.begin().await?;
    let object = object_of_record(&mut tx, record_id).await?;
    let version = apply_changes(
        &mut tx,
        &object,
        record_id,
        expected_version,
        changes,
        None,
        context,
    )
    .await?;
    tx.commit().await?;
    Ok(version)
}

/// Moves a record's *Last activity date* forward to `at` when an activity happened then (a
/// later date stays). A change like any other: versioned and in property history (source
/// "activity"). Records without that property are left alone.
pub async fn note_activity_time(
    db: &Db,
    record_id: i64,
    at: DateTime<Utc>,
    actor: Option<i64>,
) -> Result<(), AppError> {
    use crate::models::view::LAST_ACTIVITY;
    let mut tx = db.begin().await?;
    let object = object_of_record(&mut tx, record_id).await?;
    let properties = schema::properties_in_tx(&mut tx, object.id).await?;
    let Some(property) = properties
        .iter()
        .find(|p| p.name == LAST_ACTIVITY && p.property_type == PropertyType::DateTime)
    else {
        return Ok(());
    };
    let current = current_state(&mut tx, &object, record_id, &[property]).await?;
    let later = match &current.values[0] {
        Some(PropertyValue::DateTime(last)) => at > *last,
        _ => true,
    };
    if later {
        let context = ChangeContext {
            actor,
            source: "activity",
        };
        let change = [(LAST_ACTIVITY, Some(PropertyValue::DateTime(at)))];
        apply_changes(
            &mut tx,
            &object,
            record_id,
            current.version,
            &change,
            None,
            context,
        )
        .await?;
    }
    tx.commit().await
}

pub(crate) async fn apply_changes(
    tx: &mut Tx,
    object: &ObjectType,
    record_id: i64,
    expected_version: i64,
    changes: &[(&str, Option<PropertyValue>)],
    stage_change: Option<StageChange>,
    context: ChangeContext<'_>,
) -> Result<i64, AppError> {
    check_distinct(changes.iter().map(|(name, _)| *name))?;
    let properties = schema::properties_in_tx(tx, object.id).await?;
    let mut chosen = Vec::with_capacity(changes.len());
    for (name, value) in changes {
        chosen.push((resolve(&properties, name)?, value));
    }
    let defs: Vec<&PropertyDef> = chosen.iter().map(|(p, _)| *p).collect();
    let options = options_of(tx, &defs).await?;
    for (property, value) in &chosen {
        match value {
            Some(value) => check_value(property, value, &options)?,
            None => refuse_computed(property)?,
        }
    }
    let current = current_state(tx, object, record_id, &defs).await?;
    if current.version != expected_version {
        return Err(stale_version());
    }
    let now = Utc::now();
    let mut assignments = Vec::new();
    let mut params = Vec::new();
    let mut history = Vec::new();
    let mut multi = Vec::new();
    for ((property, value), old) in chosen.iter().zip(&current.values) {
        if old.as_ref() == value.as_ref() {
            continue;
        }
        params.push(SqlValue::for_property(
            property.property_type,
            value.as_ref(),
        ));
        assignments.push(format!("{} = ${}", property.column(), params.len()));
        history.push((
            property.name.clone(),
            old.as_ref().map(PropertyValue::to_canonical),
            value.as_ref().map(PropertyValue::to_canonical),
        ));
        multi.push((*property, value.as_ref()));
    }
    if let Some(stage) = &stage_change
        && current.stage_id != Some(stage.stage_id)
    {
        params.push(SqlValue::from(stage.pipeline_id));
        assignments.push(format!("pipeline_id = ${}", params.len()));
        params.push(SqlValue::from(stage.stage_id));
        assignments.push(format!("stage_id = ${}", params.len()));
        history.push((
            "stage".into(),
            stage.history.0.clone(),
            Some(stage.history.1.clone()),
        ));
    }
    if assignments.is_empty() {
        return Ok(current.version);
    }
    params.push(SqlValue::from(now));
    let updated_at = params.len();
    params.push(SqlValue::from(record_id));
    let record_param = params.len();
    params.push(SqlValue::from(expected_version));
    let version_param = params.len();
    let sql = format!(
        "UPDATE {} SET {}, version = version + 1, updated_at = ${updated_at} \
         WHERE record_id = ${record_param} AND version = ${version_param}",
        object.table(),
        assignments.join(", ")
    );
    let updated = on_tx!(tx, conn => execute bind_values(sqlx::query(&sql), &params))?;
    if updated != 1 {
        return Err(stale_version());
    }
    for (property, value) in multi {
        crate::db::multi_values::write(tx, record_id, property, value).await?;
    }
    write_history(tx, record_id, &history, context, now).await?;
    crate::db::health::queue::mark_changed(tx, record_id).await?;
    tx.publish(LiveEvent::records_changed(object.id, vec![record_id]));
    Ok(expected_version + 1)
}
