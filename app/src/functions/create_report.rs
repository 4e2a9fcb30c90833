//! Adds a report to the end of the viewer's Summary; a sixth is refused.

use leptos::prelude::*;

use crate::{error::AppError, models::report::ReportSpec};

#[server(endpoint = "create_report", output = super::binary_answer::BinaryAnswer)]
pub async fn create_report(spec: ReportSpec) -> Result<i64, AppError> {
    use crate::{auth, db::reports, models::Requirement, state};

    auth::respond(async move {
        let viewer = auth::require(Requirement::Summary).await?;
        let db = state::db()?;
        reports::check_spec(&*db.schema().await?, &spec)?;
        reports::create_report(&db, viewer.id, &spec).await
    })
    .await
}
