//! Saves a list's current columns, filters and sort over a view the viewer may edit.

use leptos::prelude::*;

use crate::error::AppError;

#[server(endpoint = "save_view", output = super::binary_answer::BinaryAnswer)]
pub async fn save_view(
    view_id: i64,
    /// The view's state as JSON (`ViewState`).
    state: String,
) -> Result<(), AppError> {
    use crate::{auth, db::views, models::Requirement, state};

    auth::respond(async move {
        let viewer = auth::require(Requirement::Workspace).await?;
        let state = views::parse_state(&state)?;
        let db = state::db()?;
        let view = views::editable_view(&db, view_id, &viewer, "change this view").await?;
        let schema = db.schema().await?;
        views::check_state(schema.object(view.object_type_id)?, &state, viewer.id)?;
        views::save_view_state(&db, view_id, &state).await
    })
    .await
}
