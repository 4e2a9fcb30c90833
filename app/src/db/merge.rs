//! Merging two records of the same object: the kept record takes the chosen value of every
//! conflicting property (and every value only the other has), then the other's history,
//! associations, activities, follows and sales events; the other record disappears (archived).
//! All in one transaction.

use chrono::Utc;

use super::{
    Db, Tx,
    record_detail::load_record,
    records::{self, ChangeContext},
    schema::{self, ObjectType},
};
use crate::{
    error::AppError,
    models::{
        PropertyValue,
        record_detail::{MergeConflict, MergePreview, MergeSide, RecordLink},
        time_zone::ViewerZone,
    },
    on_tx,
};

fn refuse_self(kept_id: i64, merged_id: i64) -> Result<(), AppError> {
    if kept_id == merged_id {
        return Err(AppError::invalid(
            "merge",
            "A record cannot be merged into itself",
        ));
    }
    Ok(())
}

/// The properties on which the two records disagree, for the merge dialog.
pub async fn merge_preview(
    db: &Db,
    kept_id: i64,
    merged_id: i64,
    zone: ViewerZone,
) -> Result<MergePreview, AppError> {
    refuse_self(kept_id, merged_id)?;
    let schema = db.schema().await?;
    let kept = load_record(db, &schema, kept_id).await?;
    let merged = load_record(db, &schema, merged_id).await?;
    if kept.schema_object.object.id != merged.schema_object.object.id {
        return Err(same_object_only());
    }
    let users = super::record_detail::active_users(db).await?;
    let name_of = |id: i64| users.iter().find(|u| u.id == id).map(|u| u.name.as_str());
    let object = &kept.schema_object;
    let conflicts = object
        .properties
        .iter()
        .zip(kept.values.iter().zip(&merged.values))
        // A health score's score is computed again for the kept record, not chosen.
        .filter(|(property, _)| !property.computed)
        .filter_map(|(property, pair)| match pair {
            (Some(a), Some(b)) if a != b => {
                let options = object.options_of(property.id);
                Some(MergeConflict {
                    property: property.name.clone(),
                    label: property.label.clone(),
                    kept_value: a.display(options, name_of, zone),
                    merged_value: b.display(options, name_of, zone),
                })
            }
            _ => None,
        })
        .collect();
    Ok(MergePreview {
        kept: RecordLink {
            id: kept_id,
            name: kept.display_name(kept_id),
        },
        merged: RecordLink {
            id: merged_id,
            name: merged.display_name(merged_id),
        },
        conflicts,
    })
}

fn same_object_only() -> AppError {
    AppError::invalid("merge", "Only records of the same object can be merged")
}

/// Merges `merged_id` into `kept_id`. For properties both hold with different values,
/// `choices` says whose value stays (the kept record's unless said otherwise).
pub async fn merge_records(
    db: &Db,
    kept_id: i64,
    merged_id: i64,
    choices: &[(String, MergeSide)],
    actor: i64,
) -> Result<(), AppError> {
    refuse_self(kept_id, merged_id)?;
    let mut tx = db.begin().await?;
    let object = records::object_of_record(&mut tx, kept_id).await?;
    if records::object_of_record(&mut tx, merged_id).await?.id != object.id {
        return Err(same_object_only());
    }
    // Both rows stay as read until the merge commits: SQLite's write transaction holds the
    // database already; on PostgreSQL lock them, in id order so crossing merges cannot deadlock.
    if let Some(pg) = tx.postgres() {
        let sql = format!(
            "SELECT record_id FROM {} WHERE record_id IN ($1, $2) ORDER BY record_id FOR UPDATE",
            object.table()
        );
        sqlx::query(&sql)
            .bind(kept_id)
            .bind(merged_id)
            .fetch_all(&mut *pg)
            .await?;
    }
    let properties = schema::properties_in_tx(&mut tx, object.id).await?;
    let all: Vec<_> = properties.iter().collect();
    let kept = records::current_state(&mut tx, &object, kept_id, &all).await?;
    let merged = records::current_state(&mut tx, &object, merged_id, &all).await?;
    let mut changes: Vec<(&str, Option<PropertyValue>)> = Vec::new();
    for (property, (kept_value, merged_value)) in properties
        .iter()
        .zip(kept.values.iter().zip(&merged.values))
        .filter(|(property, _)| !property.computed)
    {
        let take_merged = match (kept_value, merged_value) {
            (None, Some(_)) => true,
            (Some(a), Some(b)) if a != b => choices
                .iter()
                .any(|(name, side)| *name == property.name && *side == MergeSide::Merged),
            _ => false,
        };
        if take_merged {
            changes.push((&property.name, merged_value.clone()));
        }
    }
    let context = ChangeContext {
        actor: Some(actor),
        source: "merge",
    };
    records::apply_changes(
        &mut tx,
        &object,
        kept_id,
        kept.version,
        &changes,
        None,
        context,
    )
    .await?;
    move_everything(&mut tx, &object, kept_id, merged_id, merged.version).await?;
    // The kept record gained activities and associations; the merged one is gone.
    crate::db::health::queue::mark_changed(&mut tx, kept_id).await?;
    crate::db::health::queue::mark_changed(&mut tx, merged_id).await?;
    tx.publish(crate::models::live_event::LiveEvent::records_changed(
        object.id,
        vec![kept_id, merged_id],
    ));
    tx.commit().await
}

