//! Moves a record to another stage of its pipeline (a board drop, a keyboard move or "Move to
//! stage…"), with values for the stage's empty required properties when the board asked for
//! them. Refusals say why: a stale version, a pipeline rule by name, or the missing properties.

use leptos::prelude::*;

use crate::{
    error::AppError,
    models::pipeline::{MovedRecord, StageMove},
};

#[server(endpoint = "move_record_to_stage", output = super::binary_answer::BinaryAnswer)]
pub async fn move_record_to_stage(request: StageMove) -> Result<MovedRecord, AppError> {
    use crate::{
        auth,
        db::{
            record_detail,
            records::ChangeContext,
            stage_moves::{self, StageMoveRequest},
        },
        models::{PropertyValue, Requirement},
        state,
    };

    auth::respond(async move {
        let viewer = auth::require(Requirement::Workspace).await?;
        let db = state::db()?;
        let schema = db.schema().await?;
        let object = record_detail::record_object(&db, &schema, request.record_id).await?;
        let mut fills: Vec<(&str, PropertyValue)> = Vec::with_capacity(request.values.len());
        for (name, input) in &request.values {
            if let (definition, Some(value)) = object.parse_input(name, input, viewer.time_zone)? {
                fills.push((definition.name.as_str(), value));
            }
        }
        let version = stage_moves::move_record_to_stage(
            &db,
            StageMoveRequest {
                record_id: request.record_id,
                stage_id: request.stage_id,
                expected_version: request.version,
                fills: &fills,
                bypass_rules: viewer.is_super_admin(),
            },
            ChangeContext {
                actor: Some(viewer.id),
                source: "board",
            },
        )
        .await?;
        Ok(MovedRecord {
            record_id: request.record_id,
            stage_id: request.stage_id,
            version,
        })
    })
    .await
}
