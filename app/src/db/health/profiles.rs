//! Score profiles: create, edit as a draft, turn on (publish), turn off, delete. Turning a
//! profile on gives the customer object two computed properties (the score and the category),
//! so every list can show, filter and sort by them; the scorer fills them in
//! ([`super::compute`]).

use chrono::{DateTime, Utc};
use sqlx::FromRow;

use super::segments;
use crate::{
    db::{
        Db, Tx, audit_log,
        audit_log::ChangeList,
        computed_properties, cs_objects, parse_description, parse_name, require_found,
        schema::{self, Identifier, NewProperty, ObjectType, PropertyDef},
    },
    error::AppError,
    models::{
        PropertyType,
        health_score::{
            HealthCategory, HealthScoreDefinition, MAX_DRAFT_PROFILES, MAX_LIVE_PROFILES,
        },
        health_score_presets::predefined_groups,
        health_score_view::{HealthProfileSummary, ProfileStart},
    },
    on_pool, on_tx,
};

#[derive(Clone, Debug, FromRow)]
pub struct ProfileRow {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub object_type_id: i64,
    pub live: bool,
    pub published: Option<String>,
    pub draft: Option<String>,
    pub score_property_id: Option<i64>,
    pub category_property_id: Option<i64>,
    pub version: i64,
    pub computed_at: Option<DateTime<Utc>>,
}

const PROFILE_COLUMNS: &str = "id, name, description, object_type_id, live, published, draft, \
     score_property_id, category_property_id, version, computed_at";

pub(crate) fn parse_definition(json: &str) -> Result<HealthScoreDefinition, AppError> {
    serde_json::from_str(json).map_err(|e| AppError::internal("health score definition", e))
}

fn to_json(definition: &HealthScoreDefinition) -> Result<String, AppError> {
    serde_json::to_string(definition).map_err(|e| AppError::internal("health score definition", e))
}

impl ProfileRow {
    /// The definition the editor shows: the pending draft, else the one in force.
    pub fn editable_definition(&self) -> Result<HealthScoreDefinition, AppError> {
        match self.draft.as_deref().or(self.published.as_deref()) {
            Some(json) => parse_definition(json),
            None => Ok(HealthScoreDefinition::default()),
        }
    }

    pub fn published_definition(&self) -> Result<Option<HealthScoreDefinition>, AppError> {
        self.published.as_deref().map(parse_definition).transpose()
    }
}

pub async fn profile(db: &Db, id: i64) -> Result<ProfileRow, AppError> {
    let sql = format!("SELECT {PROFILE_COLUMNS} FROM health_score_profiles WHERE id = $1");
    on_pool!(db, pool => sqlx::query_as(&sql).bind(id).fetch_optional(pool).await)?
        .ok_or_else(|| AppError::not_found("The health score"))
}

async fn profile_in(tx: &mut Tx, id: i64, version: Option<i64>) -> Result<ProfileRow, AppError> {
    let sql = format!("SELECT {PROFILE_COLUMNS} FROM health_score_profiles WHERE id = $1");
    let row: Option<ProfileRow> =
        on_tx!(tx, conn => sqlx::query_as(&sql).bind(id).fetch_optional(&mut *conn).await)?;
    let row = row.ok_or_else(|| AppError::not_found("The health score"))?;
    if version.is_some_and(|v| v != row.version) {
        return Err(AppError::StaleVersion);
    }
    Ok(row)
}

/// Every live profile, oldest first.
pub async fn live_profiles(db: &Db) -> Result<Vec<ProfileRow>, AppError> {
    let sql =
        format!("SELECT {PROFILE_COLUMNS} FROM health_score_profiles WHERE live = $1 ORDER BY id");
    Ok(on_pool!(db, pool => sqlx::query_as(&sql).bind(true).fetch_all(pool).await)?)
}

/// The Settings list: live profiles first, then drafts, by name.
pub async fn list_profiles(db: &Db) -> Result<Vec<HealthProfileSummary>, AppError> {
    #[derive(FromRow)]
    struct Row {
        id: i64,
        name: String,
        description: String,
        live: bool,
        has_draft: bool,
        object_label: String,
        updated_at: DateTime<Utc>,
        scored: i64,
    }
    let rows: Vec<Row> = on_pool!(db, pool => sqlx::query_as(
        "SELECT p.id, p.name, p.description, p.live, \
         (p.live AND p.draft IS NOT NULL) AS has_draft, o.plural_label AS object_label, \
         p.updated_at, (SELECT COUNT(*) FROM health_scores s WHERE s.profile_id = p.id) AS scored \
         FROM health_score_profiles p JOIN object_types o ON o.id = p.object_type_id \
         ORDER BY p.live DESC, LOWER(p.name), p.id")
        .fetch_all(pool)
        .await)?;
    Ok(rows
        .into_iter()
        .map(|r| HealthProfileSummary {
            id: r.id,
            name: r.name,
            description: r.description,
            live: r.live,
            has_draft: r.has_draft,
            object_label: r.object_label,
            updated_at: r.updated_at,
            scored: r.scored.max(0) as u64,
        })
        .collect())
}

