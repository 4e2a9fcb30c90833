//! A page of the viewer's health alerts, newest first (older than alert `before` when given),
//! with the unread count. A user only ever reads their own alerts.

use leptos::prelude::*;

use crate::{error::AppError, models::alert::AlertPage};

#[server(endpoint = "list_alerts", output = super::binary_answer::BinaryAnswer)]
pub async fn list_alerts(before: Option<i64>) -> Result<AlertPage, AppError> {
    use crate::{auth, db::alerts, models::Requirement, state};

    auth::respond(async move {
        let viewer = auth::require(Requirement::Workspace).await?;
        alerts::list_alerts(&state::db()?, viewer.id, before, chrono::Utc::now()).await
    })
    .await
}
