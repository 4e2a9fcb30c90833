//! A list tab (Customers, Services, Revenue, Tasks): the views sidebar, quick and advanced
//! filters, column editor, sortable table or pipeline board, paging and the record preview
//! (for tasks, the task panel).
//! The list's state lives in the URL, so every list can be linked, reloaded and read without
//! JavaScript; with it, every change is a client-side navigation.

mod advanced_filters;
mod board;
mod create_task_dialog;
mod create_view_dialog;
mod delete_view_dialog;
mod edit_columns_dialog;
mod lazy_parts;
mod list_body;
mod live_reload;
mod pipeline_bar;
mod quick_filters;
mod rename_view_dialog;
mod view_menu;
mod view_sidebar;

use std::collections::HashMap;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

use crate::{
    components::{ErrorBanner, RequireAccess},
    functions::{binary_answer::load, load_record_list},
    models::{
        Requirement,
        view::{ListPage, ListTab, href, set_query_param},
    },
};
use lazy_parts::{ListPart, list_part};
use list_body::ListBody;

#[cfg(feature = "hydrate")]
pub use lazy_parts::preload_open_parts;

/// What the list page keeps across reloads of its data: open panels and dialogs.
#[derive(Clone, Copy)]
pub(super) struct ListUi {
    pub sidebar_open: RwSignal<bool>,
    pub filters_open: RwSignal<bool>,
    pub creating_view: RwSignal<bool>,
    pub editing_columns: RwSignal<bool>,
    pub creating_task: RwSignal<bool>,
    /// Bumped to list again after a change that the URL does not show (a saved view, an edit).
    pub reload: RwSignal<u32>,
    /// Completion checkboxes saving now, by task, with the state asked for: a box drawn again
    /// meanwhile (the list re-read) shows that state, and background re-reads wait for them.
    pub completing: RwSignal<HashMap<i64, bool>>,
}

#[component]
pub fn RecordListPage(tab: ListTab) -> impl IntoView {
    let location = use_location();
    // The open record is not part of the list: opening one must not list again.
    let list_query = Memo::new(move |_| set_query_param(&location.search.get(), "record", None));
    let ui = ListUi {
        sidebar_open: RwSignal::new(true),
        filters_open: RwSignal::new(false),
        creating_view: RwSignal::new(false),
        editing_columns: RwSignal::new(false),
        creating_task: RwSignal::new(false),
        reload: RwSignal::new(0),
        completing: RwSignal::new(HashMap::new()),
    };
    let list = load(
        move || (list_query.get(), ui.reload.get()),
        move |(query, _)| load_record_list(tab, query),
    );
    live_reload::follow_live_changes(tab, list, list_query, ui);
    // The first click on a record then shows its preview at once (on a 20 Mbit/s link the
    // module's fetch took ~180 ms of that click).
    #[cfg(feature = "hydrate")]
    crate::components::prefetch_when_idle(lazy_parts::preload_list_parts);
    let open_record = Memo::new(move |_| {
        location
            .query
            .with(|q| q.get("record").and_then(|v| v.parse::<i64>().ok()))
    });
    let title = tab.label();
    view! {
        <Title text=title/>
        <RequireAccess requirement=Requirement::Workspace>
            <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || {
                    list.get().map(|result| match result {
                        Ok(ListPage::Ready(list)) => view! { <ListBody list=*list tab title ui/> }.into_any(),
                        Ok(ListPage::Unavailable { title: reason, hint }) => view! {
                            <h1 class="list-title">{title}</h1>
                            <div class="empty-state">
                                <p class="empty-title">{reason}</p>
                                <p>{hint}</p>
                            </div>
                        }
                        .into_any(),
                        Err(error) => view! {
                            <h1 class="list-title">{title}</h1>
                            <ErrorBanner error/>
                            <p><a href=tab.path()>"Back to the default view"</a></p>
                        }
                        .into_any(),
                    })
                }}
            </Transition>
            // Outside the list's transition: listing again (after an edit) keeps the panel.
            {move || open_record.get().map(|record_id| {
                let close = href(tab.path(), &list_query.get_untracked());
                let on_changed = Callback::new(move |()| ui.reload.update(|n| *n += 1));
                if tab == ListTab::Tasks {
                    // The row goes at once. Writing the list also sets aside a read that began
                    // before the delete (a reload in flight), which would draw the row again.
                    let on_deleted = Callback::new(move |task_id: i64| {
                        list.update(|shown| {
                            if let Some(Ok(ListPage::Ready(shown))) = shown {
                                shown.page.rows.retain(|row| row.id != task_id);
                            }
                        });
                        ui.reload.update(|n| *n += 1);
                    });
                    return view! {
                        <div class="preview-drawer" role="complementary" aria-label="Task">
                            {Suspend::new(list_part(ListPart::TaskPanel {
                                task_id: record_id,
                                close_href: close,
                                on_changed,
                                on_deleted,
                            }))}
                        </div>
                    }
                    .into_any();
                }
                view! {
                    <div class="preview-drawer" role="complementary" aria-label="Record preview">
                        {Suspend::new(list_part(ListPart::RecordPreview {
                            record_id,
                            close_href: close,
                            on_changed,
                        }))}
                    </div>
                }
                .into_any()
            })}
        </RequireAccess>
    }
}
