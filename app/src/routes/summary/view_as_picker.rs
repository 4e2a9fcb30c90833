//! A super admin's **View as** choice of whose Summary to see: a GET form (so it works without
//! JavaScript) that, with it, switches as soon as a user is picked.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::models::UserRef;

#[component]
pub(super) fn ViewAsPicker(users: Vec<UserRef>, current: i64) -> impl IntoView {
    let navigate = use_navigate();
    let options = users
        .into_iter()
        .map(|user| {
            let selected = user.id == current;
            view! { <option value=user.id.to_string() selected=selected>{user.name}</option> }
        })
        .collect_view();
    let on_change = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev);
        navigate(&format!("/summary?as={id}"), Default::default());
    };
    view! {
        <form class="view-as" method="get" action="/summary">
            <label for="view-as">"View as"</label>
            <select id="view-as" name="as" on:change=on_change>{options}</select>
            <button type="submit" class="button small">"Show"</button>
        </form>
    }
}
