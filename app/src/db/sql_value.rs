//! Typed SQL parameters and property cells, generic over the two backends.
//!
//! A NULL is bound with its type ([`SqlValue::Text(None)`] and so on) because PostgreSQL refuses
//! an untyped NULL in a typed column.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{
    ColumnIndex, Database, Decode, Encode, Row, Type,
    query::{Query, QueryAs, QueryScalar},
};

use crate::models::{PropertyType, PropertyValue};

/// A bindable SQL value.
#[derive(Clone, Debug, PartialEq)]
pub enum SqlValue {
    Text(Option<String>),
    Int(Option<i64>),
    Real(Option<f64>),
    Bool(Option<bool>),
    Date(Option<NaiveDate>),
    Timestamp(Option<DateTime<Utc>>),
}

impl SqlValue {
    /// The column value for a property value (or a typed NULL).
    pub fn for_property(property_type: PropertyType, value: Option<&PropertyValue>) -> SqlValue {
        match (property_type, value) {
            (_, Some(PropertyValue::Text(s) | PropertyValue::Enumeration(s))) => {
                SqlValue::Text(Some(s.clone()))
            }
            (_, Some(PropertyValue::MultiEnumeration(values))) => {
                SqlValue::Text(Some(values.join(";")))
            }
            (_, Some(PropertyValue::Number(n))) => SqlValue::Real(Some(*n)),
            (_, Some(PropertyValue::Currency(c) | PropertyValue::User(c))) => {
                SqlValue::Int(Some(*c))
            }
            (_, Some(PropertyValue::Date(d))) => SqlValue::Date(Some(*d)),
            (_, Some(PropertyValue::DateTime(t))) => SqlValue::Timestamp(Some(*t)),
            (_, Some(PropertyValue::Boolean(b))) => SqlValue::Bool(Some(*b)),
            (
                PropertyType::Text | PropertyType::Enumeration | PropertyType::MultiEnumeration,
                None,
            ) => SqlValue::Text(None),
            (PropertyType::Number, None) => SqlValue::Real(None),
            (PropertyType::Currency | PropertyType::User, None) => SqlValue::Int(None),
            (PropertyType::Date, None) => SqlValue::Date(None),
            (PropertyType::DateTime, None) => SqlValue::Timestamp(None),
            (PropertyType::Boolean, None) => SqlValue::Bool(None),
        }
    }
}

impl From<&str> for SqlValue {
    fn from(value: &str) -> Self {
        SqlValue::Text(Some(value.to_string()))
    }
}

impl From<String> for SqlValue {
    fn from(value: String) -> Self {
        SqlValue::Text(Some(value))
    }
}

impl From<i64> for SqlValue {
    fn from(value: i64) -> Self {
        SqlValue::Int(Some(value))
    }
}

impl From<Option<i64>> for SqlValue {
    fn from(value: Option<i64>) -> Self {
        SqlValue::Int(value)
    }
}

impl From<bool> for SqlValue {
    fn from(value: bool) -> Self {
        SqlValue::Bool(Some(value))
    }
}

impl From<DateTime<Utc>> for SqlValue {
    fn from(value: DateTime<Utc>) -> Self {
        SqlValue::Timestamp(Some(value))
    }
}

impl From<Option<DateTime<Utc>>> for SqlValue {
    fn from(value: Option<DateTime<Utc>>) -> Self {
        SqlValue::Timestamp(value)
    }
}

impl From<Option<String>> for SqlValue {
    fn from(value: Option<String>) -> Self {
        SqlValue::Text(value)
    }
}

/// A query that takes bound parameters: `query`, `query_as` and `query_scalar` alike.
pub trait Bind<'q, DB: Database>: Sized {
    fn bind_value<T: 'q + Encode<'q, DB> + Type<DB>>(self, value: T) -> Self;
}

impl<'q, DB: Database> Bind<'q, DB> for Query<'q, DB, <DB as Database>::Arguments<'q>> {
    fn bind_value<T: 'q + Encode<'q, DB> + Type<DB>>(self, value: T) -> Self {
        self.bind(value)
    }
}

impl<'q, DB: Database, O> Bind<'q, DB> for QueryAs<'q, DB, O, <DB as Database>::Arguments<'q>> {
    fn bind_value<T: 'q + Encode<'q, DB> + Type<DB>>(self, value: T) -> Self {
        self.bind(value)
    }
}

impl<'q, DB: Database, O> Bind<'q, DB> for QueryScalar<'q, DB, O, <DB as Database>::Arguments<'q>> {
    fn bind_value<T: 'q + Encode<'q, DB> + Type<DB>>(self, value: T) -> Self {
        self.bind(value)
    }
}

