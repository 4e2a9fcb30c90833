//! Figures over one object's live records — counted, summed or averaged — by a property's
//! value, a pipeline stage or a period of a date: the Summary's reports. One statement per
//! report, grouped in SQL by the raw column (so that a report index, see
//! [`crate::db::report_indexes`], yields the groups in order), its total in the same round trip;
//! periods are planned in [`super::period_figures`]. Identifiers come from the schema and every
//! value is bound, as for lists.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::Row;

use super::{
    compile::{QueryContext, compile_where},
    field::{Column, Field, SystemColumn, Table},
    period_figures::PeriodPlan,
    sql_builder::SqlBuilder,
};
use crate::{
    db::{Db, report_cache::question_of, schema_cache::ObjectSchema},
    error::AppError,
    models::{
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
    /// `Some`: figures read then, shown while newer ones are computed (see
    /// [`crate::db::report_cache`]); `None`: current.
    pub as_of: Option<DateTime<Utc>>,
}

/// The sums behind every measure, as doubles on both backends (PostgreSQL's SUM of a BIGINT is
/// a NUMERIC, which would not decode as one): records, and the measured property's sum and
/// count of values. Per group, so the total over all groups needs no second scan.
pub(super) fn push_sums(
    sql: &mut SqlBuilder,
    measure: ReportMeasure,
    measured: Option<&Field>,
) -> Result<(), AppError> {
    sql.push("CAST(COUNT(*) AS DOUBLE PRECISION) AS records, ");
    match (measure, measured) {
        (ReportMeasure::Count, _) => {
            sql.push(
                "CAST(NULL AS DOUBLE PRECISION) AS sum, CAST(NULL AS DOUBLE PRECISION) AS counted",
            );
        }
        (ReportMeasure::Sum | ReportMeasure::Average, Some(field)) => {
            sql.push("CAST(SUM(")
                .column(&field.column)
                .push(") AS DOUBLE PRECISION) AS sum, CAST(COUNT(")
                .column(&field.column)
                .push(") AS DOUBLE PRECISION) AS counted");
        }
        (ReportMeasure::Sum | ReportMeasure::Average, None) => {
            return Err(AppError::invalid(
                "measure_property",
                "Choose a property to add up",
            ));
        }
    }
    Ok(())
}

/// The column a value or stage grouping groups by: the raw column, so that an index on it
/// (see [`crate::db::report_indexes`]) yields the groups in order, with no sort.
fn group_column<'g>(grouping: &'g Grouping) -> Option<std::borrow::Cow<'g, Column>> {
    match grouping {
        Grouping::Value(field) => Some(std::borrow::Cow::Borrowed(&field.column)),
        Grouping::Stage => Some(std::borrow::Cow::Owned(Column::system(
            SystemColumn::StageId,
        ))),
        Grouping::None | Grouping::Period { .. } => None,
    }
}

/// The live records: `archived_at IS NULL`.
pub(super) fn where_clause(
    schema: &ObjectSchema,
    cx: &QueryContext,
) -> Result<SqlBuilder, AppError> {
    compile_where(schema, &[], &FilterTree::default(), cx)
}

/// Builds the statement of a report grouped by a value or stage — one `(bucket, records, sum,
/// counted)` row per group, ordered and cut in [`shape`] — or of a Number report (one row). A
/// period grouping is planned by [`PeriodPlan`].
pub fn plan_aggregate(
    schema: &ObjectSchema,
    spec: &AggregateSpec,
    cx: &QueryContext,
) -> Result<SqlBuilder, AppError> {
    let mut sql = SqlBuilder::new();
    sql.push("SELECT ");
    let group = group_column(&spec.grouping);
    match &group {
        Some(column) => {
            sql.push("CAST(").column(column).push(" AS TEXT)");
        }
        None => {
            sql.push("NULL");
        }
    }
    sql.push(" AS bucket, ");
    push_sums(&mut sql, spec.measure, spec.measured.as_ref())?;
    sql.push(" FROM ").table(&Table::of(schema)).push(" WHERE ");
    sql.append(where_clause(schema, cx)?);
    if let Some(column) = &group {
        sql.push(" GROUP BY ").column(column);
    }
    Ok(sql)
}

/// One group's sums as read.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Sums {
    pub(super) records: f64,
    pub(super) sum: f64,
    pub(super) counted: f64,
}

impl Sums {
    fn add(self, other: Sums) -> Sums {
        Sums {
            records: self.records + other.records,
            sum: self.sum + other.sum,
            counted: self.counted + other.counted,
        }
    }

