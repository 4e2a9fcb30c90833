//! How many of the viewer's Feed notifications under the filters of `query` are newer than the
//! newest one shown (`after_at`, `after_id`): the page asks when the live stream says contacts
//! were active, and offers to show them.

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::error::AppError;

#[server(endpoint = "count_new_feed_items", output = super::binary_answer::BinaryAnswer)]
pub async fn count_new_feed_items(
    query: String,
    after_at: DateTime<Utc>,
    after_id: i64,
) -> Result<u32, AppError> {
    use crate::{
        auth,
        db::feed,
        models::{
            Requirement,
            feed::{FeedCursor, FeedUrl},
        },
        state,
    };

    auth::respond(async move {
        let viewer = auth::require(Requirement::Workspace).await?;
        let after = FeedCursor {
            at: after_at,
            id: after_id,
        };
        feed::count_new(&state::db()?, &viewer, &FeedUrl::parse(&query), after).await
    })
    .await
}
