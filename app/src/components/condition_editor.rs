//! One condition of the advanced filters: property, operator (those of the property's type) and
//! typed value inputs.

use leptos::prelude::*;

use crate::components::set_chosen;

use crate::models::{
    PropertyType, UserRef,
    filter::{Arity, Condition, Operator, ValueError},
    view::FieldInfo,
};

/// A condition as edited.
#[derive(Clone)]
pub struct ConditionDraft {
    pub id: usize,
    pub property: RwSignal<String>,
    pub operator: RwSignal<Operator>,
    pub values: RwSignal<Vec<String>>,
    pub error: RwSignal<Option<ValueError>>,
}

fn type_of(fields: StoredValue<Vec<FieldInfo>>, property: &str) -> PropertyType {
    fields.with_value(|f| {
        f.iter()
            .find(|f| f.name == property)
            .map_or(PropertyType::Text, |f| f.property_type)
    })
}

impl ConditionDraft {
    pub fn blank(id: usize, property: &str, fields: StoredValue<Vec<FieldInfo>>) -> ConditionDraft {
        let operator = Operator::for_type(type_of(fields, property))[0];
        ConditionDraft {
            id,
            property: RwSignal::new(property.to_string()),
            operator: RwSignal::new(operator),
            values: RwSignal::new(vec![]),
            error: RwSignal::new(None),
        }
    }

    pub fn from_condition(id: usize, condition: Condition) -> ConditionDraft {
        ConditionDraft {
            id,
            property: RwSignal::new(condition.property),
            operator: RwSignal::new(condition.operator),
            values: RwSignal::new(condition.values),
            error: RwSignal::new(None),
        }
    }

    /// The condition if its values are valid for the property; otherwise `None`, with the
    /// message set for the field.
    pub fn checked(&self, fields: StoredValue<Vec<FieldInfo>>) -> Option<Condition> {
        let condition = Condition {
            property: self.property.get_untracked(),
            operator: self.operator.get_untracked(),
            values: self.values.get_untracked(),
        };
        match condition.operand(type_of(fields, &condition.property)) {
            Ok(_) => {
                self.error.set(None);
                Some(condition)
            }
            Err(error) => {
                self.error.set(Some(error));
                None
            }
        }
    }
}

#[component]
pub fn ConditionEditor(
    draft: ConditionDraft,
    position: usize,
    fields: StoredValue<Vec<FieldInfo>>,
    users: StoredValue<Vec<UserRef>>,
    on_remove: Callback<()>,
) -> impl IntoView {
    let ConditionDraft {
        property,
        operator,
        values,
        error,
        ..
    } = draft;
    let property_type = Memo::new(move |_| type_of(fields, &property.get()));
    let property_options = fields.with_value(|fields| {
        fields
            .iter()
            .map(|field| {
                let name = field.name.clone();
                let selected = property.get_untracked() == name;
                view! { <option value=name selected=selected>{field.label.clone()}</option> }
            })
            .collect_view()
    });
    let operator_options = move || {
        Operator::for_type(property_type.get())
            .iter()
            .map(|op| {
                let op = *op;
                view! { <option value=op.as_str() selected=move || operator.get() == op>{op.label()}</option> }
            })
            .collect_view()
    };
    let invalid_at = move |index: usize| {
        error.with(|e| {
            e.as_ref()
                .is_some_and(|e| e.index.is_none_or(|i| i == index))
        })
    };
    let value_of = move |index: usize| values.with(|v| v.get(index).cloned().unwrap_or_default());
    let set_value = move |index: usize, value: String| {
        values.update(|v| {
            if v.len() <= index {
                v.resize(index + 1, String::new());
            }
            v[index] = value;
        });
        error.set(None);
    };
    let text_input = move |index: usize, label: &'static str| {
        let numeric = matches!(
            property_type.get_untracked(),
            PropertyType::Number | PropertyType::Currency
        );
        let kind = match property_type.get_untracked() {
            PropertyType::Date | PropertyType::DateTime => "date",
            _ => "text",
        };
        view! {
            <input
                class="value-input"
                type=kind
                inputmode=numeric.then_some("decimal")
                aria-label=label
                aria-invalid=move || invalid_at(index).to_string()
                prop:value=move || value_of(index)
                on:input=move |ev| set_value(index, event_target_value(&ev))
            />
        }
        .into_any()
    };
    let choices = move || -> Vec<(String, String)> {
        match property_type.get_untracked() {
            PropertyType::User => users.with_value(|users| {
                users
                    .iter()
                    .map(|u| (u.id.to_string(), u.name.clone()))
                    .collect()
            }),
            _ => fields.with_value(|fields| {
                fields
                    .iter()
                    .find(|f| f.name == property.get_untracked())
                    .map(|f| f.options.clone())
                    .unwrap_or_default()
            }),
        }
    };
    // Rebuilt when the property or operator changes, never while typing.
    let value_inputs = move || {
        let arity = operator.get().arity();
        property_type.track();
        match arity {
            Arity::None => ().into_any(),
            Arity::One => text_input(0, "Value"),
            Arity::Two => view! {
                {text_input(0, "From")}
                <span class="range-and">"and"</span>
                {text_input(1, "To")}
            }
            .into_any(),
            Arity::Days => view! {
                <input
                    class="value-input narrow"
                    inputmode="numeric"
                    aria-label="Days"
                    aria-invalid=move || invalid_at(0).to_string()
                    prop:value=move || value_of(0)
                    on:input=move |ev| set_value(0, event_target_value(&ev))
                />
                <span class="unit">"days"</span>
            }
            .into_any(),
            Arity::Many => {
                let boxes = choices()
                    .into_iter()
                    .map(|(value, label)| {
                        let checked = values.with_untracked(|v| v.contains(&value));
                        let toggled = value.clone();
                        view! {
                            <label class="check">
                                <input
                                    type="checkbox"
                                    checked=checked
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        values.update(|v| set_chosen(v, toggled.clone(), on));
                                        error.set(None);
                                    }
                                />
                                {label}
                            </label>
                        }
                    })
                    .collect_view();
                view! {
                    <div class="value-choices" role="group" aria-label="Values" aria-invalid=move || invalid_at(0).to_string()>
                        {boxes}
                    </div>
                }
                .into_any()
            }
        }
    };
    view! {
        <div class="condition" role="group" aria-label=format!("Condition {}", position + 1)>
            <div class="condition-row">
                <select
                    aria-label="Property"
                    on:change=move |ev| {
                        let name = event_target_value(&ev);
                        let first = Operator::for_type(type_of(fields, &name))[0];
                        property.set(name);
                        operator.set(first);
                        values.set(vec![]);
                        error.set(None);
                    }
                >
                    {property_options}
                </select>
                <select
                    aria-label="Operator"
                    on:change=move |ev| {
                        if let Some(op) = Operator::parse(&event_target_value(&ev)) {
                            operator.set(op);
                            values.set(vec![]);
                            error.set(None);
                        }
                    }
                >
                    {operator_options}
                </select>
                {value_inputs}
                <button
                    type="button"
                    class="icon-button"
                    aria-label="Remove condition"
                    on:click=move |_| on_remove.run(())
                >
                    "×"
                </button>
            </div>
            {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e.message}</p> })}
        </div>
    }
}
