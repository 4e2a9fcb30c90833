//! A record's preview: its key properties, editable in place, with their history; follow,
//! property history and merge in the Actions menu; Note, Email, Call, Task and Meeting forms;
//! the timeline and the associated records. The Customers list shows it as a sidebar, the
//! record page (`/records/<id>`) full width.

mod activity_composer;
mod activity_timeline;
mod associations_list;
mod merge_dialog;
mod property_history_dialog;
mod property_row;
mod record_actions;

use leptos::prelude::*;
use leptos_router::components::A;

use crate::{
    components::{ErrorBanner, health::HealthScoreCards, use_live_events},
    functions::{binary_answer::load, get_record_detail},
    models::record_detail::{KEY_PROPERTIES, RecordDetail},
};
use activity_composer::ActivityComposer;
use activity_timeline::ActivityTimeline;
use associations_list::AssociationsList;
use property_row::PropertyRow;
use record_actions::RecordActions;

/// Reads the record again (after a stale save, a merge, another user's change) without
/// redrawing the panel, so what is being typed survives.
pub(crate) fn refetch(detail: RwSignal<RecordDetail>) {
    let record_id = detail.with_untracked(|d| d.id);
    leptos::task::spawn_local(async move {
        if let Ok(fresh) = get_record_detail(record_id).await {
            detail.set(fresh);
        }
    });
}

#[component]
pub fn RecordPreview(
    record_id: i64,
    /// Where "Close" leads (the list without the open record); none on the record page.
    #[prop(optional, into)]
    close_href: Option<String>,
    /// Called after a change the surrounding list may show (a property, a merge).
    #[prop(optional)]
    on_changed: Option<Callback<()>>,
    /// The record page shows every property; the sidebar the first few.
    #[prop(optional)]
    full_page: bool,
) -> impl IntoView {
    let loaded = load(move || record_id, get_record_detail);
    let on_changed = on_changed.unwrap_or_else(|| Callback::new(|()| {}));
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading the record…"</p> }>
            {move || {
                let close_href = close_href.clone();
                loaded.get().map(|result| match result {
                    Ok(initial) => view! { <RecordBody initial close_href on_changed full_page/> }.into_any(),
                    Err(error) => view! { <ErrorBanner error/> }.into_any(),
                })
            }}
        </Suspense>
    }
}

#[component]
fn RecordBody(
    initial: RecordDetail,
    close_href: Option<String>,
    on_changed: Callback<()>,
    full_page: bool,
) -> impl IntoView {
    let record_id = initial.id;
    let property_names: Vec<String> = initial
        .properties
        .iter()
        .map(|c| c.field.name.clone())
        .collect();
    let detail = RwSignal::new(initial);
    // Another user's change shows at once; values being edited stay (their editor says so).
    use_live_events(move |event| {
        if event.touches_record(record_id) {
            refetch(detail);
        }
    });
    let show_all = RwSignal::new(full_page);
    let total = property_names.len();
    let rows = property_names
        .into_iter()
        .enumerate()
        .map(|(i, name)| {
            let hidden = i >= KEY_PROPERTIES;
            view! {
                <Show when=move || !hidden || show_all.get()>
                    <PropertyRow name=name.clone() detail on_saved=on_changed/>
                </Show>
            }
        })
        .collect_view();
    let header_link = (!full_page).then(|| {
        view! { <A href=format!("/records/{record_id}") attr:class="button small">"Open record page"</A> }
    });
    let close = close_href.map(|href| {
        view! { <A href=href attr:class="icon-button close-panel" attr:aria-label="Close preview">"×"</A> }
    });
    view! {
        <article class="record-panel" class:full-page=full_page aria-labelledby="record-title">
            <header class="record-panel-header">
                <div>
                    <p class="record-kind">{move || detail.with(|d| d.object_singular.clone())}</p>
                    <h2 id="record-title">{move || detail.with(|d| d.name.clone())}</h2>
                    {move || detail.with(|d| d.stage.clone()).map(|stage| view! { <p class="record-stage">{stage}</p> })}
                </div>
                <div class="record-panel-tools">
                    {header_link}
                    <RecordActions detail on_changed/>
                    {close}
                </div>
            </header>
            <ActivityComposer detail/>
            <HealthScoreCards detail/>
            <section class="record-section" aria-labelledby="properties-heading">
                <h3 id="properties-heading">"Properties"</h3>
                <dl class="property-list">{rows}</dl>
                {(total > KEY_PROPERTIES && !full_page).then(|| view! {
                    <button type="button" class="button subtle small" on:click=move |_| show_all.update(|s| *s = !*s)>
                        {move || if show_all.get() { "Show key properties".to_string() } else { format!("Show all properties ({total})") }}
                    </button>
                })}
            </section>
            <ActivityTimeline detail/>
            <AssociationsList detail/>
        </article>
    }
}
