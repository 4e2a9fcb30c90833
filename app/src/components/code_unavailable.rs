//! What stands in for a lazily loaded page or part whose code could not be fetched (offline,
//! or a client older than the server's): a message, not a crash; the next use tries again.

use leptos::prelude::*;
use wasm_split_helpers::SplitLoaderError;

#[component]
pub fn CodeUnavailable() -> impl IntoView {
    view! {
        <div class="error-banner" role="alert">
            "This part of the page could not be loaded. Check your connection and try again."
        </div>
    }
}

/// What a fallible split function drew, or [`CodeUnavailable`] where its code could not be
/// fetched.
pub fn loaded_or_unavailable(loaded: Result<AnyView, SplitLoaderError>) -> AnyView {
    loaded.unwrap_or_else(|_| view! { <CodeUnavailable/> }.into_any())
}
