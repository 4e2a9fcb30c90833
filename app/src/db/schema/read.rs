//! Reading object types and property definitions, on the pool or inside a transaction.

use sqlx::FromRow;

use super::types::{ObjectType, PropertyDef};
use crate::{
    db::{Db, Tx},
    error::AppError,
    models::PropertyType,
    on_pool, on_tx,
};

#[derive(FromRow)]
pub(super) struct PropertyRow {
    id: i64,
    object_type_id: i64,
    name: String,
    label: String,
    property_type: String,
    is_standard: bool,
    position: i64,
    computed: bool,
}

impl TryFrom<PropertyRow> for PropertyDef {
    type Error = AppError;

    fn try_from(row: PropertyRow) -> Result<Self, AppError> {
        let property_type = PropertyType::parse(&row.property_type).ok_or_else(|| {
            AppError::internal("unknown property type in database", &row.property_type)
        })?;
        Ok(PropertyDef {
            id: row.id,
            object_type_id: row.object_type_id,
            name: row.name,
            label: row.label,
            property_type,
            is_standard: row.is_standard,
            position: row.position,
            computed: row.computed,
        })
    }
}

pub(in crate::db) const OBJECT_COLUMNS: &str =
    "id, name, singular_label, plural_label, is_custom, has_pipelines";
pub(super) const PROPERTY_COLUMNS: &str =
    "id, object_type_id, name, label, property_type, is_standard, position, computed";

pub async fn object_types(db: &Db) -> Result<Vec<ObjectType>, AppError> {
    let sql = format!("SELECT {OBJECT_COLUMNS} FROM object_types ORDER BY id");
    Ok(on_pool!(db, pool => sqlx::query_as(&sql).fetch_all(pool).await)?)
}

pub async fn object_type_by_name(db: &Db, name: &str) -> Result<ObjectType, AppError> {
    let sql = format!("SELECT {OBJECT_COLUMNS} FROM object_types WHERE name = $1");
    on_pool!(db, pool => sqlx::query_as(&sql).bind(name).fetch_optional(pool).await)?
        .ok_or_else(|| AppError::not_found(format!("The object {name:?}")))
}

pub async fn object_type_by_id(db: &Db, id: i64) -> Result<ObjectType, AppError> {
    let sql = format!("SELECT {OBJECT_COLUMNS} FROM object_types WHERE id = $1");
    on_pool!(db, pool => sqlx::query_as(&sql).bind(id).fetch_optional(pool).await)?
        .ok_or_else(|| AppError::not_found("The object"))
}

/// The properties of an object type, in display order.
pub async fn properties(db: &Db, object_type_id: i64) -> Result<Vec<PropertyDef>, AppError> {
    let sql = format!(
        "SELECT {PROPERTY_COLUMNS} FROM property_definitions WHERE object_type_id = $1 \
         ORDER BY position, id"
    );
    let rows: Vec<PropertyRow> =
        on_pool!(db, pool => sqlx::query_as(&sql).bind(object_type_id).fetch_all(pool).await)?;
    rows.into_iter().map(PropertyDef::try_from).collect()
}

/// Every property of every object type, in display order.
pub async fn all_properties(db: &Db) -> Result<Vec<PropertyDef>, AppError> {
    let sql = format!(
        "SELECT {PROPERTY_COLUMNS} FROM property_definitions ORDER BY object_type_id, position, id"
    );
    let rows: Vec<PropertyRow> = on_pool!(db, pool => sqlx::query_as(&sql).fetch_all(pool).await)?;
    rows.into_iter().map(PropertyDef::try_from).collect()
}

pub(crate) async fn properties_in_tx(
    tx: &mut Tx,
    object_type_id: i64,
) -> Result<Vec<PropertyDef>, AppError> {
    let sql = format!(
        "SELECT {PROPERTY_COLUMNS} FROM property_definitions WHERE object_type_id = $1 \
         ORDER BY position, id"
    );
    let rows: Vec<PropertyRow> = on_tx!(tx, conn =>
        sqlx::query_as(&sql).bind(object_type_id).fetch_all(&mut *conn).await)?;
    rows.into_iter().map(PropertyDef::try_from).collect()
}

/// An object type, read inside `tx`.
pub(crate) async fn object_type_in(tx: &mut Tx, id: i64) -> Result<ObjectType, AppError> {
    let sql = format!("SELECT {OBJECT_COLUMNS} FROM object_types WHERE id = $1");
    let object: Option<ObjectType> =
        on_tx!(tx, conn => sqlx::query_as(&sql).bind(id).fetch_optional(&mut *conn).await)?;
    object.ok_or_else(|| AppError::not_found("The object"))
}

/// The `(value, label)` options of a select property, in order.
pub async fn property_options(
    db: &Db,
    property_id: i64,
) -> Result<Vec<(String, String)>, AppError> {
    let sql = "SELECT value, label FROM property_options WHERE property_id = $1 ORDER BY position";
    Ok(on_pool!(db, pool => sqlx::query_as(sql).bind(property_id).fetch_all(pool).await)?)
}
