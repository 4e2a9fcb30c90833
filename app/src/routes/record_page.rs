//! A record on its own page, `/records/<id>`: linkable, with every property.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::{
    components::{RecordPreview, RequireAccess},
    models::Requirement,
};

#[component]
pub fn RecordPage() -> impl IntoView {
    let params = use_params_map();
    let record_id = move || params.read().get("id").and_then(|v| v.parse::<i64>().ok());
    view! {
        <Title text="Record"/>
        <RequireAccess requirement=Requirement::Workspace>
            <div class="record-page">
                <nav class="breadcrumb" aria-label="Breadcrumb">
                    <a href="/customers">"Customers"</a>
                </nav>
                {move || match record_id() {
                    Some(record_id) => view! { <RecordPreview record_id full_page=true/> }.into_any(),
                    None => view! { <p class="error-banner" role="alert">"There is no such record."</p> }.into_any(),
                }}
            </div>
        </RequireAccess>
    }
}
