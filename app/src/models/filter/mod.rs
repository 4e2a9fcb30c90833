//! The typed filter tree every list and board stands on (HubSpot's model): groups joined by OR,
//! conditions inside a group joined by AND, each condition a property, an operator and its
//! values. Values travel as text (URLs, forms) and are parsed here into typed operands, by the
//! browser (to show a message at the field before anything is sent) and by the server (which
//! refuses the same input with the same message). The SQL is built in `db::query`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::input::{parse_cents, parse_date, parse_number};
use super::property::PropertyType;

string_enum!(
    /// What a condition asks of a property's value. The names are also the serde names, so
    /// links and saved views spell operators the same way as the forms.
    Operator {
        Is => "is",
        IsNot => "is_not",
        Contains => "contains",
        DoesNotContain => "does_not_contain",
        StartsWith => "starts_with",
        Equals => "equals",
        NotEquals => "not_equals",
        LessThan => "less_than",
        AtMost => "at_most",
        GreaterThan => "greater_than",
        AtLeast => "at_least",
        Between => "between",
        On => "on",
        Before => "before",
        After => "after",
        InLastDays => "in_last_days",
        InNextDays => "in_next_days",
        IsAnyOf => "is_any_of",
        IsNoneOf => "is_none_of",
        ContainsAnyOf => "contains_any_of",
        ContainsAllOf => "contains_all_of",
        ContainsNoneOf => "contains_none_of",
        IsTrue => "is_true",
        IsFalse => "is_false",
        IsMe => "is_me",
        IsKnown => "is_known",
        IsUnknown => "is_unknown",
    }
);

/// How many values an operator takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arity {
    None,
    One,
    Two,
    /// A whole number of days.
    Days,
    /// One or more options or users.
    Many,
}

impl Operator {
    /// The operators a property of `property_type` offers, in menu order: the table of
    /// operators per type, kept in this one place.
    pub fn for_type(property_type: PropertyType) -> &'static [Operator] {
        use Operator::*;
        match property_type {
            PropertyType::Text => &[
                Is,
                IsNot,
                Contains,
                DoesNotContain,
                StartsWith,
                IsKnown,
                IsUnknown,
            ],
            PropertyType::Number | PropertyType::Currency => &[
                Equals,
                NotEquals,
                LessThan,
                AtMost,
                GreaterThan,
                AtLeast,
                Between,
                IsKnown,
                IsUnknown,
            ],
            PropertyType::Date | PropertyType::DateTime => &[
                On, Before, After, Between, InLastDays, InNextDays, IsKnown, IsUnknown,
            ],
            PropertyType::Enumeration => &[IsAnyOf, IsNoneOf, IsKnown, IsUnknown],
            PropertyType::MultiEnumeration => &[ContainsAnyOf, ContainsAllOf, ContainsNoneOf],
            PropertyType::Boolean => &[IsTrue, IsFalse, IsUnknown],
            PropertyType::User => &[IsAnyOf, IsMe, IsUnknown],
        }
    }

    pub fn arity(self) -> Arity {
        use Operator::*;
        match self {
            IsKnown | IsUnknown | IsTrue | IsFalse | IsMe => Arity::None,
            Between => Arity::Two,
            InLastDays | InNextDays => Arity::Days,
            IsAnyOf | IsNoneOf | ContainsAnyOf | ContainsAllOf | ContainsNoneOf => Arity::Many,
            _ => Arity::One,
        }
    }

    /// The words in the operator menu.
    pub fn label(self) -> &'static str {
        use Operator::*;
        match self {
            Is => "is",
            IsNot => "is not",
            Contains => "contains",
            DoesNotContain => "does not contain",
            StartsWith => "starts with",
            Equals => "is equal to",
            NotEquals => "is not equal to",
            LessThan => "is less than",
            AtMost => "is at most",
            GreaterThan => "is greater than",
            AtLeast => "is at least",
            Between => "is between",
            On => "is on",
            Before => "is before",
            After => "is after",
            InLastDays => "is in the last (days)",
            InNextDays => "is in the next (days)",
            IsAnyOf => "is any of",
            IsNoneOf => "is none of",
            ContainsAnyOf => "contains any of",
            ContainsAllOf => "contains all of",
            ContainsNoneOf => "contains none of",
            IsTrue => "is true",
            IsFalse => "is false",
            IsMe => "is me",
            IsKnown => "is known",
            IsUnknown => "is unknown",
        }
    }
}

