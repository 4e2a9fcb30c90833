//! The board's dialogs — "Move to stage" and the required properties — are drawn by code that
//! arrives with the list parts (the `list_parts` group, which a list tab fetches once the
//! browser is idle), not with the board's own: a board shows, drags and drops cards without
//! them, and the required properties' typed inputs are the record preview's.

use leptos::prelude::*;
use wasm_split_helpers::SplitLoaderError;

use super::{
    move_dialog::MoveToStageDialog,
    required_dialog::RequiredPropertiesDialog,
    state::{BoardState, PendingMove},
};
use crate::components::loaded_or_unavailable;

/// A dialog of the board, with what it is drawn from.
pub(super) enum BoardDialog {
    MoveToStage {
        state: BoardState,
        card_id: i64,
    },
    RequiredProperties {
        state: BoardState,
        pending: PendingMove,
    },
}

/// Draws `dialog` once the list parts' code is here (at once when it is); code that cannot be
/// fetched shows why instead.
pub(super) async fn board_dialog(dialog: BoardDialog) -> AnyView {
    loaded_or_unavailable(draw_board_dialog(dialog).await)
}

#[wasm_split_helpers::wasm_split(list_parts, fallible)]
fn draw_board_dialog(dialog: BoardDialog) -> Result<AnyView, SplitLoaderError> {
    let view = match dialog {
        BoardDialog::MoveToStage { state, card_id } => {
            view! { <MoveToStageDialog state card_id/> }.into_any()
        }
        BoardDialog::RequiredProperties { state, pending } => {
            view! { <RequiredPropertiesDialog state pending/> }.into_any()
        }
    };
    Ok(view)
}
