//! Creates a team.

use leptos::prelude::*;

use crate::error::AppError;

#[server(endpoint = "create_team", output = super::binary_answer::BinaryAnswer)]
pub async fn create_team(name: String) -> Result<i64, AppError> {
    use crate::{auth, db::users, models::Requirement, state};

    auth::respond(async move {
        auth::require(Requirement::SuperAdmin).await?;
        users::create_team(&state::db()?, &name).await
    })
    .await
}
