//! The Summary's reports: each user's (at most [`MAX_REPORTS_PER_USER`]) in their order, checked
//! against the schema when saved. Their figures are in [`super::report_figures`].

use chrono::Utc;
use sqlx::FromRow;

use super::{
    Db, Tx,
    query::{
        aggregate::{AggregateSpec, Grouping},
        field::{Field, resolve},
    },
    report_indexes::{ReportIndex, keep_report_indexes, report_index},
    schema_cache::{ObjectSchema, Schema},
};
use crate::{
    error::AppError,
    models::{
        PropertyType,
        report::{
            ChartKind, MAX_REPORT_TITLE, MAX_REPORTS_PER_USER, ReportMeasure, ReportSpec,
            STAGE_GROUPING, TimeUnit,
        },
    },
    on_pool, on_tx,
};

#[derive(FromRow)]
struct ReportRow {
    id: i64,
    title: String,
    object_type_id: i64,
    measure: String,
    measure_property: Option<String>,
    group_by: Option<String>,
    time_unit: Option<String>,
    chart: String,
}

impl ReportRow {
    fn spec(&self) -> Result<ReportSpec, AppError> {
        let bad = |what: &str| AppError::internal("stored report", what.to_string());
        Ok(ReportSpec {
            title: self.title.clone(),
            object_type_id: self.object_type_id,
            measure: ReportMeasure::parse(&self.measure).ok_or_else(|| bad(&self.measure))?,
            measure_property: self.measure_property.clone(),
            group_by: self.group_by.clone(),
            time_unit: match &self.time_unit {
                Some(unit) => Some(TimeUnit::parse(unit).ok_or_else(|| bad(unit))?),
                None => None,
            },
            chart: ChartKind::parse(&self.chart).ok_or_else(|| bad(&self.chart))?,
        })
    }
}

/// A user's reports in their order, as `(id, spec)`.
pub async fn reports_of(db: &Db, user_id: i64) -> Result<Vec<(i64, ReportSpec)>, AppError> {
    let rows: Vec<ReportRow> = on_pool!(db, pool => sqlx::query_as(
        "SELECT id, title, object_type_id, measure, measure_property, group_by, time_unit, chart \
         FROM summary_reports WHERE user_id = $1 ORDER BY position, id")
        .bind(user_id)
        .fetch_all(pool)
        .await)?;
    rows.iter().map(|row| Ok((row.id, row.spec()?))).collect()
}

/// A report's question resolved against `object`, or the field at fault.
pub(super) fn resolve_spec<'s>(
    object: &'s ObjectSchema,
    spec: &ReportSpec,
) -> Result<AggregateSpec<'s>, AppError> {
    let measured = match spec.measure {
        ReportMeasure::Count => None,
        ReportMeasure::Sum | ReportMeasure::Average => {
            let name = spec.measure_property.as_deref().unwrap_or_default();
            if name.is_empty() {
                return Err(AppError::invalid(
                    "measure_property",
                    "Choose a number or currency property to add up",
                ));
            }
            let field = resolve(object, name).map_err(|_| {
                AppError::invalid("measure_property", "Choose a property from the list")
            })?;
            if !matches!(
                field.property_type,
                PropertyType::Number | PropertyType::Currency
            ) {
                return Err(AppError::invalid(
                    "measure_property",
                    format!("{} is not a number or an amount", field.label),
                ));
            }
            Some(field)
        }
    };
    let grouping = match (spec.chart, spec.group_by.as_deref()) {
        (ChartKind::Number, _) => Grouping::None,
        (_, None | Some("")) => {
            return Err(AppError::invalid(
                "group_by",
                "Choose what to group by (or draw a Number)",
            ));
        }
        (_, Some(STAGE_GROUPING)) if !object.pipelines.is_empty() => Grouping::Stage,
        (_, Some(name)) => {
            let field = resolve(object, name)
                .map_err(|_| AppError::invalid("group_by", "Choose a property from the list"))?;
            grouping_of(field, spec.time_unit)?
        }
    };
    Ok(AggregateSpec {
        measure: spec.measure,
        measured,
        grouping,
    })
}

