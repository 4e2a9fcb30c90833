//! Dragging a card with a pointer (mouse, pen or touch, through pointer events): the card
//! element captures the pointer, a ghost follows it past a few pixels, the column under it is
//! highlighted, and letting go over another column moves the card there.

use leptos::{
    prelude::*,
    wasm_bindgen::JsCast,
    web_sys::{Element, PointerEvent},
};

use super::state::{BoardState, Drag, Spot};

/// Pixels a pointer travels before a press becomes a drag (less is a click).
const DRAG_THRESHOLD: i32 = 5;

pub(super) fn press(state: BoardState, card_id: i64, ev: &PointerEvent) {
    // A press anywhere ends a keyboard move first.
    state.cancel_lift();
    if ev.button() != 0 || !state.can_pick_up(card_id) {
        return;
    }
    // The card's menu button and menu are not handles.
    if ev
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|t| t.closest("button, [role=menu]").ok().flatten())
        .is_some()
    {
        return;
    }
    let Some((origin, card)) = state.find(card_id) else {
        return;
    };
    let at = (ev.client_x(), ev.client_y());
    state.drag.set(Some(Drag {
        card_id,
        name: card.name.unwrap_or_else(|| "Untitled".into()),
        origin,
        pointer_id: ev.pointer_id(),
        start: at,
        at,
        active: false,
        over: None,
    }));
}

pub(super) fn track(state: BoardState, ev: &PointerEvent) {
    let Some(mut drag) = state.drag.get_untracked() else {
        return;
    };
    if drag.pointer_id != ev.pointer_id() {
        return;
    }
    let at = (ev.client_x(), ev.client_y());
    if !drag.active && (at.0 - drag.start.0).abs() + (at.1 - drag.start.1).abs() < DRAG_THRESHOLD {
        return;
    }
    ev.prevent_default();
    if !drag.active
        && let Some(element) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<Element>().ok())
    {
        // Captured once it is a drag, so a plain click still reaches the name's link.
        let _ = element.set_pointer_capture(ev.pointer_id());
    }
    scroll_near_edges(at.0);
    drag.active = true;
    drag.at = at;
    drag.over = spot_at(state, at);
    state.drag.set(Some(drag));
}

/// Ends a press. Answers whether it was a drag, so the click that follows is not a click.
pub(super) fn release(state: BoardState, ev: &PointerEvent) -> bool {
    let Some(drag) = state.drag.get_untracked() else {
        return false;
    };
    if drag.pointer_id != ev.pointer_id() {
        return false;
    }
    state.drag.set(None);
    if !drag.active {
        return false;
    }
    let over = spot_at(state, (ev.client_x(), ev.client_y())).or(drag.over);
    if let Some(to) = over.filter(|to| to.column != drag.origin.column)
        && let Some(origin) = state.relocate(drag.card_id, to)
    {
        state.announce(format!(
            "Dropped {} in {}",
            drag.name,
            state.describe_spot(Spot {
                column: to.column,
                index: state
                    .find(drag.card_id)
                    .map_or(to.index, |(spot, _)| spot.index),
            })
        ));
        state.commit(drag.card_id, origin, vec![]);
    }
    true
}

pub(super) fn cancel(state: BoardState) {
    state.drag.set(None);
}

/// Pixels from the window's side where a drag scrolls the board sideways, and how far each
/// pointer move scrolls it.
const EDGE_PX: i32 = 80;
const EDGE_STEP_PX: i32 = 24;

/// Scrolls the board towards the columns beyond the screen when a drag nears its side.
fn scroll_near_edges(x: i32) {
    let width = window()
        .inner_width()
        .ok()
        .and_then(|w| w.as_f64())
        .unwrap_or(0.0) as i32;
    let step = if x > width - EDGE_PX {
        EDGE_STEP_PX
    } else if x < EDGE_PX {
        -EDGE_STEP_PX
    } else {
        return;
    };
    if let Ok(Some(board)) = document().query_selector(".board") {
        board.set_scroll_left(board.scroll_left() + step);
    }
}

/// The column under a point, and the position of the card there (its top when over none).
fn spot_at(state: BoardState, (x, y): (i32, i32)) -> Option<Spot> {
    let element = document().element_from_point(x as f32, y as f32)?;
    let column = element
        .closest("[data-column-index]")
        .ok()
        .flatten()?
        .get_attribute("data-column-index")?
        .parse::<usize>()
        .ok()?;
    let index = element
        .closest("[data-card-id]")
        .ok()
        .flatten()
        .and_then(|card| card.get_attribute("data-card-id"))
        .and_then(|id| id.parse::<i64>().ok())
        .and_then(|id| state.find(id))
        .filter(|(spot, _)| spot.column == column)
        .map_or(0, |(spot, _)| spot.index);
    Some(Spot { column, index })
}
