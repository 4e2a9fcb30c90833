//! One task for its panel, its due time in the viewer's zone.

use leptos::prelude::*;

use crate::{error::AppError, models::task::TaskDetail};

#[server(endpoint = "get_task", output = super::binary_answer::BinaryAnswer)]
pub async fn get_task(task_id: i64) -> Result<TaskDetail, AppError> {
    use crate::{auth, db::tasks, models::Requirement, state};

    auth::respond(async move {
        let viewer = auth::require(Requirement::Workspace).await?;
        tasks::task_detail(&state::db()?, task_id, viewer.time_zone).await
    })
    .await
}