/// Re-points what belongs to `merged_id` at `kept_id` and archives `merged_id`.
async fn move_everything(
    tx: &mut Tx,
    object: &ObjectType,
    kept_id: i64,
    merged_id: i64,
    merged_version: i64,
) -> Result<(), AppError> {
    // $1 is the kept record, $2 the merged one.
    let statements = [
        "UPDATE property_history SET record_id = $1 WHERE record_id = $2",
        "INSERT INTO associations (from_record_id, to_record_id, created_at) \
         SELECT CASE WHEN other < $1 THEN other ELSE $1 END, \
                CASE WHEN other < $1 THEN $1 ELSE other END, created_at \
         FROM (SELECT to_record_id AS other, created_at FROM associations WHERE from_record_id = $2 \
               UNION ALL \
               SELECT from_record_id AS other, created_at FROM associations WHERE to_record_id = $2) x \
         WHERE other <> $1 \
         ON CONFLICT (from_record_id, to_record_id) DO NOTHING",
        "INSERT INTO activity_associations (activity_id, record_id) \
         SELECT activity_id, $1 FROM activity_associations WHERE record_id = $2 \
         ON CONFLICT (activity_id, record_id) DO NOTHING",
        "INSERT INTO meeting_attendees (activity_id, record_id) \
         SELECT activity_id, $1 FROM meeting_attendees WHERE record_id = $2 \
         ON CONFLICT (activity_id, record_id) DO NOTHING",
        "INSERT INTO follows (user_id, record_id, created_at) \
         SELECT user_id, $1, created_at FROM follows WHERE record_id = $2 \
         ON CONFLICT (user_id, record_id) DO NOTHING",
        "UPDATE sales_events SET contact_id = $1 WHERE contact_id = $2",
    ];
    for sql in statements {
        on_tx!(tx, conn => execute sqlx::query(sql).bind(kept_id).bind(merged_id))?;
    }
    for sql in [
        "DELETE FROM associations WHERE from_record_id = $1 OR to_record_id = $1",
        "DELETE FROM activity_associations WHERE record_id = $1",
        "DELETE FROM meeting_attendees WHERE record_id = $1",
        "DELETE FROM follows WHERE record_id = $1",
        "DELETE FROM multi_values WHERE record_id = $1",
    ] {
        on_tx!(tx, conn => execute sqlx::query(sql).bind(merged_id))?;
    }
    let archive = format!(
        "UPDATE {} SET archived_at = $1, version = version + 1 \
         WHERE record_id = $2 AND archived_at IS NULL AND version = $3",
        object.table()
    );
    let archived = on_tx!(tx, conn => execute sqlx::query(&archive)
        .bind(Utc::now())
        .bind(merged_id)
        .bind(merged_version))?;
    if archived != 1 {
        return Err(records::stale_version());
    }
    Ok(())
}
