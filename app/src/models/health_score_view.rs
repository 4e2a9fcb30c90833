//! Health scores as the settings pages and the record's health card show them, and criteria in
//! words.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{
    ActivityKind,
    as_json::AsJson,
    filter::{Arity, Condition},
    health_score::{Bound, CriterionRule, HealthCategory, HealthScoreDefinition},
    view::FieldInfo,
};

/// A profile in the Settings → Health scores list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HealthProfileSummary {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub live: bool,
    /// A live profile with edits not yet turned on.
    pub has_draft: bool,
    pub object_label: String,
    pub updated_at: DateTime<Utc>,
    /// Records scored (live profiles).
    pub scored: u64,
}

/// How a new profile starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProfileStart {
    PredefinedGroups,
    Scratch,
}

/// A saved view a score can be limited to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SegmentChoice {
    pub id: i64,
    pub name: String,
}

/// The Settings list: the profiles, and what the create dialog offers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HealthProfileList {
    pub profiles: Vec<HealthProfileSummary>,
    pub object_label: String,
    pub segment_choices: Vec<SegmentChoice>,
}

/// One profile in its editor: the definition being edited (the draft if there is one, else
/// the one in force) and what its inputs offer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HealthProfileEditor {
    pub id: i64,
    pub version: i64,
    pub name: String,
    pub description: String,
    pub live: bool,
    /// The definition shown differs from the one in force (a live profile's pending edits).
    pub has_draft: bool,
    /// In JSON: its rules are internally tagged, as stored ([`AsJson`]).
    pub definition: AsJson<HealthScoreDefinition>,
    pub object_label: String,
    /// The customer object's properties, for property conditions.
    pub fields: Vec<FieldInfo>,
    /// Its date properties, for "days to renewal".
    pub date_fields: Vec<FieldInfo>,
    pub segment_choices: Vec<SegmentChoice>,
}

/// One criterion of a record's score: what it asks, its points, and whether it held.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CriterionOutcome {
    pub text: String,
    pub points: i32,
    pub held: bool,
}

/// One group of a record's score.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupOutcome {
    pub name: String,
    pub points: u32,
    pub max_points: u32,
    pub criteria: Vec<CriterionOutcome>,
}

/// A change of a record's score, as history keeps it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScoreChange {
    pub at: DateTime<Utc>,
    pub score: u32,
    pub category: HealthCategory,
}

/// A point of a chart: a day and a value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DayValue {
    pub day: NaiveDate,
    pub value: f64,
}

/// A record's score under one live profile: the health card.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HealthScoreCard {
    pub profile_id: i64,
    pub profile_name: String,
    /// `None` while the record has not been scored yet (or is outside the profile's segments).
    pub score: Option<u32>,
    pub category: Option<HealthCategory>,
    pub scored_at: Option<DateTime<Utc>>,
    pub groups: Vec<GroupOutcome>,
    /// The latest changes, newest first.
    pub changes: Vec<ScoreChange>,
    /// The score at the end of each day it changed, oldest first (the chart steps between).
    pub history: Vec<DayValue>,
}

fn field_label<'f>(fields: &'f [FieldInfo], name: &'f str) -> &'f str {
    fields
        .iter()
        .find(|f| f.name == name)
        .map_or(name, |f| f.label.as_str())
}

/// A condition in words: "NPS score is at least 9", "Plan is any of Enterprise".
pub fn describe_condition(condition: &Condition, fields: &[FieldInfo]) -> String {
    let field = fields.iter().find(|f| f.name == condition.property);
    let label = field.map_or(condition.property.as_str(), |f| f.label.as_str());
    let option_label = |value: &String| {
        field
            .and_then(|f| f.options.iter().find(|(v, _)| v == value))
            .map_or(value.clone(), |(_, l)| l.clone())
    };
    let values = match condition.operator.arity() {
        Arity::None => String::new(),
        Arity::Two => format!(
            " {} and {}",
            condition.values.first().cloned().unwrap_or_default(),
            condition.values.get(1).cloned().unwrap_or_default()
        ),
        Arity::Days | Arity::One => {
            format!(" {}", condition.values.first().cloned().unwrap_or_default())
        }
        Arity::Many => format!(
            " {}",
            condition
                .values
                .iter()
                .map(option_label)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    format!("{label} {}{values}", condition.operator.label())
}

fn plural(count: u32, one: &str, many: &str) -> String {
    if count == 1 {
        format!("{count} {one}")
    } else {
        format!("{count} {many}")
    }
}

fn activity_nouns(kind: ActivityKind) -> (&'static str, &'static str) {
    match kind {
        ActivityKind::Note => ("note", "notes"),
        ActivityKind::Email => ("email", "emails"),
        ActivityKind::Call => ("call", "calls"),
        ActivityKind::Task => ("task", "tasks"),
        ActivityKind::Meeting => ("meeting", "meetings"),
    }
}

/// A criterion's rule in words, e.g. "At least 2 calls of 15+ minutes in the last 30 days".
pub fn describe_rule(rule: &CriterionRule, fields: &[FieldInfo]) -> String {
    match rule {
        CriterionRule::Properties { conditions } => conditions
            .iter()
            .map(|c| describe_condition(c, fields))
            .collect::<Vec<_>>()
            .join(" and "),
        CriterionRule::Activities {
            activity,
            bound,
            count,
            days,
            min_minutes,
        } => {
            let (one, many) = activity_nouns(*activity);
            let length = min_minutes.map_or(String::new(), |m| format!(" of {m}+ minutes"));
            if *bound == Bound::AtMost && *count == 0 {
                format!("No {many}{length} in the last {days} days")
            } else {
                format!(
                    "{} {}{length} in the last {days} days",
                    bound.label(),
                    plural(*count, one, many)
                )
            }
        }
        CriterionRule::NoOpenHighPriorityTicket => "No open high-priority ticket".into(),
        CriterionRule::LastActivityWithin { days } => {
            format!("Last activity within {}", plural(*days, "day", "days"))
        }
        CriterionRule::DaysToRenewal {
            property,
            bound,
            days,
        } => format!(
            "{} {} {} away",
            field_label(fields, property),
            bound.label().to_lowercase(),
            plural(*days, "day", "days")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::{PropertyType, filter::Operator};

    #[test]
    fn criteria_read_as_sentences() {
        let fields = vec![FieldInfo {
            name: "plan".into(),
            label: "Plan".into(),
            property_type: PropertyType::Enumeration,
            options: vec![("enterprise".into(), "Enterprise".into())],
            read_only: false,
        }];
        let plan = CriterionRule::Properties {
            conditions: vec![Condition {
                property: "plan".into(),
                operator: Operator::IsAnyOf,
                values: vec!["enterprise".into()],
            }],
        };
        assert_eq!(describe_rule(&plan, &fields), "Plan is any of Enterprise");
        let calls = CriterionRule::Activities {
            activity: ActivityKind::Call,
            bound: Bound::AtLeast,
            count: 2,
            days: 30,
            min_minutes: Some(15),
        };
        assert_eq!(
            describe_rule(&calls, &fields),
            "At least 2 calls of 15+ minutes in the last 30 days"
        );
        let none = CriterionRule::Activities {
            activity: ActivityKind::Meeting,
            bound: Bound::AtMost,
            count: 0,
            days: 90,
            min_minutes: None,
        };
        assert_eq!(
            describe_rule(&none, &fields),
            "No meetings in the last 90 days"
        );
    }
}
