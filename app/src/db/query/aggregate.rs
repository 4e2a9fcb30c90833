//! Figures over one object's live records — counted, summed or averaged — by a property's
//! value, a pipeline stage or a period of a date: the Summary's reports. One statement per
//! report, grouped in SQL, its total in the same round trip; identifiers come from the schema
//! and every value is bound, as for lists.

use chrono::{NaiveDate, Utc};
use sqlx::Row;

use super::{
    compile::{QueryContext, compile_where},
    field::{Column, Field, SystemColumn, Table},
    sql_builder::SqlBuilder,
};
use crate::{
    db::{Backend, Db, schema_cache::ObjectSchema, sql_value::SqlValue},
    error::AppError,
    models::{
        PropertyType,
        filter::FilterTree,
        report::{MAX_REPORT_GROUPS, ReportMeasure, TimeUnit},
    },
    on_pool,
};

/// What the figures are grouped by.
#[derive(Clone, Debug)]
pub enum Grouping<'s> {
    /// One figure over every record (a Number report).
    None,
    /// A select, user or yes/no property's value; records without one form a group too.
    Value(Field<'s>),
    /// The record's pipeline stage.
    Stage,
    /// The day, week (from Monday) or month of a date; records without a date are left out.
    Period { field: Field<'s>, unit: TimeUnit },
}

/// A report's question, resolved against the schema.
#[derive(Clone, Debug)]
pub struct AggregateSpec<'s> {
    pub measure: ReportMeasure,
    /// The number or currency property of Sum and Average.
    pub measured: Option<Field<'s>>,
    pub grouping: Grouping<'s>,
}

/// The figures: each group's key as text (a period as `YYYY-MM-DD` of its first day) — the
/// largest groups first, or the latest periods oldest first — and the total over all.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Aggregate {
    pub groups: Vec<(Option<String>, f64)>,
    pub total: f64,
}

/// The aggregate expression, as a double on both backends (PostgreSQL's SUM of a BIGINT is a
/// NUMERIC, which would not decode as one).
fn push_measure(sql: &mut SqlBuilder, spec: &AggregateSpec) -> Result<(), AppError> {
    let column = || {
        spec.measured
            .as_ref()
            .map(|f| f.column.clone())
            .ok_or_else(|| AppError::invalid("measure_property", "Choose a property to add up"))
    };
    sql.push("CAST(");
    match spec.measure {
        ReportMeasure::Count => {
            sql.push("COUNT(*)");
        }
        ReportMeasure::Sum => {
            sql.push("SUM(").column(&column()?).push(")");
        }
        ReportMeasure::Average => {
            sql.push("AVG(").column(&column()?).push(")");
        }
    }
    sql.push(" AS DOUBLE PRECISION)");
    Ok(())
}

/// The group key as text. A period is the date of its first day in the viewer's zone:
/// PostgreSQL converts with the zone's rules; SQLite has none, so it shifts by the zone's
/// offset now (a date-time in the hour around a DST change may fall in the neighbouring day).
fn push_bucket(sql: &mut SqlBuilder, backend: Backend, grouping: &Grouping, cx: &QueryContext) {
    match grouping {
        Grouping::None => {
            sql.push("NULL");
        }
        Grouping::Value(field) => {
            sql.push("CAST(").column(&field.column).push(" AS TEXT)");
        }
        Grouping::Stage => {
            sql.push("CAST(")
                .column(&Column::system(SystemColumn::StageId))
                .push(" AS TEXT)");
        }
        Grouping::Period { field, unit } => {
            let timestamp = field.property_type == PropertyType::DateTime;
            match backend {
                Backend::Sqlite => {
                    sql.push("date(").column(&field.column);
                    if timestamp {
                        let now = Utc::now();
                        let offset = (cx.zone.local(now) - now.naive_utc()).num_minutes();
                        sql.push(", ")
                            .bind(SqlValue::from(format!("{offset:+} minutes")));
                    }
                    sql.push(match unit {
                        TimeUnit::Day => ")",
                        TimeUnit::Week => ", 'weekday 0', '-6 days')",
                        TimeUnit::Month => ", 'start of month')",
                    });
                }
                Backend::Postgres => {
                    sql.push(match unit {
                        TimeUnit::Day => "to_char(date_trunc('day', ",
                        TimeUnit::Week => "to_char(date_trunc('week', ",
                        TimeUnit::Month => "to_char(date_trunc('month', ",
                    });
                    if timestamp {
                        sql.column(&field.column)
                            .push(" AT TIME ZONE ")
                            .bind(SqlValue::from(cx.zone.name().to_string()));
                    } else {
                        sql.push("CAST(")
                            .column(&field.column)
                            .push(" AS TIMESTAMP)");
                    }
                    sql.push("), 'YYYY-MM-DD')");
                }
            }
        }
    }
}

