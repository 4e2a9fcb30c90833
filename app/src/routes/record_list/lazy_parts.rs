//! The parts of a list tab that are not the table — a pipeline's board, the record preview and
//! task panel, the dialogs (Create view, Rename view, Delete view, Edit columns, Create task)
//! and the Advanced filters panel — load their code when first needed (`cargo xtask build`
//! splits it out of the first download), so the list itself, the page most often opened
//! first, arrives and hydrates sooner. On the server they render as any component.
//!
//! The board is one function ([`board_part`]) in a group of lazily loaded code of its own,
//! `board`; the others are one function ([`list_part`]) in the `list_parts` group (see
//! `routes::lazy_pages` for why the groups). The board's dialogs are in the `list_parts` group
//! too, drawn by a split function of their own (`board::lazy_dialogs`): the board does not need
//! them to show and move cards.
//!
//! A page that shows one of them from the start (a pipeline tab's board, a preview opened by
//! `?record=` in the URL) fetches its module before hydrating ([`preload_open_parts`]), so
//! hydration finds the part ready and adopts what the server drew. Otherwise the list fetches
//! the list parts a moment after hydrating, when the browser is idle
//! ([`crate::components::prefetch_when_idle`]), so that the first record preview or dialog
//! opens at once.

use leptos::prelude::*;
use wasm_split_helpers::SplitLoaderError;

use super::{
    ListUi, advanced_filters::AdvancedFilters, board::Board, create_task_dialog::CreateTaskDialog,
    create_view_dialog::CreateViewDialog, delete_view_dialog::DeleteViewDialog,
    edit_columns_dialog::EditColumnsDialog, rename_view_dialog::RenameViewDialog,
};
use crate::{
    components::{RecordPreview, TaskPanel, loaded_or_unavailable},
    models::{
        UserRef,
        pipeline::BoardView,
        view::{ListTab, RecordListView, ViewSummary},
    },
};

/// A part of a list tab, with what it is drawn from. Drawn by `Suspend::new(list_part(…))`.
pub(super) enum ListPart {
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
    RenameViewDialog {
        view: ViewSummary,
        renaming: RwSignal<bool>,
        ui: ListUi,
    },
    DeleteViewDialog {
        view: ViewSummary,
        /// Where the list goes once its view is gone: its default view.
        home: String,
        deleting: RwSignal<bool>,
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
        ListPart::RenameViewDialog { view, renaming, ui } => {
            view! { <RenameViewDialog view renaming ui/> }.into_any()
        }
        ListPart::DeleteViewDialog {
            view,
            home,
            deleting,
        } => view! { <DeleteViewDialog view home deleting/> }.into_any(),
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

/// The board of a pipeline tab's list, whose column pages follow `query` (its filters). Its
/// code is a group of its own, `board`, not one of the list parts: a pipeline tab shows it from
/// the start, and with the parts it cost the record preview's and the dialogs' code too.
pub(super) struct BoardPart {
    pub board: BoardView,
    pub tab: ListTab,
    pub list: StoredValue<RecordListView>,
    pub query: String,
}

/// Draws the board; its code arrives with the `board` group on first use.
pub(super) async fn board_part(part: BoardPart) -> AnyView {
    loaded_or_unavailable(draw_board(part).await)
}

#[wasm_split_helpers::wasm_split(board, fallible, preload(try_preload_board))]
fn draw_board(part: BoardPart) -> Result<AnyView, SplitLoaderError> {
    let BoardPart {
        board,
        tab,
        list,
        query,
    } = part;
    let (fields, users, noun, object_type_id) = list.with_value(|l| {
        let noun = l.object_noun.clone();
        (l.fields.clone(), l.users.clone(), noun, l.object_type_id)
    });
    Ok(view! { <Board board tab query fields users noun object_type_id/> }.into_any())
}

/// Fetches the modules of what the page shows from the start, as the server drew it: a
/// pipeline tab's board (not a pipeline tab shown as a table, which would wait for code it
/// does not use), an open record's preview (the list parts; `query` has `record=<number>`).
#[cfg(feature = "hydrate")]
pub async fn preload_open_parts(query: &str) {
    let shows_board = document().query_selector(".board").ok().flatten().is_some();
    let opens_record = form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
        .any(|(key, value)| key == "record" && value.parse::<i64>().is_ok());
    // Failed: hydrate anyway; the part then loads (or says it cannot) on its own.
    if shows_board {
        let _ = try_preload_board().await;
    }
    if opens_record {
        preload_list_parts().await;
    }
}

/// Fetches the list parts' module ahead of need; a failure is met again, and shown, when a
/// part is opened.
#[cfg(feature = "hydrate")]
pub(super) async fn preload_list_parts() {
    let _ = try_preload_list_parts().await;
}
