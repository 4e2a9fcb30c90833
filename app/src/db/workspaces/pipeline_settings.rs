//! Saving the Services or Revenue settings tab of a workspace: which pipelines it shows, the
//! default pipeline and layout, and the CSM and date properties of the tab's objects.

use std::collections::BTreeSet;

use super::{
    area,
    customer_settings::{check_properties, compare_object_settings, store_object_settings},
    lock_settings,
    settings::SettingsContext,
    workspace_row,
};
use crate::{
    db::{
        Db,
        audit_log::{self, ChangeList},
    },
    error::AppError,
    models::{
        live_event::LiveEvent,
        workspace::{
            Layout, ObjectPropertyChoice, PipelineChoice, PipelineTab, PipelineTabSettings,
        },
    },
    on_tx,
};

/// What the Services or Revenue settings tab sends.
#[derive(Clone, Debug)]
pub struct PipelineTabForm {
    pub shown: bool,
    /// One entry per object of the tab.
    pub properties: Vec<ObjectPropertyChoice>,
    pub pipeline_ids: Vec<i64>,
    pub default_pipeline_id: Option<i64>,
    pub default_layout: Layout,
}

/// Checks a Services/Revenue form against the tab's current settings; returns the pipelines to
/// show (without repeats, in pipeline order) and the default one.
fn check_pipeline_tab(
    before: &PipelineTabSettings,
    form: &PipelineTabForm,
) -> Result<(Vec<i64>, Option<i64>), AppError> {
    for choice in &form.properties {
        let current = before
            .objects
            .iter()
            .find(|o| o.object.id == choice.object_type_id)
            .ok_or_else(|| AppError::invalid("objects", "That object is not shown on this tab"))?;
        check_properties(current, choice.csm_property_id, choice.date_property_id)?;
    }
    let pipeline_ids: Vec<i64> = before
        .pipelines
        .iter()
        .map(|p| p.id)
        .filter(|id| form.pipeline_ids.contains(id))
        .collect();
    if pipeline_ids.len() != form.pipeline_ids.iter().collect::<BTreeSet<_>>().len() {
        return Err(AppError::invalid(
            "pipelines",
            "Choose pipelines of this tab's objects",
        ));
    }
    if pipeline_ids.is_empty() && !before.pipelines.is_empty() {
        return Err(AppError::invalid(
            "pipelines",
            "Choose at least one pipeline",
        ));
    }
    let default = match form.default_pipeline_id {
        Some(id) if !pipeline_ids.contains(&id) => {
            return Err(AppError::invalid(
                "default_pipeline",
                "The default pipeline must be one of the chosen pipelines",
            ));
        }
        Some(id) => Some(id),
        None => pipeline_ids.first().copied(),
    };
    Ok((pipeline_ids, default))
}

