//! Moves one of the viewer's reports one place earlier or later on their Summary.

use leptos::prelude::*;

use crate::error::AppError;

#[server(endpoint = "move_report", output = super::binary_answer::BinaryAnswer)]
pub async fn move_report(report_id: i64, earlier: bool) -> Result<(), AppError> {
    use crate::{auth, db::reports, models::Requirement, state};

    auth::respond(async move {
        let viewer = auth::require(Requirement::Summary).await?;
        reports::move_report(&state::db()?, viewer.id, report_id, earlier).await
    })
    .await
}
