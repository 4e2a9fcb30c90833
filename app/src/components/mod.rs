//! Reusable view components. One per file.

pub mod app_header;
pub mod dialog;
pub mod error_banner;
pub mod field_error;
pub mod pager;
pub mod record_preview;
pub mod record_table;
pub mod require_access;
pub mod save_bar;
pub mod settings_draft;
pub mod unsaved_changes_guard;

pub use app_header::AppHeader;
pub use dialog::Dialog;
pub use error_banner::ErrorBanner;
pub use pager::Pager;
pub use record_preview::RecordPreview;
pub use record_table::RecordTable;
pub use require_access::RequireAccess;
pub use save_bar::SaveBar;
pub use settings_draft::SettingsDraft;
pub use unsaved_changes_guard::UnsavedChangesGuard;
