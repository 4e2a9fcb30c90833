//! Health score profiles as people define them (SPEC §5): groups of criteria whose maximum
//! points sum to 100, each criterion adding or subtracting points when it holds, and the score
//! ranges of the categories. The checks and the arithmetic live here, so the browser's editor
//! and the server refuse the same input with the same words; which criteria hold is decided in
//! SQL (`db::health`).

use serde::{Deserialize, Serialize};

use super::{ActivityKind, filter::Condition};

/// The groups' maximum points must add up to this before a score can be turned on.
pub const TOTAL_POINTS: u32 = 100;
pub const MAX_GROUPS: usize = 10;
pub const MAX_CRITERIA_PER_GROUP: usize = 10;
pub const MAX_SEGMENTS: usize = 5;
pub const MAX_LIVE_PROFILES: usize = 10;
pub const MAX_DRAFT_PROFILES: usize = 20;
/// The longest window an event condition may look back over (or a renewal ahead).
pub const MAX_WINDOW_DAYS: u32 = 3_650;

string_enum!(
    /// The category a score falls in.
    HealthCategory { AtRisk => "at_risk", Neutral => "neutral", Healthy => "healthy" }
);

impl HealthCategory {
    pub fn label(self) -> &'static str {
        match self {
            HealthCategory::AtRisk => "At risk",
            HealthCategory::Neutral => "Neutral",
            HealthCategory::Healthy => "Healthy",
        }
    }
}

string_enum!(
    /// "At least" or "at most", for counts and days.
    Bound { AtLeast => "at_least", AtMost => "at_most" }
);

impl Bound {
    pub fn label(self) -> &'static str {
        match self {
            Bound::AtLeast => "At least",
            Bound::AtMost => "At most",
        }
    }
}

/// Where the categories begin: At risk is `0..neutral_from`, Neutral `neutral_from..healthy_from`,
/// Healthy `healthy_from..=100` — contiguous and covering 0–100 by construction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryThresholds {
    pub neutral_from: u32,
    pub healthy_from: u32,
}

impl Default for CategoryThresholds {
    fn default() -> Self {
        CategoryThresholds {
            neutral_from: 40,
            healthy_from: 70,
        }
    }
}

impl CategoryThresholds {
    pub fn category(self, score: u32) -> HealthCategory {
        if score >= self.healthy_from {
            HealthCategory::Healthy
        } else if score >= self.neutral_from {
            HealthCategory::Neutral
        } else {
            HealthCategory::AtRisk
        }
    }

    /// The inclusive score range of `category`, e.g. `(40, 69)`.
    pub fn range(self, category: HealthCategory) -> (u32, u32) {
        match category {
            HealthCategory::AtRisk => (0, self.neutral_from - 1),
            HealthCategory::Neutral => (self.neutral_from, self.healthy_from - 1),
            HealthCategory::Healthy => (self.healthy_from, TOTAL_POINTS),
        }
    }
}

/// What must hold for a criterion's points to count.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CriterionRule {
    /// Conditions on the customer's properties, all of which must hold.
    Properties { conditions: Vec<Condition> },
    /// At least / at most `count` activities of a kind associated with the customer in the
    /// last `days` days; calls optionally of at least `min_minutes`.
    Activities {
        activity: ActivityKind,
        bound: Bound,
        count: u32,
        days: u32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min_minutes: Option<u32>,
    },
    /// No open (not closed-stage) ticket of high priority is associated with the customer.
    NoOpenHighPriorityTicket,
    /// A note, email, call or meeting associated with the customer within the last `days`.
    LastActivityWithin { days: u32 },
    /// The renewal date (a date property) is at most / at least `days` days away.
    DaysToRenewal {
        property: String,
        bound: Bound,
        days: u32,
    },
}

/// A criterion: its rule and the points it adds (or, negative, subtracts) when it holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Criterion {
    pub points: i32,
    pub rule: CriterionRule,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CriteriaGroup {
    pub name: String,
    pub max_points: u32,
    pub criteria: Vec<Criterion>,
}

/// Everything that decides a score: the groups, the categories and the segments it applies to.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HealthScoreDefinition {
    pub groups: Vec<CriteriaGroup>,
    #[serde(default)]
    pub thresholds: CategoryThresholds,
    /// Saved views (shared with Everyone) whose records the score applies to; none = all.
    #[serde(default)]
    pub segments: Vec<i64>,
}

/// A problem with a definition, at a field of the editor: `field` names it the way the
/// editor's inputs do (`group-0-max`, `group-1-criterion-2-points`, `sum`, …).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DefinitionProblem {
    pub field: String,
    pub message: String,
}

fn problem(field: String, message: impl Into<String>) -> DefinitionProblem {
    DefinitionProblem {
        field,
        message: message.into(),
    }
}

impl HealthScoreDefinition {
    /// The sum of the groups' maximum points.
    pub fn total_points(&self) -> u32 {
        self.groups
            .iter()
            .fold(0u32, |sum, g| sum.saturating_add(g.max_points))
    }

