//! Merges one record into another of the same object; `take_merged` names the conflicting
//! properties whose value comes from the merged record.

use leptos::prelude::*;

use crate::error::AppError;

#[server(endpoint = "merge_records", output = super::binary_answer::BinaryAnswer)]
pub async fn merge_records(
    kept_id: i64,
    merged_id: i64,
    #[server(default)] take_merged: Vec<String>,
) -> Result<(), AppError> {
    use crate::{auth, db::merge, models::Requirement, models::record_detail::MergeSide, state};

    auth::respond(async move {
        let viewer = auth::require(Requirement::Workspace).await?;
        let choices: Vec<(String, MergeSide)> = take_merged
            .into_iter()
            .map(|property| (property, MergeSide::Merged))
            .collect();
        merge::merge_records(&state::db()?, kept_id, merged_id, &choices, viewer.id).await
    })
    .await
}
