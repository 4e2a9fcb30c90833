//! Reading one record with all its values, and the object type a record belongs to.

use sqlx::Row;

use super::Record;
use crate::{
    db::{
        Db, Tx,
        schema::{self, ObjectType, PropertyDef},
        sql_value::decode_cell,
    },
    error::AppError,
    on_tx,
};

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
