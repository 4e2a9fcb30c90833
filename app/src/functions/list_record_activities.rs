//! The next page of a record's timeline, older than the entry `(before_at, before_id)`.

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::{error::AppError, models::record_detail::ActivityPage};

#[server(endpoint = "list_record_activities", output = super::binary_answer::BinaryAnswer)]
pub async fn list_record_activities(
    record_id: i64,
    before_at: Option<DateTime<Utc>>,
    before_id: Option<i64>,
) -> Result<ActivityPage, AppError> {
    use crate::{auth, db::record_detail, models::Requirement, state};

    auth::respond(async move {
        auth::require(Requirement::Workspace).await?;
        let before = before_at.zip(before_id);
        record_detail::activity_page(&state::db()?, record_id, before).await
    })
    .await
}
