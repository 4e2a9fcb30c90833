//! The settings of one workspace, in four tabs: General, Customers, Services and Revenue. Each
//! tab keeps its draft while you switch between them and saves on its own; a tab with unsaved
//! changes is marked, and leaving the page asks first.

mod customers_panel;
mod general_panel;
mod pipeline_rules;
mod pipeline_tab_panel;
mod property_select;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::A, hooks::use_params_map};

use self::{
    customers_panel::CustomersPanel, general_panel::GeneralPanel,
    pipeline_tab_panel::PipelineTabPanel,
};
use crate::{
    components::{ErrorBanner, RequireAccess, UnsavedChangesGuard},
    functions::{binary_answer::load, get_workspace_settings},
    models::{
        Requirement,
        workspace::{PipelineTab, WorkspaceSettings},
    },
};

const TABS: [&str; 4] = ["General", "Customers", "Services", "Revenue"];

#[component]
pub fn WorkspaceSettingsPage() -> impl IntoView {
    let params = use_params_map();
    let workspace_id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i64>().ok())
    };
    let settings = load(workspace_id, |id| async move {
        match id {
            Some(id) => get_workspace_settings(id).await,
            None => Err(crate::error::AppError::not_found("The workspace")),
        }
    });
    view! {
        <Title text="Workspace settings"/>
        <RequireAccess requirement=Requirement::ManageSettings>
            <section class="tab-page" aria-labelledby="workspace-settings-heading">
                <A href="/settings/workspaces" attr:class="back-link">"← All workspaces"</A>
                <Transition fallback=|| view! { <p class="loading">"Loading settings…"</p> }>
                    {move || settings.get().map(|result| match result {
                        Ok(settings) => view! { <SettingsTabs settings/> }.into_any(),
                        Err(error) => view! { <ErrorBanner error/> }.into_any(),
                    })}
                </Transition>
            </section>
        </RequireAccess>
    }
}

/// Moves keyboard focus to the tab at `index`.
fn focus_tab(index: usize) {
    use leptos::wasm_bindgen::JsCast;
    if let Some(tab) = document()
        .get_element_by_id(&format!("settings-tab-{index}"))
        .and_then(|element| element.dyn_into::<leptos::web_sys::HtmlElement>().ok())
    {
        let _ = tab.focus();
    }
}

#[component]
fn SettingsTabs(settings: WorkspaceSettings) -> impl IntoView {
    let selected = RwSignal::new(0usize);
    let dirty: [RwSignal<bool>; 4] = std::array::from_fn(|_| RwSignal::new(false));
    let any_dirty = Signal::derive(move || dirty.iter().any(|d| d.get()));
    let title = settings.workspace.name.clone();
    let tabs = TABS
        .iter()
        .enumerate()
        .map(|(i, label)| {
            view! {
                <button
                    type="button"
                    role="tab"
                    id=format!("settings-tab-{i}")
                    aria-controls=format!("settings-panel-{i}")
                    aria-selected=move || (selected.get() == i).to_string()
                    tabindex=move || if selected.get() == i { "0" } else { "-1" }
                    on:click=move |_| selected.set(i)
                >
                    {*label}
                    {move || dirty[i].get().then(|| view! {
                        <span class="unsaved-dot" title="Unsaved changes">"●"<span class="visually-hidden">" (unsaved)"</span></span>
                    })}
                </button>
            }
        })
        .collect_view();
    let panel = move |i: usize, content: AnyView| {
        view! {
            <div
                role="tabpanel"
                id=format!("settings-panel-{i}")
                aria-labelledby=format!("settings-tab-{i}")
                hidden=move || selected.get() != i
            >
                {content}
            </div>
        }
    };
    view! {
        <header class="tab-header">
            <h1 id="workspace-settings-heading">{title}</h1>
            <p class="tab-subtitle">
                {if settings.workspace.is_main {
                    "The main workspace: for everyone whose primary team has no workspace of its own."
                } else {
                    "A team workspace: for users whose primary team is assigned to it."
                }}
            </p>
        </header>
        <UnsavedChangesGuard dirty=any_dirty/>
        <div
            class="settings-tabs"
            role="tablist"
            aria-label="Workspace settings"
            on:keydown=move |ev| {
                // Arrow keys move between tabs, as in any tab list.
                let step = match ev.key().as_str() {
                    "ArrowRight" => 1,
                    "ArrowLeft" => TABS.len() - 1,
                    _ => return,
                };
                ev.prevent_default();
                let next = (selected.get_untracked() + step) % TABS.len();
                selected.set(next);
                focus_tab(next);
            }
        >
            {tabs}
        </div>
        {panel(0, view! { <GeneralPanel settings=settings.clone() dirty=dirty[0]/> }.into_any())}
        {panel(1, view! { <CustomersPanel workspace_id=settings.workspace.id customers=settings.customers.clone() dirty=dirty[1]/> }.into_any())}
        {panel(2, view! { <PipelineTabPanel workspace_id=settings.workspace.id tab=PipelineTab::Services settings=settings.services.clone() dirty=dirty[2]/> }.into_any())}
        {panel(3, view! { <PipelineTabPanel workspace_id=settings.workspace.id tab=PipelineTab::Revenue settings=settings.revenue.clone() dirty=dirty[3]/> }.into_any())}
    }
}
