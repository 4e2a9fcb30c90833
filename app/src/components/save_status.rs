//! Beside a Save button: "You have unsaved changes", or "Saved" once the last save went through.

use leptos::prelude::*;

#[component]
pub fn SaveStatus(
    #[prop(into)] dirty: Signal<bool>,
    /// Whether the last save succeeded.
    #[prop(into)]
    saved: Signal<bool>,
) -> impl IntoView {
    move || {
        if dirty.get() {
            Some(
                view! { <p class="unsaved-note" role="status">"You have unsaved changes"</p> }
                    .into_any(),
            )
        } else if saved.get() {
            Some(view! { <p class="saved-note" role="status">"Saved"</p> }.into_any())
        } else {
            None
        }
    }
}
