//! One record as its preview sidebar and its page show it: properties, history, activities,
//! associations, and the forms that change them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{ActivityKind, PropertyValue, UserRef, view::FieldInfo};

/// Properties the preview sidebar shows before "Show all properties".
pub const KEY_PROPERTIES: usize = 8;
/// Timeline entries per page.
pub const ACTIVITY_PAGE_SIZE: u32 = 10;
/// Associated records listed per object in the sidebar.
pub const ASSOCIATIONS_SHOWN: usize = 10;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PropertyCell {
    pub field: FieldInfo,
    pub value: Option<PropertyValue>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecordLink {
    pub id: i64,
    pub name: String,
}

/// The records of one object associated with the shown record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AssociationGroup {
    /// Plural label, e.g. "Contacts".
    pub object_label: String,
    pub records: Vec<RecordLink>,
    /// All associated records of this object (more than `records` may hold).
    pub total: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActivityItem {
    pub id: i64,
    pub kind: ActivityKind,
    pub subject: String,
    pub body: String,
    pub occurred_at: DateTime<Utc>,
    pub owner_name: Option<String>,
    pub due_at: Option<DateTime<Utc>>,
    pub completed: bool,
}

/// A page of a record's timeline, newest first. `next` continues it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActivityPage {
    pub items: Vec<ActivityItem>,
    /// The `(occurred_at, id)` of the last item, when older ones exist.
    pub next: Option<(DateTime<Utc>, i64)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecordDetail {
    pub id: i64,
    pub object_type_id: i64,
    /// e.g. "Company".
    pub object_singular: String,
    pub version: i64,
    pub name: String,
    pub created_at: DateTime<Utc>,
    /// "Pipeline › Stage" for records in a pipeline.
    pub stage: Option<String>,
    /// Every property, in display order.
    pub properties: Vec<PropertyCell>,
    /// Active users, for user-property editors and names.
    pub users: Vec<UserRef>,
    pub following: bool,
    pub associations: Vec<AssociationGroup>,
    pub activities: ActivityPage,
    /// Its score under each live health score of its object.
    #[serde(default)]
    pub health: Vec<super::health_score_view::HealthScoreCard>,
}

impl RecordDetail {
    pub fn user_name(&self, id: i64) -> Option<&str> {
        self.users
            .iter()
            .find(|u| u.id == id)
            .map(|u| u.name.as_str())
    }

    pub fn cell(&self, property: &str) -> Option<&PropertyCell> {
        self.properties.iter().find(|c| c.field.name == property)
    }
}

/// One entry of a property's history, ready to show.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PropertyChangeEntry {
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub changed_by: Option<String>,
    pub changed_at: DateTime<Utc>,
    pub source: String,
}

/// A property's history for the Details dialog.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PropertyHistory {
    pub label: String,
    pub entries: Vec<PropertyChangeEntry>,
}

/// A property whose two records hold different values, for the merge dialog.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MergeConflict {
    pub property: String,
    pub label: String,
    pub kept_value: String,
    pub merged_value: String,
}

/// Which record's value a merge keeps for a conflicting property.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MergeSide {
    Kept,
    Merged,
}

/// What a merge of two records would do, for the merge dialog.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MergePreview {
    pub kept: RecordLink,
    pub merged: RecordLink,
    pub conflicts: Vec<MergeConflict>,
}

/// An activity to log from the record's activity buttons, as typed. Times are
/// `YYYY-MM-DDTHH:MM` in UTC: a task's due time, a meeting's start (`until`: its end); blank
/// means now for the other kinds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActivityInput {
    pub kind: ActivityKind,
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub when: String,
    #[serde(default)]
    pub until: String,
    #[serde(default)]
    pub location: String,
    #[serde(default)]
    pub duration_minutes: Option<u32>,
}
