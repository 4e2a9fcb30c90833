//! Creates a saved view of a list tab from its current state: private, or shared with Everyone
//! (which needs Manage Customer Success Settings), optionally the default and featured.

use leptos::prelude::*;

use crate::{
    error::AppError,
    models::view::{ListTab, Sharing},
};

#[server(endpoint = "create_view", output = super::binary_answer::BinaryAnswer)]
pub async fn create_view(
    tab: ListTab,
    name: String,
    sharing: Sharing,
    #[server(default)] featured: bool,
    #[server(default)] description: String,
    /// The view's state as JSON (`ViewState`).
    state: String,
    /// Services and Revenue: the pipeline shown, whose object the view lists.
    #[server(default)]
    pipeline: Option<i64>,
) -> Result<i64, AppError> {
    use crate::{
        auth,
        db::{list_tabs, views},
        models::{Requirement, view::ListUrl},
        state,
    };

    auth::respond(async move {
        let viewer = auth::require(Requirement::Workspace).await?;
        let state = views::parse_state(&state)?;
        let db = state::db()?;
        let url = ListUrl {
            pipeline,
            ..ListUrl::default()
        };
        let object = list_tabs::ready_tab_object(&db, &viewer, tab, &url).await?;
        views::check_state(&object.schema, &state, viewer.id)?;
        let view = views::NewView::parse(
            object.schema.object.id,
            viewer.id,
            &name,
            sharing,
            featured,
            &description,
            state,
            viewer.can_manage_settings(),
        )?;
        views::create_view(&db, &view).await
    })
    .await
}
