//! A page of the viewer's Feed: sales activity by contacts of the customers they own, newest
//! first, under the filters of `query` (the page's `?q=&type=&sequence=`), older than the
//! notification `(before_at, before_id)` when given ("Load older activities").

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::{error::AppError, models::feed::FeedView};

#[server(endpoint = "load_feed", output = super::binary_answer::BinaryAnswer)]
pub async fn load_feed(
    query: String,
    before_at: Option<DateTime<Utc>>,
    before_id: Option<i64>,
) -> Result<FeedView, AppError> {
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
        let before = before_at
            .zip(before_id)
            .map(|(at, id)| FeedCursor { at, id });
        feed::feed_view(
            &state::db()?,
            &viewer,
            &FeedUrl::parse(&query),
            before,
            feed::Plan::Auto,
            Utc::now(),
        )
        .await
    })
    .await
}
