//! Compiles a list's conditions — the tab's and view's scopes, and the user's filter tree — into
//! one `WHERE` clause of bound parameters. See the [module docs](super) for which index each
//! operator uses.

use chrono::{DateTime, NaiveDate, Utc};

use super::{
    dates::{date_range, day_bounds},
    field::{Column, Field, SystemColumn, resolve},
    sql_builder::SqlBuilder,
};
use crate::{
    db::{schema_cache::ObjectSchema, sql_value::SqlValue},
    error::AppError,
    models::{
        PropertyType, Viewer,
        filter::{
            Condition, FilterTree, MAX_FILTER_GROUPS, MAX_GROUP_CONDITIONS, Operand, Operator,
            Scalar,
        },
        time_zone::ViewerZone,
    },
};

/// What relative conditions are relative to.
#[derive(Clone, Copy, Debug)]
pub struct QueryContext {
    /// Who "me" is.
    pub viewer_id: i64,
    /// The day "today", "in the last N days" and presets count from.
    pub today: NaiveDate,
    /// Where days begin and end, for conditions on timestamps.
    pub zone: ViewerZone,
}

impl QueryContext {
    /// Relative to `viewer`: their "me", and today in their time zone.
    pub fn for_viewer(viewer: &Viewer) -> QueryContext {
        QueryContext {
            viewer_id: viewer.id,
            today: viewer.time_zone.date_of(Utc::now()),
            zone: viewer.time_zone,
        }
    }
}

/// A condition set by the tab or the built-in view rather than by the user's filters.
#[derive(Clone, Debug, PartialEq)]
pub enum Scope {
    InPipeline(i64),
    /// The user property holds this user ("Owned by me").
    UserIs {
        property: String,
        user_id: i64,
    },
    /// The user property holds this user and was set to them at or after `since`, as property
    /// history tells ("Assigned in the last 30 days").
    AssignedSince {
        property: String,
        user_id: i64,
        since: DateTime<Utc>,
    },
    /// A quick filter, ANDed with everything else.
    Condition(Condition),
    /// Activities (tasks) associated with this record: a lookup of the
    /// `activity_associations (record_id, activity_id)` index.
    AssociatedWith(i64),
}

/// `archived_at IS NULL AND <scopes> AND (<group> OR <group> …)`.
pub fn compile_where(
    schema: &ObjectSchema,
    scopes: &[Scope],
    filters: &FilterTree,
    cx: &QueryContext,
) -> Result<SqlBuilder, AppError> {
    let mut sql = SqlBuilder::new();
    sql.push("archived_at IS NULL");
    for scope in scopes {
        sql.push(" AND ");
        sql.append(scope_sql(schema, scope, cx)?);
    }
    let groups: Vec<_> = filters
        .groups
        .iter()
        .filter(|g| !g.conditions.is_empty())
        .collect();
    if groups.len() > MAX_FILTER_GROUPS {
        return Err(AppError::invalid(
            "filters",
            format!("Use at most {MAX_FILTER_GROUPS} filter groups"),
        ));
    }
    if !groups.is_empty() {
        sql.push(" AND (");
        for (i, group) in groups.iter().enumerate() {
            if group.conditions.len() > MAX_GROUP_CONDITIONS {
                return Err(AppError::invalid(
                    "filters",
                    format!("Use at most {MAX_GROUP_CONDITIONS} conditions in a group"),
                ));
            }
            if i > 0 {
                sql.push(" OR ");
            }
            sql.push("(");
            for (j, condition) in group.conditions.iter().enumerate() {
                if j > 0 {
                    sql.push(" AND ");
                }
                sql.append(condition_sql(schema, condition, cx)?);
            }
            sql.push(")");
        }
        sql.push(")");
    }
    Ok(sql)
}

