use super::*;
use crate::models::filter::Operator;

fn group(name: &str, max_points: u32, points: &[i32]) -> CriteriaGroup {
    CriteriaGroup {
        name: name.into(),
        max_points,
        criteria: points
            .iter()
            .map(|p| Criterion {
                points: *p,
                rule: CriterionRule::LastActivityWithin { days: 14 },
            })
            .collect(),
    }
}

fn definition(groups: Vec<CriteriaGroup>) -> HealthScoreDefinition {
    HealthScoreDefinition {
        groups,
        ..HealthScoreDefinition::default()
    }
}

#[test]
fn group_points_are_clamped_between_zero_and_the_maximum() {
    let d = definition(vec![group("A", 20, &[15, 10]), group("B", 80, &[30, -50])]);
    // A: 15 + 10 = 25 → 20; B: 30 − 50 = −20 → 0.
    assert_eq!(
        d.score(&[vec![true, true], vec![true, true]]),
        (20, vec![20, 0])
    );
    // Only the negative criterion of B holds: still 0, never below.
    assert_eq!(
        d.score(&[vec![false, true], vec![false, true]]),
        (10, vec![10, 0])
    );
    assert_eq!(
        d.score(&[vec![false, false], vec![true, false]]),
        (30, vec![0, 30])
    );
}

#[test]
fn negative_points_subtract_within_their_group() {
    let d = definition(vec![group("A", 100, &[60, 30, -25])]);
    assert_eq!(d.score(&[vec![true, true, true]]).0, 65);
    assert_eq!(d.score(&[vec![true, false, true]]).0, 35);
}

#[test]
fn categories_cover_0_to_100_at_their_boundaries() {
    let t = CategoryThresholds::default();
    assert_eq!(t.category(0), HealthCategory::AtRisk);
    assert_eq!(t.category(39), HealthCategory::AtRisk);
    assert_eq!(t.category(40), HealthCategory::Neutral);
    assert_eq!(t.category(69), HealthCategory::Neutral);
    assert_eq!(t.category(70), HealthCategory::Healthy);
    assert_eq!(t.category(100), HealthCategory::Healthy);
    assert_eq!(t.range(HealthCategory::Neutral), (40, 69));
    let moved = CategoryThresholds {
        neutral_from: 50,
        healthy_from: 90,
    };
    assert_eq!(moved.category(49), HealthCategory::AtRisk);
    assert_eq!(moved.category(89), HealthCategory::Neutral);
    assert_eq!(moved.category(90), HealthCategory::Healthy);
}

#[test]
fn a_score_turns_on_only_when_the_groups_sum_to_100() {
    let mut d = definition(vec![group("A", 45, &[10]), group("B", 50, &[10])]);
    assert!(d.draft_problems().is_empty(), "a draft may sum to 95");
    let problems = d.live_problems();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].field, "sum");
    assert!(
        problems[0].message.contains("95"),
        "{}",
        problems[0].message
    );
    d.groups[0].max_points = 50;
    assert!(d.live_problems().is_empty());
}

#[test]
fn bad_numbers_are_refused_at_their_field() {
    let mut d = definition(vec![group(" ", 0, &[0])]);
    d.groups[0].criteria.push(Criterion {
        points: 5,
        rule: CriterionRule::Activities {
            activity: ActivityKind::Email,
            bound: Bound::AtLeast,
            count: 2,
            days: 0,
            min_minutes: Some(15),
        },
    });
    let fields: Vec<String> = d.draft_problems().into_iter().map(|p| p.field).collect();
    assert_eq!(
        fields,
        [
            "group-0-name",
            "group-0-max",
            "group-0-criterion-0-points",
            "group-0-criterion-1-days",
            "group-0-criterion-1-minutes",
        ]
    );
}

#[test]
fn thresholds_must_be_ordered_inside_0_to_100() {
    let mut d = definition(vec![group("A", 100, &[10])]);
    d.thresholds = CategoryThresholds {
        neutral_from: 70,
        healthy_from: 70,
    };
    assert_eq!(d.draft_problems()[0].field, "thresholds");
    d.thresholds = CategoryThresholds {
        neutral_from: 0,
        healthy_from: 50,
    };
    assert_eq!(d.draft_problems()[0].field, "thresholds");
}

#[test]
fn property_criteria_need_a_condition_and_no_is_me() {
    let mut d = definition(vec![group("A", 100, &[])]);
    d.groups[0].criteria.push(Criterion {
        points: 10,
        rule: CriterionRule::Properties { conditions: vec![] },
    });
    d.groups[0].criteria.push(Criterion {
        points: 10,
        rule: CriterionRule::Properties {
            conditions: vec![Condition {
                property: "csm".into(),
                operator: Operator::IsMe,
                values: vec![],
            }],
        },
    });
    let fields: Vec<String> = d.draft_problems().into_iter().map(|p| p.field).collect();
    assert_eq!(
        fields,
        [
            "group-0-criterion-0-conditions",
            "group-0-criterion-1-conditions"
        ]
    );
}

#[test]
fn definitions_round_trip_through_json() {
    let d = crate::models::health_score_presets::predefined_groups(|_| true);
    let definition = definition(d);
    let json = serde_json::to_string(&definition).unwrap();
    let back: HealthScoreDefinition = serde_json::from_str(&json).unwrap();
    assert_eq!(back, definition);
    assert_eq!(definition.total_points(), 100);
    assert!(definition.live_problems().is_empty());
}
