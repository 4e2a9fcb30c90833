//! A property's history (value, who, when, source), for Details and for the Actions menu's
//! "View property history", where any property can be picked.

use leptos::prelude::*;

use crate::{
    components::{Dialog, ErrorBanner, viewer_zone::use_viewer_zone},
    functions::{binary_answer::load, get_property_history},
    models::record_detail::RecordDetail,
};

#[component]
pub(super) fn PropertyHistoryDialog(
    record_id: i64,
    detail: RwSignal<RecordDetail>,
    /// The property shown first.
    initial: String,
    on_close: Callback<()>,
) -> impl IntoView {
    let property = RwSignal::new(initial);
    let zone = use_viewer_zone();
    let history = load(
        move || property.get(),
        move |property| get_property_history(record_id, property),
    );
    let options = detail.with_untracked(|d| {
        d.properties
            .iter()
            .filter(|c| c.field.name != crate::models::view::CREATED_AT)
            .map(|c| {
                let name = c.field.name.clone();
                let selected = property.get_untracked() == name;
                view! { <option value=name selected=selected>{c.field.label.clone()}</option> }
            })
            .collect_view()
    });
    view! {
        <Dialog title="Property history" title_id="property-history-title" on_close>
            <div class="form-field">
                <label for="history-property">"Property"</label>
                <select id="history-property" autofocus on:change=move |ev| property.set(event_target_value(&ev))>
                    {options}
                </select>
            </div>
            <Transition fallback=|| view! { <p class="loading">"Loading history…"</p> }>
                {move || history.get().map(|result| match result {
                    Ok(history) if history.entries.is_empty() => view! {
                        <p class="empty-state small">{format!("{} has never been set.", history.label)}</p>
                    }.into_any(),
                    Ok(history) => {
                        let rows = history.entries.into_iter().map(|entry| view! {
                            <tr>
                                <td>{entry.new_value.unwrap_or_else(|| "(cleared)".into())}</td>
                                <td class="muted">{entry.old_value.unwrap_or_else(|| "—".into())}</td>
                                <td>{entry.changed_by.unwrap_or_else(|| "System".into())}</td>
                                <td>{zone.format(entry.changed_at)}</td>
                                <td>{entry.source}</td>
                            </tr>
                        }).collect_view();
                        view! {
                            <div class="table-wrap">
                                <table class="record-table history-table">
                                    <caption class="visually-hidden">{format!("History of {}", history.label)}</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">"Value"</th>
                                            <th scope="col">"Previous value"</th>
                                            <th scope="col">"Changed by"</th>
                                            <th scope="col">"When"</th>
                                            <th scope="col">"Source"</th>
                                        </tr>
                                    </thead>
                                    <tbody>{rows}</tbody>
                                </table>
                            </div>
                        }.into_any()
                    }
                    Err(error) => view! { <ErrorBanner error/> }.into_any(),
                })}
            </Transition>
            <div class="dialog-actions">
                <button type="button" class="button" on:click=move |_| on_close.run(())>"Close"</button>
            </div>
        </Dialog>
    }
}
