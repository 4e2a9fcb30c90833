//! Pipelines with ordered stages, required ("dependent") properties per stage, and stage moves.

use chrono::Utc;
use sqlx::FromRow;

use super::{
    Db, Tx,
    records::{self, ChangeContext, StageChange},
    schema::{self, ObjectType, PropertyDef},
};
use crate::{
    error::{AppError, on_duplicate},
    models::{BoardCard, BoardColumn, Pipeline, PropertyValue, Stage},
    on_pool, on_tx,
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
        stages: created,
    })
}

/// The pipelines of an object type with their stages, in order.
pub async fn pipelines(db: &Db, object_type_id: i64) -> Result<Vec<Pipeline>, AppError> {
    let (heads, stages, required) = on_pool!(db, pool => {
        let heads: Vec<(i64, String)> = sqlx::query_as(
            "SELECT id, name FROM pipelines WHERE object_type_id = $1 ORDER BY position, id")
            .bind(object_type_id)
            .fetch_all(pool)
            .await?;
        let stages: Vec<StageRow> = sqlx::query_as(
            "SELECT s.id, s.pipeline_id, s.name, s.position, s.is_closed FROM pipeline_stages s \
             JOIN pipelines p ON p.id = s.pipeline_id WHERE p.object_type_id = $1 \
             ORDER BY s.pipeline_id, s.position")
            .bind(object_type_id)
            .fetch_all(pool)
            .await?;
        let required: Vec<(i64, String)> = sqlx::query_as(
            "SELECT r.stage_id, d.name FROM stage_required_properties r \
             JOIN property_definitions d ON d.id = r.property_id \
             WHERE d.object_type_id = $1 ORDER BY d.position")
            .bind(object_type_id)
            .fetch_all(pool)
            .await?;
        (heads, stages, required)
    });
    Ok(heads
        .into_iter()
        .map(|(id, name)| Pipeline {
            id,
            object_type_id,
            name,
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

/// A card as read: record id, name, amount in cents.
type CardRow = (i64, Option<String>, Option<i64>);

/// The board of `pipeline`: per stage, the number of live records, the sum of `amount`, and
/// the newest `cards_per_stage` records (name and amount). Each stage is one indexed range scan
/// (`(stage_id, record_id)`), so the cost follows the cards shown, not the records held.
pub async fn board(
    db: &Db,
    object: &ObjectType,
    pipeline: &Pipeline,
    name: Option<&PropertyDef>,
    amount: Option<&PropertyDef>,
    cards_per_stage: u32,
) -> Result<Vec<BoardColumn>, AppError> {
    let table = object.table();
    let name_column = name.map_or("CAST(NULL AS TEXT)".to_string(), |p| p.column());
    let amount_column = amount.map_or("CAST(NULL AS BIGINT)".to_string(), |p| p.column());
    let totals_sql = format!(
        "SELECT COUNT(*), CAST(SUM({amount_column}) AS BIGINT) FROM {table} \
         WHERE stage_id = $1 AND archived_at IS NULL"
    );
    let cards_sql = format!(
        "SELECT record_id, {name_column}, {amount_column} FROM {table} \
         WHERE stage_id = $1 AND archived_at IS NULL ORDER BY record_id DESC LIMIT $2"
    );
    let mut columns = Vec::with_capacity(pipeline.stages.len());
    for stage in &pipeline.stages {
        let ((count, total), cards): ((i64, Option<i64>), Vec<CardRow>) = on_pool!(db, pool => {
            let totals = sqlx::query_as(&totals_sql).bind(stage.id).fetch_one(pool).await?;
            let cards = sqlx::query_as(&cards_sql)
                .bind(stage.id)
                .bind(i64::from(cards_per_stage))
                .fetch_all(pool)
                .await?;
            Ok::<_, sqlx::Error>((totals, cards))
        })?;
        columns.push(BoardColumn {
            stage_id: stage.id,
            name: stage.name.clone(),
            count: u64::try_from(count).unwrap_or(0),
            total_cents: total,
            cards: cards
                .into_iter()
                .map(|(id, name, amount_cents)| BoardCard {
                    id,
                    name,
                    amount_cents,
                })
                .collect(),
        });
    }
    Ok(columns)
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

async fn stage_name(tx: &mut Tx, stage_id: i64) -> Result<String, AppError> {
    Ok(
        on_tx!(tx, conn => sqlx::query_scalar("SELECT name FROM pipeline_stages WHERE id = $1")
        .bind(stage_id)
        .fetch_one(&mut *conn)
        .await)?,
    )
}

/// Moves a record to `stage_id`, setting `fills` at the same time. The stage's required
/// properties must all have a value afterwards, or nothing changes and the error names the
/// missing ones. Refuses a stale `expected_version` like any update.
pub async fn move_record_to_stage(
    db: &Db,
    record_id: i64,
    stage_id: i64,
    expected_version: i64,
    fills: &[(&str, PropertyValue)],
    context: ChangeContext<'_>,
) -> Result<i64, AppError> {
    let mut tx = db.begin().await?;
    let object = records::object_of_record(&mut tx, record_id).await?;
    let pipeline_id = pipeline_of_stage(&mut tx, &object, stage_id).await?;
    let required: Vec<(String, String)> = on_tx!(&mut tx, conn => sqlx::query_as(
        "SELECT d.name, d.label FROM stage_required_properties r \
         JOIN property_definitions d ON d.id = r.property_id WHERE r.stage_id = $1 ORDER BY d.position")
        .bind(stage_id)
        .fetch_all(&mut *conn)
        .await)?;
    let properties = schema::properties_in_tx(&mut tx, object.id).await?;
    let required_defs = required
        .iter()
        .map(|(name, _)| records::resolve(&properties, name))
        .collect::<Result<Vec<_>, _>>()?;
    let current = records::current_state(&mut tx, &object, record_id, &required_defs).await?;
    // A required property counts as filled by the value it will have after the move: the one
    // sent with the move if any (a blank one does not count), else the current one.
    let missing: Vec<&str> = required
        .iter()
        .zip(&current.values)
        .filter(|((name, _), current)| {
            let after = fills
                .iter()
                .find(|(fill, _)| fill == name)
                .map(|(_, v)| v)
                .or(current.as_ref());
            after.is_none_or(is_blank)
        })
        .map(|((_, label), _)| label.as_str())
        .collect();
    let new_stage = stage_name(&mut tx, stage_id).await?;
    if !missing.is_empty() {
        return Err(AppError::MissingRequired {
            stage: new_stage,
            properties: missing.into_iter().map(str::to_string).collect(),
        });
    }
    let old_stage = match current.stage_id {
        Some(id) => Some(stage_name(&mut tx, id).await?),
        None => None,
    };
    let changes: Vec<(&str, Option<PropertyValue>)> = fills
        .iter()
        .map(|(name, value)| (*name, Some(value.clone())))
        .collect();
    let stage_change = StageChange {
        pipeline_id,
        stage_id,
        history: (old_stage, new_stage),
    };
    let version = records::apply_changes(
        &mut tx,
        &object,
        record_id,
        expected_version,
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
