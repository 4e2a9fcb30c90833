//! Renames a workspace and sets its description: the inline edit of the workspace list.

use leptos::prelude::*;

use crate::error::AppError;

#[server(endpoint = "update_workspace_details", output = super::binary_answer::BinaryAnswer)]
pub async fn update_workspace_details(
    workspace_id: i64,
    name: String,
    description: String,
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
            None,
        )
        .await
    })
    .await
}
