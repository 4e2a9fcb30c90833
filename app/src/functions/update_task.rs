//! Saves a task edited in its panel, refused if it changed since the panel read it.

use leptos::prelude::*;

use crate::{error::AppError, models::task::TaskDraft};

/// Returns the task's new version.
#[server(endpoint = "update_task", output = super::binary_answer::BinaryAnswer)]
pub async fn update_task(task_id: i64, version: i64, draft: TaskDraft) -> Result<i64, AppError> {
    use crate::{auth, db::tasks, models::Requirement, state};

    auth::respond(async move {
        let viewer = auth::require(Requirement::Workspace).await?;
        let task = draft
            .check(viewer.time_zone)
            .map_err(|p| AppError::invalid(p.field, p.message))?;
        tasks::update_task(&state::db()?, task_id, version, &task).await
    })
    .await
}
