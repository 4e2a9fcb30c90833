//! A card: the record's name (a link to its page), amount, date and owner. Clicking it opens
//! the preview sidebar; it drags with a pointer; focused, Space or Enter picks it up for the
//! arrow keys; its menu offers "Move to stage…" and the preview.

use leptos::{prelude::*, wasm_bindgen::JsCast};
use leptos_router::hooks::{use_location, use_navigate};

use super::{
    CardLabels, pointer,
    state::{BoardState, Lift, Spot},
};
use crate::models::{
    BoardCard,
    property::format_money,
    view::{href, set_query_param},
};

#[component]
pub(super) fn BoardCardView(
    state: BoardState,
    card: BoardCard,
    labels: StoredValue<CardLabels>,
) -> impl IntoView {
    let id = card.id;
    let name = card.name.clone().unwrap_or_else(|| "Untitled".into());
    let location = use_location();
    let navigate = use_navigate();
    let menu_open = RwSignal::new(false);
    // A pointer press that became a drag is not also a click.
    let dragged = StoredValue::new(false);
    let preview = move || {
        let search = location.search.get_untracked();
        let path = location.pathname.get_untracked();
        navigate(
            &href(
                &path,
                &set_query_param(&search, "record", Some(&id.to_string())),
            ),
            Default::default(),
        );
    };
    let on_click = {
        let preview = preview.clone();
        move |ev: leptos::ev::MouseEvent| {
            if dragged.get_value() {
                dragged.set_value(false);
                return;
            }
            let inside_control = ev
                .target()
                .and_then(|t| t.dyn_into::<leptos::web_sys::Element>().ok())
                .and_then(|t| t.closest("a, button, [role=menu]").ok().flatten())
                .is_some();
            if !inside_control {
                preview();
            }
        }
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        // Keys typed in the card's link or menu are theirs.
        let on_card = ev
            .target()
            .and_then(|t| t.dyn_into::<leptos::web_sys::Element>().ok())
            .is_some_and(|t| t.get_attribute("data-card-id").is_some());
        if !on_card {
            if ev.key() == "Escape" {
                menu_open.set(false);
            }
            return;
        }
        if keyboard_move(state, id, &ev.key()) {
            ev.prevent_default();
        }
    };
    let lifted = move || state.lift.with(|l| l.is_some_and(|l| l.card_id == id));
    let dragging = move || {
        state
            .drag
            .with(|d| d.as_ref().is_some_and(|d| d.active && d.card_id == id))
    };
    let saving = move || state.saving.with(|s| s.contains(&id));
    let (amount_label, date_label, owner_label) =
        labels.with_value(|l| (l.amount.clone(), l.date.clone(), l.owner.clone()));
    let details = [
        card.amount_cents
            .zip(amount_label)
            .map(|(cents, label)| (label, format_money(cents), "board-card-amount")),
        card.date.zip(date_label).map(|(date, label)| {
            (
                label,
                date.format("%b %-d, %Y").to_string(),
                "board-card-date",
            )
        }),
        card.owner
            .clone()
            .zip(owner_label)
            .map(|(owner, label)| (label, owner.name, "board-card-owner")),
    ]
    .into_iter()
    .flatten()
    .map(|(label, value, class)| {
        view! {
            <div class=class>
                <dt>{label}</dt>
                <dd>{value}</dd>
            </div>
        }
    })
    .collect_view();
    let menu_name = name.clone();
    let menu_label = format!("Actions for {name}");
    view! {
        <li
            class="board-card"
            class:lifted=lifted
            class:drag-source=dragging
            tabindex="0"
            data-card-id=id
            aria-roledescription="Draggable card"
            aria-describedby="board-instructions"
            aria-busy=move || saving().then_some("true")
            aria-label=name.clone()
            on:pointerdown=move |ev| pointer::press(state, id, &ev)
            on:pointermove=move |ev| pointer::track(state, &ev)
            on:pointerup=move |ev| {
                if pointer::release(state, &ev) {
                    dragged.set_value(true);
                }
            }
            on:pointercancel=move |_| pointer::cancel(state)
            on:click=on_click
            on:keydown=on_keydown
        >
            <div class="board-card-head">
                <a class="board-card-name" href=format!("/records/{id}") draggable="false">{name.clone()}</a>
                <button
                    type="button"
                    class="icon-button board-card-menu-button"
                    aria-label=format!("Actions for {menu_name}")
                    aria-haspopup="menu"
                    aria-expanded=move || menu_open.get().to_string()
                    on:click=move |_| menu_open.update(|open| *open = !*open)
                >
                    "⋯"
                </button>
            </div>
            <dl class="board-card-details">{details}</dl>
            <Show when=move || menu_open.get()>
                <ul class="board-card-menu" role="menu" aria-label=menu_label.clone()>
                    <li role="none">
                        <button type="button" role="menuitem" on:click=move |_| {
                            menu_open.set(false);
                            state.choosing_stage.set(Some(id));
                        }>
                            "Move to stage…"
                        </button>
                    </li>
                    <li role="none">
                        <button type="button" role="menuitem" on:click={
                            let preview = preview.clone();
                            move |_| {
                                menu_open.set(false);
                                preview();
                            }
                        }>
                            "Open preview"
                        </button>
                    </li>
                </ul>
            </Show>
        </li>
    }
}

