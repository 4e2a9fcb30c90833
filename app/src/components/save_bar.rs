//! The foot of a settings form: the error that is not about one field, the Save button (disabled
//! while saving), and "You have unsaved changes" or, once the last save went through, "Saved".

use leptos::prelude::*;

use super::{field_error::general_message, settings_draft::SaveOutcome};

#[component]
pub fn SaveBar(
    outcome: SaveOutcome,
    #[prop(into)] saving: Signal<bool>,
    #[prop(into)] dirty: Signal<bool>,
) -> impl IntoView {
    let status = move || {
        if dirty.get() {
            Some(
                view! { <p class="unsaved-note" role="status">"You have unsaved changes"</p> }
                    .into_any(),
            )
        } else if matches!(outcome.get(), Some(Ok(()))) {
            Some(view! { <p class="saved-note" role="status">"Saved"</p> }.into_any())
        } else {
            None
        }
    };
    view! {
        {move || {
            general_message(outcome.get().and_then(Result::err))
                .map(|text| view! { <p class="error-banner" role="alert">{text}</p> })
        }}
        <div class="form-actions">
            <button type="submit" class="button primary" disabled=move || saving.get()>"Save"</button>
            {status}
        </div>
    }
}
