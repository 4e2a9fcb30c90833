//! The settings read model: what a workspace's settings rest on, read in one snapshot, and its
//! tabs' settings with the defaults of the parent module filled in where nothing was saved.

use super::{WorkspaceRow, team_choices, teams_of, workspace_row};
use crate::{
    db::{
        Db, cs_objects,
        schema::{ObjectType, PropertyDef},
    },
    error::AppError,
    models::{
        PropertyType,
        pipeline::PipelineRules,
        workspace::{
            ObjectChoice, ObjectPropertySettings, PipelineChoice, PipelineTab, PipelineTabSettings,
            PropertyChoice, TeamChoice, WorkspaceSettings, WorkspaceSummary,
        },
    },
    on_tx,
};

/// Date properties tried, in order, as the default renewal or end date.
const DEFAULT_DATE_PROPERTIES: &[&str] = &["renewal_date", "contract_end_date", "end_date"];

fn is_date(property: &PropertyDef) -> bool {
    matches!(
        property.property_type,
        PropertyType::Date | PropertyType::DateTime
    )
}

fn is_user(property: &PropertyDef) -> bool {
    property.property_type == PropertyType::User
}

fn property_choices(
    properties: &[PropertyDef],
    fits: fn(&PropertyDef) -> bool,
) -> Vec<PropertyChoice> {
    properties
        .iter()
        .filter(|p| fits(p))
        .map(|p| PropertyChoice {
            id: p.id,
            label: p.label.clone(),
        })
        .collect()
}

/// The CSM property of a workspace that chose none: the user property named `csm`, else the
/// first user property.
pub(crate) fn default_csm_property(properties: &[PropertyDef]) -> Option<&PropertyDef> {
    properties
        .iter()
        .find(|p| is_user(p) && p.name == "csm")
        .or_else(|| properties.iter().find(|p| is_user(p)))
}

/// An object's CSM and date properties in a workspace: what it saved (`stored`), else the
/// defaults described in the parent module's docs.
pub(super) fn object_property_settings(
    object: &ObjectType,
    properties: &[PropertyDef],
    stored: Option<(Option<i64>, Option<i64>)>,
) -> ObjectPropertySettings {
    let (csm_property_id, date_property_id) = stored.unwrap_or_else(|| {
        let csm = default_csm_property(properties).map(|p| p.id);
        let date = DEFAULT_DATE_PROPERTIES.iter().find_map(|name| {
            properties
                .iter()
                .find(|p| is_date(p) && p.name == *name)
                .map(|p| p.id)
        });
        (csm, date)
    });
    ObjectPropertySettings {
        object: ObjectChoice {
            id: object.id,
            label: object.plural_label.clone(),
        },
        csm_property_id,
        date_property_id,
        user_properties: property_choices(properties, is_user),
        date_properties: property_choices(properties, is_date),
    }
}

/// The pipelines shown: the saved ones that still exist, else all; the default: the saved one
/// if shown, else the first shown.
fn shown_pipelines(
    pipelines: &[PipelineChoice],
    saved: &[i64],
    saved_default: Option<i64>,
) -> (Vec<i64>, Option<i64>) {
    let mut shown: Vec<i64> = pipelines
        .iter()
        .map(|p| p.id)
        .filter(|id| saved.contains(id))
        .collect();
    if shown.is_empty() {
        shown = pipelines.iter().map(|p| p.id).collect();
    }
    let default = saved_default
        .filter(|id| shown.contains(id))
        .or_else(|| shown.first().copied());
    (shown, default)
}

/// What a workspace's settings rest on, read in one snapshot.
pub(super) struct SettingsContext {
    pub(super) row: WorkspaceRow,
    pub(super) customer_object: ObjectType,
    services_object: Option<ObjectType>,
    revenue_objects: Vec<ObjectType>,
    /// `(object_type_id, properties)` of every object above.
    properties: Vec<(i64, Vec<PropertyDef>)>,
    /// `(object_type_id, csm_property_id, date_property_id)` saved by the workspace.
    stored: Vec<(i64, Option<i64>, Option<i64>)>,
    pipelines: Vec<(i64, PipelineChoice)>,
    saved_pipelines: Vec<i64>,
}

impl SettingsContext {
    pub(super) async fn load(db: &Db, workspace_id: i64) -> Result<SettingsContext, AppError> {
        // Object types and properties come from the schema cache; the rest is one snapshot.
        let schema = db.schema().await?;
        let mut tx = db.begin_read().await?;
        let roles = cs_objects::roles_in(&mut tx).await?;
        let row = workspace_row(&mut tx, workspace_id).await?;
        let object = |id: i64| schema.object(id).map(|o| o.object.clone());
        let customer_object = object(roles.customer_object_id)?;
        let services_object = roles.services_object_id.map(object).transpose()?;
        let revenue_objects = roles
            .revenue_object_ids
            .iter()
            .map(|id| object(*id))
            .collect::<Result<Vec<_>, _>>()?;
        let properties = std::iter::once(&customer_object)
            .chain(&services_object)
            .chain(&revenue_objects)
            .map(|o| Ok((o.id, schema.object(o.id)?.properties.clone())))
            .collect::<Result<Vec<_>, AppError>>()?;
        let (stored, pipelines, saved_pipelines) = on_tx!(&mut tx, conn => {
            let stored: Vec<(i64, Option<i64>, Option<i64>)> = sqlx::query_as(
                "SELECT object_type_id, csm_property_id, date_property_id \
                 FROM workspace_object_settings WHERE workspace_id = $1")
                .bind(workspace_id)
                .fetch_all(&mut *conn)
                .await?;
            let pipelines: Vec<(i64, i64, String, bool, bool)> = sqlx::query_as(
                "SELECT id, object_type_id, name, block_skipping, block_backward FROM pipelines \
                 ORDER BY object_type_id, position, id")
                .fetch_all(&mut *conn)
                .await?;
            let saved: Vec<i64> = sqlx::query_scalar(
                "SELECT pipeline_id FROM workspace_pipelines WHERE workspace_id = $1")
                .bind(workspace_id)
                .fetch_all(&mut *conn)
                .await?;
            Ok::<_, sqlx::Error>((stored, pipelines, saved))
        })?;
        tx.commit().await?;
        let label_of = |object_type_id: i64| {
            std::iter::once(&customer_object)
                .chain(&services_object)
                .chain(&revenue_objects)
                .find(|o| o.id == object_type_id)
                .map(|o| o.plural_label.clone())
        };
        let pipelines = pipelines
            .into_iter()
            .filter_map(
                |(id, object_type_id, name, block_skipping, block_backward)| {
                    label_of(object_type_id).map(|object_label| {
                        (
                            object_type_id,
                            PipelineChoice {
                                id,
                                object_type_id,
                                name,
                                object_label,
                                rules: PipelineRules {
                                    block_skipping,
                                    block_backward,
                                },
                            },
                        )
                    })
                },
            )
            .collect();
        Ok(SettingsContext {
            row,
            customer_object,
            services_object,
            revenue_objects,
            properties,
            stored,
            pipelines,
            saved_pipelines,
        })
    }

