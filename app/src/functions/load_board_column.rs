//! More cards of one board column: the stage's records that the list's URL keeps, newest
//! first, after the last card the board holds (a keyset cursor, so cards moving meanwhile never
//! repeat or skip one).

use leptos::prelude::*;

use crate::{
    error::AppError,
    models::{pipeline::BoardCardPage, view::ListTab},
};

#[server(endpoint = "load_board_column")]
pub async fn load_board_column(
    tab: ListTab,
    #[server(default)] query: String,
    stage_id: i64,
    /// The id of the last card shown; `None` for the first page.
    before: Option<i64>,
) -> Result<BoardCardPage, AppError> {
    use crate::{
        auth,
        db::{
            list_tabs::ready_tab_object,
            list_views::list_conditions,
            query::{
                QueryContext,
                board::{CardFields, column_page},
            },
        },
        models::{Requirement, pipeline::BOARD_PAGE_SIZE, view::ListUrl},
        state,
    };

    auth::respond(async move {
        let viewer = auth::require(Requirement::Workspace).await?;
        let url = ListUrl::parse(&query).map_err(|message| AppError::invalid("view", message))?;
        let db = state::db()?;
        let object = ready_tab_object(&db, &viewer, tab, &url).await?;
        let Some((_, pipeline)) = &object.pipeline else {
            return Err(AppError::invalid(
                "tab",
                "Only Services and Revenue have boards",
            ));
        };
        if !pipeline.stages.iter().any(|s| s.id == stage_id) {
            return Err(AppError::not_found("The stage"));
        }
        let conditions = list_conditions(&db, &viewer, &object, &url).await?;
        let cx = QueryContext::for_viewer(&viewer);
        let filter = conditions.compile(&object.schema, &cx)?;
        let fields = CardFields::of(
            &object.schema,
            object.card_date_property(),
            object.owner_property(),
            cx.zone,
        );
        column_page(
            &db,
            &object.schema,
            stage_id,
            before,
            &filter,
            fields,
            BOARD_PAGE_SIZE,
        )
        .await
    })
    .await
}