fn pipeline_names(pipelines: &[PipelineChoice], ids: &[i64]) -> String {
    pipelines
        .iter()
        .filter(|p| ids.contains(&p.id))
        .map(|p| p.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn on_off(shown: bool) -> &'static str {
    if shown { "on" } else { "off" }
}

/// Saves the Services or Revenue tab of a workspace.
pub async fn save_pipeline_tab_settings(
    db: &Db,
    actor: i64,
    workspace_id: i64,
    tab: PipelineTab,
    form: &PipelineTabForm,
) -> Result<(), AppError> {
    let context = SettingsContext::load(db, workspace_id).await?;
    let before = context.pipeline_tab(tab);
    let (pipeline_ids, default_pipeline_id) = check_pipeline_tab(&before, form)?;
    let mut tx = db.begin().await?;
    lock_settings(&mut tx).await?;
    // Deleted since the settings were read: nothing to save.
    workspace_row(&mut tx, workspace_id).await?;
    let (shown_column, pipeline_column, layout_column) = match tab {
        PipelineTab::Services => (
            "services_tab_shown",
            "services_default_pipeline_id",
            "services_default_layout",
        ),
        PipelineTab::Revenue => (
            "revenue_tab_shown",
            "revenue_default_pipeline_id",
            "revenue_default_layout",
        ),
    };
    let sql = format!(
        "UPDATE workspaces SET {shown_column} = $1, {pipeline_column} = $2, {layout_column} = $3 \
         WHERE id = $4"
    );
    on_tx!(&mut tx, conn => execute sqlx::query(&sql)
        .bind(form.shown)
        .bind(default_pipeline_id)
        .bind(form.default_layout.as_str())
        .bind(workspace_id))?;
    for choice in &form.properties {
        store_object_settings(&mut tx, workspace_id, choice).await?;
    }
    let available: Vec<i64> = before.pipelines.iter().map(|p| p.id).collect();
    for pipeline_id in &available {
        on_tx!(&mut tx, conn => execute sqlx::query(
            "DELETE FROM workspace_pipelines WHERE workspace_id = $1 AND pipeline_id = $2")
            .bind(workspace_id)
            .bind(pipeline_id))?;
    }
    for pipeline_id in &pipeline_ids {
        on_tx!(&mut tx, conn => execute sqlx::query(
            "INSERT INTO workspace_pipelines (workspace_id, pipeline_id) VALUES ($1, $2) \
             ON CONFLICT DO NOTHING")
            .bind(workspace_id)
            .bind(pipeline_id))?;
    }
    let mut changes = ChangeList::default();
    changes.compare(
        &format!("Show {} tab", tab.label()),
        on_off(before.shown),
        on_off(form.shown),
    );
    let date_field = match tab {
        PipelineTab::Services => "Renewal date property",
        PipelineTab::Revenue => "Renewal or end date property",
    };
    for choice in &form.properties {
        if let Some(object) = before
            .objects
            .iter()
            .find(|o| o.object.id == choice.object_type_id)
        {
            compare_object_settings(
                &mut changes,
                object,
                choice.csm_property_id,
                choice.date_property_id,
                date_field,
            );
        }
    }
    changes.compare(
        "Pipelines",
        &pipeline_names(&before.pipelines, &before.shown_pipeline_ids),
        &pipeline_names(&before.pipelines, &pipeline_ids),
    );
    let name_of =
        |id: Option<i64>| pipeline_names(&before.pipelines, &id.into_iter().collect::<Vec<_>>());
    changes.compare(
        "Default pipeline",
        &name_of(before.default_pipeline_id),
        &name_of(default_pipeline_id),
    );
    changes.compare(
        "Default layout",
        before.default_layout.label(),
        form.default_layout.label(),
    );
    audit_log::record(
        &mut tx,
        actor,
        &area(&context.row.name, tab.label()),
        changes,
    )
    .await?;
    tx.publish(LiveEvent::WorkspaceChanged { workspace_id });
    tx.commit().await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        db::workspaces::{
            settings::object_property_settings,
            test_fixtures::{field_of, object, pipelines, property},
        },
        models::PropertyType,
    };

    fn tab_settings() -> PipelineTabSettings {
        let properties = vec![
            property(2, "csm", PropertyType::User),
            property(4, "contract_end_date", PropertyType::Date),
            property(5, "name", PropertyType::Text),
        ];
        PipelineTabSettings {
            shown: true,
            objects: vec![object_property_settings(&object(), &properties, None)],
            pipelines: pipelines(),
            shown_pipeline_ids: vec![10, 11, 20],
            default_pipeline_id: Some(10),
            default_layout: Layout::Board,
        }
    }

    fn form(pipeline_ids: &[i64], default: Option<i64>, csm: Option<i64>) -> PipelineTabForm {
        PipelineTabForm {
            shown: true,
            properties: vec![ObjectPropertyChoice {
                object_type_id: 1,
                csm_property_id: csm,
                date_property_id: Some(4),
            }],
            pipeline_ids: pipeline_ids.to_vec(),
            default_pipeline_id: default,
            default_layout: Layout::Table,
        }
    }

    #[test]
    fn pipeline_tab_forms_are_checked() {
        let before = tab_settings();
        assert_eq!(
            check_pipeline_tab(&before, &form(&[20, 11], Some(20), Some(2))).unwrap(),
            (vec![11, 20], Some(20))
        );
        assert_eq!(
            check_pipeline_tab(&before, &form(&[11], None, None)).unwrap(),
            (vec![11], Some(11))
        );
        assert_eq!(
            field_of(check_pipeline_tab(&before, &form(&[], None, Some(2)))),
            "pipelines"
        );
        assert_eq!(
            field_of(check_pipeline_tab(&before, &form(&[99], None, Some(2)))),
            "pipelines"
        );
        assert_eq!(
            field_of(check_pipeline_tab(&before, &form(&[10], Some(11), Some(2)))),
            "default_pipeline"
        );
        // A text property cannot hold the CSM, nor a user property the date.
        assert_eq!(
            field_of(check_pipeline_tab(&before, &form(&[10], None, Some(5)))),
            "csm_property"
        );
        let mut wrong_date = form(&[10], None, Some(2));
        wrong_date.properties[0].date_property_id = Some(2);
        assert_eq!(
            field_of(check_pipeline_tab(&before, &wrong_date)),
            "date_property"
        );
        let mut other_object = form(&[10], None, Some(2));
        other_object.properties[0].object_type_id = 9;
        assert_eq!(
            field_of(check_pipeline_tab(&before, &other_object)),
            "objects"
        );
    }
}
