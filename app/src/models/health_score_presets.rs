//! The predefined criteria groups a new score can start from (HubSpot's five): 1:1 Engagement,
//! 1:1 Call Engagement, Supported Tickets, CSM Sentiment and NPS, summing to 100.

use super::{
    ActivityKind,
    filter::{Condition, Operator},
    health_score::{Bound, CriteriaGroup, Criterion, CriterionRule},
};

fn activities(
    activity: ActivityKind,
    count: u32,
    days: u32,
    min_minutes: Option<u32>,
) -> CriterionRule {
    CriterionRule::Activities {
        activity,
        bound: Bound::AtLeast,
        count,
        days,
        min_minutes,
    }
}

fn property(name: &str, operator: Operator, values: &[&str]) -> CriterionRule {
    CriterionRule::Properties {
        conditions: vec![Condition {
            property: name.into(),
            operator,
            values: values.iter().map(|v| v.to_string()).collect(),
        }],
    }
}

fn criterion(points: i32, rule: CriterionRule) -> Criterion {
    Criterion { points, rule }
}

/// The predefined groups; criteria on properties the customer object lacks
/// (`has_property(name)` is false) are left out, their group's maximum kept.
pub fn predefined_groups(has_property: impl Fn(&str) -> bool) -> Vec<CriteriaGroup> {
    let groups = vec![
        CriteriaGroup {
            name: "1:1 Engagement".into(),
            max_points: 25,
            criteria: vec![
                criterion(15, activities(ActivityKind::Meeting, 1, 30, None)),
                criterion(10, activities(ActivityKind::Email, 1, 30, None)),
                criterion(5, CriterionRule::LastActivityWithin { days: 14 }),
                criterion(
                    -10,
                    CriterionRule::Activities {
                        activity: ActivityKind::Meeting,
                        bound: Bound::AtMost,
                        count: 0,
                        days: 90,
                        min_minutes: None,
                    },
                ),
            ],
        },
        CriteriaGroup {
            name: "1:1 Call Engagement".into(),
            max_points: 20,
            criteria: vec![
                criterion(20, activities(ActivityKind::Call, 2, 30, Some(15))),
                criterion(10, activities(ActivityKind::Call, 1, 90, None)),
            ],
        },
        CriteriaGroup {
            name: "Supported Tickets".into(),
            max_points: 20,
            criteria: vec![criterion(20, CriterionRule::NoOpenHighPriorityTicket)],
        },
        CriteriaGroup {
            name: "CSM Sentiment".into(),
            max_points: 15,
            criteria: vec![
                criterion(
                    15,
                    property("csm_sentiment", Operator::IsAnyOf, &["positive"]),
                ),
                criterion(
                    8,
                    property("csm_sentiment", Operator::IsAnyOf, &["neutral"]),
                ),
            ],
        },
        CriteriaGroup {
            name: "NPS".into(),
            max_points: 20,
            criteria: vec![
                criterion(20, property("nps", Operator::AtLeast, &["9"])),
                criterion(10, property("nps", Operator::Between, &["7", "8"])),
            ],
        },
    ];
    groups
        .into_iter()
        .map(|mut group| {
            group.criteria.retain(|c| match &c.rule {
                CriterionRule::Properties { conditions } => {
                    conditions.iter().all(|c| has_property(&c.property))
                }
                _ => true,
            });
            group
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_five_groups_sum_to_100() {
        let groups = predefined_groups(|_| true);
        let names: Vec<&str> = groups.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "1:1 Engagement",
                "1:1 Call Engagement",
                "Supported Tickets",
                "CSM Sentiment",
                "NPS"
            ]
        );
        assert_eq!(groups.iter().map(|g| g.max_points).sum::<u32>(), 100);
    }

    #[test]
    fn criteria_on_missing_properties_are_left_out() {
        let groups = predefined_groups(|name| name != "csm_sentiment");
        assert!(groups[3].criteria.is_empty());
        assert_eq!(groups[4].criteria.len(), 2);
    }
}