/// One condition as the user wrote it: the values are text until [`Condition::operand`]
/// parses them for the property's type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Condition {
    pub property: String,
    pub operator: Operator,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
}

/// Conditions that must all hold.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FilterGroup {
    pub conditions: Vec<Condition>,
}

/// Groups of which at least one must hold; no groups means no filter.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FilterTree {
    pub groups: Vec<FilterGroup>,
}

/// Most groups, and most conditions in a group, a filter may hold.
pub const MAX_FILTER_GROUPS: usize = 10;
pub const MAX_GROUP_CONDITIONS: usize = 10;
/// Most values one "is any of"-style condition may list.
pub const MAX_CONDITION_VALUES: usize = 100;

impl FilterTree {
    pub fn is_empty(&self) -> bool {
        self.groups.iter().all(|g| g.conditions.is_empty())
    }

    /// The tree without empty groups.
    pub fn normalized(mut self) -> FilterTree {
        self.groups.retain(|g| !g.conditions.is_empty());
        self
    }

    pub fn condition_count(&self) -> usize {
        self.groups.iter().map(|g| g.conditions.len()).sum()
    }
}

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
    fn at(index: usize, message: impl Into<String>) -> ValueError {
        ValueError {
            index: Some(index),
            message: message.into(),
        }
    }

    fn whole(message: impl Into<String>) -> ValueError {
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

fn ordered(low: &Scalar, high: &Scalar) -> bool {
    match (low, high) {
        (Scalar::Number(a), Scalar::Number(b)) => a <= b,
        (Scalar::Cents(a), Scalar::Cents(b)) => a <= b,
        (Scalar::Date(a), Scalar::Date(b)) => a <= b,
        _ => true,
    }
}

/// Most days "in the last/next N days" may span.
pub const MAX_DAYS: u32 = 36_500;

impl Condition {
    /// Parses the values for a property of `property_type`, refusing an operator the type
    /// does not offer, a missing or malformed value, and an inverted range.
    pub fn operand(&self, property_type: PropertyType) -> Result<Operand, ValueError> {
        if !Operator::for_type(property_type).contains(&self.operator) {
            return Err(ValueError::whole(format!(
                "\"{}\" does not apply to this property",
                self.operator.label()
            )));
        }
        let value = |index: usize| -> Result<Scalar, ValueError> {
            let raw = self.values.get(index).map(String::as_str).unwrap_or("");
            parse_scalar(property_type, raw).map_err(|message| ValueError::at(index, message))
        };
        match self.operator.arity() {
            Arity::None => Ok(Operand::None),
            Arity::One => Ok(Operand::One(value(0)?)),
            Arity::Two => {
                let (low, high) = (value(0)?, value(1)?);
                if !ordered(&low, &high) {
                    return Err(ValueError::at(
                        1,
                        "The end of the range must not be before its start",
                    ));
                }
                Ok(Operand::Range(low, high))
            }
            Arity::Days => {
                let raw = self.values.first().map(|v| v.trim()).unwrap_or("");
                raw.parse::<u32>()
                    .ok()
                    .filter(|days| *days <= MAX_DAYS)
                    .map(Operand::Days)
                    .ok_or_else(|| ValueError::at(0, "Enter a whole number of days"))
            }
            Arity::Many => {
                // Each value once: "contains all of" counts distinct values.
                let mut distinct: Vec<&str> = Vec::new();
                for raw in self
                    .values
                    .iter()
                    .map(|v| v.trim())
                    .filter(|v| !v.is_empty())
                {
                    if !distinct.contains(&raw) {
                        distinct.push(raw);
                    }
                }
                if distinct.len() > MAX_CONDITION_VALUES {
                    return Err(ValueError::at(
                        0,
                        format!("Choose at most {MAX_CONDITION_VALUES} values"),
                    ));
                }
                let values: Vec<Scalar> = distinct
                    .into_iter()
                    .map(|raw| parse_scalar(property_type, raw))
                    .collect::<Result<_, _>>()
                    .map_err(|message| ValueError::at(0, message))?;
                if values.is_empty() {
                    return Err(ValueError::at(0, "Choose at least one value"));
                }
                Ok(Operand::Many(values))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn condition(operator: Operator, values: &[&str]) -> Condition {
        Condition {
            property: "p".into(),
            operator,
            values: values.iter().map(|v| v.to_string()).collect(),
        }
    }

    #[test]
    fn every_type_offers_operators_and_every_operator_belongs_to_a_type() {
        for t in PropertyType::ALL {
            assert!(!Operator::for_type(t).is_empty(), "{t:?}");
        }
        for op in Operator::ALL {
            assert!(
                PropertyType::ALL
                    .iter()
                    .any(|t| Operator::for_type(*t).contains(op)),
                "{op:?} is offered by no type"
            );
        }
    }

    #[test]
    fn stored_names_are_the_serde_names() {
        for op in Operator::ALL {
            let json = serde_json::to_string(op).unwrap();
            assert_eq!(json, format!("\"{}\"", op.as_str()));
        }
    }

    #[test]
    fn operands_follow_the_operator_arity() {
        let number = PropertyType::Number;
        assert_eq!(
            condition(Operator::GreaterThan, &["5"]).operand(number),
            Ok(Operand::One(Scalar::Number(5.0)))
        );
        assert_eq!(
            condition(Operator::IsKnown, &[]).operand(number),
            Ok(Operand::None)
        );
        assert_eq!(
            condition(Operator::InLastDays, &["30"]).operand(PropertyType::Date),
            Ok(Operand::Days(30))
        );
        assert_eq!(
            condition(Operator::IsAnyOf, &["a", " ", "b", "a"]).operand(PropertyType::Enumeration),
            Ok(Operand::Many(vec![
                Scalar::Option("a".into()),
                Scalar::Option("b".into())
            ]))
        );
    }

    #[test]
    fn bad_values_are_refused_at_their_field() {
        let number = PropertyType::Number;
        let error = condition(Operator::Equals, &["12x"])
            .operand(number)
            .unwrap_err();
        assert_eq!(error.index, Some(0));
        let empty = condition(Operator::Contains, &["  "])
            .operand(PropertyType::Text)
            .unwrap_err();
        assert_eq!(empty.message, "Enter a value");
        let inverted = condition(Operator::Between, &["10", "2"])
            .operand(number)
            .unwrap_err();
        assert_eq!(inverted.index, Some(1));
        let dates = condition(Operator::Between, &["2026-02-01", "2026-01-01"])
            .operand(PropertyType::Date)
            .unwrap_err();
        assert_eq!(dates.index, Some(1));
        assert!(
            condition(Operator::InNextDays, &["-1"])
                .operand(PropertyType::Date)
                .is_err()
        );
        assert!(
            condition(Operator::IsAnyOf, &[])
                .operand(PropertyType::User)
                .is_err()
        );
    }

    #[test]
    fn operators_of_another_type_are_refused() {
        let error = condition(Operator::Contains, &["x"])
            .operand(PropertyType::Number)
            .unwrap_err();
        assert_eq!(error.index, None);
        assert!(
            condition(Operator::IsMe, &[])
                .operand(PropertyType::Text)
                .is_err()
        );
    }

    #[test]
    fn trees_serialize_compactly_and_round_trip() {
        let tree = FilterTree {
            groups: vec![FilterGroup {
                conditions: vec![condition(Operator::IsKnown, &[])],
            }],
        };
        let json = serde_json::to_string(&tree).unwrap();
        assert_eq!(
            json,
            r#"{"groups":[{"conditions":[{"property":"p","operator":"is_known"}]}]}"#
        );
        assert_eq!(serde_json::from_str::<FilterTree>(&json).unwrap(), tree);
    }
}