async fn count_profiles(tx: &mut Tx, live: bool) -> Result<usize, AppError> {
    let count: i64 = on_tx!(tx, conn => sqlx::query_scalar(
        "SELECT COUNT(*) FROM health_score_profiles WHERE live = $1")
        .bind(live)
        .fetch_one(&mut *conn)
        .await)?;
    Ok(count.max(0) as usize)
}

async fn refuse_beyond_draft_limit(tx: &mut Tx) -> Result<(), AppError> {
    if count_profiles(tx, false).await? >= MAX_DRAFT_PROFILES {
        return Err(AppError::Conflict(format!(
            "There are already {MAX_DRAFT_PROFILES} draft health scores; delete one first"
        )));
    }
    Ok(())
}

/// A new draft profile for the customer object, from the predefined groups or empty.
pub async fn create_profile(
    db: &Db,
    actor: i64,
    name: &str,
    description: &str,
    segments: Vec<i64>,
    start: ProfileStart,
) -> Result<i64, AppError> {
    let name = parse_name("name", name)?;
    let description = parse_description(description)?;
    let mut tx = db.begin().await?;
    refuse_beyond_draft_limit(&mut tx).await?;
    let customer = cs_objects::roles_in(&mut tx).await?.customer_object_id;
    segments::check(&mut tx, customer, &segments).await?;
    let properties = schema::properties_in_tx(&mut tx, customer).await?;
    let groups = match start {
        ProfileStart::PredefinedGroups => {
            predefined_groups(|name| properties.iter().any(|p| p.name == name))
        }
        ProfileStart::Scratch => vec![],
    };
    let definition = HealthScoreDefinition {
        groups,
        segments,
        ..HealthScoreDefinition::default()
    };
    let now = Utc::now();
    let id: i64 = on_tx!(&mut tx, conn => sqlx::query_scalar(
        "INSERT INTO health_score_profiles (name, description, object_type_id, live, draft, \
         created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id")
        .bind(&name)
        .bind(&description)
        .bind(customer)
        .bind(false)
        .bind(to_json(&definition)?)
        .bind(actor)
        .bind(now)
        .fetch_one(&mut *conn)
        .await)?;
    let mut changes = ChangeList::default();
    changes.note("Created");
    audit_log::record(&mut tx, actor, &area(&name), changes).await?;
    tx.commit().await?;
    Ok(id)
}

fn area(name: &str) -> String {
    format!("Health score \u{201c}{name}\u{201d}")
}

/// Saves edits as the draft; a live profile keeps scoring with its published definition until
/// [`turn_on`]. `check` has already refused what cannot be saved.
pub async fn save_draft(
    db: &Db,
    actor: i64,
    id: i64,
    version: i64,
    name: &str,
    description: &str,
    definition: &HealthScoreDefinition,
) -> Result<i64, AppError> {
    let name = parse_name("name", name)?;
    let description = parse_description(description)?;
    let mut tx = db.begin().await?;
    let row = profile_in(&mut tx, id, Some(version)).await?;
    segments::check(&mut tx, row.object_type_id, &definition.segments).await?;
    let mut changes = ChangeList::default();
    changes.compare("Name", &row.name, &name);
    changes.compare("Description", &row.description, &description);
    if row.editable_definition()? != *definition {
        changes.note("Criteria, categories or segments edited");
    }
    let updated = on_tx!(&mut tx, conn => execute sqlx::query(
        "UPDATE health_score_profiles SET name = $1, description = $2, draft = $3, \
         version = version + 1, updated_at = $4 WHERE id = $5 AND version = $6")
        .bind(&name)
        .bind(&description)
        .bind(to_json(definition)?)
        .bind(Utc::now())
        .bind(id)
        .bind(version))?;
    if updated != 1 {
        return Err(AppError::StaleVersion);
    }
    audit_log::record(&mut tx, actor, &area(&name), changes).await?;
    tx.commit().await?;
    Ok(version + 1)
}

