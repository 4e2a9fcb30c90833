//! Property types and values as the client and the server both see them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{date_text::short_date, time_zone::ViewerZone};

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

/// A property value. A missing value is `None` wherever values appear. Externally tagged
/// (`{"date":"2026-02-28"}`): it travels in postcard, which cannot read a tag beside its content.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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
            // `Display` is `%Y-%m-%d`, without chrono's pattern interpreter.
            PropertyValue::Date(d) => d.to_string(),
            PropertyValue::DateTime(t) => t.to_rfc3339(),
            PropertyValue::MultiEnumeration(values) => values.join(";"),
            PropertyValue::Boolean(b) => b.to_string(),
            PropertyValue::User(id) => id.to_string(),
        }
    }
}

impl PropertyValue {
    /// Parses what a person typed into a property's editor; blank clears the value. Select
    /// values are option values (checked against the options by the server), several joined
    /// by `;`; users are ids; date-times are `YYYY-MM-DDTHH:MM` in the viewer's `zone` (or
    /// RFC 3339 with an offset).
    pub fn parse_input(
        property_type: PropertyType,
        raw: &str,
        zone: ViewerZone,
    ) -> Result<Option<PropertyValue>, String> {
        use super::input::{parse_cents, parse_date, parse_number};
        let raw = raw.trim();
        if raw.is_empty() {
            return Ok(None);
        }
        Ok(Some(match property_type {
            PropertyType::Text => PropertyValue::Text(raw.to_string()),
            PropertyType::Number => PropertyValue::Number(parse_number(raw)?),
            PropertyType::Currency => PropertyValue::Currency(parse_cents(raw)?),
            PropertyType::Date => PropertyValue::Date(parse_date(raw)?),
            PropertyType::DateTime => {
                PropertyValue::DateTime(match DateTime::parse_from_rfc3339(raw) {
                    Ok(at) => at.to_utc(),
                    Err(_) => zone.parse_input(raw)?,
                })
            }
            PropertyType::Enumeration => PropertyValue::Enumeration(raw.to_string()),
            PropertyType::MultiEnumeration => PropertyValue::MultiEnumeration(
                raw.split(';')
                    .map(str::trim)
                    .filter(|v| !v.is_empty())
                    .map(str::to_string)
                    .collect(),
            ),
            PropertyType::Boolean => match raw {
                "true" | "yes" => PropertyValue::Boolean(true),
                "false" | "no" => PropertyValue::Boolean(false),
                _ => return Err("Choose Yes or No".into()),
            },
            PropertyType::User => PropertyValue::User(
                raw.parse::<i64>()
                    .ok()
                    .filter(|id| *id > 0)
                    .ok_or_else(|| "Choose a user".to_string())?,
            ),
        }))
    }

    /// The value an editor starts from: the inverse of [`PropertyValue::parse_input`].
    pub fn to_input(&self, zone: ViewerZone) -> String {
        match self {
            PropertyValue::Currency(cents) => format_cents(*cents),
            PropertyValue::DateTime(t) => zone.to_input(*t),
            other => other.to_canonical(),
        }
    }

    /// Reads a canonical text form (property history) back for `property_type`.
    pub fn from_canonical(property_type: PropertyType, text: &str) -> Option<PropertyValue> {
        match property_type {
            PropertyType::DateTime => DateTime::parse_from_rfc3339(text)
                .ok()
                .map(|t| PropertyValue::DateTime(t.to_utc())),
            // Only date-times depend on a zone, and they are read above.
            other => PropertyValue::parse_input(other, text, ViewerZone::UTC)
                .ok()
                .flatten(),
        }
    }

    /// How the value reads in tables, cards and the sidebar; a moment in the viewer's `zone`.
    pub fn display<'a>(
        &self,
        options: &[(String, String)],
        user_name: impl Fn(i64) -> Option<&'a str>,
        zone: super::time_zone::ViewerZone,
    ) -> String {
        let option_label = |value: &str| {
            options
                .iter()
                .find(|(v, _)| v == value)
                .map_or(value.to_string(), |(_, label)| label.clone())
        };
        match self {
            PropertyValue::Text(s) => s.clone(),
            PropertyValue::Enumeration(v) => option_label(v),
            PropertyValue::MultiEnumeration(values) => values
                .iter()
                .map(|v| option_label(v))
                .collect::<Vec<_>>()
                .join(", "),
            PropertyValue::Number(n) => written_number(*n),
            PropertyValue::Currency(cents) => format_money(*cents),
            PropertyValue::Date(d) => short_date(*d),
            PropertyValue::DateTime(t) => zone.format(*t),
            PropertyValue::Boolean(true) => "Yes".into(),
            PropertyValue::Boolean(false) => "No".into(),
            PropertyValue::User(id) => user_name(*id).unwrap_or("Unknown user").to_string(),
        }
    }
}

