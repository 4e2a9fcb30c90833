//! Defining object types and properties: their rows, the DDL for their tables, columns and
//! indexes, and the schema version bump that makes every server reload them.

use chrono::Utc;

use super::{
    read::{OBJECT_COLUMNS, PROPERTY_COLUMNS, PropertyRow, properties_in_tx},
    types::{Identifier, NewProperty, ObjectType, PropertyDef, parse_label},
};
use crate::{
    db::{Backend, Tx},
    error::{AppError, on_duplicate},
    models::PropertyType,
    on_tx,
};

/// Marks the schemas changed, inside the transaction that changes them, so every server's
/// schema cache reloads (see [`crate::db::schema_cache`]).
pub(crate) async fn bump_version(tx: &mut Tx) -> Result<(), AppError> {
    on_tx!(tx, conn => execute sqlx::query(
        "UPDATE schema_version SET version = version + 1 WHERE id = 1"))?;
    Ok(())
}

/// Creates an object type and its table.
pub async fn create_object_type(
    tx: &mut Tx,
    name: &Identifier,
    singular_label: &str,
    plural_label: &str,
    is_custom: bool,
    has_pipelines: bool,
) -> Result<ObjectType, AppError> {
    let object = insert_object_type(
        tx,
        name,
        (singular_label, plural_label),
        is_custom,
        has_pipelines,
    )
    .await?;
    for statement in object_table_ddl(tx.backend(), &object) {
        on_tx!(tx, conn => execute sqlx::query(&statement))?;
    }
    bump_version(tx).await?;
    Ok(object)
}

/// The `object_types` row of a new object, without its table.
pub(in crate::db) async fn insert_object_type(
    tx: &mut Tx,
    name: &Identifier,
    (singular_label, plural_label): (&str, &str),
    is_custom: bool,
    has_pipelines: bool,
) -> Result<ObjectType, AppError> {
    let singular_label = parse_label("singular_label", singular_label)?;
    let plural_label = parse_label("plural_label", plural_label)?;
    let sql = format!(
        "INSERT INTO object_types (name, singular_label, plural_label, is_custom, has_pipelines, \
         created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING {OBJECT_COLUMNS}"
    );
    let object: ObjectType = on_tx!(tx, conn => sqlx::query_as(&sql)
        .bind(name.as_str())
        .bind(&singular_label)
        .bind(&plural_label)
        .bind(is_custom)
        .bind(has_pipelines)
        .bind(Utc::now())
        .fetch_one(&mut *conn)
        .await)?;
    Ok(object)
}

fn object_table_ddl(backend: Backend, object: &ObjectType) -> Vec<String> {
    let table = object.table();
    let (int, timestamp) = match backend {
        Backend::Sqlite => ("INTEGER", "TEXT"),
        Backend::Postgres => ("BIGINT", "TIMESTAMPTZ"),
    };
    vec![
        format!(
            "CREATE TABLE {table} (\
               record_id {int} PRIMARY KEY REFERENCES records(id) ON DELETE CASCADE, \
               version {int} NOT NULL DEFAULT 1, \
               created_at {timestamp} NOT NULL, \
               updated_at {timestamp} NOT NULL, \
               archived_at {timestamp}, \
               pipeline_id {int} REFERENCES pipelines(id), \
               stage_id {int} REFERENCES pipeline_stages(id))"
        ),
        // Lists only ever show live records, so every list index is partial on that: paging
        // deep into a list then skips index entries without visiting the table, and counting
        // live records reads the smallest index there is.
        format!("CREATE INDEX {table}_live ON {table} (record_id) WHERE archived_at IS NULL"),
        format!(
            "CREATE INDEX {table}_created ON {table} (created_at, record_id) WHERE archived_at IS NULL"
        ),
        format!(
            "CREATE INDEX {table}_stage ON {table} (stage_id, record_id) WHERE archived_at IS NULL"
        ),
    ]
}

