//! Sets (or, with a blank value, clears) one property of a record the caller saw at
//! `version`; a stale version is refused with `AppError::StaleVersion`. Answers the record as
//! it is after the change.

use leptos::prelude::*;

use crate::{error::AppError, models::record_detail::RecordDetail};

#[server(endpoint = "update_record_property", output = super::binary_answer::BinaryAnswer)]
pub async fn update_record_property(
    record_id: i64,
    version: i64,
    property: String,
    #[server(default)] value: String,
) -> Result<RecordDetail, AppError> {
    use crate::{
        auth,
        db::{
            record_detail,
            records::{ChangeContext, update_record},
        },
        models::Requirement,
        state,
    };

    auth::respond(async move {
        let viewer = auth::require(Requirement::Workspace).await?;
        let db = state::db()?;
        let schema = db.schema().await?;
        let record = record_detail::load_record(&db, &schema, record_id).await?;
        let (_, parsed) = record
            .schema_object
            .parse_input(&property, &value, viewer.time_zone)?;
        let context = ChangeContext {
            actor: Some(viewer.id),
            source: "sidebar",
        };
        update_record(&db, record_id, version, &[(&property, parsed)], context).await?;
        record_detail::record_detail(&db, record_id, viewer.id, viewer.time_zone).await
    })
    .await
}
