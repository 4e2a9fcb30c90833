//! The parts of a list tab that are not the table — a pipeline's board, the record preview and
//! task panel, the dialogs (Create view, Edit columns, Create task) and the Advanced filters panel — load their
//! code when first opened (`#[lazy]`: `cargo xtask build` splits each out of the first
//! download), so the list itself, the page most often opened first, arrives and hydrates
//! sooner. On the server they render as any component. A caller draws one with
//! `Suspend::new(part(…))`.
//!
//! A page that shows one of them from the start (a pipeline tab's board, a preview opened by
//! `?record=` in the URL) fetches its code before hydrating ([`preload_open_parts`]), so
//! hydration finds the part ready and adopts what the server drew.

use leptos::{lazy, prelude::*};

use crate::components::{RecordPreview, TaskPanel};

use super::{
    ListUi, advanced_filters::AdvancedFilters, board::Board, create_task_dialog::CreateTaskDialog,
    create_view_dialog::CreateViewDialog, edit_columns_dialog::EditColumnsDialog,
};
use crate::models::{
    UserRef,
    pipeline::BoardView,
    view::{ListTab, RecordListView},
};

#[lazy]
pub(super) fn create_view_dialog(
    list: StoredValue<RecordListView>,
    tab: ListTab,
    ui: ListUi,
) -> AnyView {
    view! { <CreateViewDialog list tab ui/> }.into_any()
}

#[lazy]
pub(super) fn edit_columns_dialog(
    list: StoredValue<RecordListView>,
    path: &'static str,
    ui: ListUi,
) -> AnyView {
    view! { <EditColumnsDialog list path ui/> }.into_any()
}

#[lazy]
pub(super) fn create_task_dialog(users: Vec<UserRef>, ui: ListUi) -> AnyView {
    view! { <CreateTaskDialog users ui/> }.into_any()
}

#[lazy]
pub(super) fn advanced_filters(list: StoredValue<RecordListView>, path: &'static str) -> AnyView {
    view! { <AdvancedFilters list path/> }.into_any()
}

#[lazy]
pub(super) fn record_preview(
    record_id: i64,
    close_href: String,
    on_changed: Callback<()>,
) -> AnyView {
    view! { <RecordPreview record_id close_href on_changed/> }.into_any()
}

#[lazy]
pub(super) fn task_panel(
    task_id: i64,
    close_href: String,
    on_changed: Callback<()>,
    on_deleted: Callback<i64>,
) -> AnyView {
    view! { <TaskPanel task_id close_href on_changed on_deleted/> }.into_any()
}

/// The board of `list`'s pipeline, whose column pages follow `query` (the list's filters).
#[lazy]
pub(super) fn board(
    board: BoardView,
    tab: ListTab,
    list: StoredValue<RecordListView>,
    query: String,
) -> AnyView {
    let (fields, users, noun, object_type_id) = list.with_value(|l| {
        let noun = l.object_label.to_lowercase();
        (l.fields.clone(), l.users.clone(), noun, l.object_type_id)
    });
    view! { <Board board tab query fields users noun object_type_id/> }.into_any()
}

/// Fetches the code of the parts the page at `path` with `query` shows from the start.
#[cfg(feature = "hydrate")]
pub async fn preload_open_parts(path: &str, query: &str) {
    // The pipeline tabs show a board unless their view is a table, which then waits for one
    // download it does not need; the board's own first load is the one that matters.
    if path == ListTab::Services.path() || path == ListTab::Revenue.path() {
        __preload_board().await;
    }
    let opens_record = form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
        .any(|(key, value)| key == "record" && !value.is_empty());
    if !opens_record {
        return;
    }
    if path == ListTab::Tasks.path() {
        __preload_task_panel().await;
    } else {
        __preload_record_preview().await;
    }
}