fn grouping_of(field: Field<'_>, unit: Option<TimeUnit>) -> Result<Grouping<'_>, AppError> {
    match field.property_type {
        PropertyType::Date | PropertyType::DateTime => Ok(Grouping::Period {
            field,
            unit: unit
                .ok_or_else(|| AppError::invalid("time_unit", "Choose a day, week or month"))?,
        }),
        PropertyType::Enumeration | PropertyType::User | PropertyType::Boolean => {
            Ok(Grouping::Value(field))
        }
        _ => Err(AppError::invalid(
            "group_by",
            format!("Reports cannot group by {}", field.label),
        )),
    }
}

/// Checks a report before it is saved: a title, a known object, fields it can use.
pub fn check_spec(schema: &Schema, spec: &ReportSpec) -> Result<(), AppError> {
    let title = spec.title.trim();
    if title.is_empty() {
        return Err(AppError::invalid("title", "Give the report a title"));
    }
    if title.chars().count() > MAX_REPORT_TITLE {
        return Err(AppError::invalid(
            "title",
            format!("Use at most {MAX_REPORT_TITLE} characters"),
        ));
    }
    let object = schema
        .object(spec.object_type_id)
        .map_err(|_| AppError::invalid("object", "Choose an object from the list"))?;
    resolve_spec(object, spec).map(|_| ())
}

/// Adds a report at the end of the user's, refusing a sixth. On PostgreSQL the user's row is
/// locked first, so two reports added at once cannot both pass the count.
pub async fn create_report(db: &Db, user_id: i64, spec: &ReportSpec) -> Result<i64, AppError> {
    let schema = db.schema().await?;
    let mut tx = db.begin().await?;
    if let Some(conn) = tx.postgres() {
        sqlx::query("SELECT id FROM users WHERE id = $1 FOR UPDATE")
            .bind(user_id)
            .execute(&mut *conn)
            .await?;
    }
    let now = Utc::now();
    let id: Option<i64> = on_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO summary_reports (user_id, position, title, object_type_id, measure, \
         measure_property, group_by, time_unit, chart, created_at, updated_at) \
         SELECT $1, COALESCE(MAX(position), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9, $9 \
         FROM summary_reports WHERE user_id = $1 HAVING COUNT(*) < $10 RETURNING id")
        .bind(user_id)
        .bind(spec.title.trim())
        .bind(spec.object_type_id)
        .bind(spec.measure.as_str())
        .bind(stored_measure_property(spec))
        .bind(stored_group_by(spec))
        .bind(stored_time_unit(spec))
        .bind(spec.chart.as_str())
        .bind(now)
        .bind(MAX_REPORTS_PER_USER as i64)
        .fetch_optional(&mut *conn)
        .await)?;
    let Some(id) = id else {
        return Err(AppError::invalid(
            "report",
            format!("The Summary holds at most {MAX_REPORTS_PER_USER} reports: remove one first"),
        ));
    };
    keep_indexes_of(&mut tx, &schema, spec.object_type_id).await?;
    tx.commit().await?;
    Ok(id)
}

/// Gives `object_type_id`'s table the report indexes its reports need, and no others (see
/// [`super::report_indexes`]). A report its schema no longer answers needs none.
async fn keep_indexes_of(
    tx: &mut Tx,
    schema: &Schema,
    object_type_id: i64,
) -> Result<(), AppError> {
    let Ok(object) = schema.object(object_type_id) else {
        return Ok(());
    };
    let rows: Vec<ReportRow> = on_tx!(tx, conn => sqlx::query_as(
        "SELECT id, title, object_type_id, measure, measure_property, group_by, time_unit, chart \
         FROM summary_reports WHERE object_type_id = $1")
        .bind(object_type_id)
        .fetch_all(&mut *conn)
        .await)?;
    let mut needed: Vec<ReportIndex> = Vec::new();
    for row in rows {
        let Ok(resolved) = row.spec().and_then(|spec| resolve_spec(object, &spec)) else {
            continue;
        };
        if let Some(index) = report_index(object, &resolved)
            && !needed.contains(&index)
        {
            needed.push(index);
        }
    }
    keep_report_indexes(tx, &object.object.table(), &needed).await
}

/// Gives every object the report indexes its reports need: at start, for reports saved before
/// report indexes existed or restored from a backup.
pub async fn keep_all_report_indexes(db: &Db) -> Result<(), AppError> {
    let schema = db.schema().await?;
    let mut tx = db.begin().await?;
    for object in &schema.objects {
        keep_indexes_of(&mut tx, &schema, object.object.id).await?;
    }
    tx.commit().await
}

fn stored_measure_property(spec: &ReportSpec) -> Option<&str> {
    match spec.measure {
        ReportMeasure::Count => None,
        _ => spec.measure_property.as_deref(),
    }
}

fn stored_group_by(spec: &ReportSpec) -> Option<&str> {
    match spec.chart {
        ChartKind::Number => None,
        _ => spec.group_by.as_deref(),
    }
}

fn stored_time_unit(spec: &ReportSpec) -> Option<&'static str> {
    match spec.chart {
        ChartKind::Number => None,
        _ => spec.time_unit.map(TimeUnit::as_str),
    }
}

