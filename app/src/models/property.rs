//! Property types and values as the client and the server both see them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The type of a property; decides how its values are stored, filtered, sorted and shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PropertyType {
    Text,
    Number,
    /// An amount in minor units (cents), so sums are exact.
    Currency,
    Date,
    DateTime,
    /// One value out of the property's options.
    Enumeration,
    /// Several values out of the property's options.
    MultiEnumeration,
    Boolean,
    /// A user of the workspace, such as the owner or the CSM of a record.
    User,
}

impl PropertyType {
    pub const ALL: [PropertyType; 9] = [
        PropertyType::Text,
        PropertyType::Number,
        PropertyType::Currency,
        PropertyType::Date,
        PropertyType::DateTime,
        PropertyType::Enumeration,
        PropertyType::MultiEnumeration,
        PropertyType::Boolean,
        PropertyType::User,
    ];

    /// The name stored in `property_definitions.property_type`.
    pub fn as_str(self) -> &'static str {
        match self {
            PropertyType::Text => "text",
            PropertyType::Number => "number",
            PropertyType::Currency => "currency",
            PropertyType::Date => "date",
            PropertyType::DateTime => "datetime",
            PropertyType::Enumeration => "enumeration",
            PropertyType::MultiEnumeration => "multi_enumeration",
            PropertyType::Boolean => "boolean",
            PropertyType::User => "user",
        }
    }

    pub fn parse(name: &str) -> Option<PropertyType> {
        PropertyType::ALL.into_iter().find(|t| t.as_str() == name)
    }

    /// Text-like values sort case-insensitively.
    pub fn sorts_as_text(self) -> bool {
        matches!(
            self,
            PropertyType::Text | PropertyType::Enumeration | PropertyType::MultiEnumeration
        )
    }
}

/// A property value. A missing value is `None` wherever values appear.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum PropertyValue {
    Text(String),
    Number(f64),
    Currency(i64),
    Date(NaiveDate),
    DateTime(DateTime<Utc>),
    Enumeration(String),
    MultiEnumeration(Vec<String>),
    Boolean(bool),
    User(i64),
}

impl PropertyValue {
    pub fn property_type(&self) -> PropertyType {
        match self {
            PropertyValue::Text(_) => PropertyType::Text,
            PropertyValue::Number(_) => PropertyType::Number,
            PropertyValue::Currency(_) => PropertyType::Currency,
            PropertyValue::Date(_) => PropertyType::Date,
            PropertyValue::DateTime(_) => PropertyType::DateTime,
            PropertyValue::Enumeration(_) => PropertyType::Enumeration,
            PropertyValue::MultiEnumeration(_) => PropertyType::MultiEnumeration,
            PropertyValue::Boolean(_) => PropertyType::Boolean,
            PropertyValue::User(_) => PropertyType::User,
        }
    }

    /// The canonical text form, as kept in property history and CSV exports.
    pub fn to_canonical(&self) -> String {
        match self {
            PropertyValue::Text(s) | PropertyValue::Enumeration(s) => s.clone(),
            PropertyValue::Number(n) => n.to_string(),
            PropertyValue::Currency(cents) => format_cents(*cents),
            PropertyValue::Date(d) => d.format("%Y-%m-%d").to_string(),
            PropertyValue::DateTime(t) => t.to_rfc3339(),
            PropertyValue::MultiEnumeration(values) => values.join(";"),
            PropertyValue::Boolean(b) => b.to_string(),
            PropertyValue::User(id) => id.to_string(),
        }
    }
}

/// `123456` cents → `"1234.56"`, `-5` → `"-0.05"`.
pub fn format_cents(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// `123456` cents → `"$1,234.56"` for tables and cards; whole amounts drop the cents
/// (`"$1,234"`).
pub fn format_money(cents: i64) -> String {
    let plain = format_cents(cents);
    let (sign, digits) = plain
        .strip_prefix('-')
        .map_or(("", plain.as_str()), |d| ("-", d));
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "00"));
    let mut grouped = String::new();
    for (i, ch) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    if fraction == "00" {
        format!("{sign}${grouped}")
    } else {
        format!("{sign}${grouped}.{fraction}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn property_type_names_round_trip() {
        for t in PropertyType::ALL {
            assert_eq!(PropertyType::parse(t.as_str()), Some(t));
        }
        assert_eq!(PropertyType::parse("float"), None);
    }

    #[test]
    fn cents_are_formatted_exactly() {
        assert_eq!(format_cents(123_456), "1234.56");
        assert_eq!(format_cents(-5), "-0.05");
        assert_eq!(format_cents(0), "0.00");
        assert_eq!(format_money(123_456_789), "$1,234,567.89");
        assert_eq!(format_money(-100), "-$1");
        assert_eq!(format_money(31_635_700), "$316,357");
        assert_eq!(format_money(99), "$0.99");
    }

    #[test]
    fn canonical_forms_are_stable() {
        let multi = PropertyValue::MultiEnumeration(vec!["a".into(), "b".into()]);
        assert_eq!(multi.to_canonical(), "a;b");
        let date = PropertyValue::Date(NaiveDate::from_ymd_opt(2026, 1, 9).unwrap());
        assert_eq!(date.to_canonical(), "2026-01-09");
        assert_eq!(PropertyValue::Currency(1050).to_canonical(), "10.50");
    }
}
