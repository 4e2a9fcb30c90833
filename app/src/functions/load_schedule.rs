//! The Schedule tab's calendar as its URL asks for it (`?mode=&date=&tz=&weekends=`), of the
//! viewer's own tasks and meetings.

use leptos::prelude::*;

use crate::{error::AppError, models::schedule::ScheduleView};

#[server(endpoint = "load_schedule", output = super::binary_answer::BinaryAnswer)]
pub async fn load_schedule(query: String) -> Result<ScheduleView, AppError> {
    use crate::{auth, db::schedule, models::Requirement, models::schedule::ScheduleUrl, state};

    auth::respond(async move {
        let viewer = auth::require(Requirement::Workspace).await?;
        schedule::schedule_view(&state::db()?, &viewer, &ScheduleUrl::parse(&query)).await
    })
    .await
}
