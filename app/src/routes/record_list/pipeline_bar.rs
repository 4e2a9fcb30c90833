//! Services and Revenue: the Pipeline dropdown (pipelines grouped by object when the tab has
//! several, e.g. deal and ticket pipelines) and the Board / Table switch. Both are links of
//! the URL, so they work without JavaScript too.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::models::{
    pipeline::PipelineBar,
    view::{ListUrl, RecordListView},
    workspace::Layout,
};

#[component]
pub(super) fn PipelineSwitcher(
    list: StoredValue<RecordListView>,
    path: &'static str,
) -> impl IntoView {
    let Some(bar) = list.with_value(|l| l.pipeline.clone()) else {
        return ().into_any();
    };
    let navigate = use_navigate();
    let PipelineBar {
        pipelines,
        pipeline_id,
        layout,
    } = bar;
    let mut objects: Vec<(i64, String)> = Vec::new();
    for p in &pipelines {
        if !objects.iter().any(|(id, _)| *id == p.object_type_id) {
            objects.push((p.object_type_id, p.object_label.clone()));
        }
    }
    let grouped = objects.len() > 1;
    let option = move |p: &crate::models::workspace::PipelineChoice| {
        let label = if grouped {
            format!("{} ({})", p.name, p.object_label)
        } else {
            p.name.clone()
        };
        view! { <option value=p.id selected=p.id == pipeline_id>{label}</option> }
    };
    let options = if grouped {
        objects
            .iter()
            .map(|(object_id, label)| {
                let inside = pipelines
                    .iter()
                    .filter(|p| p.object_type_id == *object_id)
                    .map(option)
                    .collect_view();
                view! { <optgroup label=format!("{label} pipelines")>{inside}</optgroup> }
            })
            .collect_view()
            .into_any()
    } else {
        pipelines.iter().map(option).collect_view().into_any()
    };
    // Another pipeline may list another object, whose views differ: it opens on its default.
    let switch_to = move |id: i64| {
        ListUrl {
            pipeline: Some(id),
            layout: Some(layout),
            page: 1,
            ..ListUrl::default()
        }
        .href(path)
    };
    let layout_link = move |target: Layout| {
        let url = list.with_value(|l| {
            let mut url = l.base_url();
            url.layout = Some(target);
            url.view = Some(l.active);
            if l.has_unsaved_changes() {
                url.state = Some(l.state.clone());
            }
            url.href(path)
        });
        view! {
            <a href=url aria-current=(target == layout).then_some("page")>{target.label()}</a>
        }
    };
    view! {
        <div class="pipeline-bar">
            <label class="toolbar-field">
                "Pipeline"
                <select on:change=move |ev| {
                    if let Ok(id) = event_target_value(&ev).parse::<i64>() {
                        navigate(&switch_to(id), Default::default());
                    }
                }>{options}</select>
            </label>
            <nav class="segmented" aria-label="Layout">
                {layout_link(Layout::Board)}
                {layout_link(Layout::Table)}
            </nav>
        </div>
    }
    .into_any()
}
