//! Deletes a team workspace; its teams fall back to the main workspace.

use leptos::prelude::*;

use crate::error::AppError;

#[server(endpoint = "delete_workspace", output = super::binary_answer::BinaryAnswer)]
pub async fn delete_workspace(workspace_id: i64) -> Result<(), AppError> {
    use crate::{auth, db::workspaces, models::Requirement, state};

    auth::respond(async move {
        let viewer = auth::require(Requirement::ManageSettings).await?;
        workspaces::delete_workspace(&state::db()?, viewer.id, workspace_id).await
    })
    .await
}
