//! Sets the teams of a user and which one is primary.

use leptos::prelude::*;

use crate::error::AppError;

#[server(endpoint = "set_user_teams")]
pub async fn set_user_teams(
    user_id: i64,
    #[server(default)] team_ids: Vec<i64>,
    primary_team_id: Option<i64>,
) -> Result<(), AppError> {
    use crate::{auth, db::users, models::Requirement, state};

    auth::respond(async move {
        auth::require(Requirement::SuperAdmin).await?;
        users::set_user_teams(&state::db()?, user_id, &team_ids, primary_team_id).await
    })
    .await
}
