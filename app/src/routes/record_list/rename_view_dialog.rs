//! The Rename view dialog: a saved view's name; its sharing, featuring and description stay.

use leptos::prelude::*;

use super::ListUi;
use crate::{
    components::{
        Dialog,
        field_error::{FieldError, field_message, general_message},
    },
    functions::UpdateView,
    models::view::{Sharing, ViewRef, ViewSummary},
};

#[component]
pub(super) fn RenameViewDialog(
    view: ViewSummary,
    renaming: RwSignal<bool>,
    ui: ListUi,
) -> impl IntoView {
    let update = ServerAction::<UpdateView>::new();
    let ViewRef::Saved(view_id) = view.view else {
        return ().into_any();
    };
    let name = RwSignal::new(view.name.clone());
    let close = Callback::new(move |()| renaming.set(false));
    Effect::new(move |_| {
        if let Some(Ok(())) = update.value().get() {
            renaming.set(false);
            ui.reload.update(|n| *n += 1);
        }
    });
    let sharing = view.sharing.unwrap_or(Sharing::Private);
    let (featured, description) = (view.featured, view.description.clone());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        update.dispatch(UpdateView {
            view_id,
            name: name.get_untracked(),
            sharing,
            featured,
            description: description.clone(),
        });
    };
    let error = move || general_message(update.value().get().and_then(Result::err));
    view! {
        <Dialog title="Rename view" title_id="rename-view-title" on_close=close>
            <form class="dialog-form" on:submit=on_submit>
                <div class="form-field">
                    <label for="rename-view-name">"Name"</label>
                    <input
                        id="rename-view-name"
                        autofocus
                        prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev))
                    />
                    <FieldError message=field_message(update.value(), "name")/>
                </div>
                {move || error().map(|text| view! { <p class="error-banner" role="alert">{text}</p> })}
                <div class="dialog-actions">
                    <button type="button" class="button" on:click=move |_| close.run(())>"Cancel"</button>
                    <button type="submit" class="button primary">"Rename"</button>
                </div>
            </form>
        </Dialog>
    }
    .into_any()
}
