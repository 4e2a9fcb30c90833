//! Reusable view components. One per file.

pub mod alerts;
pub mod app_header;
pub mod charts;
pub mod code_unavailable;
pub mod condition_editor;
pub mod dialog;
pub mod error_banner;
pub mod field_error;
pub mod form_of;
pub mod health;
pub mod live_events;
pub mod pager;
pub mod prefetch_when_idle;
pub mod property_input;
pub mod record_picker;
pub mod record_preview;
pub mod record_table;
pub mod require_access;
pub mod save_bar;
pub mod settings_draft;
pub mod task_checkbox;
pub mod task_form;
pub mod task_panel;
pub mod unsaved_changes_guard;
pub mod viewer_provider;
pub mod viewer_zone;

pub use alerts::AlertBell;
pub use app_header::AppHeader;
pub use code_unavailable::{CodeUnavailable, loaded_or_unavailable};
pub use dialog::Dialog;
pub use error_banner::ErrorBanner;
pub use live_events::{LiveConnection, LiveEvents, use_live_events};
pub use pager::Pager;
pub use prefetch_when_idle::prefetch_when_idle;
pub use property_input::PropertyInput;
pub use record_preview::RecordPreview;
pub use record_table::RecordTable;
pub use require_access::RequireAccess;
pub use save_bar::SaveBar;
pub use settings_draft::SettingsDraft;
pub use task_checkbox::TaskCheckbox;
pub use task_panel::TaskPanel;
pub use unsaved_changes_guard::UnsavedChangesGuard;
pub use viewer_provider::{LiveWorkspace, ViewerProvider, ViewerResource};

/// What a ticked or unticked checkbox does to the list of chosen items: `item` is in `list`
/// (once, at the end when newly added) exactly when `chosen`.
pub fn set_chosen<T: PartialEq>(list: &mut Vec<T>, item: T, chosen: bool) {
    list.retain(|x| *x != item);
    if chosen {
        list.push(item);
    }
}

#[cfg(test)]
mod tests {
    use super::set_chosen;

    #[test]
    fn ticking_adds_once_and_unticking_removes() {
        let mut list = vec![1, 2];
        set_chosen(&mut list, 3, true);
        set_chosen(&mut list, 3, true);
        assert_eq!(list, [1, 2, 3]);
        set_chosen(&mut list, 1, false);
        assert_eq!(list, [2, 3]);
    }
}
