//! The editor's state: groups and criteria as signals (so typing redraws one input, not the
//! list), read back into a [`HealthScoreDefinition`] that the same checks as the server's judge.

use leptos::prelude::*;

use crate::{
    components::condition_editor::ConditionDraft,
    models::{
        ActivityKind,
        filter::Condition,
        health_score::{Bound, CriteriaGroup, Criterion, CriterionRule, HealthScoreDefinition},
        view::FieldInfo,
    },
};

/// The kinds of criterion the editor offers, in menu order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum RuleKind {
    Properties,
    Activities,
    NoOpenHighPriorityTicket,
    LastActivityWithin,
    DaysToRenewal,
}

impl RuleKind {
    pub const ALL: [RuleKind; 5] = [
        RuleKind::Properties,
        RuleKind::Activities,
        RuleKind::LastActivityWithin,
        RuleKind::NoOpenHighPriorityTicket,
        RuleKind::DaysToRenewal,
    ];

    pub fn value(self) -> &'static str {
        match self {
            RuleKind::Properties => "properties",
            RuleKind::Activities => "activities",
            RuleKind::NoOpenHighPriorityTicket => "no_open_high_priority_ticket",
            RuleKind::LastActivityWithin => "last_activity_within",
            RuleKind::DaysToRenewal => "days_to_renewal",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            RuleKind::Properties => "Property conditions",
            RuleKind::Activities => "Number of activities",
            RuleKind::NoOpenHighPriorityTicket => "No open high-priority ticket",
            RuleKind::LastActivityWithin => "Last activity within",
            RuleKind::DaysToRenewal => "Days to renewal",
        }
    }

    pub fn parse(value: &str) -> Option<RuleKind> {
        RuleKind::ALL.into_iter().find(|k| k.value() == value)
    }
}

/// Text of a whole number typed in an input; what does not parse reads as 0, which the checks
/// then refuse at that input.
fn number(text: &str) -> u32 {
    text.trim().parse().unwrap_or(0)
}

#[derive(Clone, Copy)]
pub(super) struct CriterionDraft {
    pub id: usize,
    pub kind: RwSignal<RuleKind>,
    pub points: RwSignal<String>,
    pub conditions: RwSignal<Vec<ConditionDraft>>,
    pub activity: RwSignal<ActivityKind>,
    pub bound: RwSignal<Bound>,
    pub count: RwSignal<String>,
    pub days: RwSignal<String>,
    pub minutes: RwSignal<String>,
    pub property: RwSignal<String>,
}

impl CriterionDraft {
    pub fn new(id: usize, criterion: Criterion, next_id: impl Fn() -> usize) -> CriterionDraft {
        let draft = CriterionDraft {
            id,
            kind: RwSignal::new(RuleKind::Activities),
            points: RwSignal::new(criterion.points.to_string()),
            conditions: RwSignal::new(vec![]),
            activity: RwSignal::new(ActivityKind::Call),
            bound: RwSignal::new(Bound::AtLeast),
            count: RwSignal::new("1".into()),
            days: RwSignal::new("30".into()),
            minutes: RwSignal::new(String::new()),
            property: RwSignal::new(String::new()),
        };
        match criterion.rule {
            CriterionRule::Properties { conditions } => {
                draft.kind.set(RuleKind::Properties);
                draft.conditions.set(
                    conditions
                        .into_iter()
                        .map(|c| ConditionDraft::from_condition(next_id(), c))
                        .collect(),
                );
            }
            CriterionRule::Activities {
                activity,
                bound,
                count,
                days,
                min_minutes,
            } => {
                draft.activity.set(activity);
                draft.bound.set(bound);
                draft.count.set(count.to_string());
                draft.days.set(days.to_string());
                draft
                    .minutes
                    .set(min_minutes.map(|m| m.to_string()).unwrap_or_default());
            }
            CriterionRule::NoOpenHighPriorityTicket => {
                draft.kind.set(RuleKind::NoOpenHighPriorityTicket)
            }
            CriterionRule::LastActivityWithin { days } => {
                draft.kind.set(RuleKind::LastActivityWithin);
                draft.days.set(days.to_string());
            }
            CriterionRule::DaysToRenewal {
                property,
                bound,
                days,
            } => {
                draft.kind.set(RuleKind::DaysToRenewal);
                draft.property.set(property);
                draft.bound.set(bound);
                draft.days.set(days.to_string());
            }
        }
        draft
    }

