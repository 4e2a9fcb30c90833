//! Deletes a notification from the viewer's Feed, for them only. A notification not in their
//! feed (unknown, or of someone else's customer) is "not found"; deleting one twice is fine.

use leptos::prelude::*;

use crate::error::AppError;

#[server(endpoint = "delete_feed_item", output = super::binary_answer::BinaryAnswer)]
pub async fn delete_feed_item(event_id: i64) -> Result<(), AppError> {
    use crate::{auth, db::feed, models::Requirement, state};

    auth::respond(async move {
        let viewer = auth::require(Requirement::Workspace).await?;
        feed::dismiss(&state::db()?, &viewer, event_id, chrono::Utc::now()).await
    })
    .await
}