/// Binds `values` in order to `query`.
pub fn bind_values<'q, DB, Q>(mut query: Q, values: &[SqlValue]) -> Q
where
    DB: Database,
    Q: Bind<'q, DB>,
    Option<String>: Encode<'q, DB> + Type<DB>,
    Option<i64>: Encode<'q, DB> + Type<DB>,
    Option<f64>: Encode<'q, DB> + Type<DB>,
    Option<bool>: Encode<'q, DB> + Type<DB>,
    Option<NaiveDate>: Encode<'q, DB> + Type<DB>,
    Option<DateTime<Utc>>: Encode<'q, DB> + Type<DB>,
{
    for value in values {
        query = match value.clone() {
            SqlValue::Text(v) => query.bind_value(v),
            SqlValue::Int(v) => query.bind_value(v),
            SqlValue::Real(v) => query.bind_value(v),
            SqlValue::Bool(v) => query.bind_value(v),
            SqlValue::Date(v) => query.bind_value(v),
            SqlValue::Timestamp(v) => query.bind_value(v),
        };
    }
    query
}

/// Reads the property column at `index` of `row` as a value of `property_type`.
pub fn decode_cell<'r, R>(
    row: &'r R,
    index: usize,
    property_type: PropertyType,
) -> Result<Option<PropertyValue>, sqlx::Error>
where
    R: Row,
    usize: ColumnIndex<R>,
    String: Decode<'r, R::Database> + Type<R::Database>,
    i64: Decode<'r, R::Database> + Type<R::Database>,
    f64: Decode<'r, R::Database> + Type<R::Database>,
    bool: Decode<'r, R::Database> + Type<R::Database>,
    NaiveDate: Decode<'r, R::Database> + Type<R::Database>,
    DateTime<Utc>: Decode<'r, R::Database> + Type<R::Database>,
{
    Ok(match property_type {
        PropertyType::Text => row
            .try_get::<Option<String>, _>(index)?
            .map(PropertyValue::Text),
        PropertyType::Enumeration => row
            .try_get::<Option<String>, _>(index)?
            .map(PropertyValue::Enumeration),
        PropertyType::MultiEnumeration => row
            .try_get::<Option<String>, _>(index)?
            .map(|joined| PropertyValue::MultiEnumeration(split_multi(&joined))),
        PropertyType::Number => row
            .try_get::<Option<f64>, _>(index)?
            .map(PropertyValue::Number),
        PropertyType::Currency => row
            .try_get::<Option<i64>, _>(index)?
            .map(PropertyValue::Currency),
        PropertyType::User => row
            .try_get::<Option<i64>, _>(index)?
            .map(PropertyValue::User),
        PropertyType::Date => row
            .try_get::<Option<NaiveDate>, _>(index)?
            .map(PropertyValue::Date),
        PropertyType::DateTime => row
            .try_get::<Option<DateTime<Utc>>, _>(index)?
            .map(PropertyValue::DateTime),
        PropertyType::Boolean => row
            .try_get::<Option<bool>, _>(index)?
            .map(PropertyValue::Boolean),
    })
}

/// Multi-select values are stored `;`-separated, as HubSpot exports them.
pub(crate) fn split_multi(joined: &str) -> Vec<String> {
    joined
        .split(';')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// `$first, $first+1, …` placeholders for `count` parameters.
pub fn placeholders(first: usize, count: usize) -> String {
    (first..first + count)
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nulls_keep_their_type() {
        assert_eq!(
            SqlValue::for_property(PropertyType::Currency, None),
            SqlValue::Int(None)
        );
        assert_eq!(
            SqlValue::for_property(PropertyType::Date, None),
            SqlValue::Date(None)
        );
        assert_eq!(
            SqlValue::for_property(PropertyType::MultiEnumeration, None),
            SqlValue::Text(None)
        );
    }

    #[test]
    fn multi_values_are_joined_and_split() {
        let value = PropertyValue::MultiEnumeration(vec!["a".into(), "b".into()]);
        assert_eq!(
            SqlValue::for_property(PropertyType::MultiEnumeration, Some(&value)),
            SqlValue::Text(Some("a;b".into()))
        );
        assert_eq!(split_multi("a;b;"), vec!["a".to_string(), "b".to_string()]);
    }

    #[test]
    fn placeholders_are_numbered() {
        assert_eq!(placeholders(3, 3), "$3, $4, $5");
        assert_eq!(placeholders(1, 0), "");
    }
}