    /// Problems that stop the definition from being saved at all (as a draft): empty names,
    /// out-of-range numbers, too many of something. The sum may still differ from 100.
    pub fn draft_problems(&self) -> Vec<DefinitionProblem> {
        let mut problems = Vec::new();
        if self.groups.len() > MAX_GROUPS {
            problems.push(problem(
                "groups".into(),
                format!("Use at most {MAX_GROUPS} groups"),
            ));
        }
        if self.segments.len() > MAX_SEGMENTS {
            problems.push(problem(
                "segments".into(),
                format!("Choose at most {MAX_SEGMENTS} segments"),
            ));
        }
        let t = self.thresholds;
        if !(1..=99).contains(&t.neutral_from)
            || t.healthy_from <= t.neutral_from
            || t.healthy_from > 100
        {
            problems.push(problem(
                "thresholds".into(),
                "Categories need 0 < Neutral's start < Healthy's start ≤ 100",
            ));
        }
        for (g, group) in self.groups.iter().enumerate() {
            let name = group.name.trim();
            if name.is_empty() || name.chars().count() > 100 {
                problems.push(problem(
                    format!("group-{g}-name"),
                    "Enter a name of 1 to 100 characters",
                ));
            }
            if !(1..=TOTAL_POINTS).contains(&group.max_points) {
                problems.push(problem(format!("group-{g}-max"), "Enter 1 to 100 points"));
            }
            if group.criteria.len() > MAX_CRITERIA_PER_GROUP {
                problems.push(problem(
                    format!("group-{g}-criteria"),
                    format!("Use at most {MAX_CRITERIA_PER_GROUP} criteria in a group"),
                ));
            }
            for (c, criterion) in group.criteria.iter().enumerate() {
                let at = |part: &str| format!("group-{g}-criterion-{c}-{part}");
                if criterion.points == 0 || criterion.points.unsigned_abs() > TOTAL_POINTS {
                    problems.push(problem(at("points"), "Enter -100 to 100 points, not 0"));
                }
                problems.extend(rule_problems(&criterion.rule, at));
            }
        }
        problems
    }

    /// Problems that stop the score from being turned on: the draft problems, groups without
    /// criteria, and a sum other than 100.
    pub fn live_problems(&self) -> Vec<DefinitionProblem> {
        let mut problems = self.draft_problems();
        if self.groups.is_empty() {
            problems.push(problem("groups".into(), "Add at least one group"));
        }
        for (g, group) in self.groups.iter().enumerate() {
            if group.criteria.is_empty() {
                problems.push(problem(
                    format!("group-{g}-criteria"),
                    "Add at least one criterion",
                ));
            }
        }
        let total = self.total_points();
        if total != TOTAL_POINTS {
            problems.push(problem(
                "sum".into(),
                format!("The groups' max points add up to {total}; they must add up to exactly {TOTAL_POINTS}"),
            ));
        }
        problems
    }

    /// The points of each group given which criteria hold (`held[g][c]`), each clamped to
    /// `0..=max_points`, and their sum: the score.
    pub fn score(&self, held: &[Vec<bool>]) -> (u32, Vec<u32>) {
        let points: Vec<u32> = self
            .groups
            .iter()
            .zip(held)
            .map(|(group, held)| {
                let sum: i64 = group
                    .criteria
                    .iter()
                    .zip(held)
                    .filter(|(_, held)| **held)
                    .map(|(criterion, _)| i64::from(criterion.points))
                    .sum();
                sum.clamp(0, i64::from(group.max_points)) as u32
            })
            .collect();
        (points.iter().sum(), points)
    }
}

fn rule_problems(rule: &CriterionRule, at: impl Fn(&str) -> String) -> Vec<DefinitionProblem> {
    let mut problems = Vec::new();
    let days = |days: u32, problems: &mut Vec<DefinitionProblem>| {
        if !(1..=MAX_WINDOW_DAYS).contains(&days) {
            problems.push(problem(
                at("days"),
                format!("Enter 1 to {MAX_WINDOW_DAYS} days"),
            ));
        }
    };
    match rule {
        CriterionRule::Properties { conditions } => {
            if conditions.is_empty() {
                problems.push(problem(at("conditions"), "Add at least one condition"));
            } else if conditions.len() > super::filter::MAX_GROUP_CONDITIONS {
                problems.push(problem(at("conditions"), "Use at most 10 conditions"));
            }
            if conditions
                .iter()
                .any(|c| c.operator == super::filter::Operator::IsMe)
            {
                problems.push(problem(
                    at("conditions"),
                    "\"is me\" has no meaning in a score",
                ));
            }
        }
        CriterionRule::Activities {
            count,
            days: window,
            min_minutes,
            activity,
            ..
        } => {
            if *count > 1_000 {
                problems.push(problem(at("count"), "Enter 0 to 1,000 activities"));
            }
            days(*window, &mut problems);
            if let Some(minutes) = min_minutes {
                if *activity != ActivityKind::Call {
                    problems.push(problem(at("minutes"), "Only calls have a length"));
                } else if !(1..=1_440).contains(minutes) {
                    problems.push(problem(at("minutes"), "Enter 1 to 1,440 minutes"));
                }
            }
        }
        CriterionRule::NoOpenHighPriorityTicket => {}
        CriterionRule::LastActivityWithin { days: window } => days(*window, &mut problems),
        CriterionRule::DaysToRenewal {
            property,
            days: window,
            ..
        } => {
            if property.is_empty() {
                problems.push(problem(at("property"), "Choose the renewal date property"));
            }
            days(*window, &mut problems);
        }
    }
    problems
}

#[cfg(test)]
#[path = "health_score_tests.rs"]
mod tests;