/// Publishes the definition being edited and makes the profile live: its records are scored
/// again by the scorer (the profile is marked as never computed). Refused unless the groups sum
/// to 100 and every criterion compiles.
pub async fn turn_on(db: &Db, actor: i64, id: i64, version: i64) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    let row = profile_in(&mut tx, id, Some(version)).await?;
    let definition = row.editable_definition()?;
    if let Some(problem) = definition.live_problems().into_iter().next() {
        return Err(AppError::invalid(problem.field, problem.message));
    }
    if !row.live && count_profiles(&mut tx, true).await? >= MAX_LIVE_PROFILES {
        return Err(AppError::Conflict(format!(
            "There are already {MAX_LIVE_PROFILES} live health scores; turn one off first"
        )));
    }
    let object = schema::object_type_in(&mut tx, row.object_type_id).await?;
    let (score, category) = ensure_score_properties(&mut tx, &object, &row).await?;
    let updated = on_tx!(&mut tx, conn => execute sqlx::query(
        "UPDATE health_score_profiles SET live = $1, published = $2, draft = NULL, \
         score_property_id = $3, category_property_id = $4, computed_at = NULL, \
         claimed_at = NULL, version = version + 1, updated_at = $5 WHERE id = $6 AND version = $7")
        .bind(true)
        .bind(to_json(&definition)?)
        .bind(score.id)
        .bind(category.id)
        .bind(Utc::now())
        .bind(id)
        .bind(version))?;
    if updated != 1 {
        return Err(AppError::StaleVersion);
    }
    let mut changes = ChangeList::default();
    changes.note(if row.live {
        "Changes turned on"
    } else {
        "Turned on"
    });
    audit_log::record(&mut tx, actor, &area(&row.name), changes).await?;
    tx.commit().await
}

/// The profile's score and category properties on `object`, created (computed, read-only) the
/// first time it is turned on and labelled after its current name.
async fn ensure_score_properties(
    tx: &mut Tx,
    object: &ObjectType,
    row: &ProfileRow,
) -> Result<(PropertyDef, PropertyDef), AppError> {
    let short: String = row.name.chars().take(80).collect();
    let score_label = format!("{short} score");
    let category_label = format!("{short} category");
    let existing = schema::properties_in_tx(tx, object.id).await?;
    let find = |id: Option<i64>| id.and_then(|id| existing.iter().find(|p| p.id == id).cloned());
    let score = match find(row.score_property_id) {
        Some(p) => p,
        None => {
            let property = NewProperty {
                name: Identifier::parse("name", &format!("health_score_{}", row.id))?,
                label: score_label.clone(),
                property_type: PropertyType::Number,
                options: vec![],
                is_standard: false,
                computed: true,
            };
            schema::create_property(tx, object, &property).await?
        }
    };
    let category = match find(row.category_property_id) {
        Some(p) => p,
        None => {
            let property = NewProperty {
                name: Identifier::parse("name", &format!("health_category_{}", row.id))?,
                label: category_label.clone(),
                property_type: PropertyType::Enumeration,
                options: HealthCategory::ALL
                    .iter()
                    .map(|c| (c.as_str().to_string(), c.label().to_string()))
                    .collect(),
                is_standard: false,
                computed: true,
            };
            schema::create_property(tx, object, &property).await?
        }
    };
    computed_properties::relabel_property(tx, score.id, &score_label).await?;
    computed_properties::relabel_property(tx, category.id, &category_label).await?;
    Ok((score, category))
}

/// Stops scoring: the profile becomes a draft again (its definition kept for editing); its score
/// and category properties go (views forget them) with the current scores; history stays.
pub async fn turn_off(db: &Db, actor: i64, id: i64, version: i64) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    let row = profile_in(&mut tx, id, Some(version)).await?;
    if !row.live {
        return Err(AppError::Conflict(
            "This health score is already off".into(),
        ));
    }
    refuse_beyond_draft_limit(&mut tx).await?;
    let draft = row.editable_definition()?;
    on_tx!(&mut tx, conn => execute sqlx::query(
        "UPDATE health_score_profiles SET live = $1, draft = $2, score_property_id = NULL, \
         category_property_id = NULL, version = version + 1, updated_at = $3 WHERE id = $4")
        .bind(false)
        .bind(to_json(&draft)?)
        .bind(Utc::now())
        .bind(id))?;
    on_tx!(&mut tx, conn => execute sqlx::query("DELETE FROM health_scores WHERE profile_id = $1")
        .bind(id))?;
    drop_score_properties(&mut tx, &row).await?;
    let mut changes = ChangeList::default();
    changes.note("Turned off");
    audit_log::record(&mut tx, actor, &area(&row.name), changes).await?;
    tx.commit().await
}

/// Deletes a profile with its scores and history, and its score and category properties (views
/// that showed, sorted or filtered by them forget them).
pub async fn delete_profile(db: &Db, actor: i64, id: i64) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    let row = profile_in(&mut tx, id, None).await?;
    let deleted = on_tx!(&mut tx, conn => execute sqlx::query(
        "DELETE FROM health_score_profiles WHERE id = $1").bind(id))?;
    require_found(deleted, "The health score")?;
    drop_score_properties(&mut tx, &row).await?;
    let mut changes = ChangeList::default();
    changes.note("Deleted");
    audit_log::record(&mut tx, actor, &area(&row.name), changes).await?;
    tx.commit().await
}

/// Drops a profile's score and category properties (it is off or gone).
async fn drop_score_properties(tx: &mut Tx, row: &ProfileRow) -> Result<(), AppError> {
    let object = schema::object_type_in(tx, row.object_type_id).await?;
    for property_id in [row.score_property_id, row.category_property_id]
        .into_iter()
        .flatten()
    {
        computed_properties::drop_computed_property(tx, &object, property_id).await?;
    }
    Ok(())
}
