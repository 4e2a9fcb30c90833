//! A record's health cards: its score under each live profile, explained criterion by
//! criterion, with its changes and history.

use leptos::prelude::*;

use crate::{error::AppError, models::health_score_view::HealthScoreCard};

#[server(endpoint = "get_health_scores", output = super::binary_answer::BinaryAnswer)]
pub async fn get_health_scores(record_id: i64) -> Result<Vec<HealthScoreCard>, AppError> {
    use crate::{
        auth,
        db::{health::card, record_detail},
        models::Requirement,
        state,
    };

    auth::respond(async move {
        let viewer = auth::require(Requirement::Workspace).await?;
        let db = state::db()?;
        let schema = db.schema().await?;
        let object = record_detail::record_object(&db, &schema, record_id).await?;
        card::health_cards(&db, record_id, object.object.id, viewer.time_zone).await
    })
    .await
}
