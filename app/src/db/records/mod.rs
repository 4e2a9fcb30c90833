//! Records: create, read, update with property history and optimistic concurrency, and pages
//! of records sorted in SQL.
//!
//! This module holds the types the operations share; the operations live in the submodules and
//! are re-exported here.

mod create;
mod history;
mod read;
mod update;
mod validate;

use chrono::{DateTime, Utc};
use sqlx::FromRow;

use crate::models::PropertyValue;

pub use create::{SYSTEM_COLUMNS, create_record};
pub use history::property_history;
pub(crate) use history::write_history;
pub use read::get_record;
pub(crate) use read::object_of_record;
pub(crate) use update::{apply_changes, current_state, stale_version};
pub use update::{note_activity_time, update_record};
pub(crate) use validate::resolve;

/// A record with all its property values.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub id: i64,
    pub object_type_id: i64,
    pub version: i64,
    pub pipeline_id: Option<i64>,
    pub stage_id: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Every property of the object, in display order, with its value if set.
    pub values: Vec<(String, Option<PropertyValue>)>,
}

impl Record {
    pub fn value(&self, property_name: &str) -> Option<&PropertyValue> {
        self.values
            .iter()
            .find(|(name, _)| name == property_name)
            .and_then(|(_, v)| v.as_ref())
    }
}

/// One entry of a property's history.
#[derive(Clone, Debug, PartialEq, FromRow)]
pub struct PropertyChange {
    pub property_name: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub changed_by: Option<i64>,
    pub changed_at: DateTime<Utc>,
    pub source: String,
}

/// Who made a change and through what, as kept in property history.
#[derive(Clone, Copy, Debug)]
pub struct ChangeContext<'a> {
    pub actor: Option<i64>,
    pub source: &'a str,
}

/// A record's version, stage and the current values of `properties`, read inside `tx`.
pub(crate) struct CurrentState {
    pub version: i64,
    pub stage_id: Option<i64>,
    pub values: Vec<Option<PropertyValue>>,
}

/// A move to another pipeline stage, applied together with property changes.
pub(crate) struct StageChange {
    pub pipeline_id: i64,
    pub stage_id: i64,
    /// `(old, new)` stage names for property history.
    pub history: (Option<String>, String),
}
