//! Settings → Health scores: the score profiles, live and draft, and the create dialog's
//! choices.

use leptos::prelude::*;

use crate::{error::AppError, models::health_score_view::HealthProfileList};

#[server(endpoint = "list_health_profiles", output = super::binary_answer::BinaryAnswer)]
pub async fn list_health_profiles() -> Result<HealthProfileList, AppError> {
    use crate::{auth, db::health::editor, models::Requirement, state};

    auth::respond(async move {
        auth::require(Requirement::ManageSettings).await?;
        editor::profile_list(&state::db()?).await
    })
    .await
}
