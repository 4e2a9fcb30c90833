//! Creates a meeting from the Schedule, organised by the viewer; its times are typed in
//! `time_zone` (the calendar's).

use leptos::prelude::*;

use crate::{error::AppError, models::meeting::MeetingDraft};

#[server(endpoint = "create_meeting", output = super::binary_answer::BinaryAnswer)]
pub async fn create_meeting(draft: MeetingDraft, time_zone: String) -> Result<i64, AppError> {
    use crate::{auth, db::meetings, models::Requirement, models::time_zone::ViewerZone, state};

    auth::respond(async move {
        let viewer = auth::require(Requirement::Workspace).await?;
        let zone = ViewerZone::parse(&time_zone)
            .map_err(|message| AppError::invalid("time_zone", message))?;
        let meeting = draft
            .check(zone)
            .map_err(|p| AppError::invalid(p.field, p.message))?;
        meetings::create_meeting(&state::db()?, viewer.id, &meeting).await
    })
    .await
}
