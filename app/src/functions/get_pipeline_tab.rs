//! The Services or Revenue tab of the viewer's workspace: one of its pipelines (the default one
//! unless another is asked for) as a board or a table (the default layout unless asked).

use leptos::prelude::*;

use crate::{
    error::AppError,
    models::{
        PipelineTabView,
        workspace::{Layout, PipelineTab},
    },
};

/// Rows per page of the table layout.
pub const PIPELINE_TABLE_PAGE_SIZE: u32 = 50;

#[server(endpoint = "get_pipeline_tab")]
pub async fn get_pipeline_tab(
    tab: PipelineTab,
    pipeline_id: Option<i64>,
    layout: Option<Layout>,
    page: u32,
) -> Result<PipelineTabView, AppError> {
    use crate::{
        auth,
        db::{
            pipelines,
            query::{ListSpec, QueryContext, Scope, list_page},
            schema, workspaces,
        },
        models::{PropertyType, Requirement, pipeline::BOARD_CARDS_PER_STAGE},
    };

    auth::respond(async move {
        let viewer = auth::require(Requirement::Workspace).await?;
        let db = crate::state::db()?;
        let settings = workspaces::pipeline_tab(&db, viewer.workspace.id, tab).await?;
        if !settings.shown {
            return Ok(PipelineTabView::Hidden);
        }
        if settings.objects.is_empty() {
            return Ok(PipelineTabView::NotConfigured {
                message: format!(
                    "No object is set to represent {}. An admin can choose one in Settings → Objects.",
                    tab.label().to_lowercase()
                ),
            });
        }
        let shown: Vec<_> = settings
            .pipelines
            .iter()
            .filter(|p| settings.shown_pipeline_ids.contains(&p.id))
            .cloned()
            .collect();
        let Some(first) = shown.first() else {
            return Ok(PipelineTabView::NotConfigured {
                message: "There are no pipelines to show yet.".into(),
            });
        };
        let chosen = pipeline_id
            .and_then(|id| shown.iter().find(|p| p.id == id))
            .or_else(|| {
                settings
                    .default_pipeline_id
                    .and_then(|id| shown.iter().find(|p| p.id == id))
            })
            .unwrap_or(first)
            .clone();
        let layout = layout.unwrap_or(settings.default_layout);
        let object = schema::object_type_by_id(&db, chosen.object_type_id).await?;
        let properties = schema::properties(&db, object.id).await?;
        let pipeline = pipelines::pipelines(&db, object.id)
            .await?
            .into_iter()
            .find(|p| p.id == chosen.id)
            .ok_or_else(|| AppError::not_found("The pipeline"))?;
        let name = properties
            .iter()
            .find(|p| p.name == "name" && p.property_type == PropertyType::Text);
        let amount = properties
            .iter()
            .find(|p| p.property_type == PropertyType::Currency);
        let object_settings = settings.objects.iter().find(|o| o.object.id == object.id);
        let (columns, table) = match layout {
            Layout::Board => (
                pipelines::board(&db, &object, &pipeline, name, amount, BOARD_CARDS_PER_STAGE)
                    .await?,
                None,
            ),
            Layout::Table => {
                let by_id = |id: Option<i64>| {
                    id.and_then(|id| properties.iter().find(|p| p.id == id))
                        .map(|p| p.name.clone())
                };
                let mut names: Vec<String> = Vec::new();
                for column in [
                    name.map(|p| p.name.clone()),
                    amount.map(|p| p.name.clone()),
                    by_id(object_settings.and_then(|o| o.csm_property_id)),
                    by_id(object_settings.and_then(|o| o.date_property_id)),
                ]
                .into_iter()
                .flatten()
                {
                    if !names.contains(&column) {
                        names.push(column);
                    }
                }
                if names.is_empty() {
                    names.extend(properties.iter().take(4).map(|p| p.name.clone()));
                }
                let sort = crate::models::view::Sort {
                    property: names[0].clone(),
                    descending: false,
                };
                let spec = ListSpec {
                    columns: &names,
                    sort: Some(&sort),
                    scopes: &[Scope::InPipeline(pipeline.id)],
                    filters: &Default::default(),
                    page,
                    page_size: PIPELINE_TABLE_PAGE_SIZE,
                };
                let cx = QueryContext {
                    viewer_id: viewer.id,
                    today: chrono::Utc::now().date_naive(),
                };
                let object_schema = db.schema().await?.object(object.id)?.clone();
                let mut records = list_page(&db, &object_schema, &spec, &cx).await?;
                records.stages = pipeline
                    .stages
                    .iter()
                    .map(|s| (s.id, s.name.clone()))
                    .collect();
                (vec![], Some(records))
            }
        };
        Ok(PipelineTabView::Pipeline {
            pipelines: shown,
            pipeline_id: pipeline.id,
            layout,
            amount_label: amount.map(|p| p.label.clone()),
            columns,
            table,
        })
    })
    .await
}
