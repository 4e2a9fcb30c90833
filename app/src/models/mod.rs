//! Domain types shared by the server and the WASM client (serde, no database types).

pub mod activity;
pub mod admin;
pub mod pipeline;
pub mod property;
pub mod record_page;
pub mod viewer;

pub use activity::{ActivityKind, Permission, SalesEventKind, TaskPriority, TaskStatus, TaskType};
pub use admin::{TeamSummary, UserSummary};
pub use pipeline::{Pipeline, Stage};
pub use property::{PropertyType, PropertyValue};
pub use record_page::{ColumnHeader, RecordPage, RecordRow, UserRef};
pub use viewer::{Requirement, Viewer};
