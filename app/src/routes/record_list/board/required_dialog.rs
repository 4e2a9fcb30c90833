//! The dependent-properties dialog: the target stage needs properties the record lacks. Typed
//! inputs for each, checked here and again by the server; Save sends the values and the stage
//! in one move, Cancel puts the card back.

use leptos::prelude::*;

use super::{
    keyboard::refocus,
    state::{BoardState, PendingMove},
};
use crate::{
    components::{Dialog, PropertyInput, viewer_zone::use_viewer_zone},
    models::{PropertyType, PropertyValue},
};

/// One asked-for property: its name, label, type and choices, and the draft typed so far.
#[derive(Clone)]
struct Asked {
    name: String,
    label: String,
    property_type: PropertyType,
    choices: Vec<(String, String)>,
    draft: RwSignal<String>,
    message: RwSignal<Option<String>>,
}

#[component]
pub(super) fn RequiredPropertiesDialog(state: BoardState, pending: PendingMove) -> impl IntoView {
    let asked: Vec<Asked> = pending
        .missing
        .iter()
        .map(|missing| {
            let field = state
                .fields
                .with_value(|f| f.iter().find(|f| f.name == missing.name).cloned());
            let property_type = field
                .as_ref()
                .map_or(PropertyType::Text, |f| f.property_type);
            let choices = match property_type {
                PropertyType::User => state.users.with_value(|users| {
                    users
                        .iter()
                        .map(|u| (u.id.to_string(), u.name.clone()))
                        .collect()
                }),
                _ => field.map(|f| f.options).unwrap_or_default(),
            };
            Asked {
                name: missing.name.clone(),
                label: missing.label.clone(),
                property_type,
                choices,
                draft: RwSignal::new(String::new()),
                message: RwSignal::new(None),
            }
        })
        .collect();
    let asked = StoredValue::new(asked);
    let zone = use_viewer_zone();
    // The server's refusal of a value shows at its field.
    Effect::new(move |_| {
        if let Some((field, message)) = state.pending_error.get() {
            asked.with_value(|asked| {
                if let Some(a) = asked.iter().find(|a| a.name == field) {
                    a.message.set(Some(message));
                }
            });
        }
    });
    let (card_id, origin) = (pending.card_id, pending.origin);
    let name = state.card_name(card_id);
    let cancel = Callback::new(move |()| {
        // Values already sent are the server's to answer: the answer decides where it goes.
        if state.is_saving(card_id) {
            return;
        }
        state.pending.set(None);
        state.put_back(card_id, origin);
        let name = state.card_name(card_id);
        state.announce(format!(
            "Move cancelled. {name} is back in {}",
            state.stage_name(origin.column)
        ));
        refocus(card_id);
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut values = Vec::new();
        let mut valid = true;
        asked.with_value(|asked| {
            for a in asked {
                let draft = a.draft.get_untracked();
                match PropertyValue::parse_input(a.property_type, &draft, zone) {
                    Ok(Some(_)) => values.push((a.name.clone(), draft)),
                    Ok(None) => {
                        a.message.set(Some(format!("Enter {}", a.label)));
                        valid = false;
                    }
                    Err(message) => {
                        a.message.set(Some(message));
                        valid = false;
                    }
                }
            }
        });
        if valid {
            state.commit(card_id, origin, values);
            refocus(card_id);
        }
    };
    let fields = asked.with_value(|asked| {
        asked
            .iter()
            .cloned()
            .map(|a| {
                let id = format!("required-{}", a.name);
                let message = a.message;
                view! {
                    <div class="form-field">
                        <label for=id.clone()>{a.label.clone()}</label>
                        <PropertyInput id property_type=a.property_type choices=a.choices draft=a.draft message/>
                        {move || message.get().map(|text| view! { <p class="field-error" role="alert">{text}</p> })}
                    </div>
                }
            })
            .collect_view()
    });
    view! {
        <Dialog title=format!("Required for {}", pending.stage) title_id="required-properties-title" on_close=cancel>
            <form class="dialog-form" on:submit=on_submit novalidate>
                <p class="dialog-intro">
                    {format!("{name} needs these before it can move to {}.", pending.stage)}
                </p>
                {fields}
                <div class="dialog-actions">
                    <button type="button" class="button" on:click=move |_| cancel.run(())>"Cancel"</button>
                    <button
                        type="submit"
                        class="button primary"
                        disabled=move || state.saving.with(|s| s.contains(&card_id))
                    >
                        "Save"
                    </button>
                </div>
            </form>
        </Dialog>
    }
}
