//! One record for its preview sidebar and page: properties (through the schema cache), who
//! follows it, its associated records, a keyset-paged timeline, and property history with
//! names and readable values.

use std::{collections::BTreeSet, sync::Arc};

use chrono::{DateTime, Utc};
use sqlx::{FromRow, Row};

use super::{
    Db,
    query::list::user_names,
    records,
    schema_cache::{ObjectSchema, Schema},
    sql_value::{SqlValue, bind_values, decode_cell, placeholders},
};
use crate::{
    error::AppError,
    models::{
        ActivityKind, PropertyType, PropertyValue, UserRef,
        record_detail::{
            ACTIVITY_PAGE_SIZE, ASSOCIATIONS_SHOWN, ActivityItem, ActivityPage, AssociationGroup,
            PropertyCell, PropertyChangeEntry, PropertyHistory, RecordDetail, RecordLink,
        },
        time_zone::ViewerZone,
    },
    on_pool,
};

/// A live record read through the cached schema.
pub struct LoadedRecord {
    pub schema_object: std::sync::Arc<ObjectSchema>,
    pub version: i64,
    pub pipeline_id: Option<i64>,
    pub stage_id: Option<i64>,
    pub created_at: DateTime<Utc>,
    /// Values of `schema_object.properties`, in order.
    pub values: Vec<Option<PropertyValue>>,
}

impl LoadedRecord {
    pub fn value(&self, property: &str) -> Option<&PropertyValue> {
        let index = self
            .schema_object
            .properties
            .iter()
            .position(|p| p.name == property)?;
        self.values[index].as_ref()
    }

    /// The record's name, or "Company #12" when it has none.
    pub fn display_name(&self, record_id: i64) -> String {
        self.schema_object
            .name_property()
            .and_then(|p| self.value(&p.name))
            .map(|v| v.to_canonical())
            .unwrap_or_else(|| format!("{} #{record_id}", self.schema_object.object.singular_label))
    }
}

/// Reads live record `record_id` with every property: two queries.
/// The schema of the object `record_id` is a record of.
pub async fn record_object<'s>(
    db: &Db,
    schema: &'s Schema,
    record_id: i64,
) -> Result<&'s Arc<ObjectSchema>, AppError> {
    let object_type_id: Option<i64> = on_pool!(db, pool => sqlx::query_scalar(
        "SELECT object_type_id FROM records WHERE id = $1")
        .bind(record_id)
        .fetch_optional(pool)
        .await)?;
    schema.object(object_type_id.ok_or_else(|| AppError::not_found("The record"))?)
}

pub async fn load_record(
    db: &Db,
    schema: &Schema,
    record_id: i64,
) -> Result<LoadedRecord, AppError> {
    let object = record_object(db, schema, record_id).await?;
    let mut columns = vec![
        "version".to_string(),
        "pipeline_id".into(),
        "stage_id".into(),
        "created_at".into(),
    ];
    columns.extend(object.properties.iter().map(|p| p.column()));
    let sql = format!(
        "SELECT {} FROM {} WHERE record_id = $1 AND archived_at IS NULL",
        columns.join(", "),
        object.object.table()
    );
    let loaded = on_pool!(db, pool => {
        match sqlx::query(&sql).bind(record_id).fetch_optional(pool).await? {
            None => None,
            Some(row) => {
                let mut values = Vec::with_capacity(object.properties.len());
                for (i, property) in object.properties.iter().enumerate() {
                    values.push(decode_cell(&row, i + 4, property.property_type)?);
                }
                Some(LoadedRecord {
                    schema_object: object.clone(),
                    version: row.try_get(0)?,
                    pipeline_id: row.try_get(1)?,
                    stage_id: row.try_get(2)?,
                    created_at: row.try_get(3)?,
                    values,
                })
            }
        }
    });
    loaded.ok_or_else(|| AppError::not_found("The record"))
}

/// Active users by name, for user-property editors and filters.
pub async fn active_users(db: &Db) -> Result<Vec<UserRef>, AppError> {
    let rows: Vec<(i64, String)> = on_pool!(db, pool => sqlx::query_as(
        "SELECT id, name FROM users WHERE active ORDER BY name, id")
        .fetch_all(pool)
        .await)?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| UserRef { id, name })
        .collect())
}

