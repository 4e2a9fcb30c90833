//! Domain types shared by the server and the WASM client (serde, no database types).

/// A closed set of names stored in the database as text (`as_str` / `parse`) and sent as
/// snake_case strings. Defined before the modules so each of them can use it.
macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The name stored in the database.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(text: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.as_str() == text)
            }
        }
    };
}

pub mod activity;
pub mod admin;
pub mod alert;
pub mod as_json;
pub mod audit;
pub mod calendar_layout;
pub mod date_text;
pub mod feed;
pub mod filter;
pub mod health_score;
pub mod health_score_presets;
pub mod health_score_view;
pub mod input;
pub mod list_url;
pub mod live_event;
pub mod meeting;
pub mod pipeline;
pub mod property;
pub mod record_detail;
pub mod record_page;
pub mod report;
pub mod schedule;
pub mod schedule_days;
pub mod summary;
pub mod task;
pub mod time_zone;
pub mod view;
pub mod viewer;
pub mod workspace;
pub mod zone_rules;

pub use activity::{ActivityKind, Permission, SalesEventKind, TaskPriority, TaskStatus, TaskType};
pub use admin::{TeamSummary, UserSummary};
pub use feed::{FeedCursor, FeedEntry, FeedUrl, FeedView};
pub use pipeline::{BoardCard, BoardColumn, Pipeline, Stage};
pub use property::{PropertyType, PropertyValue};
pub use record_page::{ColumnHeader, RecordPage, RecordRow, UserRef};
pub use viewer::{Requirement, Viewer};
