//! The Feed's filters: **Search** (a contact's or customer's name, or the subject), **Activity
//! type** and **Sequence enrollment**. A plain GET form to `/feed`, so they work without
//! JavaScript (**Apply**, or Enter in the search box); with it, a choice in either select
//! applies at once and every change is a client-side navigation.

use leptos::{prelude::*, wasm_bindgen::JsCast, web_sys};
use leptos_router::{components::A, hooks::use_navigate};

use crate::{
    components::form_of::form_of,
    models::{
        SalesEventKind,
        feed::{FeedUrl, MAX_SEARCH_CHARS, SequenceFilter, kind_label},
    },
};

#[component]
pub(super) fn FeedToolbar(url: FeedUrl) -> impl IntoView {
    let navigate = use_navigate();
    let apply = move |form: web_sys::HtmlFormElement| {
        let Ok(data) = web_sys::FormData::new_with_form(&form) else {
            return;
        };
        let value = |name: &str| data.get(name).as_string();
        let chosen = FeedUrl::from_parts(
            value("q").as_deref(),
            value("type").as_deref(),
            value("sequence").as_deref(),
        );
        navigate(&chosen.href(), Default::default());
    };
    let apply_on_submit = apply.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(form) = form_of(&ev) {
            apply_on_submit(form);
        }
    };
    // The selects apply as they change; the search box waits for Enter or Apply, so typing
    // does not reload the feed at every letter.
    let on_change = move |ev: leptos::ev::Event| {
        let is_select = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
            .is_some();
        if is_select && let Some(form) = form_of(&ev) {
            apply(form);
        }
    };
    let types = SalesEventKind::ALL
        .iter()
        .map(|kind| {
            let kind = *kind;
            view! {
                <option value=kind.as_str() selected=url.kind == Some(kind)>{kind_label(kind)}</option>
            }
        })
        .collect_view();
    let mut sequence_choices = vec![
        SequenceFilter::Any,
        SequenceFilter::Enrolled,
        SequenceFilter::NotEnrolled,
    ];
    // A sequence named in the URL (a click on its name) is offered too.
    if matches!(url.sequence, SequenceFilter::In(_)) {
        sequence_choices.push(url.sequence.clone());
    }
    let sequences = sequence_choices
        .into_iter()
        .map(|choice| {
            let selected = choice == url.sequence;
            view! {
                <option value=choice.param().unwrap_or_default() selected=selected>{choice.label()}</option>
            }
        })
        .collect_view();
    let clear = url.is_filtered().then(|| {
        view! { <A href="/feed" attr:class="button subtle">"Clear filters"</A> }
    });
    view! {
        <form
            class="feed-toolbar"
            method="get"
            action="/feed"
            role="search"
            aria-label="Filter the feed"
            on:submit=on_submit
            on:change=on_change
        >
            <div class="feed-filter feed-search">
                <label for="feed-search">"Search"</label>
                <input
                    id="feed-search"
                    type="search"
                    name="q"
                    value=url.search.clone()
                    maxlength=MAX_SEARCH_CHARS.to_string()
                    placeholder="Contact, company or subject"
                    autocomplete="off"
                />
            </div>
            <div class="feed-filter">
                <label for="feed-type">"Activity type"</label>
                <select id="feed-type" name="type">
                    <option value="" selected=url.kind.is_none()>"All activity types"</option>
                    {types}
                </select>
            </div>
            <div class="feed-filter">
                <label for="feed-sequence">"Sequence enrollment"</label>
                <select id="feed-sequence" name="sequence">{sequences}</select>
            </div>
            <div class="feed-toolbar-actions">
                <button type="submit" class="button">"Apply"</button>
                {clear}
            </div>
        </form>
    }
}
