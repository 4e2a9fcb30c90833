//! Typed condition values: one text value parsed for a property type, and the error shown at
//! the field when it does not parse.

use chrono::NaiveDate;

use crate::models::{
    input::{parse_cents, parse_date, parse_number},
    property::PropertyType,
};

/// A value parsed for a property type.
#[derive(Clone, Debug, PartialEq)]
pub enum Scalar {
    Text(String),
    Number(f64),
    /// Minor units (cents).
    Cents(i64),
    Date(NaiveDate),
    /// An option value of a select property (checked against the options by the server).
    Option(String),
    User(i64),
}

/// A condition's values, parsed and checked.
#[derive(Clone, Debug, PartialEq)]
pub enum Operand {
    None,
    One(Scalar),
    /// Inclusive bounds, low first.
    Range(Scalar, Scalar),
    Days(u32),
    Many(Vec<Scalar>),
}

/// Why a condition's values were refused: which value (0 or 1; `None` for the condition as a
/// whole) and the message to show at it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueError {
    pub index: Option<usize>,
    pub message: String,
}

impl ValueError {
    pub(super) fn at(index: usize, message: impl Into<String>) -> ValueError {
        ValueError {
            index: Some(index),
            message: message.into(),
        }
    }

    pub(super) fn whole(message: impl Into<String>) -> ValueError {
        ValueError {
            index: None,
            message: message.into(),
        }
    }
}

/// Parses one value for `property_type`; `Err` holds the message shown at the field.
pub fn parse_scalar(property_type: PropertyType, raw: &str) -> Result<Scalar, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err("Enter a value".into());
    }
    match property_type {
        PropertyType::Text => Ok(Scalar::Text(raw.to_string())),
        PropertyType::Number => parse_number(raw).map(Scalar::Number),
        PropertyType::Currency => parse_cents(raw).map(Scalar::Cents),
        PropertyType::Date | PropertyType::DateTime => parse_date(raw).map(Scalar::Date),
        PropertyType::Enumeration | PropertyType::MultiEnumeration => {
            Ok(Scalar::Option(raw.to_string()))
        }
        PropertyType::User => raw
            .parse::<i64>()
            .ok()
            .filter(|id| *id > 0)
            .map(Scalar::User)
            .ok_or_else(|| "Choose a user".into()),
        PropertyType::Boolean => Err("This property takes no value here".into()),
    }
}

pub(super) fn ordered(low: &Scalar, high: &Scalar) -> bool {
    match (low, high) {
        (Scalar::Number(a), Scalar::Number(b)) => a <= b,
        (Scalar::Cents(a), Scalar::Cents(b)) => a <= b,
        (Scalar::Date(a), Scalar::Date(b)) => a <= b,
        _ => true,
    }
}
