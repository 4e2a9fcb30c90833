//! The history of one property of a record: each value, who set it, when and through what.

use leptos::prelude::*;

use crate::{error::AppError, models::record_detail::PropertyHistory};

#[server(endpoint = "get_property_history", output = super::binary_answer::BinaryAnswer)]
pub async fn get_property_history(
    record_id: i64,
    property: String,
) -> Result<PropertyHistory, AppError> {
    use crate::{auth, db::record_detail, models::Requirement, state};

    auth::respond(async move {
        let viewer = auth::require(Requirement::Workspace).await?;
        record_detail::property_history(&state::db()?, record_id, &property, viewer.time_zone).await
    })
    .await
}
