//! Sets a pipeline's rules (block skipping stages, block moving backward); noted in the audit
//! log.

use leptos::prelude::*;

use crate::{error::AppError, models::pipeline::PipelineRules};

#[server(endpoint = "save_pipeline_rules", output = super::binary_answer::BinaryAnswer)]
pub async fn save_pipeline_rules(pipeline_id: i64, rules: PipelineRules) -> Result<(), AppError> {
    use crate::{auth, db::pipelines, models::Requirement, state};

    auth::respond(async move {
        let viewer = auth::require(Requirement::ManageSettings).await?;
        pipelines::save_pipeline_rules(&state::db()?, viewer.id, pipeline_id, rules).await
    })
    .await
}