/// The keyboard move of card `id` for `key`; answers whether the key was used.
fn keyboard_move(state: BoardState, id: i64, key: &str) -> bool {
    let Some((spot, _)) = state.find(id) else {
        return false;
    };
    let name = state.card_name(id);
    match (state.lift.get_untracked(), key) {
        (None, " " | "Enter") => {
            state.lift.set(Some(Lift {
                card_id: id,
                origin: spot,
            }));
            state.announcement.set(format!(
                "Picked up {name}, in {}. Arrow keys move it, Space drops it, Escape cancels.",
                state.describe_spot(spot)
            ));
            true
        }
        (Some(lift), _) if lift.card_id == id => {
            let columns = state.column_count();
            let target = match key {
                "ArrowLeft" if spot.column > 0 => Some(Spot {
                    column: spot.column - 1,
                    index: spot.index,
                }),
                "ArrowRight" if spot.column + 1 < columns => Some(Spot {
                    column: spot.column + 1,
                    index: spot.index,
                }),
                "ArrowUp" if spot.index > 0 => Some(Spot {
                    column: spot.column,
                    index: spot.index - 1,
                }),
                "ArrowDown" => Some(Spot {
                    column: spot.column,
                    index: spot.index + 1,
                }),
                "ArrowLeft" | "ArrowRight" | "ArrowUp" => None,
                " " | "Enter" => {
                    state.lift.set(None);
                    state
                        .announcement
                        .set(format!("Dropped {name} in {}", state.describe_spot(spot)));
                    state.commit(id, lift.origin, vec![]);
                    return true;
                }
                "Escape" => {
                    state.lift.set(None);
                    state.put_back(id, lift.origin);
                    let back = state.find(id).map_or(lift.origin, |(s, _)| s);
                    state.announcement.set(format!(
                        "Move cancelled. {name} is back in {}",
                        state.describe_spot(back)
                    ));
                    refocus(id);
                    return true;
                }
                _ => return false,
            };
            if let Some(target) = target {
                state.relocate(id, target);
                let now = state.find(id).map_or(target, |(s, _)| s);
                state
                    .announcement
                    .set(format!("{name} over {}", state.describe_spot(now)));
                refocus(id);
            }
            true
        }
        _ => false,
    }
}

/// Focuses card `id` again once it is drawn in its new place.
fn refocus(id: i64) {
    request_animation_frame(move || {
        if let Ok(Some(card)) = document().query_selector(&format!("[data-card-id=\"{id}\"]"))
            && let Ok(card) = card.dyn_into::<leptos::web_sys::HtmlElement>()
        {
            let _ = card.focus();
        }
    });
}
