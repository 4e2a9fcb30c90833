//! Customers: the user property that holds the CSM, and the optional renewal date property, of
//! the object chosen to represent customers.

use leptos::prelude::*;

use super::property_select::PropertySelect;
use crate::{
    components::{
        SaveStatus,
        field_error::{FieldError, general_message, message_for},
    },
    functions::SaveCustomersSettings,
    models::workspace::ObjectPropertySettings,
};

#[component]
pub fn CustomersPanel(
    workspace_id: i64,
    customers: ObjectPropertySettings,
    dirty: RwSignal<bool>,
) -> impl IntoView {
    let initial = (customers.csm_property_id, customers.date_property_id);
    let saved = RwSignal::new(initial);
    let draft = RwSignal::new(initial);
    let pending = RwSignal::new(initial);
    let save = ServerAction::<SaveCustomersSettings>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = save.value().get() {
            saved.set(pending.get_untracked());
        }
    });
    Effect::new(move |_| dirty.set(draft.get() != saved.get()));
    let error = move || save.value().get().and_then(Result::err);
    let field = move |name: &'static str| Signal::derive(move || message_for(error(), name));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (csm_property_id, date_property_id) = draft.get_untracked();
        pending.set((csm_property_id, date_property_id));
        save.dispatch(SaveCustomersSettings {
            workspace_id,
            csm_property_id,
            date_property_id,
        });
    };
    view! {
        <form class="panel settings-form" on:submit=on_submit>
            <p class="field-hint">
                {format!("Customer accounts are {}. The choices below are properties of that object.", customers.object.label.to_lowercase())}
            </p>
            <div class="form-field">
                <PropertySelect
                    id="customers-csm".to_string()
                    label="CSM property".to_string()
                    choices=customers.user_properties.clone()
                    none_label=None
                    value=Signal::derive(move || draft.get().0)
                    on_change=Callback::new(move |id| draft.update(|d| d.0 = id))
                />
                <p class="field-hint">"The user property that says who the customer's CSM is. It drives “Owned by me”."</p>
                <FieldError message=field("csm_property")/>
            </div>
            <div class="form-field">
                <PropertySelect
                    id="customers-date".to_string()
                    label="Renewal date property".to_string()
                    choices=customers.date_properties.clone()
                    none_label=Some("No renewal date")
                    value=Signal::derive(move || draft.get().1)
                    on_change=Callback::new(move |id| draft.update(|d| d.1 = id))
                />
                <FieldError message=field("date_property")/>
            </div>
            {move || general_message(error()).map(|text| view! { <p class="error-banner" role="alert">{text}</p> })}
            <div class="form-actions">
                <button type="submit" class="button primary" disabled=move || save.pending().get()>"Save"</button>
                <SaveStatus dirty saved=Signal::derive(move || matches!(save.value().get(), Some(Ok(()))))/>
            </div>
        </form>
    }
}
