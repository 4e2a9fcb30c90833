//! The Services and Revenue tabs: the records of one pipeline of the viewer's workspace, as a
//! board of stages or as a table. They open on the workspace's default pipeline and layout; the
//! pipeline dropdown and the Board / Table switch change the URL, so every view can be linked.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::{
    components::{ErrorBanner, Pager, RecordTable, RequireAccess, pager::parse_page},
    functions::get_pipeline_tab,
    models::{
        BoardColumn, PipelineTabView, Requirement,
        property::format_money,
        workspace::{Layout, PipelineTab},
    },
};

/// The URL of a tab showing `pipeline_id` in `layout`.
fn tab_url(tab: PipelineTab, pipeline_id: i64, layout: Layout) -> String {
    format!(
        "/{}?pipeline={pipeline_id}&layout={}",
        tab.as_str(),
        layout.as_str()
    )
}

#[component]
pub fn PipelineTabPage(tab: PipelineTab) -> impl IntoView {
    let query = use_query_map();
    let request = move || {
        let query = query.read();
        (
            query.get("pipeline").and_then(|p| p.parse::<i64>().ok()),
            query.get("layout").as_deref().and_then(Layout::parse),
            parse_page(query.get("page").as_deref()),
        )
    };
    let view_data = Resource::new(request, move |(pipeline, layout, page)| {
        get_pipeline_tab(tab, pipeline, layout, page)
    });
    let heading_id = match tab {
        PipelineTab::Services => "services-heading",
        PipelineTab::Revenue => "revenue-heading",
    };
    view! {
        <Title text=tab.label()/>
        <RequireAccess requirement=Requirement::Workspace>
            <section class="tab-page" aria-labelledby=heading_id>
                <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                    {move || view_data.get().map(|result| match result {
                        Ok(data) => view! { <PipelineTabContent tab data heading_id/> }.into_any(),
                        Err(error) => view! { <ErrorBanner error/> }.into_any(),
                    })}
                </Transition>
            </section>
        </RequireAccess>
    }
}

#[component]
fn PipelineTabContent(
    tab: PipelineTab,
    data: PipelineTabView,
    heading_id: &'static str,
) -> impl IntoView {
    let heading = view! { <h1 id=heading_id>{tab.label()}</h1> };
    match data {
        PipelineTabView::Hidden => view! {
            <header class="tab-header">{heading}</header>
            <div class="empty-state">
                <p class="empty-title">{format!("The {} tab is turned off for your workspace", tab.label())}</p>
                <p>"An admin can turn it on in the workspace settings."</p>
            </div>
        }
        .into_any(),
        PipelineTabView::NotConfigured { message } => view! {
            <header class="tab-header">{heading}</header>
            <div class="empty-state"><p>{message}</p></div>
        }
        .into_any(),
        PipelineTabView::Pipeline { pipelines, pipeline_id, layout, amount_label, columns, table } => {
            let navigate = use_navigate();
            let options = pipelines
                .iter()
                .map(|p| {
                    let label = if pipelines.iter().any(|o| o.object_type_id != p.object_type_id) {
                        format!("{} ({})", p.name, p.object_label)
                    } else {
                        p.name.clone()
                    };
                    view! { <option value=p.id selected=p.id == pipeline_id>{label}</option> }
                })
                .collect_view();
            let layout_link = move |target: Layout| {
                view! {
                    <a
                        href=tab_url(tab, pipeline_id, target)
                        aria-current=(target == layout).then_some("page")
                    >
                        {target.label()}
                    </a>
                }
            };
            let body = match table {
                Some(page) => {
                    let base = tab_url(tab, pipeline_id, Layout::Table);
                    view! {
                        <RecordTable page=page.clone() caption=tab.label() empty_message="No records in this pipeline yet."/>
                        <Pager paging=page.paging() base_path=base noun="records"/>
                    }
                    .into_any()
                }
                None => view! { <Board columns amount_label/> }.into_any(),
            };
            view! {
                <header class="tab-header tab-toolbar">
                    {heading}
                    <label class="toolbar-field">
                        "Pipeline"
                        <select on:change=move |ev| {
                            if let Ok(id) = event_target_value(&ev).parse::<i64>() {
                                navigate(&tab_url(tab, id, layout), Default::default());
                            }
                        }>{options}</select>
                    </label>
                    <nav class="segmented" aria-label="Layout">
                        {layout_link(Layout::Board)}
                        {layout_link(Layout::Table)}
                    </nav>
                </header>
                {body}
            }
            .into_any()
        }
    }
}

#[component]
fn Board(columns: Vec<BoardColumn>, amount_label: Option<String>) -> impl IntoView {
    let stages = columns
        .into_iter()
        .map(|column| {
            let heading_id = format!("stage-{}", column.stage_id);
            let labelled_by = heading_id.clone();
            let totals = match (&amount_label, column.total_cents) {
                (Some(label), Some(total)) => {
                    format!("{} · {label} {}", records(column.count), format_money(total))
                }
                _ => records(column.count),
            };
            let more = (column.count > column.cards.len() as u64).then(|| {
                view! {
                    <p class="board-more">
                        {format!("Showing the newest {} of {}", column.cards.len(), column.count)}
                    </p>
                }
            });
            let cards = column
                .cards
                .into_iter()
                .map(|card| {
                    view! {
                        <li class="board-card" data-record-id=card.id>
                            <span class="board-card-name">{card.name.unwrap_or_else(|| "Untitled".into())}</span>
                            {card.amount_cents.map(|a| view! { <span class="board-card-amount">{format_money(a)}</span> })}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="board-column" aria-labelledby=labelled_by>
                    <header class="board-column-header">
                        <h2 id=heading_id>{column.name}</h2>
                        <p class="board-totals">{totals}</p>
                    </header>
                    <ul class="board-cards">{cards}</ul>
                    {more}
                </section>
            }
        })
        .collect_view();
    view! { <div class="board">{stages}</div> }
}

fn records(count: u64) -> String {
    if count == 1 {
        "1 record".into()
    } else {
        format!("{count} records")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_urls_name_the_pipeline_and_layout() {
        assert_eq!(
            tab_url(PipelineTab::Revenue, 4, Layout::Table),
            "/revenue?pipeline=4&layout=table"
        );
        assert_eq!(records(1), "1 record");
        assert_eq!(records(0), "0 records");
    }
}