/// A number as lists show it: whole numbers as they are, others to two decimals (`1250.0` →
/// `"1250"`, `2.5` → `"2.50"`; a half cent rounds away from zero). Integer arithmetic rather
/// than `{:.2}`: the browser's first page then carries no float-to-decimal code and tables.
pub fn written_number(n: f64) -> String {
    if n.fract() == 0.0 {
        // Exact: every whole f64 below 2^127 is an i128.
        (n as i128).to_string()
    } else {
        // Not whole, so below 2^52 in size: its cents fit an i64.
        format_cents((n * 100.0).round() as i64)
    }
}

/// `x` to one decimal, as `{:.1}` writes it (`72.45` → `"72.5"`, `3.0` → `"3.0"`; a half
/// tenth rounds away from zero): chart coordinates and averages, with integer arithmetic like
/// [`written_number`], so a page's code carries no float-to-decimal code.
pub fn one_decimal(x: f64) -> String {
    fixed_point((x * 10.0).round() as i64, 1)
}

/// `123456` cents → `"1234.56"`, `-5` → `"-0.05"`.
pub fn format_cents(cents: i64) -> String {
    fixed_point(cents, 2)
}

/// `scaled` in units of 10^-`places`, written with that many decimals (`(-5, 2)` → `"-0.05"`).
fn fixed_point(scaled: i64, places: u32) -> String {
    let sign = if scaled < 0 { "-" } else { "" };
    let abs = scaled.unsigned_abs();
    let unit = 10u64.pow(places);
    let width = places as usize;
    format!("{sign}{}.{:0width$}", abs / unit, abs % unit)
}

/// `"1234567"` → `"1,234,567"`.
pub fn group_thousands(digits: &str) -> String {
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    grouped
}

/// `123456` cents → `"$1,234.56"` for tables and cards; whole amounts drop the cents
/// (`"$1,234"`).
pub fn format_money(cents: i64) -> String {
    let plain = format_cents(cents);
    let (sign, digits) = plain
        .strip_prefix('-')
        .map_or(("", plain.as_str()), |d| ("-", d));
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "00"));
    let grouped = group_thousands(whole);
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
    fn numbers_are_written_as_the_float_formatter_writes_them() {
        // Whole numbers, large ones included, and fractions that are not exact half cents
        // (there `{:.2}` rounds to even and this away from zero).
        for n in [0.0, 7.0, -42.0, 1e15, 2f64.powi(60), -3e20] {
            assert_eq!(written_number(n), format!("{n:.0}"), "{n}");
        }
        for i in -2_000..2_000 {
            let n = f64::from(i) * 1.37 / 7.0;
            if n.fract() != 0.0 {
                assert_eq!(written_number(n), format!("{n:.2}"), "{n}");
            }
        }
        assert_eq!(written_number(2.5), "2.50");
        for i in -3_000..3_000 {
            let x = f64::from(i) * 1.37 / 7.0;
            // `{:.1}` writes a negative that rounds to zero as "-0.0", and rounds exact half
            // tenths to even.
            if (x > -0.05 && x < 0.0) || (x * 10.0).fract().abs() == 0.5 {
                continue;
            }
            assert_eq!(one_decimal(x), format!("{x:.1}"), "{x}");
        }
        assert_eq!(one_decimal(360.0), "360.0");
        assert_eq!(one_decimal(-12.34), "-12.3");
        assert_eq!(written_number(0.125), "0.13");
        assert_eq!(written_number(-0.001), "0.00");
    }

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
    fn inputs_parse_by_type_and_round_trip() {
        let t = PropertyType::Currency;
        assert_eq!(
            PropertyValue::parse_input(t, "1,250.50", ViewerZone::UTC),
            Ok(Some(PropertyValue::Currency(125_050)))
        );
        assert_eq!(
            PropertyValue::parse_input(t, "  ", ViewerZone::UTC),
            Ok(None)
        );
        assert!(PropertyValue::parse_input(PropertyType::Number, "12x", ViewerZone::UTC).is_err());
        assert!(
            PropertyValue::parse_input(PropertyType::Date, "2026-13-01", ViewerZone::UTC).is_err()
        );
        for (t, raw) in [
            (PropertyType::Currency, "1250.50"),
            (PropertyType::DateTime, "2026-11-24T09:30"),
            (PropertyType::MultiEnumeration, "a;b"),
            (PropertyType::User, "4"),
            (PropertyType::Boolean, "true"),
        ] {
            let value = PropertyValue::parse_input(t, raw, ViewerZone::UTC)
                .unwrap()
                .unwrap();
            assert_eq!(value.to_input(ViewerZone::UTC), raw);
            assert_eq!(
                PropertyValue::from_canonical(t, &value.to_canonical()),
                Some(value)
            );
        }
    }

    #[test]
    fn date_times_are_typed_in_the_viewers_zone() {
        let tokyo = ViewerZone::parse("Asia/Tokyo").unwrap();
        let value = PropertyValue::parse_input(PropertyType::DateTime, "2026-11-25T07:30", tokyo)
            .unwrap()
            .unwrap();
        assert_eq!(value.to_canonical(), "2026-11-24T22:30:00+00:00");
        assert_eq!(value.to_input(tokyo), "2026-11-25T07:30");
        assert_eq!(value.to_input(ViewerZone::UTC), "2026-11-24T22:30");
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