/// Defines a property on an object: its definition, options, column and index.
pub async fn create_property(
    tx: &mut Tx,
    object: &ObjectType,
    property: &NewProperty,
) -> Result<PropertyDef, AppError> {
    let definition = insert_property_definition(tx, object, property).await?;
    for statement in property_column_ddl(tx.backend(), object, &definition) {
        on_tx!(tx, conn => execute sqlx::query(&statement))?;
    }
    let all = properties_in_tx(tx, object.id).await?;
    ensure_workload_indexes(tx, object, &all).await?;
    bump_version(tx).await?;
    Ok(definition)
}

/// A property's definition and options, without its column.
pub(in crate::db) async fn insert_property_definition(
    tx: &mut Tx,
    object: &ObjectType,
    property: &NewProperty,
) -> Result<PropertyDef, AppError> {
    let next_position: i64 = on_tx!(tx, conn => sqlx::query_scalar(
        "SELECT COALESCE(MAX(position), 0) + 1 FROM property_definitions WHERE object_type_id = $1")
        .bind(object.id)
        .fetch_one(&mut *conn)
        .await)?;
    let sql = format!(
        "INSERT INTO property_definitions (object_type_id, name, label, property_type, \
         is_standard, position, created_at, computed) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
         RETURNING {PROPERTY_COLUMNS}"
    );
    let row: PropertyRow = on_tx!(tx, conn => sqlx::query_as(&sql)
        .bind(object.id)
        .bind(property.name.as_str())
        .bind(&property.label)
        .bind(property.property_type.as_str())
        .bind(property.is_standard)
        .bind(next_position)
        .bind(Utc::now())
        .bind(property.computed)
        .fetch_one(&mut *conn)
        .await)
    .map_err(on_duplicate(
        "name",
        format!(
            "{} already has a property named {}",
            object.plural_label, property.name.0
        ),
    ))?;
    let definition = PropertyDef::try_from(row)?;
    for (position, (value, label)) in property.options.iter().enumerate() {
        on_tx!(tx, conn => execute sqlx::query(
            "INSERT INTO property_options (property_id, value, label, position) VALUES ($1, $2, $3, $4)")
            .bind(definition.id)
            .bind(value.trim())
            .bind(label.trim())
            .bind(position as i64))?;
    }
    Ok(definition)
}

/// Creates the indexes that serve the workspace tabs' frequent queries, where missing.
pub(super) async fn ensure_workload_indexes(
    tx: &mut Tx,
    object: &ObjectType,
    properties: &[PropertyDef],
) -> Result<(), AppError> {
    for statement in workload_index_ddl(tx.backend(), object, properties) {
        on_tx!(tx, conn => execute sqlx::query(&statement))?;
    }
    Ok(())
}

/// Indexes over two columns, for the queries the tabs run most:
/// - "Owned by me": records whose user property (CSM, owner) holds the viewer, sorted by name —
///   `(user, name, record_id)` pages without sorting all of that user's records;
/// - board totals: count and sum of an amount per pipeline stage — `(stage_id, amount)` covers
///   the sum, so the table itself is not read.
fn workload_index_ddl(
    backend: Backend,
    object: &ObjectType,
    properties: &[PropertyDef],
) -> Vec<String> {
    let table = object.table();
    let nulls = match backend {
        Backend::Sqlite => "",
        Backend::Postgres => " NULLS FIRST",
    };
    let name = properties
        .iter()
        .find(|p| p.name == "name" && p.property_type == PropertyType::Text);
    let mut statements = Vec::new();
    for property in properties {
        let column = property.column();
        match (property.property_type, name) {
            (PropertyType::User, Some(name)) => statements.push(format!(
                "CREATE INDEX IF NOT EXISTS {table}_{column}_by_{} ON {table} \
                 ({column}, {}{nulls}, record_id) WHERE archived_at IS NULL",
                name.column(),
                name.sort_expression()
            )),
            (PropertyType::Currency, _) if object.has_pipelines => statements.push(format!(
                "CREATE INDEX IF NOT EXISTS {table}_stage_{column} ON {table} \
                 (stage_id, {column}) WHERE archived_at IS NULL"
            )),
            _ => {}
        }
    }
    statements
}

