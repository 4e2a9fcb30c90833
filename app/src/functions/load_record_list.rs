//! One page of a list tab (Customers, Services, Revenue) in the view and state its URL asks
//! for — or a pipeline's board — with the sidebar of views and what the column editor and
//! filters offer.

use leptos::prelude::*;

use crate::{
    error::AppError,
    models::view::{ListPage, ListTab},
};

#[server(endpoint = "load_record_list", output = super::binary_answer::BinaryAnswer)]
pub async fn load_record_list(
    tab: ListTab,
    #[server(default)] query: String,
) -> Result<ListPage, AppError> {
    use crate::{auth, db::list_views, models::Requirement, models::view::ListUrl, state};

    auth::respond(async move {
        let viewer = auth::require(Requirement::Workspace).await?;
        let url = ListUrl::parse(&query).map_err(|message| AppError::invalid("view", message))?;
        list_views::record_list(&state::db()?, &viewer, tab, &url).await
    })
    .await
}
