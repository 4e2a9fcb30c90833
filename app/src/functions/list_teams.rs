//! Every team with its member count, for the admin pages.

use leptos::prelude::*;

use crate::{error::AppError, models::TeamSummary};

#[server(endpoint = "list_teams", output = super::binary_answer::BinaryAnswer)]
pub async fn list_teams() -> Result<Vec<TeamSummary>, AppError> {
    use crate::{auth, db::users, models::Requirement, state};

    auth::respond(async move {
        auth::require(Requirement::SuperAdmin).await?;
        users::list_teams(&state::db()?).await
    })
    .await
}
