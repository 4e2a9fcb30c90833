//! Marks one of the viewer's alerts read; another user's alert is "not found".

use leptos::prelude::*;

use crate::error::AppError;

#[server(endpoint = "mark_alert_read", output = super::binary_answer::BinaryAnswer)]
pub async fn mark_alert_read(alert_id: i64) -> Result<(), AppError> {
    use crate::{auth, db::alerts, models::Requirement, state};

    auth::respond(async move {
        let viewer = auth::require(Requirement::Workspace).await?;
        alerts::mark_read(&state::db()?, viewer.id, alert_id, chrono::Utc::now()).await
    })
    .await
}
