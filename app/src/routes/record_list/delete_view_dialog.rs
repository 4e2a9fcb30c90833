//! The Delete view dialog: removes a saved view for everyone, then shows the tab's default view.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::{
    components::{Dialog, field_error::general_message},
    functions::DeleteView,
    models::view::{ViewRef, ViewSummary},
};

#[component]
pub(super) fn DeleteViewDialog(
    view: ViewSummary,
    /// Where the list goes once its view is gone: its default view.
    home: String,
    deleting: RwSignal<bool>,
) -> impl IntoView {
    let navigate = use_navigate();
    let delete = ServerAction::<DeleteView>::new();
    let ViewRef::Saved(view_id) = view.view else {
        return ().into_any();
    };
    let close = Callback::new(move |()| deleting.set(false));
    Effect::new(move |_| {
        if let Some(Ok(())) = delete.value().get() {
            deleting.set(false);
            navigate(&home, Default::default());
        }
    });
    let error = move || general_message(delete.value().get().and_then(Result::err));
    view! {
        <Dialog title=format!("Delete {}?", view.name) title_id="delete-view-title" on_close=close>
            <p>"The view is removed for everyone who sees it. The records stay as they are."</p>
            {move || error().map(|text| view! { <p class="error-banner" role="alert">{text}</p> })}
            <div class="dialog-actions">
                <button type="button" class="button" autofocus on:click=move |_| close.run(())>"Cancel"</button>
                <button
                    type="button"
                    class="button danger-solid"
                    disabled=move || delete.pending().get()
                    on:click=move |_| { delete.dispatch(DeleteView { view_id }); }
                >
                    "Delete view"
                </button>
            </div>
        </Dialog>
    }
    .into_any()
}
