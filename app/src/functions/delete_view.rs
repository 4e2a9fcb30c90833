//! Deletes a view: one's own, or (with the settings permission) one shared with Everyone.

use leptos::prelude::*;

use crate::error::AppError;

#[server(endpoint = "delete_view", output = super::binary_answer::BinaryAnswer)]
pub async fn delete_view(view_id: i64) -> Result<(), AppError> {
    use crate::{auth, db::views, models::Requirement, state};

    auth::respond(async move {
        let viewer = auth::require(Requirement::Workspace).await?;
        let db = state::db()?;
        views::editable_view(&db, view_id, &viewer, "delete this view").await?;
        views::delete_view(&db, view_id).await
    })
    .await
}
