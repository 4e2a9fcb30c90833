//! Pipelines and their ordered stages (deals, tickets, services).

use serde::{Deserialize, Serialize};

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