    /// Marks property conditions whose values do not parse at their fields; false if any.
    pub fn check_conditions(&self, fields: StoredValue<Vec<FieldInfo>>) -> bool {
        self.kind.get_untracked() != RuleKind::Properties
            || self.conditions.with_untracked(|c| {
                c.iter()
                    .map(|draft| draft.checked(fields).is_some())
                    .filter(|ok| !ok)
                    .count()
                    == 0
            })
    }

    /// The criterion as typed (reactively).
    pub fn read(&self) -> Criterion {
        let rule = match self.kind.get() {
            RuleKind::Properties => CriterionRule::Properties {
                conditions: self.conditions.with(|c| {
                    c.iter()
                        .map(|draft| Condition {
                            property: draft.property.get(),
                            operator: draft.operator.get(),
                            values: draft.values.get(),
                        })
                        .collect()
                }),
            },
            RuleKind::Activities => {
                let minutes = self.minutes.get();
                let activity = self.activity.get();
                CriterionRule::Activities {
                    activity,
                    bound: self.bound.get(),
                    count: self.count.with(|c| c.trim().parse().unwrap_or(u32::MAX)),
                    days: number(&self.days.get()),
                    // Only calls have a length; a value left from a call is not sent.
                    min_minutes: (activity == ActivityKind::Call && !minutes.trim().is_empty())
                        .then(|| number(&minutes)),
                }
            }
            RuleKind::NoOpenHighPriorityTicket => CriterionRule::NoOpenHighPriorityTicket,
            RuleKind::LastActivityWithin => CriterionRule::LastActivityWithin {
                days: number(&self.days.get()),
            },
            RuleKind::DaysToRenewal => CriterionRule::DaysToRenewal {
                property: self.property.get(),
                bound: self.bound.get(),
                days: number(&self.days.get()),
            },
        };
        Criterion {
            points: self.points.with(|p| p.trim().parse().unwrap_or(0)),
            rule,
        }
    }
}

#[derive(Clone, Copy)]
pub(super) struct GroupDraft {
    pub id: usize,
    pub name: RwSignal<String>,
    pub max_points: RwSignal<String>,
    pub criteria: RwSignal<Vec<CriterionDraft>>,
}

impl GroupDraft {
    pub fn new(id: usize, group: CriteriaGroup, next_id: impl Fn() -> usize + Copy) -> GroupDraft {
        GroupDraft {
            id,
            name: RwSignal::new(group.name),
            max_points: RwSignal::new(group.max_points.to_string()),
            criteria: RwSignal::new(
                group
                    .criteria
                    .into_iter()
                    .map(|c| CriterionDraft::new(next_id(), c, next_id))
                    .collect(),
            ),
        }
    }

    pub fn read(&self) -> CriteriaGroup {
        CriteriaGroup {
            name: self.name.get(),
            max_points: number(&self.max_points.get()),
            criteria: self
                .criteria
                .with(|c| c.iter().map(CriterionDraft::read).collect()),
        }
    }
}

/// The whole editor's state.
#[derive(Clone, Copy)]
pub(super) struct DefinitionDraft {
    pub groups: RwSignal<Vec<GroupDraft>>,
    pub neutral_from: RwSignal<String>,
    pub healthy_from: RwSignal<String>,
    pub segments: RwSignal<Vec<i64>>,
    pub fields: StoredValue<Vec<FieldInfo>>,
}

impl DefinitionDraft {
    pub fn read(&self) -> HealthScoreDefinition {
        let mut definition = HealthScoreDefinition {
            groups: self
                .groups
                .with(|g| g.iter().map(GroupDraft::read).collect()),
            segments: self.segments.get(),
            ..HealthScoreDefinition::default()
        };
        definition.thresholds.neutral_from = number(&self.neutral_from.get());
        definition.thresholds.healthy_from = number(&self.healthy_from.get());
        definition
    }

    /// Marks every malformed condition value at its field; false if any.
    pub fn check_conditions(&self) -> bool {
        self.groups.with_untracked(|groups| {
            groups
                .iter()
                .flat_map(|g| g.criteria.get_untracked())
                .map(|c| c.check_conditions(self.fields))
                .filter(|ok| !ok)
                .count()
                == 0
        })
    }
}
