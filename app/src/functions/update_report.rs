//! Changes one of the viewer's reports; another user's is "not found".

use leptos::prelude::*;

use crate::{error::AppError, models::report::ReportSpec};

#[server(endpoint = "update_report", output = super::binary_answer::BinaryAnswer)]
pub async fn update_report(report_id: i64, spec: ReportSpec) -> Result<(), AppError> {
    use crate::{auth, db::reports, models::Requirement, state};

    auth::respond(async move {
        let viewer = auth::require(Requirement::Summary).await?;
        let db = state::db()?;
        reports::check_spec(&*db.schema().await?, &spec)?;
        reports::update_report(&db, viewer.id, report_id, &spec).await
    })
    .await
}
