//! A labelled dropdown of properties, optionally with a "none" choice.

use leptos::prelude::*;

use crate::models::workspace::PropertyChoice;

#[component]
pub fn PropertySelect(
    id: String,
    label: String,
    choices: Vec<PropertyChoice>,
    /// The label of the empty choice; without it a property must be chosen.
    none_label: Option<&'static str>,
    value: Signal<Option<i64>>,
    on_change: Callback<Option<i64>>,
) -> impl IntoView {
    let options = choices
        .into_iter()
        .map(|choice| {
            let choice_id = choice.id;
            view! {
                <option value=choice_id selected=move || value.get() == Some(choice_id)>
                    {choice.label}
                </option>
            }
        })
        .collect_view();
    let none = none_label.map(|text| {
        view! { <option value="" selected=move || value.get().is_none()>{text}</option> }
    });
    view! {
        <label for=id.clone()>{label}</label>
        <select id=id on:change=move |ev| on_change.run(event_target_value(&ev).parse().ok())>
            {none}
            {options}
        </select>
    }
}
