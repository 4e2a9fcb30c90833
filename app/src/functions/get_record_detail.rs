//! A record for its preview sidebar and page: properties, follow state, associations and the
//! first page of its timeline.

use leptos::prelude::*;

use crate::{error::AppError, models::record_detail::RecordDetail};

#[server(endpoint = "get_record_detail", output = super::binary_answer::BinaryAnswer)]
pub async fn get_record_detail(record_id: i64) -> Result<RecordDetail, AppError> {
    use crate::{auth, db::record_detail, models::Requirement, state};

    auth::respond(async move {
        let viewer = auth::require(Requirement::Workspace).await?;
        record_detail::record_detail(&state::db()?, record_id, viewer.id, viewer.time_zone).await
    })
    .await
}