fn property_column_ddl(
    backend: Backend,
    object: &ObjectType,
    property: &PropertyDef,
) -> Vec<String> {
    let table = object.table();
    let column = property.column();
    let column_type = match (backend, property.property_type) {
        (
            Backend::Sqlite,
            PropertyType::Text | PropertyType::Enumeration | PropertyType::MultiEnumeration,
        ) => "TEXT",
        (
            Backend::Postgres,
            PropertyType::Text | PropertyType::Enumeration | PropertyType::MultiEnumeration,
        ) => "TEXT COLLATE \"C\"",
        (Backend::Sqlite, PropertyType::Number) => "REAL",
        (Backend::Postgres, PropertyType::Number) => "DOUBLE PRECISION",
        (Backend::Sqlite, PropertyType::Currency | PropertyType::User) => "INTEGER",
        (Backend::Postgres, PropertyType::Currency | PropertyType::User) => "BIGINT",
        (Backend::Sqlite, PropertyType::Date | PropertyType::DateTime) => "TEXT",
        (Backend::Postgres, PropertyType::Date) => "DATE",
        (Backend::Postgres, PropertyType::DateTime) => "TIMESTAMPTZ",
        (Backend::Sqlite, PropertyType::Boolean) => "INTEGER",
        (Backend::Postgres, PropertyType::Boolean) => "BOOLEAN",
    };
    // PostgreSQL can only walk an index backwards for DESC NULLS LAST if it was built
    // NULLS FIRST; SQLite keeps NULLs first on its own and has no NULLS clause in indexes.
    let nulls = match backend {
        Backend::Sqlite => "",
        Backend::Postgres => " NULLS FIRST",
    };
    vec![
        format!("ALTER TABLE {table} ADD COLUMN {column} {column_type}"),
        format!(
            "CREATE INDEX {table}_{column} ON {table} ({}{nulls}, record_id) \
             WHERE archived_at IS NULL",
            property.sort_expression()
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owners_are_indexed_by_name_and_amounts_by_stage() {
        let property = |id, name: &str, property_type| PropertyDef {
            id,
            object_type_id: 3,
            name: name.into(),
            label: name.into(),
            property_type,
            is_standard: true,
            position: id,
            computed: false,
        };
        let deals = ObjectType {
            id: 3,
            name: "deals".into(),
            singular_label: "Deal".into(),
            plural_label: "Deals".into(),
            is_custom: false,
            has_pipelines: true,
        };
        let properties = [
            property(1, "name", PropertyType::Text),
            property(2, "amount", PropertyType::Currency),
            property(3, "csm", PropertyType::User),
        ];
        assert_eq!(
            workload_index_ddl(Backend::Sqlite, &deals, &properties),
            [
                "CREATE INDEX IF NOT EXISTS obj_3_stage_p_2 ON obj_3 (stage_id, p_2) \
                 WHERE archived_at IS NULL",
                "CREATE INDEX IF NOT EXISTS obj_3_p_3_by_p_1 ON obj_3 \
                 (p_3, LOWER(p_1), record_id) WHERE archived_at IS NULL",
            ]
        );
        let companies = ObjectType {
            has_pipelines: false,
            ..deals
        };
        assert_eq!(
            workload_index_ddl(Backend::Postgres, &companies, &properties[1..]),
            Vec::<String>::new(),
            "no name to sort by, no pipelines to total"
        );
    }

    #[test]
    fn text_properties_sort_case_insensitively() {
        let property = PropertyDef {
            id: 7,
            object_type_id: 1,
            name: "name".into(),
            label: "Name".into(),
            property_type: PropertyType::Text,
            is_standard: true,
            position: 1,
            computed: false,
        };
        assert_eq!(property.column(), "p_7");
        assert_eq!(property.sort_expression(), "LOWER(p_7)");
        let ddl = property_column_ddl(
            Backend::Postgres,
            &ObjectType {
                id: 2,
                name: "companies".into(),
                singular_label: "Company".into(),
                plural_label: "Companies".into(),
                is_custom: false,
                has_pipelines: false,
            },
            &property,
        );
        assert_eq!(
            ddl[0],
            "ALTER TABLE obj_2 ADD COLUMN p_7 TEXT COLLATE \"C\""
        );
        assert_eq!(
            ddl[1],
            "CREATE INDEX obj_2_p_7 ON obj_2 (LOWER(p_7) NULLS FIRST, record_id) \
             WHERE archived_at IS NULL"
        );
    }
}
