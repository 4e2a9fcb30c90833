//! Pipelines and their ordered stages (deals, tickets, services), their rules, and the board
//! of one pipeline as the Services and Revenue tabs show it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{UserRef, workspace::PipelineChoice};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stage {
    pub id: i64,
    pub pipeline_id: i64,
    pub name: String,
    pub position: i64,
    pub is_closed: bool,
    /// Properties that must have a value before a record may enter this stage.
    pub required_properties: Vec<String>,
}

/// What a pipeline refuses when a record changes stage. Super admins are not held to them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PipelineRules {
    /// A record moves forward one stage at a time.
    pub block_skipping: bool,
    /// A record never moves to an earlier stage.
    pub block_backward: bool,
}

impl PipelineRules {
    /// Why moving from the stage at `from` to the one at `to` (positions) breaks these rules,
    /// or `None` when it does not.
    pub fn refusal(self, from: &Stage, to: &Stage, between: &[&Stage]) -> Option<String> {
        if self.block_backward && to.position < from.position {
            return Some(format!(
                "The pipeline rule \u{201c}Block moving backward\u{201d} stops moving from {} back to {}",
                from.name, to.name
            ));
        }
        if self.block_skipping && to.position > from.position && !between.is_empty() {
            let skipped: Vec<&str> = between.iter().map(|s| s.name.as_str()).collect();
            return Some(format!(
                "The pipeline rule \u{201c}Block skipping stages\u{201d} stops moving from {} to {}: move it to {} first",
                from.name,
                to.name,
                skipped.join(", then ")
            ));
        }
        None
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pipeline {
    pub id: i64,
    pub object_type_id: i64,
    pub name: String,
    pub rules: PipelineRules,
    pub stages: Vec<Stage>,
}

impl Pipeline {
    /// The stages strictly between `from` and `to`, in pipeline order.
    pub fn stages_between(&self, from: &Stage, to: &Stage) -> Vec<&Stage> {
        let (low, high) = if from.position < to.position {
            (from.position, to.position)
        } else {
            (to.position, from.position)
        };
        self.stages
            .iter()
            .filter(|s| s.position > low && s.position < high)
            .collect()
    }
}

/// A record on a board card.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BoardCard {
    pub id: i64,
    /// The record's version, sent back with a move so a stale board is refused.
    pub version: i64,
    pub name: Option<String>,
    /// The object's first currency property (a deal's amount), in cents.
    pub amount_cents: Option<i64>,
    /// The workspace's date property for the object (a deal's close date).
    pub date: Option<NaiveDate>,
    pub owner: Option<UserRef>,
}

/// Cards of one stage, newest first, after a keyset cursor.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BoardCardPage {
    pub cards: Vec<BoardCard>,
    /// Whether cards older than the last one remain.
    pub has_more: bool,
}

/// A stage of a board: its totals over every record the filters keep, and its first cards.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BoardColumn {
    pub stage_id: i64,
    pub name: String,
    pub count: u64,
    pub total_cents: Option<i64>,
    /// Names of the properties a record needs to enter this stage.
    pub required_properties: Vec<String>,
    pub first: BoardCardPage,
}

/// A pipeline as a board: what the Services and Revenue tabs show in the board layout.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BoardView {
    pub pipeline_id: i64,
    pub columns: Vec<BoardColumn>,
    /// The label of the summed currency property, e.g. "Amount".
    pub amount_label: Option<String>,
    /// The label of the cards' date, e.g. "Close date".
    pub date_label: Option<String>,
    /// The label of the cards' user, e.g. "Deal owner".
    pub owner_label: Option<String>,
}

/// The pipeline a Services or Revenue list shows, and the pipelines it may switch to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PipelineBar {
    pub pipelines: Vec<PipelineChoice>,
    pub pipeline_id: i64,
    pub layout: super::workspace::Layout,
}

/// Cards a board column loads at once, and per page as it scrolls.
pub const BOARD_PAGE_SIZE: u32 = 30;

/// A stage move as the board sends it: the record at the version the board saw, and values
/// for the target stage's empty required properties (typed input, as the property editors
/// send them).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StageMove {
    pub record_id: i64,
    pub stage_id: i64,
    pub version: i64,
    #[serde(default)]
    pub values: Vec<(String, String)>,
}

/// What a saved move answers: the record's new version.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MovedRecord {
    pub record_id: i64,
    pub stage_id: i64,
    pub version: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stage(id: i64, name: &str) -> Stage {
        Stage {
            id,
            pipeline_id: 1,
            name: name.into(),
            position: id,
            is_closed: false,
            required_properties: vec![],
        }
    }

    fn pipeline(rules: PipelineRules) -> Pipeline {
        Pipeline {
            id: 1,
            object_type_id: 1,
            name: "Sales".into(),
            rules,
            stages: vec![stage(0, "New"), stage(1, "Qualified"), stage(2, "Won")],
        }
    }

    fn refusal(rules: PipelineRules, from: usize, to: usize) -> Option<String> {
        let p = pipeline(rules);
        let (from, to) = (&p.stages[from], &p.stages[to]);
        rules.refusal(from, to, &p.stages_between(from, to))
    }

    #[test]
    fn rules_refuse_skips_and_backward_moves_by_name() {
        let none = PipelineRules::default();
        assert_eq!(refusal(none, 0, 2), None);
        assert_eq!(refusal(none, 2, 0), None);
        let skip = PipelineRules {
            block_skipping: true,
            block_backward: false,
        };
        assert_eq!(refusal(skip, 0, 1), None, "the next stage is no skip");
        assert_eq!(
            refusal(skip, 2, 0),
            None,
            "backward moves skip nothing forward"
        );
        let message = refusal(skip, 0, 2).unwrap();
        assert!(message.contains("Block skipping stages"), "{message}");
        assert!(message.contains("move it to Qualified first"), "{message}");
        let back = PipelineRules {
            block_skipping: false,
            block_backward: true,
        };
        assert!(
            refusal(back, 1, 0)
                .unwrap()
                .contains("Block moving backward")
        );
        assert_eq!(refusal(back, 0, 2), None);
        assert_eq!(refusal(back, 1, 1), None);
    }
}
