//! A visible, announced error message; never a stack trace.

use leptos::prelude::*;

use crate::error::AppError;

#[component]
pub fn ErrorBanner(error: AppError) -> impl IntoView {
    view! {
        <div class="error-banner" role="alert">
            {error.to_string()}
        </div>
    }
}
