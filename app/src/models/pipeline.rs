//! Pipelines and their ordered stages (deals, tickets, services).

use serde::{Deserialize, Serialize};

use super::{
    RecordPage,
    workspace::{Layout, PipelineChoice},
};

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

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pipeline {
    pub id: i64,
    pub object_type_id: i64,
    pub name: String,
    pub stages: Vec<Stage>,
}

/// A record on a board card.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BoardCard {
    pub id: i64,
    pub name: Option<String>,
    /// The object's first currency property (a deal's amount), in cents.
    pub amount_cents: Option<i64>,
}

/// A stage of a board: its totals over all its records and its first cards.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BoardColumn {
    pub stage_id: i64,
    pub name: String,
    pub count: u64,
    pub total_cents: Option<i64>,
    /// The newest records of the stage, at most [`BOARD_CARDS_PER_STAGE`].
    pub cards: Vec<BoardCard>,
}

/// Cards a board shows per stage.
pub const BOARD_CARDS_PER_STAGE: u32 = 20;

/// What the Services or Revenue tab shows: one pipeline of the workspace, as a board or a table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum PipelineTabView {
    /// The viewer's workspace hides the tab.
    Hidden,
    /// No object is set for the tab's role, or it has no pipelines.
    NotConfigured { message: String },
    Pipeline {
        pipelines: Vec<PipelineChoice>,
        pipeline_id: i64,
        layout: Layout,
        /// The label of the summed currency property, e.g. "Amount".
        amount_label: Option<String>,
        /// Filled for the board layout.
        columns: Vec<BoardColumn>,
        /// Filled for the table layout.
        table: Option<RecordPage>,
    },
}
