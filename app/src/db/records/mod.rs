//! Records: create, read, update with property history and optimistic concurrency, and pages
//! of records sorted in SQL.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use sqlx::{FromRow, Row};

use super::{
    Db, Tx,
    schema::{self, ObjectType, PropertyDef},
    sql_value::{SqlValue, bind_values, decode_cell, placeholders},
};
use crate::{
    error::AppError,
    models::{PropertyType, PropertyValue, live_event::LiveEvent},
    on_pool, on_tx,
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

/// A record with all its property values.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub id: i64,
    pub object_type_id: i64,
    pub version: i64,
    pub pipeline_id: Option<i64>,
    pub stage_id: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Every property of the object, in display order, with its value if set.
    pub values: Vec<(String, Option<PropertyValue>)>,
}

impl Record {
    pub fn value(&self, property_name: &str) -> Option<&PropertyValue> {
        self.values
            .iter()
            .find(|(name, _)| name == property_name)
            .and_then(|(_, v)| v.as_ref())
    }
}

/// One entry of a property's history.
#[derive(Clone, Debug, PartialEq, FromRow)]
pub struct PropertyChange {
    pub property_name: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub changed_by: Option<i64>,
    pub changed_at: DateTime<Utc>,
    pub source: String,
}

/// Who made a change and through what, as kept in property history.
#[derive(Clone, Copy, Debug)]
pub struct ChangeContext<'a> {
    pub actor: Option<i64>,
    pub source: &'a str,
}

/// Finds the definitions of `names` among `properties`, refusing unknown names.
pub(crate) fn resolve<'p>(
    properties: &'p [PropertyDef],
    name: &str,
) -> Result<&'p PropertyDef, AppError> {
    properties
        .iter()
        .find(|p| p.name == name)
        .ok_or_else(|| AppError::invalid(name, format!("There is no property named {name:?}")))
}

/// Refuses a change list that names one property twice.
fn check_distinct<'n>(names: impl IntoIterator<Item = &'n str>) -> Result<(), AppError> {
    let mut seen = BTreeSet::new();
    for name in names {
        if !seen.insert(name) {
            return Err(AppError::invalid(name, format!("{name:?} is given twice")));
        }
    }
    Ok(())
}

/// Checks that `value` is of `property`'s type.
fn check_type(property: &PropertyDef, value: &PropertyValue) -> Result<(), AppError> {
    if value.property_type() != property.property_type {
        return Err(AppError::invalid(
            &property.name,
            format!(
                "{} expects a {} value",
                property.label,
                property.property_type.as_str()
            ),
        ));
    }
    Ok(())
}

/// Refuses to set a property the server computes (a health score's score or category).
fn refuse_computed(property: &PropertyDef) -> Result<(), AppError> {
    if property.computed {
        return Err(AppError::invalid(
            &property.name,
            format!("{} is computed by its health score", property.label),
        ));
    }
    Ok(())
}

/// Checks that `value` fits `property` (type, and option list for selects).
fn check_value(
    property: &PropertyDef,
    value: &PropertyValue,
    options: &HashMap<i64, Vec<String>>,
) -> Result<(), AppError> {
    refuse_computed(property)?;
    check_type(property, value)?;
    let allowed = options.get(&property.id);
    let chosen: Vec<&String> = match value {
        PropertyValue::Enumeration(v) => vec![v],
        PropertyValue::MultiEnumeration(vs) => vs.iter().collect(),
        _ => vec![],
    };
    if let Some(unknown) = chosen
        .into_iter()
        .find(|v| !allowed.is_some_and(|a| a.contains(v)))
    {
        return Err(AppError::invalid(
            &property.name,
            format!(
                "{unknown:?} is not one of the options of {}",
                property.label
            ),
        ));
    }
    if let PropertyValue::Number(n) = value
        && !n.is_finite()
    {
        return Err(AppError::invalid(&property.name, "Enter a finite number"));
    }
    Ok(())
}

async fn options_of(
    tx: &mut Tx,
    properties: &[&PropertyDef],
) -> Result<HashMap<i64, Vec<String>>, AppError> {
    let ids: Vec<SqlValue> = properties
        .iter()
        .filter(|p| {
            matches!(
                p.property_type,
                PropertyType::Enumeration | PropertyType::MultiEnumeration
            )
        })
        .map(|p| SqlValue::from(p.id))
        .collect();
    let mut options: HashMap<i64, Vec<String>> = HashMap::new();
    if ids.is_empty() {
        return Ok(options);
    }
    let sql = format!(
        "SELECT property_id, value FROM property_options WHERE property_id IN ({})",
        placeholders(1, ids.len())
    );
    let rows: Vec<(i64, String)> = on_tx!(tx, conn =>
        bind_values(sqlx::query_as(&sql), &ids).fetch_all(&mut *conn).await)?;
    for (property_id, value) in rows {
        options.entry(property_id).or_default().push(value);
    }
    Ok(options)
}

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
            Some(super::pipelines::pipeline_of_stage(&mut tx, object, stage_id).await?)
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
        super::multi_values::write(&mut tx, record_id, property, Some(value)).await?;
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

