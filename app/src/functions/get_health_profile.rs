//! One score profile in its editor.

use leptos::prelude::*;

use crate::{error::AppError, models::health_score_view::HealthProfileEditor};

#[server(endpoint = "get_health_profile", output = super::binary_answer::BinaryAnswer)]
pub async fn get_health_profile(id: i64) -> Result<HealthProfileEditor, AppError> {
    use crate::{auth, db::health::editor, models::Requirement, state};

    auth::respond(async move {
        auth::require(Requirement::ManageSettings).await?;
        editor::profile_editor(&state::db()?, id).await
    })
    .await
}
