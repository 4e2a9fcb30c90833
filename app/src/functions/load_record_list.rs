//! One page of a list tab (Customers, …) in the view and state its URL asks for, with the
//! sidebar of views and what the column editor and filters offer.

use leptos::prelude::*;

use crate::{
    error::AppError,
    models::view::{ListTab, RecordListView},
};

#[server(endpoint = "load_record_list")]
pub async fn load_record_list(
    tab: ListTab,
    #[server(default)] query: String,
) -> Result<RecordListView, AppError> {
    use crate::{auth, db::list_views, models::Requirement, models::view::ListUrl, state};

    auth::respond(async move {
        let viewer = auth::require(Requirement::Workspace).await?;
        let url = ListUrl::parse(&query).map_err(|message| AppError::invalid("view", message))?;
        list_views::record_list(&state::db()?, &viewer, tab, &url).await
    })
    .await
}
