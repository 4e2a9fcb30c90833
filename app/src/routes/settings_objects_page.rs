//! Settings → Objects: which object represents customer accounts, which one services, and up
//! to two that represent revenue. The choice drives every workspace's Customers, Services and
//! Revenue tabs.

use leptos::prelude::*;

use crate::components::set_chosen;
use leptos_meta::Title;

use crate::{
    components::{
        ErrorBanner, RequireAccess, SaveBar, SettingsDraft, UnsavedChangesGuard,
        field_error::{FieldError, field_message},
    },
    functions::{SaveCsObjects, binary_answer::load, get_cs_objects},
    models::{
        Requirement,
        workspace::{CsObjectsForm, MAX_REVENUE_OBJECTS},
    },
    routes::settings_nav::SettingsNav,
};

#[component]
pub fn SettingsObjectsPage() -> impl IntoView {
    let form = load(|| (), |_| get_cs_objects());
    view! {
        <Title text="Objects · Settings"/>
        <RequireAccess requirement=Requirement::ManageSettings>
            <section class="tab-page" aria-labelledby="objects-heading">
                <header class="tab-header">
                    <h1 id="objects-heading">"Customer Success objects"</h1>
                    <SettingsNav/>
                </header>
                <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                    {move || form.get().map(|result| match result {
                        Ok(form) => view! { <ObjectsForm form/> }.into_any(),
                        Err(error) => view! { <ErrorBanner error/> }.into_any(),
                    })}
                </Transition>
            </section>
        </RequireAccess>
    }
}

#[component]
fn ObjectsForm(form: CsObjectsForm) -> impl IntoView {
    let save = ServerAction::<SaveCsObjects>::new();
    let roles = SettingsDraft::new(form.current.clone(), save.value());
    let draft = roles.current;
    let dirty = roles.dirty();
    let field_error = move |field: &'static str| field_message(save.value(), field);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let chosen = roles.take_for_save();
        save.dispatch(SaveCsObjects {
            customer_object_id: chosen.customer_object_id,
            services_object_id: chosen.services_object_id,
            revenue_object_ids: chosen.revenue_object_ids,
        });
    };
    let customer_options = form
        .customer_choices
        .iter()
        .map(|o| {
            let id = o.id;
            view! {
                <option value=id selected=move || draft.with(|d| d.customer_object_id == id)>
                    {o.label.clone()}
                </option>
            }
        })
        .collect_view();
    let services_options = form
        .services_choices
        .iter()
        .map(|o| {
            let id = o.id;
            view! {
                <option value=id selected=move || draft.with(|d| d.services_object_id == Some(id))>
                    {o.label.clone()}
                </option>
            }
        })
        .collect_view();
    let revenue_order: Vec<i64> = form.revenue_choices.iter().map(|o| o.id).collect();
    let revenue_checks = form
        .revenue_choices
        .iter()
        .map(|o| {
            let id = o.id;
            let order = revenue_order.clone();
            view! {
                <label class="check">
                    <input
                        type="checkbox"
                        prop:checked=move || draft.with(|d| d.revenue_object_ids.contains(&id))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            draft.update(|d| {
                                set_chosen(&mut d.revenue_object_ids, id, on);
                                // Listed order, so ticking a box twice changes nothing.
                                d.revenue_object_ids.sort_by_key(|r| order.iter().position(|o| o == r));
                            });
                        }
                    />
                    {o.label.clone()}
                </label>
            }
        })
        .collect_view();
    view! {
        <form class="panel settings-form" on:submit=on_submit>
            <div class="form-field">
                <label for="customers-object">"Customers"</label>
                <select
                    id="customers-object"
                    on:change=move |ev| {
                        if let Ok(id) = event_target_value(&ev).parse() {
                            draft.update(|d| d.customer_object_id = id);
                        }
                    }
                >
                    {customer_options}
                </select>
                <p class="field-hint">"The object that represents customer accounts."</p>
                <FieldError message=field_error("customers")/>
            </div>
            <div class="form-field">
                <label for="services-object">"Services"</label>
                <select
                    id="services-object"
                    on:change=move |ev| {
                        let id = event_target_value(&ev).parse().ok();
                        draft.update(|d| d.services_object_id = id);
                    }
                >
                    <option value="" selected=move || draft.with(|d| d.services_object_id.is_none())>
                        "None (no Services tab)"
                    </option>
                    {services_options}
                </select>
                <p class="field-hint">"The object that represents the services you deliver."</p>
                <FieldError message=field_error("services")/>
            </div>
            <fieldset class="form-field">
                <legend>"Revenue"</legend>
                <div class="check-list">{revenue_checks}</div>
                <p class="field-hint">
                    {format!("Up to {MAX_REVENUE_OBJECTS} objects whose pipelines the Revenue tab shows.")}
                </p>
                <FieldError message=field_error("revenue")/>
            </fieldset>
            <UnsavedChangesGuard dirty/>
            <SaveBar outcome=save.value() saving=save.pending() dirty/>
        </form>
    }
}
