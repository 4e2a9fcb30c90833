//! Renames a team.

use leptos::prelude::*;

use crate::error::AppError;

#[server(endpoint = "rename_team", output = super::binary_answer::BinaryAnswer)]
pub async fn rename_team(team_id: i64, name: String) -> Result<(), AppError> {
    use crate::{auth, db::users, models::Requirement, state};

    auth::respond(async move {
        auth::require(Requirement::SuperAdmin).await?;
        users::rename_team(&state::db()?, team_id, &name).await
    })
    .await
}