/// `archived_at IS NULL`, and a date for a period grouping.
fn where_clause(
    schema: &ObjectSchema,
    spec: &AggregateSpec,
    cx: &QueryContext,
) -> Result<SqlBuilder, AppError> {
    let mut filter = compile_where(schema, &[], &FilterTree::default(), cx)?;
    if let Grouping::Period { field, .. } = &spec.grouping {
        filter
            .push(" AND ")
            .column(&field.column)
            .push(" IS NOT NULL");
    }
    Ok(filter)
}

/// Builds the statement: `(is_total, bucket, value)` rows, the groups then one total row.
pub fn plan_aggregate(
    backend: Backend,
    schema: &ObjectSchema,
    spec: &AggregateSpec,
    cx: &QueryContext,
) -> Result<SqlBuilder, AppError> {
    let table = Table::of(schema);
    let mut sql = SqlBuilder::new();
    if !matches!(spec.grouping, Grouping::None) {
        sql.push("SELECT CAST(0 AS BIGINT) AS is_total, bucket, value FROM (SELECT ");
        push_bucket(&mut sql, backend, &spec.grouping, cx);
        sql.push(" AS bucket, ");
        push_measure(&mut sql, spec)?;
        sql.push(" AS value FROM ").table(&table).push(" WHERE ");
        sql.append(where_clause(schema, spec, cx)?);
        sql.push(" GROUP BY 1 ORDER BY ");
        sql.push(match spec.grouping {
            Grouping::Period { .. } => "bucket DESC",
            // Ties in a stable order on both backends (they sort NULL differently).
            _ => "value DESC NULLS LAST, bucket NULLS LAST",
        });
        sql.push(" LIMIT ")
            .bind(SqlValue::from(MAX_REPORT_GROUPS as i64))
            .push(") grouped UNION ALL ");
    }
    sql.push("SELECT CAST(1 AS BIGINT) AS is_total, NULL AS bucket, ");
    push_measure(&mut sql, spec)?;
    sql.push(" AS value FROM ").table(&table).push(" WHERE ");
    sql.append(where_clause(schema, spec, cx)?);
    Ok(sql)
}

/// Runs [`plan_aggregate`].
pub async fn aggregate(
    db: &Db,
    schema: &ObjectSchema,
    spec: &AggregateSpec<'_>,
    cx: &QueryContext,
) -> Result<Aggregate, AppError> {
    let sql = plan_aggregate(db.backend(), schema, spec, cx)?;
    let rows: Vec<(i64, Option<String>, Option<f64>)> = on_pool!(db, pool => {
        let rows = crate::db::sql_value::bind_values(sqlx::query(sql.sql()), sql.params())
            .fetch_all(pool)
            .await?;
        rows.iter()
            .map(|row| Ok((row.try_get(0)?, row.try_get(1)?, row.try_get(2)?)))
            .collect::<Result<Vec<_>, sqlx::Error>>()
    })?;
    let mut result = Aggregate::default();
    for (is_total, bucket, value) in rows {
        if is_total == 1 {
            result.total = value.unwrap_or(0.0);
        } else {
            result.groups.push((bucket, value.unwrap_or(0.0)));
        }
    }
    if matches!(spec.grouping, Grouping::Period { .. }) {
        // Read newest first so the limit keeps the latest periods; shown oldest first.
        result.groups.reverse();
    }
    Ok(result)
}

/// A period's label: "Dec 6", "Week of Nov 30", "Dec 2026".
pub fn period_label(bucket: &str, unit: TimeUnit) -> String {
    let Ok(day) = NaiveDate::parse_from_str(bucket, "%Y-%m-%d") else {
        return bucket.to_string();
    };
    match unit {
        TimeUnit::Day => day.format("%b %-d, %Y").to_string(),
        TimeUnit::Week => format!("Week of {}", day.format("%b %-d, %Y")),
        TimeUnit::Month => day.format("%b %Y").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_read_as_dates() {
        assert_eq!(
            period_label("2026-11-30", TimeUnit::Week),
            "Week of Nov 30, 2026"
        );
        assert_eq!(period_label("2026-12-01", TimeUnit::Month), "Dec 2026");
        assert_eq!(period_label("2026-12-06", TimeUnit::Day), "Dec 6, 2026");
        assert_eq!(period_label("garbage", TimeUnit::Day), "garbage");
    }
}
