//! Moving cards with the keyboard. One listener on the window, so keys still arrive while a
//! moved card is being drawn in its new place: Space or Enter on a focused card picks it up;
//! then the arrow keys move it between columns and positions, Space or Enter drops it, and
//! Escape (or Tab, or a press elsewhere) puts it back. Each step is announced.

use leptos::{prelude::*, wasm_bindgen::JsCast, web_sys::KeyboardEvent};

use super::state::{BoardState, Lift, Spot};

/// Listens for the board's keys while the board is shown.
pub(super) fn listen(state: BoardState) {
    let handle = window_event_listener(leptos::ev::keydown, move |ev: KeyboardEvent| {
        if on_key(state, &ev) {
            ev.prevent_default();
        }
    });
    on_cleanup(move || handle.remove());
}

/// Answers whether the key was the board's.
fn on_key(state: BoardState, ev: &KeyboardEvent) -> bool {
    let key = ev.key();
    match state.lift.get_untracked() {
        Some(lift) => move_lifted(state, lift, &key),
        None => {
            // Only a key on the card itself, not on its link or menu, picks it up.
            let card_id = ev
                .target()
                .and_then(|t| t.dyn_into::<leptos::web_sys::Element>().ok())
                .and_then(|t| t.get_attribute("data-card-id"))
                .and_then(|id| id.parse::<i64>().ok());
            match card_id {
                Some(id) if matches!(key.as_str(), " " | "Enter") && state.can_pick_up(id) => {
                    pick_up(state, id);
                    true
                }
                _ => false,
            }
        }
    }
}

fn pick_up(state: BoardState, id: i64) {
    let Some((spot, _)) = state.find(id) else {
        return;
    };
    state.lift.set(Some(Lift {
        card_id: id,
        origin: spot,
    }));
    state.announce(format!(
        "Picked up {}, in {}. Arrow keys move it, Space drops it, Escape cancels.",
        state.card_name(id),
        state.describe_spot(spot)
    ));
}

fn move_lifted(state: BoardState, lift: Lift, key: &str) -> bool {
    let id = lift.card_id;
    let Some((spot, _)) = state.find(id) else {
        state.lift.set(None);
        return false;
    };
    let name = state.card_name(id);
    let target = match key {
        "ArrowLeft" => spot.column.checked_sub(1).map(|column| Spot {
            column,
            index: spot.index,
        }),
        "ArrowRight" => (spot.column + 1 < state.column_count()).then_some(Spot {
            column: spot.column + 1,
            index: spot.index,
        }),
        "ArrowUp" => spot.index.checked_sub(1).map(|index| Spot {
            column: spot.column,
            index,
        }),
        "ArrowDown" => Some(Spot {
            column: spot.column,
            index: spot.index + 1,
        }),
        " " | "Enter" => {
            state.lift.set(None);
            state.announce(format!("Dropped {name} in {}", state.describe_spot(spot)));
            state.commit(id, lift.origin, vec![]);
            refocus(id);
            return true;
        }
        "Escape" => {
            state.cancel_lift();
            refocus(id);
            return true;
        }
        "Tab" => {
            state.cancel_lift();
            return false;
        }
        _ => return false,
    };
    if let Some(target) = target {
        state.relocate(id, target);
        let now = state.find(id).map_or(target, |(s, _)| s);
        state.announce(format!("{name} over {}", state.describe_spot(now)));
    } else {
        // At the board's edge: the card stays, and says where it is.
        state.announce(format!("{name} over {}", state.describe_spot(spot)));
    }
    refocus(id);
    true
}

/// Focuses card `id` once it is drawn in its (new) place, scrolling the board sideways so its
/// column is in view.
pub(super) fn refocus(id: i64) {
    use leptos::web_sys::HtmlElement;
    request_animation_frame(move || {
        let Ok(Some(card)) = document().query_selector(&format!("[data-card-id=\"{id}\"]")) else {
            return;
        };
        let column = card
            .closest("[data-column-index]")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<HtmlElement>().ok());
        let board = card.closest(".board").ok().flatten();
        if let (Some(column), Some(board)) = (column, board) {
            // Columns are laid out in the (positioned) board, so their offsets are its own.
            let (left, right) = (
                column.offset_left(),
                column.offset_left() + column.offset_width(),
            );
            let (shown_from, width) = (board.scroll_left(), board.client_width());
            if left < shown_from {
                board.set_scroll_left(left - 8);
            } else if right > shown_from + width {
                board.set_scroll_left(right - width + 8);
            }
        }
        if let Ok(card) = card.dyn_into::<HtmlElement>() {
            let _ = card.focus();
        }
    });
}
