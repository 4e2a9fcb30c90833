//! Completes or reopens a task (the checkbox of the Tasks list and the Schedule's
//! **Mark complete**).

use leptos::prelude::*;

use crate::error::AppError;

/// Returns the task's new version.
#[server(endpoint = "set_task_completed", output = super::binary_answer::BinaryAnswer)]
pub async fn set_task_completed(task_id: i64, completed: bool) -> Result<i64, AppError> {
    use crate::{auth, db::tasks, models::Requirement, state};

    auth::respond(async move {
        auth::require(Requirement::Workspace).await?;
        tasks::set_task_completed(&state::db()?, task_id, completed).await
    })
    .await
}
