//! Deletes a score profile with its scores, history and score properties.

use leptos::prelude::*;

use crate::error::AppError;

#[server(endpoint = "delete_health_profile", output = super::binary_answer::BinaryAnswer)]
pub async fn delete_health_profile(id: i64) -> Result<(), AppError> {
    use crate::{auth, db::health::profiles, models::Requirement, state};

    auth::respond(async move {
        let viewer = auth::require(Requirement::ManageSettings).await?;
        profiles::delete_profile(&state::db()?, viewer.id, id).await
    })
    .await
}
