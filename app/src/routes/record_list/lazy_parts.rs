//! The parts of a list tab that are not the table — a pipeline's board, the record preview and
//! task panel, the dialogs (Create view, Edit columns, Create task) and the Advanced filters
//! panel — load their code when first needed (`cargo xtask build` splits it out of the first
//! download), so the list itself, the page most often opened first, arrives and
//! hydrates sooner. On the server they render as any component.
//!
//! All of them are one function ([`list_part`]) in the `list_parts` group of lazily loaded code
//! (see `routes::lazy_pages` for why the groups).
//!
//! A page that shows one of them from the start (a pipeline tab's board, a preview opened by
//! `?record=` in the URL) fetches the module before hydrating ([`preload_open_parts`]), so
//! hydration finds the part ready and adopts what the server drew. Otherwise the list fetches
//! it a moment after hydrating, when the browser is idle
//! ([`crate::components::prefetch_when_idle`]), so that the first record preview or dialog
//! opens at once.

use leptos::prelude::*;
use wasm_split_helpers::SplitLoaderError;

use super::{
    ListUi, advanced_filters::AdvancedFilters, board::Board, create_task_dialog::CreateTaskDialog,
    create_view_dialog::CreateViewDialog, edit_columns_dialog::EditColumnsDialog,
};
use crate::{
    components::{RecordPreview, TaskPanel, loaded_or_unavailable},
    models::{
        UserRef,
        pipeline::BoardView,
        view::{ListTab, RecordListView},
    },
};

/// A part of a list tab, with what it is drawn from. Drawn by `Suspend::new(list_part(…))`.
pub(super) enum ListPart {
    /// The board of the list's pipeline, whose column pages follow `query` (its filters).
    Board {
        board: BoardView,
        tab: ListTab,
        list: StoredValue<RecordListView>,
        query: String,
    },
    RecordPreview {
        record_id: i64,
        close_href: String,
        on_changed: Callback<()>,
    },
    TaskPanel {
        task_id: i64,
        close_href: String,
        on_changed: Callback<()>,
        on_deleted: Callback<i64>,
    },
    CreateViewDialog {
        list: StoredValue<RecordListView>,
        tab: ListTab,
        ui: ListUi,
    },
    EditColumnsDialog {
        list: StoredValue<RecordListView>,
        path: &'static str,
        ui: ListUi,
    },
    CreateTaskDialog {
        users: Vec<UserRef>,
        ui: ListUi,
    },
    AdvancedFilters {
        list: StoredValue<RecordListView>,
        path: &'static str,
    },
}

/// Draws `part`: its code arrives with the `list_parts` group on first use. Code that cannot
/// be fetched (offline, a client older than the server's) shows [`CodeUnavailable`] instead of
/// aborting the client, and the next use tries again.
pub(super) async fn list_part(part: ListPart) -> AnyView {
    loaded_or_unavailable(draw_list_part(part).await)
}

#[wasm_split_helpers::wasm_split(list_parts, fallible, preload(try_preload_list_parts))]
fn draw_list_part(part: ListPart) -> Result<AnyView, SplitLoaderError> {
    let view = match part {
        ListPart::Board {
            board,
            tab,
            list,
            query,
        } => {
            let (fields, users, noun, object_type_id) = list.with_value(|l| {
                let noun = l.object_noun.clone();
                (l.fields.clone(), l.users.clone(), noun, l.object_type_id)
            });
            view! { <Board board tab query fields users noun object_type_id/> }.into_any()
        }
        ListPart::RecordPreview {
            record_id,
            close_href,
            on_changed,
        } => view! { <RecordPreview record_id close_href on_changed/> }.into_any(),
        ListPart::TaskPanel {
            task_id,
            close_href,
            on_changed,
            on_deleted,
        } => view! { <TaskPanel task_id close_href on_changed on_deleted/> }.into_any(),
        ListPart::CreateViewDialog { list, tab, ui } => {
            view! { <CreateViewDialog list tab ui/> }.into_any()
        }
        ListPart::EditColumnsDialog { list, path, ui } => {
            view! { <EditColumnsDialog list path ui/> }.into_any()
        }
        ListPart::CreateTaskDialog { users, ui } => {
            view! { <CreateTaskDialog users ui/> }.into_any()
        }
        ListPart::AdvancedFilters { list, path } => {
            view! { <AdvancedFilters list path/> }.into_any()
        }
    };
    Ok(view)
}

/// Fetches the list parts' module when the page at `path` with `query` shows one from the
/// start: a pipeline tab (a board unless its view is a table, which then waits for a download
/// it does not need) or an open record.
#[cfg(feature = "hydrate")]
pub async fn preload_open_parts(path: &str, query: &str) {
    // As the router reads them: a trailing slash is the same page, a record is its number.
    let path = path.strip_suffix('/').unwrap_or(path);
    let pipeline_tab = path == ListTab::Services.path() || path == ListTab::Revenue.path();
    let opens_record = form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
        .any(|(key, value)| key == "record" && value.parse::<i64>().is_ok());
    if pipeline_tab || opens_record {
        // Failed: hydrate anyway; the part then loads (or says it cannot) on its own.
        preload_list_parts().await;
    }
}

/// Fetches the list parts' module ahead of need; a failure is met again, and shown, when a
/// part is opened.
#[cfg(feature = "hydrate")]
pub(super) async fn preload_list_parts() {
    let _ = try_preload_list_parts().await;
}
