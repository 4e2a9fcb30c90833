//! A Summary report's figures: its question resolved against the schema, aggregated in SQL
//! ([`super::query::aggregate`]) and labelled for people — option labels, user names, stage
//! order, periods, amounts in currency units — and the choices the report form offers.

use std::collections::HashMap;

use super::{
    query::{
        QueryContext,
        aggregate::{Grouping, aggregate, period_label},
        field::Field,
    },
    reports::resolve_spec,
    schema_cache::{ObjectSchema, Schema},
};
use crate::{
    error::AppError,
    models::{
        PropertyType,
        report::{
            ChartPoint, FigureFormat, Report, ReportField, ReportMeasure, ReportObject, ReportSpec,
            STAGE_GROUPING,
        },
        view::CREATED_AT,
    },
};

/// A report with its figures, labelled for people.
pub async fn report_figures(
    db: &super::Db,
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
        as_of: figures.as_of.map(|at| {
            format!(
                "Figures as of {}: newer ones are being computed",
                cx.zone.format_with(at, "%-I:%M:%S %p")
            )
        }),
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
        as_of: None,
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
