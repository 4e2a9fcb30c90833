//! Pipelines with ordered stages, required ("dependent") properties per stage, and their
//! rules. Moving a record between stages is [`super::stage_moves`].

use chrono::Utc;
use sqlx::FromRow;

use super::{
    Db, Tx,
    audit_log::{self, ChangeList},
    records,
    schema::{self, ObjectType},
};
use crate::{
    error::{AppError, on_duplicate},
    models::{Pipeline, Stage, pipeline::PipelineRules},
    on_tx,
};

/// A stage to create, in pipeline order.
#[derive(Clone, Debug)]
pub struct NewStage<'a> {
    pub name: &'a str,
    pub is_closed: bool,
    /// Names of properties a record needs before entering this stage.
    pub required_properties: &'a [&'a str],
}

#[derive(FromRow)]
struct StageRow {
    id: i64,
    pipeline_id: i64,
    name: String,
    position: i64,
    is_closed: bool,
}

/// Creates a pipeline of `object` with its stages.
pub async fn create_pipeline(
    db: &Db,
    object: &ObjectType,
    name: &str,
    stages: &[NewStage<'_>],
) -> Result<Pipeline, AppError> {
    if !object.has_pipelines {
        return Err(AppError::invalid(
            "object",
            format!("{} have no pipelines", object.plural_label),
        ));
    }
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::invalid("name", "Enter a pipeline name"));
    }
    if stages.is_empty() {
        return Err(AppError::invalid(
            "stages",
            "A pipeline needs at least one stage",
        ));
    }
    let mut tx = db.begin().await?;
    let properties = schema::properties_in_tx(&mut tx, object.id).await?;
    let position: i64 = on_tx!(&mut tx, conn => sqlx::query_scalar(
        "SELECT COALESCE(MAX(position), 0) + 1 FROM pipelines WHERE object_type_id = $1")
        .bind(object.id)
        .fetch_one(&mut *conn)
        .await)?;
    let pipeline_id: i64 = on_tx!(&mut tx, conn => sqlx::query_scalar(
        "INSERT INTO pipelines (object_type_id, name, position, created_at) \
         VALUES ($1, $2, $3, $4) RETURNING id")
        .bind(object.id)
        .bind(name)
        .bind(position)
        .bind(Utc::now())
        .fetch_one(&mut *conn)
        .await)
    .map_err(on_duplicate(
        "name",
        format!("A pipeline named {name:?} already exists"),
    ))?;
    let mut created = Vec::with_capacity(stages.len());
    for (i, stage) in stages.iter().enumerate() {
        let stage_name = stage.name.trim();
        if stage_name.is_empty() {
            return Err(AppError::invalid("stages", "Every stage needs a name"));
        }
        let stage_id: i64 = on_tx!(&mut tx, conn => sqlx::query_scalar(
            "INSERT INTO pipeline_stages (pipeline_id, name, position, is_closed) \
             VALUES ($1, $2, $3, $4) RETURNING id")
            .bind(pipeline_id)
            .bind(stage_name)
            .bind(i as i64)
            .bind(stage.is_closed)
            .fetch_one(&mut *conn)
            .await)?;
        for required in stage.required_properties {
            let property = records::resolve(&properties, required)?;
            on_tx!(&mut tx, conn => execute sqlx::query(
                "INSERT INTO stage_required_properties (stage_id, property_id) VALUES ($1, $2)")
                .bind(stage_id)
                .bind(property.id))?;
        }
        created.push(Stage {
            id: stage_id,
            pipeline_id,
            name: stage_name.to_string(),
            position: i as i64,
            is_closed: stage.is_closed,
            required_properties: stage
                .required_properties
                .iter()
                .map(|s| s.to_string())
                .collect(),
        });
    }
    schema::bump_version(&mut tx).await?;
    tx.commit().await?;
    Ok(Pipeline {
        id: pipeline_id,
        object_type_id: object.id,
        name: name.to_string(),
        rules: PipelineRules::default(),
        stages: created,
    })
}

/// The pipelines of an object type with their stages, in order.
pub async fn pipelines(db: &Db, object_type_id: i64) -> Result<Vec<Pipeline>, AppError> {
    let mut tx = db.begin_read().await?;
    let pipelines = pipelines_in_tx(&mut tx, object_type_id).await?;
    tx.commit().await?;
    Ok(pipelines)
}