pub(crate) async fn write_history(
    tx: &mut Tx,
    record_id: i64,
    changes: &[(String, Option<String>, Option<String>)],
    context: ChangeContext<'_>,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    for (property_name, old_value, new_value) in changes {
        on_tx!(tx, conn => execute sqlx::query(
            "INSERT INTO property_history (record_id, property_name, old_value, new_value, \
             changed_by, changed_at, source) VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind(record_id)
            .bind(property_name)
            .bind(old_value)
            .bind(new_value)
            .bind(context.actor)
            .bind(at)
            .bind(context.source))?;
    }
    Ok(())
}

/// The object type of a record.
pub(crate) async fn object_of_record(tx: &mut Tx, record_id: i64) -> Result<ObjectType, AppError> {
    let object: Option<ObjectType> = on_tx!(tx, conn => sqlx::query_as(
        "SELECT o.id, o.name, o.singular_label, o.plural_label, o.is_custom, o.has_pipelines \
         FROM records r JOIN object_types o ON o.id = r.object_type_id WHERE r.id = $1")
        .bind(record_id)
        .fetch_optional(&mut *conn)
        .await)?;
    object.ok_or_else(|| AppError::not_found("The record"))
}

/// A record's version, stage and the current values of `properties`, read inside `tx`.
pub(crate) struct CurrentState {
    pub version: i64,
    pub stage_id: Option<i64>,
    pub values: Vec<Option<PropertyValue>>,
}

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

/// A move to another pipeline stage, applied together with property changes.
pub(crate) struct StageChange {
    pub pipeline_id: i64,
    pub stage_id: i64,
    /// `(old, new)` stage names for property history.
    pub history: (Option<String>, String),
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
        super::multi_values::write(tx, record_id, property, value).await?;
    }
    write_history(tx, record_id, &history, context, now).await?;
    crate::db::health::queue::mark_changed(tx, record_id).await?;
    tx.publish(LiveEvent::records_changed(object.id, vec![record_id]));
    Ok(expected_version + 1)
}

/// Reads one record with all its properties.
pub async fn get_record(db: &Db, record_id: i64) -> Result<Record, AppError> {
    let mut tx = db.begin_read().await?;
    let object = object_of_record(&mut tx, record_id).await?;
    let properties = schema::properties_in_tx(&mut tx, object.id).await?;
    let mut columns = vec![
        "version".to_string(),
        "pipeline_id".into(),
        "stage_id".into(),
        "created_at".into(),
        "updated_at".into(),
    ];
    columns.extend(properties.iter().map(PropertyDef::column));
    let sql = format!(
        "SELECT {} FROM {} WHERE record_id = $1 AND archived_at IS NULL",
        columns.join(", "),
        object.table()
    );
    let record = on_tx!(&mut tx, conn => {
        match sqlx::query(&sql).bind(record_id).fetch_optional(&mut *conn).await? {
            None => None,
            Some(row) => {
                let mut values = Vec::with_capacity(properties.len());
                for (i, property) in properties.iter().enumerate() {
                    values.push((property.name.clone(), decode_cell(&row, i + 5, property.property_type)?));
                }
                Some(Record {
                    id: record_id,
                    object_type_id: object.id,
                    version: row.try_get(0)?,
                    pipeline_id: row.try_get(1)?,
                    stage_id: row.try_get(2)?,
                    created_at: row.try_get(3)?,
                    updated_at: row.try_get(4)?,
                    values,
                })
            }
        }
    });
    tx.commit().await?;
    record.ok_or_else(|| AppError::not_found("The record"))
}

/// The history of one property of a record, newest first.
pub async fn property_history(
    db: &Db,
    record_id: i64,
    property_name: &str,
) -> Result<Vec<PropertyChange>, AppError> {
    let sql = "SELECT property_name, old_value, new_value, changed_by, changed_at, source \
               FROM property_history WHERE record_id = $1 AND property_name = $2 \
               ORDER BY changed_at DESC, id DESC";
    Ok(on_pool!(db, pool => sqlx::query_as(sql)
        .bind(record_id)
        .bind(property_name)
        .fetch_all(pool)
        .await)?)
}
