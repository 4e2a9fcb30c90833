//! Every user with permissions and teams, for the Users admin page.

use leptos::prelude::*;

use crate::{error::AppError, models::UserSummary};

#[server(endpoint = "list_users", output = super::binary_answer::BinaryAnswer)]
pub async fn list_users() -> Result<Vec<UserSummary>, AppError> {
    use crate::{auth, db::users, models::Requirement, state};

    auth::respond(async move {
        auth::require(Requirement::SuperAdmin).await?;
        users::list_users(&state::db()?).await
    })
    .await
}
