//! What stands in for a lazily loaded page or part whose code could not be fetched (offline,
//! or a client older than the server's): a message, not a crash; the next use tries again.

use leptos::prelude::*;

#[component]
pub fn CodeUnavailable() -> impl IntoView {
    view! {
        <div class="error-banner" role="alert">
            "This part of the page could not be loaded. Check your connection and try again."
        </div>
    }
}
