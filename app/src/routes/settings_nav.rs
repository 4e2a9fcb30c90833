//! Links between the settings pages (the gear in the top bar leads here).

use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn SettingsNav() -> impl IntoView {
    view! {
        <nav class="sub-tabs" aria-label="Settings">
            <A href="/settings/objects">"Objects"</A>
            <A href="/settings/workspaces">"Workspaces"</A>
            <A href="/settings/health-scores">"Health scores"</A>
        </nav>
    }
}
