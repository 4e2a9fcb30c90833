//! The collapsible left sidebar of views: the default first, then the built-in ones, then the
//! viewer's own and those shared with Everyone. Each is a link, so views work without
//! JavaScript (the router turns their clicks into client-side navigations). Plain links: the
//! router's own link marks every link to this path as current, whatever its query.

use leptos::prelude::*;

use super::ListUi;
use crate::models::view::{ListUrl, Sharing, ViewRef, ViewSummary};

#[component]
pub(super) fn ViewSidebar(
    views: Vec<ViewSummary>,
    active: ViewRef,
    path: &'static str,
    /// The list's URL without a view: the pipeline and layout, which views keep.
    base: ListUrl,
    ui: ListUi,
) -> impl IntoView {
    let items = views
        .into_iter()
        .enumerate()
        .map(|(i, view)| {
            let link = ListUrl {
                view: Some(view.view),
                ..base.clone()
            }
            .href(path);
            let current = view.view == active;
            let badge = match (view.featured, view.sharing) {
                (true, _) => Some("Default"),
                (false, Some(Sharing::Everyone)) => Some("Everyone"),
                (false, Some(Sharing::Private)) => Some("Private"),
                (false, None) => None,
            };
            let title = match (&view.owner_name, view.sharing) {
                (Some(owner), Some(Sharing::Everyone)) => {
                    format!("Shared with everyone by {owner}")
                }
                _ => String::new(),
            };
            view! {
                <li class:first-view=i == 0>
                    <a href=link aria-current=current.then_some("page") title=title>
                        <span class="view-name">{view.name}</span>
                        {badge.map(|b| view! { <span class="view-badge">{b}</span> })}
                        {view.count.map(|n| view! { <span class="view-count">{n.to_string()}</span> })}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <aside class="view-sidebar" aria-label="Views">
            <button
                type="button"
                class="sidebar-toggle"
                aria-expanded=move || ui.sidebar_open.get().to_string()
                aria-controls="view-list"
                on:click=move |_| ui.sidebar_open.update(|open| *open = !*open)
            >
                {move || if ui.sidebar_open.get() { "Hide views" } else { "Show views" }}
            </button>
            <nav id="view-list" aria-label="Saved views" hidden=move || !ui.sidebar_open.get()>
                <ul class="view-list">{items}</ul>
            </nav>
        </aside>
    }
}
