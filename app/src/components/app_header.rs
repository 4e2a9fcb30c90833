//! The top bar: product name and the workspace tabs.

use leptos::prelude::*;
use leptos_router::components::A;

/// The workspace tabs of SPEC §4, in order: `(label, path)`.
pub const WORKSPACE_TABS: &[(&str, &str)] = &[
    ("Summary", "/summary"),
    ("Customers", "/customers"),
    ("Services", "/services"),
    ("Revenue", "/revenue"),
    ("Tasks", "/tasks"),
    ("Schedule", "/schedule"),
    ("Feed", "/feed"),
];

#[component]
pub fn AppHeader() -> impl IntoView {
    view! {
        <header class="app-header">
            <a class="brand" href="/customers">
                <span class="brand-mark" aria-hidden="true">"◆"</span>
                <span class="brand-name">"Customer Success"</span>
            </a>
            <nav class="workspace-tabs" aria-label="Workspace">
                {WORKSPACE_TABS
                    .iter()
                    .map(|(label, path)| view! { <A href=*path>{*label}</A> })
                    .collect_view()}
            </nav>
        </header>
    }
}
