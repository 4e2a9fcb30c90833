//! Creates a task from the Tasks tab's form (due time typed in the viewer's zone).

use leptos::prelude::*;

use crate::{error::AppError, models::task::TaskDraft};

#[server(endpoint = "create_task", output = super::binary_answer::BinaryAnswer)]
pub async fn create_task(draft: TaskDraft) -> Result<i64, AppError> {
    use crate::{auth, db::tasks, models::Requirement, state};

    auth::respond(async move {
        let viewer = auth::require(Requirement::Workspace).await?;
        let task = draft
            .check(viewer.time_zone)
            .map_err(|p| AppError::invalid(p.field, p.message))?;
        tasks::create_task(&state::db()?, viewer.id, &task).await
    })
    .await
}
