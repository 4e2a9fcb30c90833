//! The Workspaces settings tab: the main and team workspaces, and every team.

use leptos::prelude::*;

use crate::{error::AppError, models::workspace::WorkspacesOverview};

#[server(endpoint = "list_workspaces", output = super::binary_answer::BinaryAnswer)]
pub async fn list_workspaces() -> Result<WorkspacesOverview, AppError> {
    use crate::{auth, db::workspaces, models::Requirement, state};

    auth::respond(async move {
        auth::require(Requirement::ManageSettings).await?;
        workspaces::workspaces_overview(&state::db()?).await
    })
    .await
}
