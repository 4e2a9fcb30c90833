//! **Start meeting**: records that the organiser started it and answers its link to open.

use leptos::prelude::*;

use crate::error::AppError;

#[server(endpoint = "start_meeting", output = super::binary_answer::BinaryAnswer)]
pub async fn start_meeting(meeting_id: i64) -> Result<Option<String>, AppError> {
    use crate::{auth, db::meetings, models::Requirement, state};

    auth::respond(async move {
        let viewer = auth::require(Requirement::Workspace).await?;
        meetings::start_meeting(&state::db()?, viewer.id, meeting_id).await
    })
    .await
}
