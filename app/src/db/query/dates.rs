//! Date conditions: the inclusive days a condition accepts, and the SQL comparing a date
//! column with those days or a timestamp column with the UTC instants that bound them.

use chrono::{Days, NaiveDate};

use super::{field::Column, sql_builder::SqlBuilder};
use crate::{
    db::sql_value::SqlValue,
    error::AppError,
    models::{
        PropertyType,
        filter::{Operand, Operator, Scalar},
        time_zone::ViewerZone,
    },
};

/// Inclusive first and last day a date condition accepts (`None`: unbounded).
pub(super) fn day_bounds(
    operator: Operator,
    operand: Operand,
    today: NaiveDate,
) -> Result<(Option<NaiveDate>, Option<NaiveDate>), AppError> {
    let day = |scalar: Scalar| match scalar {
        Scalar::Date(day) => Ok(day),
        _ => Err(AppError::invalid("filters", "Enter a date")),
    };
    let shift = |day: NaiveDate, days: i64| {
        if days >= 0 {
            day.checked_add_days(Days::new(days as u64))
        } else {
            day.checked_sub_days(Days::new(days.unsigned_abs()))
        }
        .ok_or_else(|| AppError::invalid("filters", "That date is out of range"))
    };
    Ok(match (operator, operand) {
        (Operator::On, Operand::One(d)) => {
            let d = day(d)?;
            (Some(d), Some(d))
        }
        (Operator::Before, Operand::One(d)) => (None, Some(shift(day(d)?, -1)?)),
        (Operator::After, Operand::One(d)) => (Some(shift(day(d)?, 1)?), None),
        (Operator::Between, Operand::Range(a, b)) => (Some(day(a)?), Some(day(b)?)),
        (Operator::InLastDays, Operand::Days(n)) => {
            (Some(shift(today, -i64::from(n))?), Some(today))
        }
        (Operator::InNextDays, Operand::Days(n)) => {
            (Some(today), Some(shift(today, i64::from(n))?))
        }
        _ => return Err(AppError::invalid("filters", "Enter a date")),
    })
}

/// A date column compares days; a timestamp column compares the UTC instants bounding them
/// in the viewer's `zone` (a day there may be 23 or 25 hours long).
pub(super) fn date_range(
    sql: &mut SqlBuilder,
    column: &Column,
    property_type: PropertyType,
    (from, to): (Option<NaiveDate>, Option<NaiveDate>),
    zone: ViewerZone,
) {
    let timestamp = property_type == PropertyType::DateTime;
    if let Some(from) = from {
        sql.column(column).push(" >= ").bind(if timestamp {
            SqlValue::from(zone.start_of(from))
        } else {
            SqlValue::Date(Some(from))
        });
    }
    if let Some(to) = to {
        if from.is_some() {
            sql.push(" AND ");
        }
        if timestamp {
            let next = to.succ_opt().unwrap_or(to);
            sql.column(column)
                .push(" < ")
                .bind(SqlValue::from(zone.start_of(next)));
        } else {
            sql.column(column)
                .push(" <= ")
                .bind(SqlValue::Date(Some(to)));
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Utc};

    use super::*;
    use crate::db::query::field::SystemColumn;

    #[test]
    fn a_day_of_timestamps_is_the_viewers_day() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let at = |raw: &str| {
            SqlValue::from(
                DateTime::parse_from_rfc3339(raw)
                    .unwrap()
                    .with_timezone(&Utc),
            )
        };
        let bounds = |zone: &str| {
            let mut sql = SqlBuilder::new();
            date_range(
                &mut sql,
                &Column::system(SystemColumn::CreatedAt),
                PropertyType::DateTime,
                (Some(day), Some(day)),
                ViewerZone::parse(zone).unwrap(),
            );
            sql.params().to_vec()
        };
        assert_eq!(
            bounds("Europe/Warsaw"),
            [at("2026-11-23T23:00:00Z"), at("2026-11-24T23:00:00Z")]
        );
        assert_eq!(
            bounds("UTC"),
            [at("2026-11-24T00:00:00Z"), at("2026-11-25T00:00:00Z")]
        );
    }
}
