//! More cards of one board column: the stage's records that the list's URL keeps, newest
//! first, after the last card the board holds (a keyset cursor, so cards moving meanwhile never
//! repeat or skip one).

use leptos::prelude::*;

use crate::{
    error::AppError,
    models::{pipeline::BoardCardPage, view::ListTab},
};

#[server(endpoint = "load_board_column", output = super::binary_answer::BinaryAnswer)]
pub async fn load_board_column(
    tab: ListTab,
    #[server(default)] query: String,
    stage_id: i64,
    /// The id of the last card shown; `None` for the first page.
    before: Option<i64>,
) -> Result<BoardCardPage, AppError> {
    use crate::{auth, db::list_views, models::Requirement, models::view::ListUrl, state};

    auth::respond(async move {
        let viewer = auth::require(Requirement::Workspace).await?;
        let url = ListUrl::parse(&query).map_err(|message| AppError::invalid("view", message))?;
        list_views::board_column(&state::db()?, &viewer, (tab, &url), stage_id, before).await
    })
    .await
}