    fn objects_of(&self, tab: PipelineTab) -> Vec<&ObjectType> {
        match tab {
            PipelineTab::Services => self.services_object.iter().collect(),
            PipelineTab::Revenue => self.revenue_objects.iter().collect(),
        }
    }

    pub(super) fn properties_of(&self, object_type_id: i64) -> &[PropertyDef] {
        self.properties
            .iter()
            .find(|(id, _)| *id == object_type_id)
            .map_or(&[], |(_, p)| p.as_slice())
    }

    pub(super) fn object_settings(&self, object: &ObjectType) -> ObjectPropertySettings {
        let stored = self
            .stored
            .iter()
            .find(|(id, _, _)| *id == object.id)
            .map(|(_, csm, date)| (*csm, *date));
        object_property_settings(object, self.properties_of(object.id), stored)
    }

    pub(super) fn pipeline_tab(&self, tab: PipelineTab) -> PipelineTabSettings {
        let objects = self.objects_of(tab);
        let pipelines: Vec<PipelineChoice> = self
            .pipelines
            .iter()
            .filter(|(object_id, _)| objects.iter().any(|o| o.id == *object_id))
            .map(|(_, p)| p.clone())
            .collect();
        let (shown, saved_default, default_layout) = self.row.tab(tab);
        let (shown_pipeline_ids, default_pipeline_id) =
            shown_pipelines(&pipelines, &self.saved_pipelines, saved_default);
        PipelineTabSettings {
            shown,
            objects: objects.iter().map(|o| self.object_settings(o)).collect(),
            pipelines,
            shown_pipeline_ids,
            default_pipeline_id,
            default_layout,
        }
    }

    /// The whole settings page; `teams` are every team, for the team pickers.
    fn settings(&self, teams: Vec<TeamChoice>) -> WorkspaceSettings {
        WorkspaceSettings {
            workspace: WorkspaceSummary {
                id: self.row.id,
                name: self.row.name.clone(),
                description: self.row.description.clone(),
                is_main: self.row.is_main,
                teams: teams_of(&teams, self.row.id),
            },
            teams,
            customers: self.object_settings(&self.customer_object),
            services: self.pipeline_tab(PipelineTab::Services),
            revenue: self.pipeline_tab(PipelineTab::Revenue),
        }
    }
}

/// Everything the settings page of one workspace edits, with defaults filled in.
/// Teams are read here only: the tabs and the saves that also load the context never need them.
pub async fn workspace_settings(db: &Db, workspace_id: i64) -> Result<WorkspaceSettings, AppError> {
    let context = SettingsContext::load(db, workspace_id).await?;
    let mut tx = db.begin_read().await?;
    let teams = team_choices(&mut tx).await?;
    tx.commit().await?;
    Ok(context.settings(teams))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::workspaces::test_fixtures::{object, pipelines, property};

    #[test]
    fn defaults_prefer_the_csm_and_renewal_properties() {
        let properties = vec![
            property(1, "owner", PropertyType::User),
            property(2, "csm", PropertyType::User),
            property(3, "close_date", PropertyType::Date),
            property(4, "contract_end_date", PropertyType::Date),
            property(5, "name", PropertyType::Text),
        ];
        let settings = object_property_settings(&object(), &properties, None);
        assert_eq!(settings.csm_property_id, Some(2));
        assert_eq!(settings.date_property_id, Some(4));
        assert_eq!(settings.user_properties.len(), 2);
        assert_eq!(settings.date_properties.len(), 2);
        let saved = object_property_settings(&object(), &properties, Some((Some(1), None)));
        assert_eq!(
            (saved.csm_property_id, saved.date_property_id),
            (Some(1), None)
        );
        let without_csm = object_property_settings(&object(), &properties[..1], None);
        assert_eq!(without_csm.csm_property_id, Some(1));
    }

    #[test]
    fn unsaved_or_stale_pipelines_fall_back_to_all() {
        let all = pipelines();
        assert_eq!(
            shown_pipelines(&all, &[], None),
            (vec![10, 11, 20], Some(10))
        );
        assert_eq!(
            shown_pipelines(&all, &[20, 11], Some(20)),
            (vec![11, 20], Some(20))
        );
        assert_eq!(shown_pipelines(&all, &[11], Some(10)), (vec![11], Some(11)));
        assert_eq!(
            shown_pipelines(&all, &[99], None),
            (vec![10, 11, 20], Some(10))
        );
    }
}
