//! The Create view dialog: name, sharing (Private, or Everyone with the settings permission),
//! and for Everyone views "Set view as default and feature on the summary page" with a
//! description. Save view stores the list's current columns, filters and sort.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::ListUi;
use crate::{
    components::{
        Dialog,
        field_error::{FieldError, field_message, general_message},
    },
    functions::CreateView,
    models::view::{ListTab, RecordListView, Sharing, href},
};

#[component]
pub(super) fn CreateViewDialog(
    list: StoredValue<RecordListView>,
    tab: ListTab,
    ui: ListUi,
) -> impl IntoView {
    let navigate = use_navigate();
    let create = ServerAction::<CreateView>::new();
    let can_share = list.with_value(|l| l.can_share);
    let name = RwSignal::new(String::new());
    let sharing = RwSignal::new(Sharing::Private);
    let featured = RwSignal::new(false);
    let description = RwSignal::new(String::new());
    let name_message = RwSignal::new(None::<String>);
    let server_name_message = field_message(create.value(), "name");
    let close = Callback::new(move |()| ui.creating_view.set(false));
    Effect::new(move |_| {
        if let Some(Ok(id)) = create.value().get() {
            ui.creating_view.set(false);
            navigate(&href(tab.path(), &format!("view={id}")), Default::default());
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if name.get_untracked().trim().is_empty() {
            name_message.set(Some("Enter a name for the view".into()));
            return;
        }
        let state = list.with_value(|l| serde_json::to_string(&l.state).unwrap_or_default());
        let everyone = sharing.get_untracked() == Sharing::Everyone;
        create.dispatch(CreateView {
            tab,
            name: name.get_untracked(),
            sharing: sharing.get_untracked(),
            featured: everyone && featured.get_untracked(),
            description: description.get_untracked(),
            state,
            pipeline: list.with_value(|l| l.pipeline.as_ref().map(|p| p.pipeline_id)),
        });
    };
    let error = move || general_message(create.value().get().and_then(Result::err));
    view! {
        <Dialog title="Create view" title_id="create-view-title" on_close=close>
            <form class="dialog-form" on:submit=on_submit>
                <div class="form-field">
                    <label for="view-name">"Name"</label>
                    <input
                        id="view-name"
                        autofocus
                        maxlength="100"
                        aria-invalid=move || (name_message.get().is_some() || server_name_message.get().is_some()).to_string()
                        on:input=move |ev| {
                            name.set(event_target_value(&ev));
                            name_message.set(None);
                        }
                    />
                    <FieldError message=Signal::derive(move || name_message.get().or(server_name_message.get()))/>
                </div>
                <fieldset class="form-field">
                    <legend>"Sharing"</legend>
                    <label class="check">
                        <input
                            type="radio"
                            name="sharing"
                            checked=true
                            on:change=move |_| sharing.set(Sharing::Private)
                        />
                        "Private"
                    </label>
                    <label class="check" class:taken=!can_share>
                        <input
                            type="radio"
                            name="sharing"
                            disabled=!can_share
                            aria-describedby="everyone-hint"
                            on:change=move |_| sharing.set(Sharing::Everyone)
                        />
                        "Everyone"
                    </label>
                    <p id="everyone-hint" class="field-hint">
                        {if can_share {
                            "Everyone in every workspace sees views shared with Everyone."
                        } else {
                            "Sharing with Everyone needs the Manage Customer Success Settings permission."
                        }}
                    </p>
                </fieldset>
                <Show when=move || sharing.get() == Sharing::Everyone>
                    <label class="check">
                        <input type="checkbox" on:change=move |ev| featured.set(event_target_checked(&ev))/>
                        "Set view as default and feature on the summary page"
                    </label>
                    <Show when=move || featured.get()>
                        <div class="form-field">
                            <label for="view-description">"Description"</label>
                            <textarea
                                id="view-description"
                                rows="2"
                                maxlength="300"
                                on:input=move |ev| description.set(event_target_value(&ev))
                            ></textarea>
                            <FieldError message=field_message(create.value(), "description")/>
                        </div>
                    </Show>
                </Show>
                {move || error().map(|text| view! { <p class="error-banner" role="alert">{text}</p> })}
                <div class="dialog-actions">
                    <button type="button" class="button" on:click=move |_| close.run(())>"Cancel"</button>
                    <button type="submit" class="button primary" disabled=move || create.pending().get()>
                        "Save view"
                    </button>
                </div>
            </form>
        </Dialog>
    }
}