/// Everything the preview sidebar and the record page show.
pub async fn record_detail(
    db: &Db,
    record_id: i64,
    viewer_id: i64,
    zone: crate::models::time_zone::ViewerZone,
) -> Result<RecordDetail, AppError> {
    let schema = db.schema().await?;
    let record = load_record(db, &schema, record_id).await?;
    let object = &record.schema_object;
    let users = active_users(db).await?;
    let following = super::follows::is_following(db, viewer_id, record_id).await?;
    let associations = associations_of(db, &schema, record_id).await?;
    let activities = activity_page(db, record_id, None).await?;
    let health = super::health::card::health_cards(db, record_id, object.object.id, zone).await?;
    let stage = record.stage_id.and_then(|stage_id| {
        object.pipelines.iter().find_map(|pipeline| {
            pipeline
                .stages
                .iter()
                .find(|s| s.id == stage_id)
                .map(|s| format!("{} › {}", pipeline.name, s.name))
        })
    });
    let fields = object.field_infos();
    let properties = fields
        .into_iter()
        .zip(record.values.iter().cloned())
        .map(|(field, value)| PropertyCell { field, value })
        .collect();
    Ok(RecordDetail {
        id: record_id,
        object_type_id: object.object.id,
        object_singular: object.object.singular_label.clone(),
        version: record.version,
        name: record.display_name(record_id),
        created_at: record.created_at,
        stage,
        properties,
        users,
        following,
        associations,
        activities,
        health,
    })
}

/// The records associated with `record_id`, grouped by object (in the schema's order), each
/// group's first records by name.
async fn associations_of(
    db: &Db,
    schema: &Schema,
    record_id: i64,
) -> Result<Vec<AssociationGroup>, AppError> {
    let linked: Vec<(i64, i64)> = on_pool!(db, pool => sqlx::query_as(
        "SELECT a.to_record_id, r.object_type_id FROM associations a \
         JOIN records r ON r.id = a.to_record_id WHERE a.from_record_id = $1 \
         UNION ALL \
         SELECT a.from_record_id, r.object_type_id FROM associations a \
         JOIN records r ON r.id = a.from_record_id WHERE a.to_record_id = $1")
        .bind(record_id)
        .fetch_all(pool)
        .await)?;
    named_records(db, schema, &linked, ASSOCIATIONS_SHOWN).await
}

/// Live records among `linked` (`(record id, object type id)`), grouped by object in the
/// schema's order, each group's first `shown` records by name.
pub(crate) async fn named_records(
    db: &Db,
    schema: &Schema,
    linked: &[(i64, i64)],
    shown: usize,
) -> Result<Vec<AssociationGroup>, AppError> {
    let mut groups = Vec::new();
    for object in &schema.objects {
        let ids: Vec<SqlValue> = linked
            .iter()
            .filter(|(_, object_type_id)| *object_type_id == object.object.id)
            .map(|(id, _)| SqlValue::from(*id))
            .collect();
        if ids.is_empty() {
            continue;
        }
        let name = object
            .name_property()
            .map_or("NULL".to_string(), |p| p.column());
        let sql = format!(
            "SELECT record_id, {name} FROM {} WHERE archived_at IS NULL AND record_id IN ({}) \
             ORDER BY LOWER({name}), record_id",
            object.object.table(),
            placeholders(1, ids.len())
        );
        let rows: Vec<(i64, Option<String>)> =
            on_pool!(db, pool => bind_values(sqlx::query_as(&sql), &ids).fetch_all(pool).await)?;
        if rows.is_empty() {
            continue;
        }
        groups.push(AssociationGroup {
            object_label: object.object.plural_label.clone(),
            total: rows.len(),
            records: rows
                .into_iter()
                .take(shown)
                .map(|(id, name)| RecordLink {
                    id,
                    name: name.unwrap_or_else(|| format!("{} #{id}", object.object.singular_label)),
                })
                .collect(),
        });
    }
    Ok(groups)
}

