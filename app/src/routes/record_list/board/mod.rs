//! A pipeline as a board: a column per stage with its count and total, cards that load as a
//! column scrolls, and moves by pointer (mouse, pen, touch), by keyboard (Space or Enter picks
//! a card up, arrows move it, Space drops, Escape cancels; a live region tells each step) or
//! by a card's "Move to stage…". Moves are optimistic; see [`state`]. Other users' changes
//! show without a reload; see [`live_refresh`]. The dialogs' code loads apart from the
//! board's; see [`lazy_dialogs`].

mod card;
mod column;
mod keyboard;
mod lazy_dialogs;
mod live_refresh;
mod move_dialog;
mod pointer;
mod required_dialog;
mod state;

use leptos::prelude::*;

use crate::models::{
    UserRef,
    pipeline::BoardView,
    view::{FieldInfo, ListTab},
};
use column::BoardColumnView;
use lazy_dialogs::{BoardDialog, board_dialog};
use state::BoardState;

/// Labels of what cards show.
#[derive(Clone, Debug, Default)]
pub(super) struct CardLabels {
    pub amount: Option<String>,
    pub date: Option<String>,
    pub owner: Option<String>,
}

#[component]
pub(super) fn Board(
    board: BoardView,
    tab: ListTab,
    /// The list's query string (its filters), which column pages follow.
    query: String,
    fields: Vec<FieldInfo>,
    users: Vec<UserRef>,
    /// The plural of the listed object, lower case, e.g. "deals".
    noun: String,
    /// The listed object: its records' live changes refresh the board.
    object_type_id: i64,
) -> impl IntoView {
    let labels = StoredValue::new(CardLabels {
        amount: board.amount_label.clone(),
        date: board.date_label.clone(),
        owner: board.owner_label.clone(),
    });
    let state = BoardState::new(tab, query, board.columns, fields, users, noun);
    keyboard::listen(state);
    live_refresh::follow_live_changes(state, object_type_id);
    let columns = (0..state.column_count())
        .map(|index| view! { <BoardColumnView state index labels/> })
        .collect_view();
    let ghost = move || {
        state.drag.get().filter(|d| d.active).map(|drag| {
            let style = format!("left: {}px; top: {}px", drag.at.0 - 24, drag.at.1 - 18);
            view! { <div class="board-ghost" aria-hidden="true" style=style>{drag.name}</div> }
        })
    };
    view! {
        <p id="board-instructions" class="visually-hidden">
            "To move a card with the keyboard, press Space or Enter to pick it up, the arrow keys to move it, Space to drop it and Escape to cancel."
        </p>
        <div class="visually-hidden" role="status" aria-live="polite" aria-label="Board announcements">
            {move || state.announcement.get()}
        </div>
        {move || state.error.get().map(|message| view! {
            <div class="board-error" role="alert">
                <span>{message}</span>
                <button type="button" class="button subtle small" on:click=move |_| state.error.set(None)>
                    "Dismiss"
                </button>
            </div>
        })}
        <div class="board" class:dragging=move || state.drag.with(|d| d.as_ref().is_some_and(|d| d.active))>
            {columns}
        </div>
        {ghost}
        {move || state.pending.get().map(|pending| {
            Suspend::new(board_dialog(BoardDialog::RequiredProperties { state, pending }))
        })}
        {move || state.choosing_stage.get().map(|card_id| {
            Suspend::new(board_dialog(BoardDialog::MoveToStage { state, card_id }))
        })}
    }
}