/// [`pipelines`] as `tx` sees them (a stage move checks the rules and stages it writes under).
pub(crate) async fn pipelines_in_tx(
    tx: &mut Tx,
    object_type_id: i64,
) -> Result<Vec<Pipeline>, AppError> {
    let (heads, stages, required) = on_tx!(tx, conn => {
        let heads: Vec<(i64, String, bool, bool)> = sqlx::query_as(
            "SELECT id, name, block_skipping, block_backward FROM pipelines \
             WHERE object_type_id = $1 ORDER BY position, id")
            .bind(object_type_id)
            .fetch_all(&mut *conn)
            .await?;
        let stages: Vec<StageRow> = sqlx::query_as(
            "SELECT s.id, s.pipeline_id, s.name, s.position, s.is_closed FROM pipeline_stages s \
             JOIN pipelines p ON p.id = s.pipeline_id WHERE p.object_type_id = $1 \
             ORDER BY s.pipeline_id, s.position")
            .bind(object_type_id)
            .fetch_all(&mut *conn)
            .await?;
        let required: Vec<(i64, String)> = sqlx::query_as(
            "SELECT r.stage_id, d.name FROM stage_required_properties r \
             JOIN property_definitions d ON d.id = r.property_id \
             WHERE d.object_type_id = $1 ORDER BY d.position")
            .bind(object_type_id)
            .fetch_all(&mut *conn)
            .await?;
        (heads, stages, required)
    });
    Ok(heads
        .into_iter()
        .map(|(id, name, block_skipping, block_backward)| Pipeline {
            id,
            object_type_id,
            name,
            rules: PipelineRules {
                block_skipping,
                block_backward,
            },
            stages: stages
                .iter()
                .filter(|s| s.pipeline_id == id)
                .map(|s| Stage {
                    id: s.id,
                    pipeline_id: s.pipeline_id,
                    name: s.name.clone(),
                    position: s.position,
                    is_closed: s.is_closed,
                    required_properties: required
                        .iter()
                        .filter(|(stage_id, _)| *stage_id == s.id)
                        .map(|(_, name)| name.clone())
                        .collect(),
                })
                .collect(),
        })
        .collect())
}

/// The pipeline a stage belongs to, checking that it is a pipeline of `object`.
pub(crate) async fn pipeline_of_stage(
    tx: &mut Tx,
    object: &ObjectType,
    stage_id: i64,
) -> Result<i64, AppError> {
    let pipeline: Option<(i64, i64)> = on_tx!(tx, conn => sqlx::query_as(
        "SELECT p.id, p.object_type_id FROM pipeline_stages s JOIN pipelines p ON p.id = s.pipeline_id \
         WHERE s.id = $1")
        .bind(stage_id)
        .fetch_optional(&mut *conn)
        .await)?;
    match pipeline {
        Some((pipeline_id, object_type_id)) if object_type_id == object.id => Ok(pipeline_id),
        _ => Err(AppError::invalid(
            "stage",
            format!("That stage is not a stage of {}", object.plural_label),
        )),
    }
}

/// Sets the rules of `pipeline_id`, noting the change in the audit log. Bumps the schema
/// version, so every server's cached pipelines follow.
pub async fn save_pipeline_rules(
    db: &Db,
    actor: i64,
    pipeline_id: i64,
    rules: PipelineRules,
) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    let current: Option<(String, bool, bool)> = on_tx!(&mut tx, conn => sqlx::query_as(
        "SELECT name, block_skipping, block_backward FROM pipelines WHERE id = $1")
        .bind(pipeline_id)
        .fetch_optional(&mut *conn)
        .await)?;
    let (name, block_skipping, block_backward) =
        current.ok_or_else(|| AppError::not_found("The pipeline"))?;
    let on_off = |on: bool| if on { "On" } else { "Off" };
    let mut changes = ChangeList::default();
    changes.compare(
        "Block skipping stages",
        on_off(block_skipping),
        on_off(rules.block_skipping),
    );
    changes.compare(
        "Block moving backward",
        on_off(block_backward),
        on_off(rules.block_backward),
    );
    if changes.is_empty() {
        return Ok(());
    }
    on_tx!(&mut tx, conn => execute sqlx::query(
        "UPDATE pipelines SET block_skipping = $1, block_backward = $2 WHERE id = $3")
        .bind(rules.block_skipping)
        .bind(rules.block_backward)
        .bind(pipeline_id))?;
    audit_log::record(
        &mut tx,
        actor,
        &format!("Pipeline \u{201c}{name}\u{201d} · Rules"),
        changes,
    )
    .await?;
    schema::bump_version(&mut tx).await?;
    tx.commit().await?;
    Ok(())
}