#[derive(FromRow)]
struct ActivityRow {
    id: i64,
    kind: String,
    subject: String,
    body: String,
    occurred_at: DateTime<Utc>,
    owner_name: Option<String>,
    due_at: Option<DateTime<Utc>>,
    task_status: Option<String>,
}

/// A page of the timeline of `record_id`, newest first, after `before` (`(occurred_at, id)` of
/// the last entry already shown).
pub async fn activity_page(
    db: &Db,
    record_id: i64,
    before: Option<(DateTime<Utc>, i64)>,
) -> Result<ActivityPage, AppError> {
    let base = "SELECT a.id, a.kind, a.subject, a.body, a.occurred_at, u.name AS owner_name, \
                a.due_at, a.task_status FROM activity_associations aa \
                JOIN activities a ON a.id = aa.activity_id LEFT JOIN users u ON u.id = a.owner_id \
                WHERE aa.record_id = $1";
    let limit = i64::from(ACTIVITY_PAGE_SIZE) + 1;
    let rows: Vec<ActivityRow> = match before {
        None => {
            let sql = format!("{base} ORDER BY a.occurred_at DESC, a.id DESC LIMIT $2");
            on_pool!(db, pool => sqlx::query_as(&sql)
                .bind(record_id)
                .bind(limit)
                .fetch_all(pool)
                .await)?
        }
        Some((at, id)) => {
            let sql = format!(
                "{base} AND (a.occurred_at < $2 OR (a.occurred_at = $2 AND a.id < $3)) \
                 ORDER BY a.occurred_at DESC, a.id DESC LIMIT $4"
            );
            on_pool!(db, pool => sqlx::query_as(&sql)
                .bind(record_id)
                .bind(at)
                .bind(id)
                .bind(limit)
                .fetch_all(pool)
                .await)?
        }
    };
    let more = rows.len() as i64 == limit;
    let items: Vec<ActivityItem> = rows
        .into_iter()
        .take(ACTIVITY_PAGE_SIZE as usize)
        .map(|row| ActivityItem {
            id: row.id,
            kind: ActivityKind::parse(&row.kind).unwrap_or(ActivityKind::Note),
            subject: row.subject,
            body: row.body,
            occurred_at: row.occurred_at,
            owner_name: row.owner_name,
            due_at: row.due_at,
            completed: row.task_status.as_deref() == Some("completed"),
        })
        .collect();
    let next = if more {
        items.last().map(|last| (last.occurred_at, last.id))
    } else {
        None
    };
    Ok(ActivityPage { items, next })
}

/// The history of one property of a record, newest first, with names and readable values.
pub async fn property_history(
    db: &Db,
    record_id: i64,
    property: &str,
    zone: ViewerZone,
) -> Result<PropertyHistory, AppError> {
    let schema = db.schema().await?;
    let record = load_record(db, &schema, record_id).await?;
    let object = &record.schema_object;
    let definition = object.property(property).ok_or_else(|| {
        AppError::invalid(
            "property",
            format!("There is no property named {property:?}"),
        )
    })?;
    let changes = records::property_history(db, record_id, property).await?;
    let mut user_ids: BTreeSet<i64> = changes.iter().filter_map(|c| c.changed_by).collect();
    if definition.property_type == PropertyType::User {
        for change in &changes {
            for text in [&change.old_value, &change.new_value].into_iter().flatten() {
                if let Ok(id) = text.parse::<i64>() {
                    user_ids.insert(id);
                }
            }
        }
    }
    let users = user_names(db, user_ids).await?;
    let name_of = |id: i64| users.iter().find(|u| u.id == id).map(|u| u.name.as_str());
    let options = object.options_of(definition.id);
    let show = |text: &Option<String>| {
        text.as_ref().map(|text| {
            PropertyValue::from_canonical(definition.property_type, text).map_or_else(
                || text.clone(),
                |value| value.display(options, name_of, zone),
            )
        })
    };
    Ok(PropertyHistory {
        label: definition.label.clone(),
        entries: changes
            .iter()
            .map(|change| PropertyChangeEntry {
                old_value: show(&change.old_value),
                new_value: show(&change.new_value),
                changed_by: change.changed_by.and_then(name_of).map(str::to_string),
                changed_at: change.changed_at,
                source: change.source.clone(),
            })
            .collect(),
    })
}
