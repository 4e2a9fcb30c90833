//! The number on the alert bell: the viewer's unread, unexpired alerts.

use leptos::prelude::*;

use crate::error::AppError;

#[server(endpoint = "count_unread_alerts", output = super::binary_answer::BinaryAnswer)]
pub async fn count_unread_alerts() -> Result<u64, AppError> {
    use crate::{auth, db::alerts, models::Requirement, state};

    auth::respond(async move {
        let viewer = auth::require(Requirement::Workspace).await?;
        alerts::unread_count(&state::db()?, viewer.id, chrono::Utc::now()).await
    })
    .await
}
