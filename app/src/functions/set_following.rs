//! Follows or unfollows a record; answers whether the viewer now follows it.

use leptos::prelude::*;

use crate::error::AppError;

#[server(endpoint = "set_following", output = super::binary_answer::BinaryAnswer)]
pub async fn set_following(record_id: i64, following: bool) -> Result<bool, AppError> {
    use crate::{
        auth,
        db::{follows, record_detail},
        models::Requirement,
        state,
    };

    auth::respond(async move {
        let viewer = auth::require(Requirement::Workspace).await?;
        let db = state::db()?;
        // Refuses records that do not exist (or were merged away).
        let schema = db.schema().await?;
        record_detail::load_record(&db, &schema, record_id).await?;
        if following {
            follows::follow(&db, viewer.id, record_id).await?;
        } else {
            follows::unfollow(&db, viewer.id, record_id).await?;
        }
        Ok(following)
    })
    .await
}