fn scope_sql(
    schema: &ObjectSchema,
    scope: &Scope,
    cx: &QueryContext,
) -> Result<SqlBuilder, AppError> {
    let mut sql = SqlBuilder::new();
    match scope {
        Scope::InPipeline(pipeline_id) => {
            sql.column(&Column::system(SystemColumn::PipelineId))
                .push(" = ")
                .bind(SqlValue::from(*pipeline_id));
        }
        Scope::UserIs { property, user_id } => {
            let field = user_field(schema, property)?;
            sql.column(&field.column)
                .push(" = ")
                .bind(SqlValue::from(*user_id));
        }
        Scope::AssignedSince {
            property,
            user_id,
            since,
        } => {
            let field = user_field(schema, property)?;
            sql.column(&field.column)
                .push(" = ")
                .bind(SqlValue::from(*user_id))
                .push(
                    " AND record_id IN (SELECT record_id FROM property_history \
                     WHERE property_name = ",
                )
                .bind(SqlValue::from(field.name))
                .push(" AND new_value = ")
                .bind(SqlValue::from(user_id.to_string()))
                .push(" AND changed_at >= ")
                .bind(SqlValue::from(*since))
                .push(")");
        }
        Scope::Condition(condition) => return condition_sql(schema, condition, cx),
        Scope::AssociatedWith(record_id) => {
            sql.column(&Column::system(SystemColumn::RecordId))
                .push(" IN (SELECT activity_id FROM activity_associations WHERE record_id = ")
                .bind(SqlValue::from(*record_id))
                .push(")");
        }
    }
    Ok(sql)
}

fn user_field<'s>(schema: &'s ObjectSchema, name: &str) -> Result<Field<'s>, AppError> {
    let field = resolve(schema, name)?;
    if field.property_type != PropertyType::User {
        return Err(AppError::invalid(
            name,
            format!("{} is not a user property", field.label),
        ));
    }
    Ok(field)
}

