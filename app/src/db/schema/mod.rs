//! Object types and property definitions, and the DDL that gives each its table and columns.
//!
//! See the [module docs of `db`](super) for why every property is a typed, indexed column.

use chrono::Utc;
use sqlx::FromRow;

use super::{Backend, Db, Tx};
use crate::{
    error::{AppError, on_duplicate},
    models::PropertyType,
    on_pool, on_tx,
};

/// An internal (API) name of an object type or a property: `lowercase_with_digits`, starting
/// with a letter, at most 64 characters. Labels are free text; names are not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identifier(String);

impl Identifier {
    pub fn parse(field: &str, raw: &str) -> Result<Identifier, AppError> {
        let raw = raw.trim();
        let valid_start = raw.chars().next().is_some_and(|c| c.is_ascii_lowercase());
        let valid_rest = raw
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if raw.is_empty() || raw.len() > 64 || !valid_start || !valid_rest {
            return Err(AppError::invalid(
                field,
                "Use 1 to 64 lowercase letters, digits or underscores, starting with a letter",
            ));
        }
        Ok(Identifier(raw.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A label shown to people: trimmed, 1 to 100 characters.
pub(crate) fn parse_label(field: &str, raw: &str) -> Result<String, AppError> {
    let label = raw.trim();
    if label.is_empty() || label.chars().count() > 100 {
        return Err(AppError::invalid(
            field,
            "Enter a label of 1 to 100 characters",
        ));
    }
    Ok(label.to_string())
}

#[derive(Clone, Debug, PartialEq, FromRow)]
pub struct ObjectType {
    pub id: i64,
    pub name: String,
    pub singular_label: String,
    pub plural_label: String,
    pub is_custom: bool,
    pub has_pipelines: bool,
}

impl ObjectType {
    /// The table holding this object's records and property columns.
    pub fn table(&self) -> String {
        format!("obj_{}", self.id)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct PropertyDef {
    pub id: i64,
    pub object_type_id: i64,
    pub name: String,
    pub label: String,
    pub property_type: PropertyType,
    pub is_standard: bool,
    pub position: i64,
    /// Written by the server (a live health score's score and category), never typed.
    pub computed: bool,
}

impl PropertyDef {
    /// The column of the object table holding this property.
    pub fn column(&self) -> String {
        format!("p_{}", self.id)
    }

    /// The expression that lists sort by (and that the property's index covers).
    pub fn sort_expression(&self) -> String {
        if self.property_type.sorts_as_text() {
            format!("LOWER({})", self.column())
        } else {
            self.column()
        }
    }
}

#[derive(FromRow)]
struct PropertyRow {
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

/// A property to define; options apply to (multi-)enumerations.
#[derive(Clone, Debug)]
pub struct NewProperty {
    pub name: Identifier,
    pub label: String,
    pub property_type: PropertyType,
    /// `(value, label)` pairs, in display order.
    pub options: Vec<(String, String)>,
    pub is_standard: bool,
    pub computed: bool,
}

impl NewProperty {
    pub fn parse(
        name: &str,
        label: &str,
        property_type: PropertyType,
        options: Vec<(String, String)>,
    ) -> Result<NewProperty, AppError> {
        let name = Identifier::parse("name", name)?;
        if name.as_str() == crate::models::view::CREATED_AT {
            return Err(AppError::invalid(
                "name",
                "created_at is the creation date every record has; choose another name",
            ));
        }
        let label = parse_label("label", label)?;
        let takes_options = matches!(
            property_type,
            PropertyType::Enumeration | PropertyType::MultiEnumeration
        );
        if takes_options && options.is_empty() {
            return Err(AppError::invalid("options", "Add at least one option"));
        }
        if !takes_options && !options.is_empty() {
            return Err(AppError::invalid(
                "options",
                "Only select properties have options",
            ));
        }
        if options
            .iter()
            .any(|(value, _)| value.trim().is_empty() || value.contains(';'))
        {
            return Err(AppError::invalid(
                "options",
                "Option values must be non-empty, without ';'",
            ));
        }
        Ok(NewProperty {
            name,
            label,
            property_type,
            options,
            is_standard: false,
            computed: false,
        })
    }
}

pub(super) const OBJECT_COLUMNS: &str =
    "id, name, singular_label, plural_label, is_custom, has_pipelines";
const PROPERTY_COLUMNS: &str =
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

/// Marks the schemas changed, inside the transaction that changes them, so every server's
/// schema cache reloads (see [`super::schema_cache`]).
pub(crate) async fn bump_version(tx: &mut Tx) -> Result<(), AppError> {
    on_tx!(tx, conn => execute sqlx::query(
        "UPDATE schema_version SET version = version + 1 WHERE id = 1"))?;
    Ok(())
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
pub(super) async fn insert_object_type(
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
pub(super) async fn insert_property_definition(
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
async fn ensure_workload_indexes(
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

/// A built-in object type with its standard properties.
struct BuiltinObject {
    name: &'static str,
    singular: &'static str,
    plural: &'static str,
    has_pipelines: bool,
    properties: &'static [BuiltinProperty],
}

type BuiltinProperty = (
    &'static str,
    &'static str,
    PropertyType,
    &'static [(&'static str, &'static str)],
);

const INDUSTRIES: &[(&str, &str)] = &[
    ("software", "Software"),
    ("financial_services", "Financial services"),
    ("healthcare", "Healthcare"),
    ("manufacturing", "Manufacturing"),
    ("retail", "Retail"),
    ("education", "Education"),
    ("logistics", "Logistics"),
    ("media", "Media"),
];
const PLANS: &[(&str, &str)] = &[
    ("starter", "Starter"),
    ("professional", "Professional"),
    ("enterprise", "Enterprise"),
];
const SENTIMENTS: &[(&str, &str)] = &[
    ("positive", "Positive"),
    ("neutral", "Neutral"),
    ("negative", "Negative"),
];
const PRIORITIES: &[(&str, &str)] = &[("low", "Low"), ("medium", "Medium"), ("high", "High")];

const BUILTIN_OBJECTS: &[BuiltinObject] = &[
    BuiltinObject {
        name: "contacts",
        singular: "Contact",
        plural: "Contacts",
        has_pipelines: false,
        properties: &[
            ("name", "Name", PropertyType::Text, &[]),
            ("email", "Email", PropertyType::Text, &[]),
            ("phone", "Phone number", PropertyType::Text, &[]),
            ("job_title", "Job title", PropertyType::Text, &[]),
            ("owner", "Contact owner", PropertyType::User, &[]),
            (
                "lifecycle_stage",
                "Lifecycle stage",
                PropertyType::Enumeration,
                &[
                    ("lead", "Lead"),
                    ("opportunity", "Opportunity"),
                    ("customer", "Customer"),
                ],
            ),
            (
                "last_activity_date",
                "Last activity date",
                PropertyType::DateTime,
                &[],
            ),
        ],
    },
    BuiltinObject {
        name: "companies",
        singular: "Company",
        plural: "Companies",
        has_pipelines: false,
        properties: &[
            ("name", "Company name", PropertyType::Text, &[]),
            ("domain", "Company domain name", PropertyType::Text, &[]),
            (
                "industry",
                "Industry",
                PropertyType::Enumeration,
                INDUSTRIES,
            ),
            ("csm", "Customer Success Manager", PropertyType::User, &[]),
            ("owner", "Company owner", PropertyType::User, &[]),
            ("arr", "ARR", PropertyType::Currency, &[]),
            ("renewal_date", "Renewal date", PropertyType::Date, &[]),
            ("plan", "Plan", PropertyType::Enumeration, PLANS),
            (
                "employees",
                "Number of employees",
                PropertyType::Number,
                &[],
            ),
            ("nps", "NPS score", PropertyType::Number, &[]),
            (
                "csm_sentiment",
                "CSM sentiment",
                PropertyType::Enumeration,
                SENTIMENTS,
            ),
            ("city", "City", PropertyType::Text, &[]),
            (
                "last_activity_date",
                "Last activity date",
                PropertyType::DateTime,
                &[],
            ),
        ],
    },
    BuiltinObject {
        name: "deals",
        singular: "Deal",
        plural: "Deals",
        has_pipelines: true,
        properties: &[
            ("name", "Deal name", PropertyType::Text, &[]),
            ("amount", "Amount", PropertyType::Currency, &[]),
            ("close_date", "Close date", PropertyType::Date, &[]),
            ("owner", "Deal owner", PropertyType::User, &[]),
            ("csm", "Customer Success Manager", PropertyType::User, &[]),
            (
                "deal_type",
                "Deal type",
                PropertyType::Enumeration,
                &[
                    ("new_business", "New business"),
                    ("renewal", "Renewal"),
                    ("upsell", "Upsell"),
                ],
            ),
            (
                "contract_end_date",
                "Contract end date",
                PropertyType::Date,
                &[],
            ),
            ("lost_reason", "Closed lost reason", PropertyType::Text, &[]),
            (
                "last_activity_date",
                "Last activity date",
                PropertyType::DateTime,
                &[],
            ),
        ],
    },
    BuiltinObject {
        name: "tickets",
        singular: "Ticket",
        plural: "Tickets",
        has_pipelines: true,
        properties: &[
            ("name", "Ticket name", PropertyType::Text, &[]),
            (
                "priority",
                "Priority",
                PropertyType::Enumeration,
                PRIORITIES,
            ),
            ("owner", "Ticket owner", PropertyType::User, &[]),
            ("csm", "Customer Success Manager", PropertyType::User, &[]),
            ("resolution", "Resolution", PropertyType::Text, &[]),
            (
                "last_activity_date",
                "Last activity date",
                PropertyType::DateTime,
                &[],
            ),
        ],
    },
    BuiltinObject {
        name: "services",
        singular: "Service",
        plural: "Services",
        has_pipelines: true,
        properties: &[
            ("name", "Service name", PropertyType::Text, &[]),
            (
                "service_type",
                "Service type",
                PropertyType::Enumeration,
                &[
                    ("onboarding", "Onboarding"),
                    ("consulting", "Consulting"),
                    ("maintenance", "Maintenance"),
                ],
            ),
            ("owner", "Service owner", PropertyType::User, &[]),
            ("csm", "Customer Success Manager", PropertyType::User, &[]),
            ("value", "Service value", PropertyType::Currency, &[]),
            ("start_date", "Start date", PropertyType::Date, &[]),
            ("end_date", "End date", PropertyType::Date, &[]),
            ("renewal_date", "Renewal date", PropertyType::Date, &[]),
            (
                "last_activity_date",
                "Last activity date",
                PropertyType::DateTime,
                &[],
            ),
        ],
    },
];

/// Creates the built-in objects and their standard properties where missing. Several server
/// instances may start at once on one PostgreSQL, so the work is serialised by a transaction
/// lock (SQLite's `BEGIN IMMEDIATE`, PostgreSQL's advisory lock).
pub async fn ensure_builtin_objects(db: &Db) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    if let Some(pg) = tx.postgres() {
        sqlx::query("SELECT pg_advisory_xact_lock(7270001)")
            .execute(pg)
            .await?;
    }
    for builtin in BUILTIN_OBJECTS {
        let existing: Option<ObjectType> = on_tx!(&mut tx, conn => sqlx::query_as(
            &format!("SELECT {OBJECT_COLUMNS} FROM object_types WHERE name = $1"))
            .bind(builtin.name)
            .fetch_optional(&mut *conn)
            .await)?;
        let object = match existing {
            Some(object) => object,
            None => {
                let name = Identifier::parse("name", builtin.name)?;
                create_object_type(
                    &mut tx,
                    &name,
                    builtin.singular,
                    builtin.plural,
                    false,
                    builtin.has_pipelines,
                )
                .await?
            }
        };
        let defined = properties_in_tx(&mut tx, object.id).await?;
        for (name, label, property_type, options) in builtin.properties {
            if defined.iter().any(|p| p.name == *name) {
                continue;
            }
            let options = options
                .iter()
                .map(|(v, l)| (v.to_string(), l.to_string()))
                .collect();
            let mut property = NewProperty::parse(name, label, *property_type, options)?;
            property.is_standard = true;
            create_property(&mut tx, &object, &property).await?;
        }
        // Databases created before an index was added to the workload set get it here.
        let all = properties_in_tx(&mut tx, object.id).await?;
        ensure_workload_indexes(&mut tx, &object, &all).await?;
    }
    super::task_object::ensure_task_object(&mut tx).await?;
    tx.commit().await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_lowercase_snake_case() {
        assert!(Identifier::parse("name", "renewal_date2").is_ok());
        for bad in [
            "",
            "Renewal",
            "2nd",
            "has space",
            "semi;colon",
            &"a".repeat(65),
        ] {
            let error = Identifier::parse("name", bad).unwrap_err();
            assert!(
                matches!(error, AppError::Invalid { ref field, .. } if field == "name"),
                "{bad}"
            );
        }
    }

    #[test]
    fn select_properties_need_options_and_others_refuse_them() {
        assert!(NewProperty::parse("tier", "Tier", PropertyType::Enumeration, vec![]).is_err());
        let one = vec![("gold".to_string(), "Gold".to_string())];
        assert!(NewProperty::parse("tier", "Tier", PropertyType::Enumeration, one.clone()).is_ok());
        assert!(NewProperty::parse("score", "Score", PropertyType::Number, one).is_err());
        let bad = vec![("a;b".to_string(), "A".to_string())];
        assert!(NewProperty::parse("tier", "Tier", PropertyType::Enumeration, bad).is_err());
        assert!(NewProperty::parse("tier", "  ", PropertyType::Text, vec![]).is_err());
    }

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
