//! The task and meeting forms' record search: customers, services and revenue records (or,
//! for a meeting's attendees, contacts) whose name contains the query.

use leptos::prelude::*;

use crate::{error::AppError, models::task::AssociableRecord};

/// Most matches of each object.
pub const MATCHES_PER_OBJECT: u32 = 5;

#[server(endpoint = "search_associable_records", output = super::binary_answer::BinaryAnswer)]
pub async fn search_associable_records(
    query: String,
    attendees: bool,
) -> Result<Vec<AssociableRecord>, AppError> {
    use crate::{auth, db::query::QueryContext, db::tasks, models::Requirement, state};

    auth::respond(async move {
        let viewer = auth::require(Requirement::Workspace).await?;
        let query = query.trim();
        if query.is_empty() {
            return Err(AppError::invalid("query", "Type part of a name to search"));
        }
        let cx = QueryContext::for_viewer(&viewer);
        tasks::search_associable_records(&state::db()?, query, attendees, MATCHES_PER_OBJECT, &cx)
            .await
    })
    .await
}
