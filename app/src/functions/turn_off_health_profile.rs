//! Turns a live profile off: it becomes a draft and its records lose their score.

use leptos::prelude::*;

use crate::{error::AppError, models::health_score_view::HealthProfileEditor};

#[server(endpoint = "turn_off_health_profile", output = super::binary_answer::BinaryAnswer)]
pub async fn turn_off_health_profile(
    id: i64,
    version: i64,
) -> Result<HealthProfileEditor, AppError> {
    use crate::{
        auth,
        db::health::{editor, profiles},
        models::Requirement,
        state,
    };

    auth::respond(async move {
        let viewer = auth::require(Requirement::ManageSettings).await?;
        let db = state::db()?;
        profiles::turn_off(&db, viewer.id, id, version).await?;
        editor::profile_editor(&db, id).await
    })
    .await
}
