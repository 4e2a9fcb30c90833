//! Merge: search another record of the same object, choose for each conflicting property whose
//! value stays, and merge it into the open record (which keeps its id; the other disappears).

use leptos::prelude::*;

use super::refetch;
use crate::{
    components::Dialog,
    functions::{MergeRecords, preview_merge, search_records},
    models::record_detail::{MergePreview, RecordDetail, RecordLink},
};

#[component]
pub(super) fn MergeDialog(
    detail: RwSignal<RecordDetail>,
    on_changed: Callback<()>,
    on_close: Callback<()>,
) -> impl IntoView {
    let record_id = detail.with_untracked(|d| d.id);
    let object = detail.with_untracked(|d| d.object_singular.to_lowercase());
    let query = RwSignal::new(String::new());
    let results = RwSignal::new(Vec::<RecordLink>::new());
    let chosen = RwSignal::new(None::<MergePreview>);
    let take_merged = RwSignal::new(Vec::<String>::new());
    let message = RwSignal::new(None::<String>);
    let merge = ServerAction::<MergeRecords>::new();
    let search = move || {
        let text = query.get_untracked();
        message.set(None);
        leptos::task::spawn_local(async move {
            match search_records(record_id, text).await {
                Ok(found) if found.is_empty() => {
                    results.set(vec![]);
                    message.set(Some("No other record matches.".into()));
                }
                Ok(found) => results.set(found),
                Err(error) => message.set(Some(error.to_string())),
            }
        });
    };
    let pick = move |other: i64| {
        leptos::task::spawn_local(async move {
            match preview_merge(record_id, other).await {
                Ok(preview) => {
                    take_merged.set(vec![]);
                    chosen.set(Some(preview));
                }
                Err(error) => message.set(Some(error.to_string())),
            }
        });
    };
    Effect::new(move |_| match merge.value().get() {
        Some(Ok(())) => {
            refetch(detail);
            on_changed.run(());
            on_close.run(());
        }
        Some(Err(error)) => message.set(Some(error.to_string())),
        None => {}
    });
    let result_list = move || {
        results
            .get()
            .into_iter()
            .map(|link| {
                let id = link.id;
                view! {
                    <li>
                        <button type="button" class="link-button" on:click=move |_| pick(id)>
                            {link.name}
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    let conflicts = move || {
        chosen.get().map(|preview| {
            let rows = preview
                .conflicts
                .iter()
                .map(|conflict| {
                    let property = conflict.property.clone();
                    let merged_property = property.clone();
                    view! {
                        <fieldset class="merge-choice">
                            <legend>{conflict.label.clone()}</legend>
                            <label class="check">
                                <input
                                    type="radio"
                                    name=format!("merge-{property}")
                                    checked=true
                                    on:change=move |_| take_merged.update(|t| t.retain(|p| *p != property))
                                />
                                {format!("{} (this record)", conflict.kept_value)}
                            </label>
                            <label class="check">
                                <input
                                    type="radio"
                                    name=format!("merge-{merged_property}")
                                    on:change=move |_| take_merged.update(|t| t.push(merged_property.clone()))
                                />
                                {format!("{} ({})", conflict.merged_value, preview.merged.name)}
                            </label>
                        </fieldset>
                    }
                })
                .collect_view();
            let merged_id = preview.merged.id;
            view! {
                <div class="merge-summary">
                    <p>
                        {format!(
                            "{} will be merged into {}: its associations, activities and history move here, and it disappears.",
                            preview.merged.name, preview.kept.name
                        )}
                    </p>
                    {if preview.conflicts.is_empty() {
                        view! { <p class="field-hint">"The two records hold no conflicting values."</p> }.into_any()
                    } else {
                        view! { <p class="field-hint">"Choose which value to keep:"</p>{rows} }.into_any()
                    }}
                    <div class="dialog-actions">
                        <button type="button" class="button" on:click=move |_| chosen.set(None)>"Back"</button>
                        <button
                            type="button"
                            class="button danger-solid"
                            disabled=move || merge.pending().get()
                            on:click=move |_| {
                                merge.dispatch(MergeRecords {
                                    kept_id: record_id,
                                    merged_id,
                                    take_merged: take_merged.get_untracked(),
                                });
                            }
                        >
                            "Merge"
                        </button>
                    </div>
                </div>
            }
        })
    };
    view! {
        <Dialog title="Merge" title_id="merge-title" on_close>
            <Show when=move || chosen.with(Option::is_none)>
                <form class="search-row" on:submit=move |ev| { ev.prevent_default(); search(); }>
                    <label for="merge-search">{format!("Search for the {object} to merge into this one")}</label>
                    <div class="inline-fields">
                        <input
                            id="merge-search"
                            type="search"
                            autofocus
                            on:input=move |ev| query.set(event_target_value(&ev))
                        />
                        <button type="submit" class="button">"Search"</button>
                    </div>
                </form>
                <ul class="search-results">{result_list}</ul>
                <div class="dialog-actions">
                    <button type="button" class="button" on:click=move |_| on_close.run(())>"Cancel"</button>
                </div>
            </Show>
            {conflicts}
            {move || message.get().map(|text| view! { <p class="field-error" role="alert">{text}</p> })}
        </Dialog>
    }
}
