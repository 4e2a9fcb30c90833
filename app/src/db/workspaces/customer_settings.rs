//! Saving the Customers settings tab, and the checks, writes and audit entries of an object's
//! CSM and date properties that the Services and Revenue tabs share.

use super::{area, lock_settings, settings::SettingsContext, workspace_row};
use crate::{
    db::{
        Db, Tx,
        audit_log::{self, ChangeList},
    },
    error::AppError,
    models::{
        live_event::LiveEvent,
        workspace::{ObjectPropertyChoice, ObjectPropertySettings, PropertyChoice},
    },
    on_tx,
};

fn label_in(choices: &[PropertyChoice], id: Option<i64>) -> String {
    id.and_then(|id| choices.iter().find(|c| c.id == id))
        .map(|c| c.label.clone())
        .unwrap_or_default()
}

/// Checks a CSM and a date property chosen for `current`'s object.
pub(super) fn check_properties(
    current: &ObjectPropertySettings,
    csm_property_id: Option<i64>,
    date_property_id: Option<i64>,
) -> Result<(), AppError> {
    if let Some(id) = csm_property_id
        && !current.user_properties.iter().any(|p| p.id == id)
    {
        return Err(AppError::invalid(
            "csm_property",
            format!(
                "The CSM property must be a user property of {}",
                current.object.label
            ),
        ));
    }
    if let Some(id) = date_property_id
        && !current.date_properties.iter().any(|p| p.id == id)
    {
        return Err(AppError::invalid(
            "date_property",
            format!("Choose a date property of {}", current.object.label),
        ));
    }
    Ok(())
}

pub(super) async fn store_object_settings(
    tx: &mut Tx,
    workspace_id: i64,
    choice: &ObjectPropertyChoice,
) -> Result<(), AppError> {
    on_tx!(tx, conn => execute sqlx::query(
        "INSERT INTO workspace_object_settings \
         (workspace_id, object_type_id, csm_property_id, date_property_id) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (workspace_id, object_type_id) DO UPDATE SET \
         csm_property_id = excluded.csm_property_id, date_property_id = excluded.date_property_id")
        .bind(workspace_id)
        .bind(choice.object_type_id)
        .bind(choice.csm_property_id)
        .bind(choice.date_property_id))?;
    Ok(())
}

pub(super) fn compare_object_settings(
    changes: &mut ChangeList,
    before: &ObjectPropertySettings,
    csm_property_id: Option<i64>,
    date_property_id: Option<i64>,
    date_field: &str,
) {
    let object = &before.object.label;
    changes.compare(
        &format!("CSM property ({object})"),
        &label_in(&before.user_properties, before.csm_property_id),
        &label_in(&before.user_properties, csm_property_id),
    );
    changes.compare(
        &format!("{date_field} ({object})"),
        &label_in(&before.date_properties, before.date_property_id),
        &label_in(&before.date_properties, date_property_id),
    );
}

/// Saves the Customers tab: the CSM property (required) and the renewal date (optional) of the
/// customer object.
pub async fn save_customers_settings(
    db: &Db,
    actor: i64,
    workspace_id: i64,
    csm_property_id: Option<i64>,
    date_property_id: Option<i64>,
) -> Result<(), AppError> {
    let context = SettingsContext::load(db, workspace_id).await?;
    let before = context.object_settings(&context.customer_object);
    if csm_property_id.is_none() {
        return Err(AppError::invalid(
            "csm_property",
            "Choose the user property that holds the CSM",
        ));
    }
    check_properties(&before, csm_property_id, date_property_id)?;
    let mut tx = db.begin().await?;
    lock_settings(&mut tx).await?;
    // Deleted since the settings were read: nothing to save.
    workspace_row(&mut tx, workspace_id).await?;
    store_object_settings(
        &mut tx,
        workspace_id,
        &ObjectPropertyChoice {
            object_type_id: before.object.id,
            csm_property_id,
            date_property_id,
        },
    )
    .await?;
    let mut changes = ChangeList::default();
    compare_object_settings(
        &mut changes,
        &before,
        csm_property_id,
        date_property_id,
        "Renewal date property",
    );
    audit_log::record(
        &mut tx,
        actor,
        &area(&context.row.name, "Customers"),
        changes,
    )
    .await?;
    tx.publish(LiveEvent::WorkspaceChanged { workspace_id });
    tx.commit().await
}
