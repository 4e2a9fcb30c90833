//! An input for one property value, of the property's type: a select for options, users and
//! yes/no, checkboxes for multi-select, a date or date-time picker, text otherwise (with a
//! decimal keyboard for numbers and amounts). It edits the typed-input text that
//! `PropertyValue::parse_input` reads.

use leptos::prelude::*;

use crate::{components::set_chosen, models::PropertyType};

#[component]
pub fn PropertyInput(
    /// The input's id, for its `<label for>`.
    id: String,
    property_type: PropertyType,
    /// `(value, label)` to choose from: options, or users for a user property.
    choices: Vec<(String, String)>,
    draft: RwSignal<String>,
    /// Set while the draft is refused; cleared as the user types.
    message: RwSignal<Option<String>>,
) -> impl IntoView {
    let choices = match property_type {
        PropertyType::Boolean => vec![("true".into(), "Yes".into()), ("false".into(), "No".into())],
        _ => choices,
    };
    match property_type {
        PropertyType::Enumeration | PropertyType::User | PropertyType::Boolean => {
            let options = choices
                .into_iter()
                .map(|(value, text)| {
                    let selected = draft.get_untracked() == value;
                    view! { <option value=value selected=selected>{text}</option> }
                })
                .collect_view();
            view! {
                <select
                    id=id
                    autofocus
                    aria-invalid=move || message.get().is_some().to_string()
                    on:change=move |ev| {
                        draft.set(event_target_value(&ev));
                        message.set(None);
                    }
                >
                    <option value="">"— None —"</option>
                    {options}
                </select>
            }
            .into_any()
        }
        PropertyType::MultiEnumeration => {
            let boxes = choices
                .into_iter()
                .map(|(value, text)| {
                    let checked = draft.with_untracked(|d| d.split(';').any(|v| v == value));
                    view! {
                        <label class="check">
                            <input
                                type="checkbox"
                                checked=checked
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    draft.update(|d| {
                                        let mut chosen: Vec<String> = d
                                            .split(';')
                                            .filter(|v| !v.is_empty())
                                            .map(str::to_string)
                                            .collect();
                                        set_chosen(&mut chosen, value.clone(), on);
                                        *d = chosen.join(";");
                                    });
                                    message.set(None);
                                }
                            />
                            {text}
                        </label>
                    }
                })
                .collect_view();
            view! { <div class="value-choices" id=id>{boxes}</div> }.into_any()
        }
        other => {
            let kind = match other {
                PropertyType::Date => "date",
                PropertyType::DateTime => "datetime-local",
                _ => "text",
            };
            let numeric = matches!(other, PropertyType::Number | PropertyType::Currency);
            view! {
                <input
                    id=id
                    type=kind
                    autofocus
                    inputmode=numeric.then_some("decimal")
                    aria-invalid=move || message.get().is_some().to_string()
                    prop:value=move || draft.get()
                    on:input=move |ev| {
                        draft.set(event_target_value(&ev));
                        message.set(None);
                    }
                />
            }
            .into_any()
        }
    }
}
