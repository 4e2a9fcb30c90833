//! Saves the General settings tab of a workspace: name, description and teams.

use leptos::prelude::*;

use crate::error::AppError;

#[server(endpoint = "save_workspace_general", output = super::binary_answer::BinaryAnswer)]
pub async fn save_workspace_general(
    workspace_id: i64,
    name: String,
    description: String,
    #[server(default)] team_ids: Vec<i64>,
) -> Result<(), AppError> {
    use crate::{auth, db::workspaces, models::Requirement, state};

    auth::respond(async move {
        let viewer = auth::require(Requirement::ManageSettings).await?;
        workspaces::update_workspace(
            &state::db()?,
            viewer.id,
            workspace_id,
            &name,
            &description,
            Some(&team_ids),
        )
        .await
    })
    .await
}
