//! Saves the Services or Revenue settings tab: shown or not, CSM and date properties,
//! pipelines, default pipeline and default layout.

use leptos::prelude::*;

use crate::{
    error::AppError,
    models::workspace::{Layout, ObjectPropertyChoice, PipelineTab},
};

#[server(endpoint = "save_pipeline_tab_settings", output = super::binary_answer::BinaryAnswer)]
pub async fn save_pipeline_tab_settings(
    workspace_id: i64,
    tab: PipelineTab,
    shown: bool,
    #[server(default)] properties: Vec<ObjectPropertyChoice>,
    #[server(default)] pipeline_ids: Vec<i64>,
    default_pipeline_id: Option<i64>,
    default_layout: Layout,
) -> Result<(), AppError> {
    use crate::{
        auth,
        db::workspaces::{self, PipelineTabForm},
        models::Requirement,
        state,
    };

    auth::respond(async move {
        let viewer = auth::require(Requirement::ManageSettings).await?;
        let form = PipelineTabForm {
            shown,
            properties,
            pipeline_ids,
            default_pipeline_id,
            default_layout,
        };
        workspaces::save_pipeline_tab_settings(&state::db()?, viewer.id, workspace_id, tab, &form)
            .await
    })
    .await
}
