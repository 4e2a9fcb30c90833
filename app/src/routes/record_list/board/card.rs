//! A card: the record's name (a link to its page), amount, date and owner. Clicking it opens
//! the preview sidebar; it drags with a pointer; focused, Space or Enter picks it up for the
//! arrow keys (see `keyboard`); its menu offers "Move to stage…" and the preview.

use leptos::{prelude::*, wasm_bindgen::JsCast};
use leptos_router::hooks::{use_location, use_navigate};

use super::{CardLabels, pointer, state::BoardState};
use crate::models::{
    BoardCard,
    date_text::short_date,
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
    // Picking up and moving are the board's (see `keyboard`); Escape also closes the menu.
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && menu_open.get_untracked() {
            menu_open.set(false);
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
        card.date
            .zip(date_label)
            .map(|(date, label)| (label, short_date(date), "board-card-date")),
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
                            if state.can_pick_up(id) {
                                state.choosing_stage.set(Some(id));
                            }
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
