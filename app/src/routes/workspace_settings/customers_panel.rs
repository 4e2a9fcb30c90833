//! Customers: the user property that holds the CSM, and the optional renewal date property, of
//! the object chosen to represent customers.

use leptos::prelude::*;

use super::property_select::PropertySelect;
use crate::{
    components::{
        SaveBar, SettingsDraft,
        field_error::{FieldError, field_message},
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
    let save = ServerAction::<SaveCustomersSettings>::new();
    let form = SettingsDraft::new(
        (customers.csm_property_id, customers.date_property_id),
        save.value(),
    );
    let draft = form.current;
    Effect::new(move |_| dirty.set(form.dirty().get()));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (csm_property_id, date_property_id) = form.take_for_save();
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
                <FieldError message=field_message(save.value(), "csm_property")/>
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
                <FieldError message=field_message(save.value(), "date_property")/>
            </div>
            <SaveBar outcome=save.value() saving=save.pending() dirty=form.dirty()/>
        </form>
    }
}
