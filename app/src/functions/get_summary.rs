//! The Summary page: the viewer's own, or — for a super admin — another user's (`as_user`),
//! read-only. `profile` picks the health score profile shown (else the first live one).

use leptos::prelude::*;

use crate::{error::AppError, models::summary::SummaryPage};

#[server(endpoint = "get_summary", output = super::binary_answer::BinaryAnswer)]
pub async fn get_summary(
    as_user: Option<i64>,
    profile: Option<i64>,
) -> Result<SummaryPage, AppError> {
    use crate::{auth, db::summary::summary_page, models::Requirement, state};

    auth::respond(async move {
        let viewer = auth::require(Requirement::Summary).await?;
        let db = state::db()?;
        let subject = match as_user.filter(|id| *id != viewer.id) {
            None => viewer.clone(),
            Some(_) if !viewer.is_super_admin() => {
                return Err(AppError::PermissionDenied(
                    "view another user's Summary".into(),
                ));
            }
            Some(id) => auth::viewer_for_user(&db, id)
                .await?
                .ok_or_else(|| AppError::not_found("The user"))?,
        };
        summary_page(&db, &viewer, &subject, profile).await
    })
    .await
}
