//! Deletes a task (after the panel's confirmation).

use leptos::prelude::*;

use crate::error::AppError;

#[server(endpoint = "delete_task", output = super::binary_answer::BinaryAnswer)]
pub async fn delete_task(task_id: i64) -> Result<(), AppError> {
    use crate::{auth, db::tasks, models::Requirement, state};

    auth::respond(async move {
        auth::require(Requirement::Workspace).await?;
        tasks::delete_task(&state::db()?, task_id).await
    })
    .await
}
