//! `multi_values`: one row per chosen value of a multi-select property, kept beside the
//! `;`-joined column so "contains any / all / none of" are index lookups (see [`super::query`]).

use std::collections::BTreeSet;

use super::{Db, Tx, schema::PropertyDef, sql_value::split_multi};
use crate::{
    error::AppError,
    models::{PropertyType, PropertyValue},
    on_pool, on_tx,
};

/// Writes a multi-select property's new value of a record; other properties have no rows.
pub(crate) async fn write(
    tx: &mut Tx,
    record_id: i64,
    property: &PropertyDef,
    value: Option<&PropertyValue>,
) -> Result<(), AppError> {
    if property.property_type != PropertyType::MultiEnumeration {
        return Ok(());
    }
    on_tx!(tx, conn => execute sqlx::query(
        "DELETE FROM multi_values WHERE record_id = $1 AND property_id = $2")
        .bind(record_id)
        .bind(property.id))?;
    let values: BTreeSet<&String> = match value {
        Some(PropertyValue::MultiEnumeration(values)) => values.iter().collect(),
        _ => BTreeSet::new(),
    };
    for value in values {
        on_tx!(tx, conn => execute sqlx::query(
            "INSERT INTO multi_values (record_id, property_id, value) VALUES ($1, $2, $3)")
            .bind(record_id)
            .bind(property.id)
            .bind(value))?;
    }
    Ok(())
}

/// Fills in the rows of values written before this table existed (or by a bulk import that
/// wrote only the column). Runs at start-up; costs one indexed query per multi-select property
/// when there is nothing to do.
pub async fn backfill(db: &Db) -> Result<(), AppError> {
    let schema = db.schema().await?;
    for object in &schema.objects {
        let table = object.object.table();
        for property in object
            .properties
            .iter()
            .filter(|p| p.property_type == PropertyType::MultiEnumeration)
        {
            let column = property.column();
            let sql = format!(
                "SELECT record_id, {column} FROM {table} WHERE {column} IS NOT NULL \
                 AND record_id NOT IN (SELECT record_id FROM multi_values WHERE property_id = $1)"
            );
            let missing: Vec<(i64, String)> = on_pool!(db, pool => sqlx::query_as(&sql)
                .bind(property.id)
                .fetch_all(pool)
                .await)?;
            if missing
                .iter()
                .all(|(_, joined)| split_multi(joined).is_empty())
            {
                continue;
            }
            let mut tx = db.begin().await?;
            for (record_id, joined) in &missing {
                let value = PropertyValue::MultiEnumeration(split_multi(joined));
                write(&mut tx, *record_id, property, Some(&value)).await?;
            }
            tx.commit().await?;
        }
    }
    Ok(())
}
