//! Turns a profile on (or turns its edits on): refused unless its groups sum to 100; its
//! records are then scored in the background.

use leptos::prelude::*;

use crate::{error::AppError, models::health_score_view::HealthProfileEditor};

#[server(endpoint = "turn_on_health_profile", output = super::binary_answer::BinaryAnswer)]
pub async fn turn_on_health_profile(
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
        let definition = profiles::profile(&db, id).await?.editable_definition()?;
        editor::check_criteria(&db, id, &definition).await?;
        profiles::turn_on(&db, viewer.id, id, version).await?;
        editor::profile_editor(&db, id).await
    })
    .await
}
