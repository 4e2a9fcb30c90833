//! The Tasks tab's object. Tasks live in `activities` (the records' timelines show them too); a
//! built-in object type `tasks` describes them to the list engine: its properties are real
//! property definitions, so views, columns, sorting and advanced filters work as on every
//! other tab, and its "table" `obj_<id>` is a SQL view over the task rows of `activities`,
//! whose columns are named like any object table's. Lists read through the view and its
//! conditions reach the `activities` indexes (both backends inline the view); writes go to
//! `activities` directly ([`super::tasks`]).

use super::{
    Backend, Tx,
    schema::{
        Identifier, NewProperty, OBJECT_COLUMNS, ObjectType, bump_version, insert_object_type,
        insert_property_definition, properties_in_tx,
    },
};
use crate::{error::AppError, models::PropertyType, on_tx};

/// The name of the tasks object type.
pub const TASKS_OBJECT: &str = "tasks";
/// Property names the Tasks tab and its default views refer to.
pub const TITLE: &str = "title";
pub const DUE_DATE: &str = "due_date";
pub const STATUS: &str = "status";
pub const OWNER: &str = "owner";
pub const COMPLETED_DATE: &str = "completed_date";
/// The columns of the Tasks tab's built-in views.
pub const DEFAULT_COLUMNS: &[&str] = &[TITLE, STATUS, DUE_DATE, "task_type", "priority", OWNER];

/// A task property and the `activities` column that holds it.
struct TaskField {
    name: &'static str,
    label: &'static str,
    property_type: PropertyType,
    options: &'static [(&'static str, &'static str)],
    column: &'static str,
}

const TASK_FIELDS: &[TaskField] = &[
    TaskField {
        name: TITLE,
        label: "Title",
        property_type: PropertyType::Text,
        options: &[],
        column: "subject",
    },
    TaskField {
        name: DUE_DATE,
        label: "Due date",
        property_type: PropertyType::DateTime,
        options: &[],
        column: "due_at",
    },
    TaskField {
        name: STATUS,
        label: "Status",
        property_type: PropertyType::Enumeration,
        options: &[("not_started", "Not started"), ("completed", "Completed")],
        column: "task_status",
    },
    TaskField {
        name: "task_type",
        label: "Type",
        property_type: PropertyType::Enumeration,
        options: &[("todo", "To-do"), ("call", "Call"), ("email", "Email")],
        column: "task_type",
    },
    TaskField {
        name: "priority",
        label: "Priority",
        property_type: PropertyType::Enumeration,
        options: &[
            ("none", "None"),
            ("low", "Low"),
            ("medium", "Medium"),
            ("high", "High"),
        ],
        column: "priority",
    },
    TaskField {
        name: OWNER,
        label: "Assigned to",
        property_type: PropertyType::User,
        options: &[],
        column: "owner_id",
    },
    TaskField {
        name: "notes",
        label: "Notes",
        property_type: PropertyType::Text,
        options: &[],
        column: "body",
    },
    TaskField {
        name: COMPLETED_DATE,
        label: "Completed date",
        property_type: PropertyType::DateTime,
        options: &[],
        column: "completed_at",
    },
];

/// Defines the tasks object and its properties where missing, and (re)creates its view. Runs
/// at start-up in the bootstrap transaction, which holds the schema lock.
pub(crate) async fn ensure_task_object(tx: &mut Tx) -> Result<(), AppError> {
    let existing: Option<ObjectType> = on_tx!(tx, conn => sqlx::query_as(
        &format!("SELECT {OBJECT_COLUMNS} FROM object_types WHERE name = $1"))
        .bind(TASKS_OBJECT)
        .fetch_optional(&mut *conn)
        .await)?;
    let object = match existing {
        Some(object) => object,
        None => {
            let name = Identifier::parse("name", TASKS_OBJECT)?;
            insert_object_type(tx, &name, ("Task", "Tasks"), false, false).await?
        }
    };
    let defined = properties_in_tx(tx, object.id).await?;
    let mut changed = false;
    for field in TASK_FIELDS {
        if defined.iter().any(|p| p.name == field.name) {
            continue;
        }
        let options = field
            .options
            .iter()
            .map(|(v, l)| (v.to_string(), l.to_string()))
            .collect();
        let mut property =
            NewProperty::parse(field.name, field.label, field.property_type, options)?;
        property.is_standard = true;
        insert_property_definition(tx, &object, &property).await?;
        changed = true;
    }
    let properties = properties_in_tx(tx, object.id).await?;
    let columns: Vec<(String, &'static str)> = TASK_FIELDS
        .iter()
        .filter_map(|field| {
            properties
                .iter()
                .find(|p| p.name == field.name)
                .map(|p| (p.column(), field.column))
        })
        .collect();
    for statement in view_ddl(tx.backend(), &object, &columns) {
        on_tx!(tx, conn => execute sqlx::query(&statement))?;
    }
    if changed {
        bump_version(tx).await?;
    }
    Ok(())
}

/// The view that gives task rows the shape of an object table: `record_id`, `version`, the
/// timestamps, no archive, pipeline or stage, and a `p_<id>` column per property.
fn view_ddl(
    backend: Backend,
    object: &ObjectType,
    columns: &[(String, &'static str)],
) -> Vec<String> {
    let table = object.table();
    let (int, timestamp) = match backend {
        Backend::Sqlite => ("INTEGER", "TEXT"),
        Backend::Postgres => ("BIGINT", "TIMESTAMPTZ"),
    };
    let properties: String = columns
        .iter()
        .map(|(property, source)| format!(", {source} AS {property}"))
        .collect();
    vec![
        format!("DROP VIEW IF EXISTS {table}"),
        format!(
            "CREATE VIEW {table} AS SELECT id AS record_id, version, created_at, \
             created_at AS updated_at, CAST(NULL AS {timestamp}) AS archived_at, \
             CAST(NULL AS {int}) AS pipeline_id, CAST(NULL AS {int}) AS stage_id{properties} \
             FROM activities WHERE kind = 'task'"
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_view_names_columns_like_an_object_table() {
        let object = ObjectType {
            id: 9,
            name: TASKS_OBJECT.into(),
            singular_label: "Task".into(),
            plural_label: "Tasks".into(),
            is_custom: false,
            has_pipelines: false,
        };
        let ddl = view_ddl(
            Backend::Postgres,
            &object,
            &[("p_40".into(), "subject"), ("p_41".into(), "due_at")],
        );
        assert_eq!(ddl[0], "DROP VIEW IF EXISTS obj_9");
        assert_eq!(
            ddl[1],
            "CREATE VIEW obj_9 AS SELECT id AS record_id, version, created_at, \
             created_at AS updated_at, CAST(NULL AS TIMESTAMPTZ) AS archived_at, \
             CAST(NULL AS BIGINT) AS pipeline_id, CAST(NULL AS BIGINT) AS stage_id, \
             subject AS p_40, due_at AS p_41 FROM activities WHERE kind = 'task'"
        );
    }

    #[test]
    fn every_task_field_reads_an_activity_column() {
        let names: Vec<_> = TASK_FIELDS.iter().map(|f| f.name).collect();
        for wanted in [TITLE, DUE_DATE, STATUS, OWNER] {
            assert!(names.contains(&wanted), "{wanted}");
        }
        assert_eq!(
            TASK_FIELDS[0].property_type,
            PropertyType::Text,
            "tasks are named by their title"
        );
    }
}
