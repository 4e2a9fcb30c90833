//! Computed properties — a live health score's score and category — over their lifetime: they
//! follow their score's name, and when the score is turned off or deleted they go, with their
//! column and index, and saved views forget them rather than break.

use super::{
    Tx,
    report_indexes::drop_report_indexes_on,
    schema::{ObjectType, bump_version, parse_label, properties_in_tx},
    views::parse_state,
};
use crate::{error::AppError, on_tx};

/// Gives a property a new label (a computed property follows its score's name).
pub(crate) async fn relabel_property(tx: &mut Tx, id: i64, label: &str) -> Result<(), AppError> {
    let label = parse_label("label", label)?;
    let changed = on_tx!(tx, conn => execute sqlx::query(
        "UPDATE property_definitions SET label = $1 WHERE id = $2 AND label <> $1")
        .bind(&label)
        .bind(id))?;
    if changed > 0 {
        bump_version(tx).await?;
    }
    Ok(())
}

/// Removes a computed property: its index, its column and its definition; saved views forget
/// it. Only computed properties can go (nothing typed is lost).
pub(crate) async fn drop_computed_property(
    tx: &mut Tx,
    object: &ObjectType,
    property_id: i64,
) -> Result<(), AppError> {
    let properties = properties_in_tx(tx, object.id).await?;
    let Some(property) = properties
        .iter()
        .find(|p| p.id == property_id && p.computed)
    else {
        return Ok(());
    };
    let table = object.table();
    let column = property.column();
    drop_report_indexes_on(tx, &table, &column).await?;
    on_tx!(tx, conn => execute sqlx::query(&format!("DROP INDEX IF EXISTS {table}_{column}")))?;
    on_tx!(tx, conn => execute sqlx::query(&format!("ALTER TABLE {table} DROP COLUMN {column}")))?;
    on_tx!(tx, conn => execute sqlx::query("DELETE FROM property_definitions WHERE id = $1")
        .bind(property_id))?;
    forget_field(tx, object.id, &property.name).await?;
    bump_version(tx).await
}

/// Removes every use of the field `name` from the saved views of an object (a property that no
/// longer exists): its column, a sort by it, and conditions on it (emptied groups go too). A
/// view left without columns keeps none of them and shows the object's first column again.
async fn forget_field(tx: &mut Tx, object_type_id: i64, name: &str) -> Result<(), AppError> {
    let rows: Vec<(i64, String)> = on_tx!(tx, conn => sqlx::query_as(
        "SELECT id, state FROM saved_views WHERE object_type_id = $1")
        .bind(object_type_id)
        .fetch_all(&mut *conn)
        .await)?;
    for (id, raw) in rows {
        let mut state = parse_state(&raw)?;
        let before = state.clone();
        state.columns.retain(|c| c != name);
        if state.columns.is_empty() {
            state.columns.push(crate::models::view::CREATED_AT.into());
        }
        if state.sort.as_ref().is_some_and(|s| s.property == name) {
            state.sort = None;
        }
        for group in &mut state.filters.groups {
            group.conditions.retain(|c| c.property != name);
        }
        state.filters = state.filters.normalized();
        if state != before {
            let json =
                serde_json::to_string(&state).map_err(|e| AppError::internal("view state", e))?;
            on_tx!(tx, conn => execute sqlx::query(
                "UPDATE saved_views SET state = $1 WHERE id = $2")
                .bind(json)
                .bind(id))?;
        }
    }
    Ok(())
}
