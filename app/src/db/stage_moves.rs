//! Moving a record to another stage of its pipeline: the record's version, the pipeline's rules
//! and the target stage's required ("dependent") properties are checked in the transaction that
//! writes the move, together with any values sent for those properties.

use super::{
    Db,
    pipelines::{pipeline_of_stage, pipelines_in_tx},
    records::{self, ChangeContext, StageChange},
    schema,
};
use crate::{
    error::{AppError, MissingProperty},
    models::PropertyValue,
};

/// A move to make: the record at the version its mover saw, and values to set with it.
#[derive(Clone, Copy, Debug)]
pub struct StageMoveRequest<'a> {
    pub record_id: i64,
    pub stage_id: i64,
    pub expected_version: i64,
    pub fills: &'a [(&'a str, PropertyValue)],
    /// Super admins are not held to the pipeline's rules.
    pub bypass_rules: bool,
}

/// Moves a record to the requested stage, setting `fills` at the same time (one history entry
/// each, and one for the stage). Refused, changing nothing, when the record changed since its
/// version ([`AppError::StaleVersion`]), when a pipeline rule forbids the move (the message
/// names the rule), or when the stage's required properties would stay empty
/// ([`AppError::MissingRequired`] names them). Moving to the stage it is in changes nothing.
/// Answers the record's version after the move.
pub async fn move_record_to_stage(
    db: &Db,
    request: StageMoveRequest<'_>,
    context: ChangeContext<'_>,
) -> Result<i64, AppError> {
    let mut tx = db.begin().await?;
    let object = records::object_of_record(&mut tx, request.record_id).await?;
    let pipeline_id = pipeline_of_stage(&mut tx, &object, request.stage_id).await?;
    let properties = schema::properties_in_tx(&mut tx, object.id).await?;
    let pipeline = pipelines_in_tx(&mut tx, object.id)
        .await?
        .into_iter()
        .find(|p| p.id == pipeline_id)
        .ok_or_else(|| AppError::not_found("The pipeline"))?;
    let target = pipeline
        .stages
        .iter()
        .find(|s| s.id == request.stage_id)
        .ok_or_else(|| AppError::not_found("The stage"))?;
    let required_defs = target
        .required_properties
        .iter()
        .map(|name| records::resolve(&properties, name))
        .collect::<Result<Vec<_>, _>>()?;
    let current =
        records::current_state(&mut tx, &object, request.record_id, &required_defs).await?;
    if current.version != request.expected_version {
        return Err(records::stale_version());
    }
    if current.stage_id == Some(target.id) && request.fills.is_empty() {
        return Ok(current.version);
    }
    let from = current
        .stage_id
        .and_then(|id| pipeline.stages.iter().find(|s| s.id == id));
    if current.stage_id.is_some() && from.is_none() {
        return Err(AppError::invalid(
            "stage",
            format!("{} is not a stage of this record's pipeline", target.name),
        ));
    }
    if let Some(from) = from
        && !request.bypass_rules
        && let Some(refusal) =
            pipeline
                .rules
                .refusal(from, target, &pipeline.stages_between(from, target))
    {
        return Err(AppError::invalid("stage", refusal));
    }
    // A required property counts as filled by the value it will have after the move: the one
    // sent with the move if any (a blank one does not count), else the current one.
    let missing: Vec<MissingProperty> = required_defs
        .iter()
        .zip(&current.values)
        .filter(|(definition, current)| {
            let after = request
                .fills
                .iter()
                .find(|(fill, _)| *fill == definition.name)
                .map(|(_, v)| v)
                .or(current.as_ref());
            after.is_none_or(is_blank)
        })
        .map(|(definition, _)| MissingProperty {
            name: definition.name.clone(),
            label: definition.label.clone(),
        })
        .collect();
    if !missing.is_empty() {
        return Err(AppError::MissingRequired {
            stage: target.name.clone(),
            properties: missing,
        });
    }
    let old_stage = from.map(|stage| stage.name.clone());
    let changes: Vec<(&str, Option<PropertyValue>)> = request
        .fills
        .iter()
        .map(|(name, value)| (*name, Some(value.clone())))
        .collect();
    let stage_change = StageChange {
        pipeline_id,
        stage_id: target.id,
        history: (old_stage, target.name.clone()),
    };
    let version = records::apply_changes(
        &mut tx,
        &object,
        request.record_id,
        request.expected_version,
        &changes,
        Some(stage_change),
        context,
    )
    .await?;
    tx.commit().await?;
    Ok(version)
}

fn is_blank(value: &PropertyValue) -> bool {
    match value {
        PropertyValue::Text(s) | PropertyValue::Enumeration(s) => s.trim().is_empty(),
        PropertyValue::MultiEnumeration(values) => values.is_empty(),
        _ => false,
    }
}
