//! Creates a team workspace (at most five) with its teams.

use leptos::prelude::*;

use crate::error::AppError;

#[server(endpoint = "create_workspace", output = super::binary_answer::BinaryAnswer)]
pub async fn create_workspace(
    name: String,
    description: String,
    #[server(default)] team_ids: Vec<i64>,
) -> Result<i64, AppError> {
    use crate::{auth, db::workspaces, models::Requirement, state};

    auth::respond(async move {
        let viewer = auth::require(Requirement::ManageSettings).await?;
        workspaces::create_workspace(&state::db()?, viewer.id, &name, &description, &team_ids).await
    })
    .await
}
