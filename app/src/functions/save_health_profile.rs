//! Saves a profile's name, description and definition as its draft (a live profile keeps
//! scoring with what is turned on); refused at the field the editor shows. Answers the profile
//! as saved.

use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::models::health_score::HealthScoreDefinition;
use crate::{error::AppError, models::health_score_view::HealthProfileEditor};

#[server(endpoint = "save_health_profile", output = super::binary_answer::BinaryAnswer)]
pub async fn save_health_profile(
    id: i64,
    version: i64,
    name: String,
    #[server(default)] description: String,
    /// The definition as JSON ([`HealthScoreDefinition`]).
    definition: String,
) -> Result<HealthProfileEditor, AppError> {
    use crate::{
        auth,
        db::health::{editor, profiles},
        models::Requirement,
        state,
    };

    auth::respond(async move {
        let viewer = auth::require(Requirement::ManageSettings).await?;
        let definition: HealthScoreDefinition = serde_json::from_str(&definition)
            .map_err(|_| AppError::invalid("definition", "The score's criteria are malformed"))?;
        if let Some(problem) = definition.draft_problems().into_iter().next() {
            return Err(AppError::invalid(problem.field, problem.message));
        }
        let db = state::db()?;
        editor::check_criteria(&db, id, &definition).await?;
        profiles::save_draft(
            &db,
            viewer.id,
            id,
            version,
            &name,
            &description,
            &definition,
        )
        .await?;
        editor::profile_editor(&db, id).await
    })
    .await
}
