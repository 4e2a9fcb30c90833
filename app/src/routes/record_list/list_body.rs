//! The list itself once loaded: views sidebar, header with the view's actions, filters, the
//! sortable table and the pager.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::{
    ListUi,
    lazy_parts::{BoardPart, ListPart, board_part, list_part},
    pipeline_bar::PipelineSwitcher,
    quick_filters::QuickFilters,
    view_menu::ViewMenu,
    view_sidebar::ViewSidebar,
};
use crate::{
    components::{
        Pager, RecordTable, TaskCheckbox,
        record_table::{LeadingColumn, TableLinks},
    },
    models::view::{ListTab, RecordListView, Sort, href, set_query_param},
};

#[component]
pub(super) fn ListBody(
    list: RecordListView,
    tab: ListTab,
    title: &'static str,
    ui: ListUi,
) -> impl IntoView {
    let path = tab.path();
    let search = use_location().search.get_untracked();
    let list = StoredValue::new(list);
    let links = TableLinks {
        sort: list.with_value(|l| l.state.sort.clone()),
        sort_href: Callback::new(move |(property, descending): (String, bool)| {
            list.with_value(|l| {
                let mut state = l.state.clone();
                state.sort = Some(Sort {
                    property,
                    descending,
                });
                l.href_with(path, state)
            })
        }),
        record_href: Callback::new({
            let search = search.clone();
            move |id: i64| {
                href(
                    path,
                    &set_query_param(&search, "record", Some(&id.to_string())),
                )
            }
        }),
    };
    let pager_base = href(
        path,
        &set_query_param(&set_query_param(&search, "record", None), "page", None),
    );
    let (page, plural, active_name, description) = list.with_value(|l| {
        (
            l.page.clone(),
            l.object_noun.clone(),
            l.views
                .iter()
                .find(|v| v.view == l.active)
                .map(|v| v.name.clone())
                .unwrap_or_default(),
            l.view_description.clone(),
        )
    });
    let filter_count = list.with_value(|l| l.state.filters.condition_count());
    let associated = list.with_value(|l| l.associated.clone());
    let unscoped = href(
        path,
        &set_query_param(&set_query_param(&search, "associated", None), "page", None),
    );
    let empty = if list.with_value(|l| !l.state.is_filtered()) {
        format!("No {plural} in this view yet.")
    } else {
        format!("No {plural} match these filters.")
    };
    let count = page.paging().total_label();
    let body = match list.with_value(|l| l.board.clone()) {
        Some(board) => {
            let query = set_query_param(&search, "record", None);
            Suspend::new(board_part(BoardPart {
                board,
                tab,
                list,
                query,
            }))
            .into_any()
        }
        None => view! {
            <RecordTable page=page.clone() caption=title empty_message=empty links leading=task_checkboxes(tab, list, ui)/>
            <Pager paging=page.paging() base_path=pager_base noun=plural.clone()/>
        }
        .into_any(),
    };
    view! {
        <div class="list-layout" class:sidebar-collapsed=move || !ui.sidebar_open.get()>
            <ViewSidebar views=list.with_value(|l| l.views.clone()) active=list.with_value(|l| l.active) path base=list.with_value(|l| l.base_url()) ui/>
            <section class="list-main" aria-labelledby="list-heading">
                <header class="list-header">
                    <div class="list-heading">
                        <h1 id="list-heading" class="list-title">
                            {title}
                            <span class="list-view-name">{active_name}</span>
                        </h1>
                        {description.map(|text| view! { <p class="tab-subtitle">{text}</p> })}
                        {associated.map(|record| view! {
                            <p class="scope-chip">
                                "Associated with "
                                <a href=format!("/records/{}", record.id)>{record.name.clone()}</a>
                                <a class="chip-remove" href=unscoped.clone() aria-label=format!("Show tasks of every record, not only {}", record.name)>"×"</a>
                            </p>
                        })}
                    </div>
                    <div class="list-actions">
                        <ViewMenu list path ui/>
                        <button type="button" class="button" on:click=move |_| ui.editing_columns.set(true)>
                            "Edit columns"
                        </button>
                        <button type="button" class="button" class:primary=tab != ListTab::Tasks on:click=move |_| ui.creating_view.set(true)>
                            "Create view"
                        </button>
                        {(tab == ListTab::Tasks).then(|| view! {
                            <button type="button" class="button primary" on:click=move |_| ui.creating_task.set(true)>
                                "Create task"
                            </button>
                        })}
                    </div>
                </header>
                <PipelineSwitcher list path/>
                <div class="filter-bar">
                    <QuickFilters list path/>
                    <button
                        type="button"
                        class="button"
                        aria-expanded=move || ui.filters_open.get().to_string()
                        aria-controls="advanced-filters"
                        on:click=move |_| ui.filters_open.update(|open| *open = !*open)
                    >
                        "Advanced filters"
                        {(filter_count > 0).then(|| view! { <span class="count-badge">{format!(" ({filter_count})")}</span> })}
                    </button>
                </div>
                <Show when=move || ui.filters_open.get()>
                    {move || Suspend::new(list_part(ListPart::AdvancedFilters { list, path }))}
                </Show>
                <p class="result-count" role="status">{format!("{count} {plural}")}</p>
                {body}
            </section>
        </div>
        <Show when=move || ui.creating_view.get()>
            {move || Suspend::new(list_part(ListPart::CreateViewDialog { list, tab, ui }))}
        </Show>
        <Show when=move || ui.creating_task.get()>
            {move || {
                let users = list.with_value(|l| l.users.clone());
                Suspend::new(list_part(ListPart::CreateTaskDialog { users, ui }))
            }}
        </Show>
        <Show when=move || ui.editing_columns.get()>
            {move || Suspend::new(list_part(ListPart::EditColumnsDialog { list, path, ui }))}
        </Show>
    }
}

/// The Tasks list's completion checkboxes; a saved change lists again (counts and views).
fn task_checkboxes(
    tab: ListTab,
    list: StoredValue<RecordListView>,
    ui: ListUi,
) -> Option<LeadingColumn> {
    (tab == ListTab::Tasks).then(|| LeadingColumn {
        label: "Complete",
        cell: Callback::new(move |(task_id, title): (i64, String)| {
            let completed = list.with_value(|l| l.completed.contains(&task_id));
            let on_saved = Callback::new(move |_| ui.reload.update(|n| *n += 1));
            view! { <TaskCheckbox task_id title completed on_saved in_flight=ui.completing/> }
                .into_any()
        }),
    })
}
