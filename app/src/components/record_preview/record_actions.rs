//! The record's Actions menu: Follow / Unfollow, View property history, Merge.

use leptos::prelude::*;

use super::{merge_dialog::MergeDialog, property_history_dialog::PropertyHistoryDialog};
use crate::{functions::SetFollowing, models::record_detail::RecordDetail};

#[component]
pub(super) fn RecordActions(
    detail: RwSignal<RecordDetail>,
    on_changed: Callback<()>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let history_open = RwSignal::new(false);
    let merge_open = RwSignal::new(false);
    let follow = ServerAction::<SetFollowing>::new();
    Effect::new(move |_| {
        if let Some(Ok(following)) = follow.value().get() {
            detail.update(|d| d.following = following);
        }
    });
    let following = move || detail.with(|d| d.following);
    let first_item = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if open.get()
            && let Some(button) = first_item.get()
        {
            let _ = button.focus();
        }
    });
    let choose = move |action: &'static str| {
        open.set(false);
        match action {
            "follow" => {
                follow.dispatch(SetFollowing {
                    record_id: detail.with_untracked(|d| d.id),
                    following: !following(),
                });
            }
            "history" => history_open.set(true),
            _ => merge_open.set(true),
        }
    };
    let first_property = detail.with_untracked(|d| {
        d.properties
            .first()
            .map(|c| c.field.name.clone())
            .unwrap_or_default()
    });
    view! {
        <div class="menu" on:keydown=move |ev| if ev.key() == "Escape" { open.set(false) }>
            <button
                type="button"
                class="button"
                aria-haspopup="menu"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                "Actions"
            </button>
            <Show when=move || open.get()>
                <div class="menu-items" role="menu" aria-label="Actions">
                    <button type="button" role="menuitem" node_ref=first_item on:click=move |_| choose("follow")>
                        {move || if following() { "Unfollow" } else { "Follow" }}
                    </button>
                    <button type="button" role="menuitem" on:click=move |_| choose("history")>
                        "View property history"
                    </button>
                    <button type="button" role="menuitem" on:click=move |_| choose("merge")>"Merge"</button>
                </div>
            </Show>
            {move || following().then(|| view! { <span class="follow-mark">"Following"</span> })}
        </div>
        <Show when=move || history_open.get()>
            <PropertyHistoryDialog
                record_id=detail.with_untracked(|d| d.id)
                detail
                initial=first_property.clone()
                on_close=Callback::new(move |()| history_open.set(false))
            />
        </Show>
        <Show when=move || merge_open.get()>
            <MergeDialog detail on_changed on_close=Callback::new(move |()| merge_open.set(false))/>
        </Show>
    }
}