    /// The measure's figure; `None` for an average of no values.
    fn figure(self, measure: ReportMeasure) -> Option<f64> {
        match measure {
            ReportMeasure::Count => Some(self.records),
            ReportMeasure::Sum => Some(self.sum),
            ReportMeasure::Average => (self.counted > 0.0).then(|| self.sum / self.counted),
        }
    }
}

/// Orders the groups — the largest figures first (ties by key, no key last), or periods
/// newest first — keeps [`MAX_REPORT_GROUPS`] and returns them with the figure of `total`.
pub(super) fn shape(
    order: GroupOrder,
    measure: ReportMeasure,
    rows: Vec<(Option<String>, Sums)>,
    total: Sums,
) -> Aggregate {
    let total = total.figure(measure).unwrap_or(0.0);
    let mut groups: Vec<(Option<String>, Option<f64>)> = rows
        .into_iter()
        .map(|(bucket, sums)| (bucket, sums.figure(measure)))
        .collect();
    if order == GroupOrder::NoGroups {
        return Aggregate {
            total,
            ..Aggregate::default()
        };
    }
    let period = order == GroupOrder::Periods;
    groups.sort_by(|(a_key, a), (b_key, b)| {
        if period {
            return b_key.cmp(a_key);
        }
        // Larger first, no figure last; then by key, no key last.
        b.partial_cmp(a)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| match (a_key, b_key) {
                (Some(a), Some(b)) => a.cmp(b),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            })
    });
    groups.truncate(MAX_REPORT_GROUPS);
    if period {
        // Newest kept; shown oldest first.
        groups.reverse();
    }
    Aggregate {
        groups: groups
            .into_iter()
            .map(|(bucket, figure)| (bucket, figure.unwrap_or(0.0)))
            .collect(),
        total,
        as_of: None,
    }
}

/// How [`shape`] orders a grouping's rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum GroupOrder {
    NoGroups,
    Periods,
    LargestFirst,
}

impl GroupOrder {
    fn of(grouping: &Grouping) -> GroupOrder {
        match grouping {
            Grouping::None => GroupOrder::NoGroups,
            Grouping::Period { .. } => GroupOrder::Periods,
            Grouping::Value(_) | Grouping::Stage => GroupOrder::LargestFirst,
        }
    }
}

/// A report's figures: kept, or computed (see [`crate::db::report_cache`]).
pub async fn aggregate(
    db: &Db,
    schema: &ObjectSchema,
    spec: &AggregateSpec<'_>,
    cx: &QueryContext,
) -> Result<Aggregate, AppError> {
    let measure = spec.measure;
    let object = schema.object.id;
    if let Grouping::Period { field, unit } = &spec.grouping {
        let plan = PeriodPlan::new(schema, spec.measured.as_ref(), measure, field, *unit, cx)?;
        return db
            .report_cache()
            .figures(db, object, plan.question(), move |db| async move {
                plan.figures(&db, measure).await
            })
            .await;
    }
    let sql = plan_aggregate(schema, spec, cx)?;
    let order = GroupOrder::of(&spec.grouping);
    db.report_cache()
        .figures(db, object, question_of(&sql), move |db| async move {
            let rows = read_sums(&db, &sql).await?;
            let total = rows
                .iter()
                .fold(Sums::default(), |all, (_, sums)| all.add(*sums));
            Ok(shape(order, measure, rows, total))
        })
        .await
}

/// The `(key, records, sum, counted)` rows of a statement: a group's key (a bucket, a period's
/// number) and its sums.
pub(super) async fn read_sums<K>(db: &Db, sql: &SqlBuilder) -> Result<Vec<(K, Sums)>, AppError>
where
    K: for<'r> sqlx::Decode<'r, sqlx::Sqlite>
        + sqlx::Type<sqlx::Sqlite>
        + for<'r> sqlx::Decode<'r, sqlx::Postgres>
        + sqlx::Type<sqlx::Postgres>,
{
    Ok(on_pool!(db, pool => {
        let rows = crate::db::sql_value::bind_values(sqlx::query(sql.sql()), sql.params())
            .fetch_all(pool)
            .await?;
        rows.iter()
            .map(|row| {
                let figure = |i: usize| row.try_get::<Option<f64>, _>(i).map(Option::unwrap_or_default);
                Ok((row.try_get(0)?, Sums { records: figure(1)?, sum: figure(2)?, counted: figure(3)? }))
            })
            .collect::<Result<Vec<_>, sqlx::Error>>()
    })?)
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
