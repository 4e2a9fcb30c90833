//! The page for paths that match no route; answers 404 on the server.

use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text="Page not found"/>
        <section class="tab-page">
            <div class="empty-state">
                <h1 class="empty-title">"Page not found"</h1>
                <p>"There is nothing at this address. "<a href="/customers">"Go to your customers"</a></p>
            </div>
        </section>
    }
}
