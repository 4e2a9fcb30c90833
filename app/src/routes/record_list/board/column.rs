//! One stage of the board: its name, count and total, and its cards — the first page at once,
//! the next ones as the list scrolls near its end (or with "Load more").

use leptos::prelude::*;

use super::{CardLabels, card::BoardCardView, state::BoardState};
use crate::models::property::format_money;

/// How near the end (in pixels) a column's scroll loads the next page.
const LOAD_AHEAD_PX: i32 = 400;

#[component]
pub(super) fn BoardColumnView(
    state: BoardState,
    index: usize,
    labels: StoredValue<CardLabels>,
) -> impl IntoView {
    let Some(column) = state.column(index) else {
        return ().into_any();
    };
    let name = column.name.get_value();
    let heading_id = format!("stage-{}", column.stage_id);
    let labelled_by = heading_id.clone();
    let amount_label = labels.with_value(|l| l.amount.clone());
    let totals = move || {
        let count = column.count.get();
        let records = if count == 1 {
            "1 record".to_string()
        } else {
            format!("{count} records")
        };
        match (&amount_label, column.total.get()) {
            (Some(label), Some(total)) => format!("{records} · {label} {}", format_money(total)),
            _ => records,
        }
    };
    let is_target = move || {
        state.drag.with(|d| {
            d.as_ref()
                .is_some_and(|d| d.active && d.over.is_some_and(|o| o.column == index))
        })
    };
    let on_scroll = move |ev: leptos::ev::Event| {
        use leptos::wasm_bindgen::JsCast;
        if let Some(list) = ev
            .target()
            .and_then(|t| t.dyn_into::<leptos::web_sys::Element>().ok())
            && list.scroll_top() + list.client_height() >= list.scroll_height() - LOAD_AHEAD_PX
        {
            state.load_more(index);
        }
    };
    let noun = state.noun.get_value();
    let empty = move || {
        (column.count.get() == 0 && column.cards.with(Vec::is_empty))
            .then(|| view! { <p class="board-empty">{format!("No {noun} in this stage")}</p> })
    };
    view! {
        <section
            class="board-column"
            class:drop-target=is_target
            aria-labelledby=labelled_by
            data-column-index=index
            data-stage-id=column.stage_id
        >
            <header class="board-column-header">
                <h2 id=heading_id>{name.clone()}</h2>
                <p class="board-totals">{totals}</p>
            </header>
            <ol class="board-cards" on:scroll=on_scroll aria-label=format!("{name} cards")>
                <For
                    each=move || column.cards.get()
                    key=|card| card.id
                    children=move |card| view! { <BoardCardView state card labels/> }
                />
            </ol>
            {empty}
            <Show when=move || column.has_more.get()>
                <button
                    type="button"
                    class="button subtle small board-more"
                    disabled=move || column.loading.get()
                    on:click=move |_| state.load_more(index)
                >
                    {move || if column.loading.get() { "Loading…" } else { "Load more" }}
                </button>
            </Show>
        </section>
    }
    .into_any()
}
