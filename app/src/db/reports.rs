//! The Summary's reports: each user's (at most [`MAX_REPORTS_PER_USER`]) in their order, checked
//! against the schema when saved, and their figures aggregated in SQL when shown.

use std::collections::HashMap;

use chrono::Utc;
use sqlx::FromRow;

use super::{
    Db,
    query::{
        QueryContext,
        aggregate::{AggregateSpec, Grouping, aggregate, period_label},
        field::{Field, resolve},
    },
    schema_cache::{ObjectSchema, Schema},
};
use crate::{
    error::AppError,
    models::{
        PropertyType,
        report::{
            ChartKind, ChartPoint, FigureFormat, MAX_REPORT_TITLE, MAX_REPORTS_PER_USER, Report,
            ReportField, ReportMeasure, ReportObject, ReportSpec, STAGE_GROUPING, TimeUnit,
        },
        view::CREATED_AT,
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
fn resolve_spec<'s>(
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
    tx.commit().await?;
    Ok(id)
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
    let changed = on_pool!(db, pool => execute sqlx::query(
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
    if changed == 0 {
        return Err(AppError::not_found("The report"));
    }
    Ok(())
}

/// Removes one of the user's reports.
pub async fn delete_report(db: &Db, user_id: i64, id: i64) -> Result<(), AppError> {
    let removed = on_pool!(db, pool => execute sqlx::query(
        "DELETE FROM summary_reports WHERE id = $1 AND user_id = $2")
        .bind(id)
        .bind(user_id))?;
    if removed == 0 {
        return Err(AppError::not_found("The report"));
    }
    Ok(())
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

/// A report with its figures, labelled for people.
pub async fn report_figures(
    db: &Db,
    schema: &Schema,
    (id, spec): (i64, ReportSpec),
    cx: &QueryContext,
    user_names: &HashMap<i64, String>,
) -> Result<Report, AppError> {
    let object = schema.object(spec.object_type_id)?;
    let resolved = resolve_spec(object, &spec)?;
    let figures = aggregate(db, object, &resolved, cx).await?;
    let format = match (&resolved.measure, &resolved.measured) {
        (ReportMeasure::Count, _) => FigureFormat::Count,
        (_, Some(field)) if field.property_type == PropertyType::Currency => FigureFormat::Money,
        _ => FigureFormat::Number,
    };
    // Amounts are stored in cents.
    let scale = if format == FigureFormat::Money {
        0.01
    } else {
        1.0
    };
    let measure_label = match (&resolved.measure, &resolved.measured) {
        (ReportMeasure::Sum, Some(field)) => format!("Sum of {}", field.label),
        (ReportMeasure::Average, Some(field)) => format!("Average {}", field.label),
        _ => format!("Number of {}", object.object.plural_label.to_lowercase()),
    };
    let (group_label, mut points) = match &resolved.grouping {
        Grouping::None => (String::new(), vec![]),
        Grouping::Stage => (
            "Stage".to_string(),
            stage_points(object, &figures.groups, scale),
        ),
        Grouping::Value(field) => (
            field.label.to_string(),
            figures
                .groups
                .iter()
                .map(|(bucket, value)| ChartPoint {
                    label: value_label(object, field, bucket.as_deref(), user_names),
                    value: value * scale,
                })
                .collect(),
        ),
        Grouping::Period { field, unit } => (
            format!("{} by {}", field.label, unit.label().to_lowercase()),
            figures
                .groups
                .iter()
                .map(|(bucket, value)| ChartPoint {
                    label: period_label(bucket.as_deref().unwrap_or_default(), *unit),
                    value: value * scale,
                })
                .collect(),
        ),
    };
    points.iter_mut().for_each(|p| p.value = round(p.value));
    let description = if group_label.is_empty() {
        format!("{} · {measure_label}", object.object.plural_label)
    } else {
        format!(
            "{} · {measure_label} by {}",
            object.object.plural_label,
            group_label.to_lowercase()
        )
    };
    Ok(Report {
        id,
        description,
        measure_label,
        group_label,
        format,
        points,
        total: round(figures.total * scale),
        spec,
        problem: None,
    })
}

/// A report whose object or properties changed since it was saved: shown with the reason,
/// for its owner to edit or remove, rather than failing the whole Summary.
pub fn unavailable_report(id: i64, spec: ReportSpec, problem: String) -> Report {
    Report {
        id,
        description: spec.title.clone(),
        measure_label: String::new(),
        group_label: String::new(),
        format: FigureFormat::Count,
        points: vec![],
        total: 0.0,
        spec,
        problem: Some(problem),
    }
}

fn round(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

/// Stages in pipeline order (the query returns the largest first), named "Stage (Pipeline)"
/// when the object has several pipelines.
fn stage_points(
    object: &ObjectSchema,
    groups: &[(Option<String>, f64)],
    scale: f64,
) -> Vec<ChartPoint> {
    let several = object.pipelines.len() > 1;
    let mut points = Vec::new();
    for pipeline in &object.pipelines {
        for stage in &pipeline.stages {
            let key = stage.id.to_string();
            if let Some((_, value)) = groups.iter().find(|(b, _)| b.as_deref() == Some(&key)) {
                points.push(ChartPoint {
                    label: if several {
                        format!("{} ({})", stage.name, pipeline.name)
                    } else {
                        stage.name.clone()
                    },
                    value: value * scale,
                });
            }
        }
    }
    if let Some((_, value)) = groups.iter().find(|(b, _)| b.is_none()) {
        points.push(ChartPoint {
            label: "No stage".into(),
            value: value * scale,
        });
    }
    points
}

/// A group's label: the option's label, the user's name, Yes/No, or "No value".
fn value_label(
    object: &ObjectSchema,
    field: &Field<'_>,
    bucket: Option<&str>,
    user_names: &HashMap<i64, String>,
) -> String {
    let Some(raw) = bucket else {
        return format!("No {}", field.label.to_lowercase());
    };
    match field.property_type {
        PropertyType::Boolean => match raw {
            "1" | "true" => "Yes".into(),
            _ => "No".into(),
        },
        PropertyType::User => raw
            .parse::<i64>()
            .ok()
            .and_then(|id| user_names.get(&id).cloned())
            .unwrap_or_else(|| "Former user".into()),
        _ => field
            .property
            .and_then(|p| {
                object
                    .options_of(p.id)
                    .iter()
                    .find(|(value, _)| value.eq_ignore_ascii_case(raw))
                    .map(|(_, label)| label.clone())
            })
            .unwrap_or_else(|| raw.to_string()),
    }
}

/// The objects the report form offers, with the properties each part of a report accepts.
pub fn report_objects(schema: &Schema) -> Vec<ReportObject> {
    schema
        .objects
        .iter()
        .map(|object| {
            let field = |name: &str, label: &str| ReportField {
                name: name.to_string(),
                label: label.to_string(),
            };
            let of_types = |types: &[PropertyType]| {
                object
                    .properties
                    .iter()
                    .filter(|p| types.contains(&p.property_type))
                    .map(|p| field(&p.name, &p.label))
                    .collect::<Vec<_>>()
            };
            let mut groupable = Vec::new();
            if !object.pipelines.is_empty() {
                groupable.push(field(STAGE_GROUPING, "Stage"));
            }
            groupable.extend(of_types(&[
                PropertyType::Enumeration,
                PropertyType::User,
                PropertyType::Boolean,
            ]));
            let mut dated = vec![field(CREATED_AT, "Create date")];
            dated.extend(of_types(&[PropertyType::Date, PropertyType::DateTime]));
            ReportObject {
                id: object.object.id,
                label: object.object.plural_label.clone(),
                measurable: of_types(&[PropertyType::Number, PropertyType::Currency]),
                groupable,
                dated,
            }
        })
        .collect()
}
