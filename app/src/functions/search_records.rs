//! Records of the same object as `record_id` whose name contains `query`: the merge dialog's
//! search. The record itself is left out.

use leptos::prelude::*;

use crate::{error::AppError, models::record_detail::RecordLink};

/// Most matches a search returns.
pub const SEARCH_LIMIT: u32 = 10;

#[server(endpoint = "search_records", output = super::binary_answer::BinaryAnswer)]
pub async fn search_records(record_id: i64, query: String) -> Result<Vec<RecordLink>, AppError> {
    use crate::{
        auth,
        db::{query::QueryContext, record_detail, record_search::records_named_like},
        models::Requirement,
        state,
    };

    auth::respond(async move {
        let viewer = auth::require(Requirement::Workspace).await?;
        let query = query.trim();
        if query.is_empty() {
            return Err(AppError::invalid("query", "Type part of a name to search"));
        }
        let db = state::db()?;
        let schema = db.schema().await?;
        let record = record_detail::load_record(&db, &schema, record_id).await?;
        let cx = QueryContext::for_viewer(&viewer);
        let found =
            records_named_like(&db, &record.schema_object, query, SEARCH_LIMIT + 1, &cx).await?;
        Ok(found
            .into_iter()
            .filter(|link| link.id != record_id)
            .take(SEARCH_LIMIT as usize)
            .collect())
    })
    .await
}
