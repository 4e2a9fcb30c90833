//! The board's dialogs — "Move to stage" and the required properties — are drawn by code that
//! arrives with the list parts (the `list_parts` group, which a list tab fetches once the
//! browser is idle), not with the board's own: a board shows, drags and drops cards without
//! them, and the required properties' typed inputs are the record preview's.
//!
//! Code that cannot be fetched (offline, a client older than the server's) must not leave the
//! board waiting for a dialog that never shows: the move is undone as the dialog's Cancel would
//! undo it, and the board says why; the next dialog tries the fetch again.

use leptos::prelude::*;
use wasm_split_helpers::SplitLoaderError;

use super::{
    keyboard::refocus,
    move_dialog::MoveToStageDialog,
    required_dialog::RequiredPropertiesDialog,
    state::{BoardState, PendingMove},
};

/// A dialog of the board, with what it is drawn from.
#[derive(Clone)]
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

/// What the board says when a dialog's code could not be fetched.
const UNAVAILABLE: &str = "the dialog could not be loaded. Check your connection and try again";

/// Closes a dialog that cannot be drawn: a move waiting for required properties goes back to
/// where it started. Nothing to do when the board is gone meanwhile.
fn give_up(dialog: BoardDialog) {
    let (state, card_id) = match &dialog {
        BoardDialog::MoveToStage { state, card_id } => (*state, *card_id),
        BoardDialog::RequiredProperties { state, pending } => (*state, pending.card_id),
    };
    let Some(name) = state
        .pending
        .try_with_untracked(|_| state.card_name(card_id))
    else {
        return;
    };
    let message = match dialog {
        BoardDialog::RequiredProperties { pending, .. } => {
            // No values were sent: only the dialog sends them.
            state.pending.set(None);
            state.put_back(card_id, pending.origin);
            format!(
                "{name} stayed in {}: {UNAVAILABLE}.",
                state.stage_name(pending.origin.column)
            )
        }
        BoardDialog::MoveToStage { .. } => {
            state.choosing_stage.set(None);
            format!("{name} was not moved: {UNAVAILABLE}.")
        }
    };
    state.announce(message.clone());
    state.error.set(Some(message));
    refocus(card_id);
}

/// Draws `dialog` once the list parts' code is here (at once when it is).
pub(super) async fn board_dialog(dialog: BoardDialog) -> AnyView {
    let undone = dialog.clone();
    match draw_board_dialog(dialog).await {
        Ok(view) => view,
        Err(_) => {
            give_up(undone);
            ().into_any()
        }
    }
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
