//! The page of a workspace tab that is not built yet: says so, shows no made-up data.

use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ComingLaterPage(tab: &'static str) -> impl IntoView {
    view! {
        <Title text=tab/>
        <section class="tab-page" aria-labelledby="tab-heading">
            <header class="tab-header">
                <h1 id="tab-heading">{tab}</h1>
            </header>
            <div class="empty-state">
                <p class="empty-title">{format!("The {tab} tab is on its way")}</p>
                <p>"It arrives in a later release of this first cut. Your customers are on the Customers tab."</p>
            </div>
        </section>
    }
}
