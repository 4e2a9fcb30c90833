//! Renames a view and changes its sharing (Everyone and featuring need the settings
//! permission).

use leptos::prelude::*;

use crate::{error::AppError, models::view::Sharing};

#[server(endpoint = "update_view", output = super::binary_answer::BinaryAnswer)]
pub async fn update_view(
    view_id: i64,
    name: String,
    sharing: Sharing,
    #[server(default)] featured: bool,
    #[server(default)] description: String,
) -> Result<(), AppError> {
    use crate::{auth, db::views, models::Requirement, state};

    auth::respond(async move {
        let viewer = auth::require(Requirement::Workspace).await?;
        let db = state::db()?;
        views::editable_view(&db, view_id, &viewer, "change this view").await?;
        views::update_view_details(
            &db,
            view_id,
            &name,
            sharing,
            featured,
            &description,
            viewer.can_manage_settings(),
        )
        .await
    })
    .await
}
