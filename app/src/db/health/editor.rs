//! What the Settings → Health scores pages show: the list with the create dialog's choices, and
//! one profile in its editor.

use super::{
    criteria_sql::{CriteriaContext, check_rules},
    profiles, segments,
};
use crate::{
    db::{Db, cs_objects},
    error::AppError,
    models::{
        PropertyType,
        as_json::AsJson,
        health_score::HealthScoreDefinition,
        health_score_view::{HealthProfileEditor, HealthProfileList},
    },
};

/// The profiles, and the customer object's segments for a new one.
pub async fn profile_list(db: &Db) -> Result<HealthProfileList, AppError> {
    let customer = cs_objects::cs_objects(db).await?.customer_object_id;
    let schema = db.schema().await?;
    Ok(HealthProfileList {
        profiles: profiles::list_profiles(db).await?,
        object_label: schema.object(customer)?.object.plural_label.clone(),
        segment_choices: segments::choices(db, customer).await?,
    })
}

/// One profile with what its editor offers: the object's typed (not computed) properties for
/// conditions, its date properties for renewals, its segments.
pub async fn profile_editor(db: &Db, id: i64) -> Result<HealthProfileEditor, AppError> {
    let row = profiles::profile(db, id).await?;
    let schema = db.schema().await?;
    let object = schema.object(row.object_type_id)?;
    let fields: Vec<_> = object
        .field_infos()
        .into_iter()
        .filter(|f| !f.read_only)
        .collect();
    let date_fields = fields
        .iter()
        .filter(|f| matches!(f.property_type, PropertyType::Date | PropertyType::DateTime))
        .cloned()
        .collect();
    let segment_choices = segments::choices(db, row.object_type_id).await?;
    let mut definition = row.editable_definition()?;
    // A view deleted or no longer shared limits nothing; keeping it would block every save.
    definition
        .segments
        .retain(|id| segment_choices.iter().any(|c| c.id == *id));
    Ok(HealthProfileEditor {
        id: row.id,
        version: row.version,
        name: row.name.clone(),
        description: row.description.clone(),
        live: row.live,
        has_draft: row.live && row.draft.is_some(),
        definition: AsJson(definition),
        object_label: object.object.plural_label.clone(),
        fields,
        date_fields,
        segment_choices,
    })
}

/// Refuses criteria that do not apply to the profile's object (a missing property, a value of
/// the wrong type), at the criterion's field.
pub async fn check_criteria(
    db: &Db,
    id: i64,
    definition: &HealthScoreDefinition,
) -> Result<(), AppError> {
    let row = profiles::profile(db, id).await?;
    let schema = db.schema().await?;
    let customer = schema.object(row.object_type_id)?;
    let cx = CriteriaContext {
        schema: &schema,
        customer,
        now: chrono::Utc::now(),
    };
    check_rules(&cx, definition)
}
