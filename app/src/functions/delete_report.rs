//! Removes one of the viewer's reports from their Summary.

use leptos::prelude::*;

use crate::error::AppError;

#[server(endpoint = "delete_report", output = super::binary_answer::BinaryAnswer)]
pub async fn delete_report(report_id: i64) -> Result<(), AppError> {
    use crate::{auth, db::reports, models::Requirement, state};

    auth::respond(async move {
        let viewer = auth::require(Requirement::Summary).await?;
        reports::delete_report(&state::db()?, viewer.id, report_id).await
    })
    .await
}
