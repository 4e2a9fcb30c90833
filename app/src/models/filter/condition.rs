//! Conditions and the filter tree they form, and the parsing of a condition's text values into
//! a typed operand for its property.

use serde::{Deserialize, Serialize};

use super::{
    operator::{Arity, Operator},
    value::{Operand, Scalar, ValueError, ordered, parse_scalar},
};
use crate::models::property::PropertyType;

/// One condition as the user wrote it: the values are text until [`Condition::operand`]
/// parses them for the property's type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Condition {
    pub property: String,
    pub operator: Operator,
    #[serde(default)]
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
    fn trees_serialize_with_every_field_and_round_trip() {
        let tree = FilterTree {
            groups: vec![FilterGroup {
                conditions: vec![condition(Operator::IsKnown, &[])],
            }],
        };
        let json = serde_json::to_string(&tree).unwrap();
        assert_eq!(
            json,
            // `values` even when empty: postcard (answers) reads fields by position.
            r#"{"groups":[{"conditions":[{"property":"p","operator":"is_known","values":[]}]}]}"#
        );
        assert_eq!(serde_json::from_str::<FilterTree>(&json).unwrap(), tree);
    }
}
