//! Creates a draft score profile for the customer object, from the predefined groups or from
//! scratch, optionally limited to segments; answers its id.

use leptos::prelude::*;

use crate::{error::AppError, models::health_score_view::ProfileStart};

#[server(endpoint = "create_health_profile", output = super::binary_answer::BinaryAnswer)]
pub async fn create_health_profile(
    name: String,
    #[server(default)] description: String,
    #[server(default)] segments: Vec<i64>,
    start: ProfileStart,
) -> Result<i64, AppError> {
    use crate::{auth, db::health::profiles, models::Requirement, state};

    auth::respond(async move {
        let viewer = auth::require(Requirement::ManageSettings).await?;
        profiles::create_profile(
            &state::db()?,
            viewer.id,
            &name,
            &description,
            segments,
            start,
        )
        .await
    })
    .await
}