/// Replaces one of the user's reports; another user's is "not found".
pub async fn update_report(
    db: &Db,
    user_id: i64,
    id: i64,
    spec: &ReportSpec,
) -> Result<(), AppError> {
    let schema = db.schema().await?;
    let mut tx = db.begin().await?;
    let before: Option<i64> = on_tx!(tx, conn => sqlx::query_scalar(
        "SELECT object_type_id FROM summary_reports WHERE id = $1 AND user_id = $2")
        .bind(id)
        .bind(user_id)
        .fetch_optional(&mut *conn)
        .await)?;
    let Some(before) = before else {
        return Err(AppError::not_found("The report"));
    };
    on_tx!(tx, conn => execute sqlx::query(
        "UPDATE summary_reports SET title = $3, object_type_id = $4, measure = $5, \
         measure_property = $6, group_by = $7, time_unit = $8, chart = $9, updated_at = $10 \
         WHERE id = $1 AND user_id = $2")
        .bind(id)
        .bind(user_id)
        .bind(spec.title.trim())
        .bind(spec.object_type_id)
        .bind(spec.measure.as_str())
        .bind(stored_measure_property(spec))
        .bind(stored_group_by(spec))
        .bind(stored_time_unit(spec))
        .bind(spec.chart.as_str())
        .bind(Utc::now()))?;
    keep_indexes_of(&mut tx, &schema, spec.object_type_id).await?;
    if before != spec.object_type_id {
        keep_indexes_of(&mut tx, &schema, before).await?;
    }
    tx.commit().await
}

/// Removes one of the user's reports.
pub async fn delete_report(db: &Db, user_id: i64, id: i64) -> Result<(), AppError> {
    let schema = db.schema().await?;
    let mut tx = db.begin().await?;
    let object: Option<i64> = on_tx!(tx, conn => sqlx::query_scalar(
        "DELETE FROM summary_reports WHERE id = $1 AND user_id = $2 RETURNING object_type_id")
        .bind(id)
        .bind(user_id)
        .fetch_optional(&mut *conn)
        .await)?;
    let Some(object) = object else {
        return Err(AppError::not_found("The report"));
    };
    keep_indexes_of(&mut tx, &schema, object).await?;
    tx.commit().await
}

/// Swaps a report with its neighbour before (`earlier`) or after it; at either end nothing
/// moves.
pub async fn move_report(db: &Db, user_id: i64, id: i64, earlier: bool) -> Result<(), AppError> {
    let order: Vec<i64> = reports_of(db, user_id)
        .await?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let index = order
        .iter()
        .position(|r| *r == id)
        .ok_or_else(|| AppError::not_found("The report"))?;
    let Some(other) = (if earlier {
        index.checked_sub(1)
    } else {
        Some(index + 1).filter(|i| *i < order.len())
    }) else {
        return Ok(());
    };
    let mut reordered = order.clone();
    reordered.swap(index, other);
    let mut tx = db.begin().await?;
    for (position, report) in reordered.iter().enumerate() {
        on_tx!(tx, conn => execute sqlx::query(
            "UPDATE summary_reports SET position = $1 WHERE id = $2 AND user_id = $3")
            .bind(position as i64 + 1)
            .bind(report)
            .bind(user_id))?;
    }
    tx.commit().await
}
