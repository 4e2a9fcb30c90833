//! Choosing the records a task or meeting is associated with: a search over the customer,
//! services and revenue records by name, and the chosen ones, each removable.

use leptos::prelude::*;

use crate::{functions::search_associable_records, models::task::AssociableRecord};

/// Fewest characters a search starts with.
const MIN_QUERY_CHARS: usize = 2;

#[component]
pub fn RecordPicker(
    chosen: RwSignal<Vec<AssociableRecord>>,
    id_prefix: &'static str,
    label: &'static str,
    /// Search contacts (a meeting's attendees) rather than customers, services and deals.
    #[prop(optional)]
    attendees: bool,
) -> impl IntoView {
    let query = RwSignal::new(String::new());
    let results = LocalResource::new(move || {
        let query = query.get();
        async move {
            if query.trim().chars().count() < MIN_QUERY_CHARS {
                return Ok(vec![]);
            }
            search_associable_records(query, attendees).await
        }
    });
    let input_id = format!("{id_prefix}-record-search");
    let chosen_list = move || {
        chosen
            .get()
            .into_iter()
            .map(|record| {
                let id = record.id;
                let remove = format!("Remove {}", record.name);
                view! {
                    <li class="chip">
                        <span>{record.name.clone()}</span>
                        <span class="chip-kind">{record.object_label.clone()}</span>
                        <button
                            type="button"
                            class="chip-remove"
                            aria-label=remove
                            on:click=move |_| chosen.update(|c| c.retain(|r| r.id != id))
                        >
                            "×"
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    let found = move || {
        results.get().map(|result| match result {
            Ok(records) => {
                let fresh: Vec<_> = records
                    .into_iter()
                    .filter(|r| chosen.with(|c| !c.iter().any(|x| x.id == r.id)))
                    .collect();
                if fresh.is_empty() {
                    let searched = query.with(|q| q.trim().chars().count() >= MIN_QUERY_CHARS);
                    return searched
                        .then(|| view! { <p class="hint">"No records match"</p> })
                        .into_any();
                }
                let items = fresh
                    .into_iter()
                    .map(|record| {
                        let add = format!("Associate {}", record.name);
                        let text = format!("{} · {}", record.name, record.object_label);
                        let picked = record.clone();
                        view! {
                            <li>
                                <button
                                    type="button"
                                    class="link-button"
                                    aria-label=add
                                    on:click=move |_| {
                                        chosen.update(|c| c.push(picked.clone()));
                                        query.set(String::new());
                                    }
                                >
                                    {text}
                                </button>
                            </li>
                        }
                    })
                    .collect_view();
                view! { <ul class="search-results" aria-label="Matching records">{items}</ul> }
                    .into_any()
            }
            Err(error) => {
                view! { <p class="field-error" role="alert">{error.to_string()}</p> }.into_any()
            }
        })
    };
    view! {
        <fieldset class="record-picker">
            <legend>{label}</legend>
            <ul class="chips" aria-label="Chosen records">{chosen_list}</ul>
            <label for=input_id.clone() class="visually-hidden">"Search records"</label>
            <input
                id=input_id
                type="search"
                placeholder="Search records by name"
                prop:value=move || query.get()
                on:input=move |ev| query.set(event_target_value(&ev))
            />
            <Transition fallback=|| ()>{found}</Transition>
        </fieldset>
    }
}
