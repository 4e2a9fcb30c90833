//! Links between the admin pages.

use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn AdminNav() -> impl IntoView {
    view! {
        <nav class="sub-tabs" aria-label="Administration">
            <A href="/admin/users">"Users"</A>
            <A href="/admin/teams">"Teams"</A>
            <A href="/admin/audit-log">"Audit log"</A>
        </nav>
    }
}
