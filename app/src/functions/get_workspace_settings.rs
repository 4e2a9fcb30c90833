//! Everything the settings page of one workspace edits, defaults filled in.

use leptos::prelude::*;

use crate::{error::AppError, models::workspace::WorkspaceSettings};

#[server(endpoint = "get_workspace_settings", output = super::binary_answer::BinaryAnswer)]
pub async fn get_workspace_settings(workspace_id: i64) -> Result<WorkspaceSettings, AppError> {
    use crate::{auth, db::workspaces, models::Requirement, state};

    auth::respond(async move {
        auth::require(Requirement::ManageSettings).await?;
        workspaces::workspace_settings(&state::db()?, workspace_id).await
    })
    .await
}
