//! Deletes a team.

use leptos::prelude::*;

use crate::error::AppError;

#[server(endpoint = "delete_team", output = super::binary_answer::BinaryAnswer)]
pub async fn delete_team(team_id: i64) -> Result<(), AppError> {
    use crate::{auth, db::users, models::Requirement, state};

    auth::respond(async move {
        auth::require(Requirement::SuperAdmin).await?;
        users::delete_team(&state::db()?, team_id).await
    })
    .await
}