/// `%value%`-style patterns match `value` literally: LIKE's wildcards in it are escaped.
fn like_literal(value: &str) -> String {
    let mut escaped = String::with_capacity(value.len());
    for c in value.chars() {
        if matches!(c, '\\' | '%' | '_') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

/// Text compared with a `LOWER()` index: lowercased here as both backends' `LOWER()` does it on
/// those columns (ASCII only: SQLite's built-in, PostgreSQL's under the columns' "C"
/// collation), so the bound value and the indexed expression agree for every script.
fn lowered(text: &str) -> SqlValue {
    SqlValue::from(text.to_ascii_lowercase())
}

/// The largest code point: appended to a prefix it bounds every string that starts with it.
const AFTER_EVERY_SUFFIX: &str = "\u{10FFFF}";

/// One condition of the user's filters.
pub fn condition_sql(
    schema: &ObjectSchema,
    condition: &Condition,
    cx: &QueryContext,
) -> Result<SqlBuilder, AppError> {
    let field = resolve(schema, &condition.property)?;
    let operand = condition.operand(field.property_type).map_err(|error| {
        AppError::invalid(
            &condition.property,
            format!("{}: {}", field.label, error.message),
        )
    })?;
    if let (Some(property), Operand::Many(values)) = (field.property, &operand)
        && matches!(
            field.property_type,
            PropertyType::Enumeration | PropertyType::MultiEnumeration
        )
    {
        let options = schema.options_of(property.id);
        for value in values {
            if let Scalar::Option(value) = value
                && !options.iter().any(|(v, _)| v == value)
            {
                return Err(AppError::invalid(
                    &condition.property,
                    format!("{value:?} is not an option of {}", field.label),
                ));
            }
        }
    }
    let column = &field.column;
    let mut sql = SqlBuilder::new();
    use Operator::*;
    match (condition.operator, operand) {
        (IsKnown, _) => {
            sql.column(column).push(" IS NOT NULL");
        }
        (IsUnknown, _) => {
            sql.column(column).push(" IS NULL");
        }
        (IsTrue | IsFalse, _) => {
            sql.column(column)
                .push(" = ")
                .bind(SqlValue::from(condition.operator == IsTrue));
        }
        (IsMe, _) => {
            sql.column(column)
                .push(" = ")
                .bind(SqlValue::from(cx.viewer_id));
        }
        (Is, Operand::One(Scalar::Text(text))) => {
            sql.sort_key(column).push(" = ").bind(lowered(&text));
        }
        (IsNot, Operand::One(Scalar::Text(text))) => {
            sql.push("(")
                .column(column)
                .push(" IS NULL OR ")
                .sort_key(column)
                .push(" <> ")
                .bind(lowered(&text))
                .push(")");
        }
        (Contains | DoesNotContain, Operand::One(Scalar::Text(text))) => {
            let pattern = lowered(&format!("%{}%", like_literal(&text)));
            if condition.operator == Contains {
                sql.sort_key(column)
                    .push(" LIKE ")
                    .bind(pattern)
                    .push(" ESCAPE '\\'");
            } else {
                sql.push("(")
                    .column(column)
                    .push(" IS NULL OR ")
                    .sort_key(column)
                    .push(" NOT LIKE ")
                    .bind(pattern)
                    .push(" ESCAPE '\\')");
            }
        }
        (StartsWith, Operand::One(Scalar::Text(text))) => {
            // A range on the LOWER() index: [prefix, prefix + U+10FFFF).
            let prefix = text.to_ascii_lowercase();
            sql.sort_key(column)
                .push(" >= ")
                .bind(SqlValue::from(prefix.clone()))
                .push(" AND ")
                .sort_key(column)
                .push(" < ")
                .bind(SqlValue::from(format!("{prefix}{AFTER_EVERY_SUFFIX}")));
        }
        (Equals | NotEquals | LessThan | AtMost | GreaterThan | AtLeast, Operand::One(value)) => {
            let comparison = match condition.operator {
                Equals => " = ",
                NotEquals => " <> ",
                LessThan => " < ",
                AtMost => " <= ",
                GreaterThan => " > ",
                _ => " >= ",
            };
            if condition.operator == NotEquals {
                sql.push("(").column(column).push(" IS NULL OR ");
            }
            sql.column(column).push(comparison).bind(scalar(value));
            if condition.operator == NotEquals {
                sql.push(")");
            }
        }
        (Between, Operand::Range(low, high))
            if !matches!(
                field.property_type,
                PropertyType::Date | PropertyType::DateTime
            ) =>
        {
            sql.column(column)
                .push(" >= ")
                .bind(scalar(low))
                .push(" AND ")
                .column(column)
                .push(" <= ")
                .bind(scalar(high));
        }
        (On | Before | After | Between | InLastDays | InNextDays, operand) => {
            let (from, to) = day_bounds(condition.operator, operand, cx.today)?;
            date_range(&mut sql, column, field.property_type, (from, to), cx.zone);
        }
        (IsAnyOf | IsNoneOf, Operand::Many(values)) => {
            // Select values compare through LOWER(), the expression their index holds.
            if condition.operator == IsNoneOf {
                sql.push("(")
                    .column(column)
                    .push(" IS NULL OR ")
                    .sort_key(column)
                    .push(" NOT IN (");
            } else {
                sql.sort_key(column).push(" IN (");
            }
            for (i, value) in values.into_iter().enumerate() {
                if i > 0 {
                    sql.push(", ");
                }
                match value {
                    Scalar::Option(text) if column.is_text() => sql.bind(lowered(&text)),
                    other => sql.bind(scalar(other)),
                };
            }
            sql.push(")");
            if condition.operator == IsNoneOf {
                sql.push(")");
            }
        }
        (ContainsAnyOf | ContainsAllOf | ContainsNoneOf, Operand::Many(values)) => {
            let property_id = field.property.map_or(0, |p| p.id);
            let count = values.len() as i64;
            sql.push(if condition.operator == ContainsNoneOf {
                "record_id NOT IN (SELECT record_id FROM multi_values WHERE property_id = "
            } else {
                "record_id IN (SELECT record_id FROM multi_values WHERE property_id = "
            })
            .bind(SqlValue::from(property_id))
            .push(" AND value IN (")
            .bind_list(values.into_iter().map(scalar))
            .push(")");
            if condition.operator == ContainsAllOf {
                sql.push(" GROUP BY record_id HAVING COUNT(*) = ")
                    .bind(SqlValue::from(count));
            }
            sql.push(")");
        }
        (operator, _) => {
            return Err(AppError::invalid(
                &condition.property,
                format!("\"{}\" does not apply to {}", operator.label(), field.label),
            ));
        }
    }
    Ok(sql)
}

fn scalar(value: Scalar) -> SqlValue {
    match value {
        Scalar::Text(text) | Scalar::Option(text) => SqlValue::from(text),
        Scalar::Number(n) => SqlValue::Real(Some(n)),
        Scalar::Cents(cents) => SqlValue::from(cents),
        Scalar::Date(day) => SqlValue::Date(Some(day)),
        Scalar::User(id) => SqlValue::from(id),
    }
}

#[cfg(test)]
#[path = "compile_tests.rs"]
mod tests;
