//! What merging two records would do: the properties on which they disagree.

use leptos::prelude::*;

use crate::{error::AppError, models::record_detail::MergePreview};

#[server(endpoint = "preview_merge", output = super::binary_answer::BinaryAnswer)]
pub async fn preview_merge(kept_id: i64, merged_id: i64) -> Result<MergePreview, AppError> {
    use crate::{auth, db::merge, models::Requirement, state};

    auth::respond(async move {
        let viewer = auth::require(Requirement::Workspace).await?;
        merge::merge_preview(&state::db()?, kept_id, merged_id, viewer.time_zone).await
    })
    .await
}
