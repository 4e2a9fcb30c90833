//! The operators a condition can use: which ones each property type offers, how many values
//! each takes and the words shown for it.

use serde::{Deserialize, Serialize};

use crate::models::property::PropertyType;

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
