//! Marks every alert of the viewer read.

use leptos::prelude::*;

use crate::error::AppError;

#[server(endpoint = "mark_all_alerts_read", output = super::binary_answer::BinaryAnswer)]
pub async fn mark_all_alerts_read() -> Result<(), AppError> {
    use crate::{auth, db::alerts, models::Requirement, state};

    auth::respond(async move {
        let viewer = auth::require(Requirement::Workspace).await?;
        alerts::mark_all_read(&state::db()?, viewer.id, chrono::Utc::now()).await
    })
    .await
}
