//! Customer Success workspaces: the main one and up to five team workspaces, their teams, and
//! the settings of their Customers, Services and Revenue tabs (SPEC §3). Every change is written
//! to the audit log in the same transaction.
//!
//! Settings a workspace has never saved fall back to defaults at read time: the object's `csm`
//! user property (else its first user property), its renewal/end date property, every pipeline
//! of the tab's objects, and the first shown pipeline as default. So a new pipeline or a newly
//! chosen object shows up without rewriting any workspace, until an admin picks explicitly.

use std::collections::BTreeSet;

use chrono::Utc;
use sqlx::FromRow;

use super::{
    Db, Tx,
    audit_log::{self, ChangeList},
    cs_objects,
    schema::{ObjectType, PropertyDef},
};
use crate::{
    error::{AppError, on_duplicate},
    models::{
        PropertyType,
        live_event::LiveEvent,
        pipeline::PipelineRules,
        workspace::{
            Layout, MAX_TEAM_WORKSPACES, ObjectChoice, ObjectPropertyChoice,
            ObjectPropertySettings, PipelineChoice, PipelineTab, PipelineTabSettings,
            PropertyChoice, TeamChoice, TeamRef, ViewerWorkspace, WorkspaceSettings,
            WorkspaceSummary, WorkspacesOverview,
        },
    },
    on_pool, on_tx,
};

/// The name the main workspace starts with.
pub const MAIN_WORKSPACE_NAME: &str = "Main workspace";
const DUPLICATE_NAME: &str = "A workspace with this name already exists";
/// Date properties tried, in order, as the default renewal or end date.
const DEFAULT_DATE_PROPERTIES: &[&str] = &["renewal_date", "contract_end_date", "end_date"];

fn parse_description(raw: &str) -> Result<String, AppError> {
    let description = raw.trim();
    if description.chars().count() > 500 {
        return Err(AppError::invalid(
            "description",
            "Keep the description under 500 characters",
        ));
    }
    Ok(description.to_string())
}

/// Serialises settings writes across PostgreSQL connections, so the limit of five, "one
/// workspace per team", and delete-then-insert rewrites hold under concurrent requests (SQLite's
/// write transactions are serial already).
pub(crate) async fn lock_settings(tx: &mut Tx) -> Result<(), AppError> {
    if let Some(pg) = tx.postgres() {
        sqlx::query("SELECT pg_advisory_xact_lock(7270002)")
            .execute(pg)
            .await?;
    }
    Ok(())
}

/// Creates the main workspace if there is none. Runs at start-up.
pub(crate) async fn ensure_main_workspace(tx: &mut Tx) -> Result<(), AppError> {
    let main: Option<i64> = on_tx!(tx, conn => sqlx::query_scalar(
        "SELECT id FROM workspaces WHERE is_main")
        .fetch_optional(&mut *conn)
        .await)?;
    if main.is_none() {
        on_tx!(tx, conn => execute sqlx::query(
            "INSERT INTO workspaces (name, description, is_main, created_at) VALUES ($1, $2, $3, $4)")
            .bind(MAIN_WORKSPACE_NAME)
            .bind("Everyone whose primary team has no workspace of its own")
            .bind(true)
            .bind(Utc::now()))?;
    }
    Ok(())
}

#[derive(FromRow)]
struct WorkspaceRow {
    id: i64,
    name: String,
    description: String,
    is_main: bool,
    services_tab_shown: bool,
    services_default_pipeline_id: Option<i64>,
    services_default_layout: String,
    revenue_tab_shown: bool,
    revenue_default_pipeline_id: Option<i64>,
    revenue_default_layout: String,
}

const WORKSPACE_COLUMNS: &str = "id, name, description, is_main, services_tab_shown, \
    services_default_pipeline_id, services_default_layout, revenue_tab_shown, \
    revenue_default_pipeline_id, revenue_default_layout";

impl WorkspaceRow {
    fn tab(&self, tab: PipelineTab) -> (bool, Option<i64>, Layout) {
        let (shown, pipeline, layout) = match tab {
            PipelineTab::Services => (
                self.services_tab_shown,
                self.services_default_pipeline_id,
                &self.services_default_layout,
            ),
            PipelineTab::Revenue => (
                self.revenue_tab_shown,
                self.revenue_default_pipeline_id,
                &self.revenue_default_layout,
            ),
        };
        (
            shown,
            pipeline,
            Layout::parse(layout).unwrap_or(Layout::Board),
        )
    }
}

async fn workspace_row(tx: &mut Tx, workspace_id: i64) -> Result<WorkspaceRow, AppError> {
    let sql = format!("SELECT {WORKSPACE_COLUMNS} FROM workspaces WHERE id = $1");
    on_tx!(tx, conn => sqlx::query_as(&sql).bind(workspace_id).fetch_optional(&mut *conn).await)?
        .ok_or_else(|| AppError::not_found("The workspace"))
}

/// Every team, with the workspace holding it if any.
async fn team_choices(tx: &mut Tx) -> Result<Vec<TeamChoice>, AppError> {
    let rows: Vec<(i64, String, Option<i64>, Option<String>)> = on_tx!(tx, conn => sqlx::query_as(
        "SELECT t.id, t.name, w.id, w.name FROM teams t \
         LEFT JOIN workspace_teams wt ON wt.team_id = t.id \
         LEFT JOIN workspaces w ON w.id = wt.workspace_id ORDER BY LOWER(t.name), t.id")
        .fetch_all(&mut *conn)
        .await)?;
    Ok(rows
        .into_iter()
        .map(|(id, name, workspace_id, workspace_name)| TeamChoice {
            id,
            name,
            workspace_id,
            workspace_name,
        })
        .collect())
}

/// Checks the teams chosen for a workspace (`None`: one being created) and returns them without
/// repeats: each must exist and belong to no other workspace.
fn check_teams(
    teams: &[TeamChoice],
    workspace_id: Option<i64>,
    team_ids: &[i64],
) -> Result<Vec<i64>, AppError> {
    let chosen: BTreeSet<i64> = team_ids.iter().copied().collect();
    for id in &chosen {
        let team = teams
            .iter()
            .find(|t| t.id == *id)
            .ok_or_else(|| AppError::invalid("teams", "A chosen team no longer exists"))?;
        if team.taken_by_other(workspace_id) {
            return Err(AppError::invalid(
                "teams",
                format!(
                    "{} already belongs to the workspace “{}”. A team can belong to only one workspace.",
                    team.name,
                    team.workspace_name.as_deref().unwrap_or_default()
                ),
            ));
        }
    }
    Ok(chosen.into_iter().collect())
}

fn team_names(teams: &[TeamChoice], ids: &[i64]) -> String {
    teams
        .iter()
        .filter(|t| ids.contains(&t.id))
        .map(|t| t.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

async fn assign_teams(tx: &mut Tx, workspace_id: i64, team_ids: &[i64]) -> Result<(), AppError> {
    on_tx!(tx, conn => execute sqlx::query("DELETE FROM workspace_teams WHERE workspace_id = $1")
        .bind(workspace_id))?;
    for team_id in team_ids {
        on_tx!(tx, conn => execute sqlx::query(
            "INSERT INTO workspace_teams (workspace_id, team_id) VALUES ($1, $2)")
            .bind(workspace_id)
            .bind(team_id))
        .map_err(on_duplicate(
            "teams",
            "A team can belong to only one workspace",
        ))?;
    }
    Ok(())
}

fn area(workspace_name: &str, part: &str) -> String {
    format!("Workspace “{workspace_name}” · {part}")
}

/// Creates a team workspace holding `team_ids`; refused beyond [`MAX_TEAM_WORKSPACES`] and for
/// a team that another workspace holds.
pub async fn create_workspace(
    db: &Db,
    actor: i64,
    name: &str,
    description: &str,
    team_ids: &[i64],
) -> Result<i64, AppError> {
    let name = super::parse_name("name", name)?;
    let description = parse_description(description)?;
    let mut tx = db.begin().await?;
    lock_settings(&mut tx).await?;
    let existing: i64 = on_tx!(&mut tx, conn => sqlx::query_scalar(
        "SELECT COUNT(*) FROM workspaces WHERE NOT is_main")
        .fetch_one(&mut *conn)
        .await)?;
    if existing >= MAX_TEAM_WORKSPACES as i64 {
        return Err(AppError::invalid(
            "workspaces",
            format!("You can create up to {MAX_TEAM_WORKSPACES} workspaces"),
        ));
    }
    let teams = team_choices(&mut tx).await?;
    let team_ids = check_teams(&teams, None, team_ids)?;
    let id: i64 = on_tx!(&mut tx, conn => sqlx::query_scalar(
        "INSERT INTO workspaces (name, description, is_main, created_at) VALUES ($1, $2, $3, $4) \
         RETURNING id")
        .bind(&name)
        .bind(&description)
        .bind(false)
        .bind(Utc::now())
        .fetch_one(&mut *conn)
        .await)
    .map_err(on_duplicate("name", DUPLICATE_NAME))?;
    assign_teams(&mut tx, id, &team_ids).await?;
    let mut changes = ChangeList::default();
    changes.note("Created");
    changes.compare("Description", "", &description);
    changes.compare("Teams", "", &team_names(&teams, &team_ids));
    audit_log::record(&mut tx, actor, &area(&name, "General"), changes).await?;
    tx.commit().await?;
    Ok(id)
}

/// The Workspaces tab: the main workspace first, then team workspaces by name, and every team.
pub async fn workspaces_overview(db: &Db) -> Result<WorkspacesOverview, AppError> {
    let mut tx = db.begin_read().await?;
    let rows: Vec<(i64, String, String, bool)> = on_tx!(&mut tx, conn => sqlx::query_as(
        "SELECT id, name, description, is_main FROM workspaces \
         ORDER BY is_main DESC, LOWER(name), id")
        .fetch_all(&mut *conn)
        .await)?;
    let teams = team_choices(&mut tx).await?;
    tx.commit().await?;
    let workspaces = rows
        .into_iter()
        .map(|(id, name, description, is_main)| WorkspaceSummary {
            id,
            name,
            description,
            is_main,
            teams: teams_of(&teams, id),
        })
        .collect();
    Ok(WorkspacesOverview { workspaces, teams })
}

fn teams_of(teams: &[TeamChoice], workspace_id: i64) -> Vec<TeamRef> {
    teams
        .iter()
        .filter(|t| t.workspace_id == Some(workspace_id))
        .map(|t| TeamRef {
            id: t.id,
            name: t.name.clone(),
        })
        .collect()
}

/// Renames a workspace and sets its description (the inline edit of the workspace list), and
/// with `team_ids` also its teams (the General tab). The main workspace holds no teams: it is
/// the one everybody else sees.
pub async fn update_workspace(
    db: &Db,
    actor: i64,
    workspace_id: i64,
    name: &str,
    description: &str,
    team_ids: Option<&[i64]>,
) -> Result<(), AppError> {
    let name = super::parse_name("name", name)?;
    let description = parse_description(description)?;
    let mut tx = db.begin().await?;
    lock_settings(&mut tx).await?;
    let before = workspace_row(&mut tx, workspace_id).await?;
    let teams = team_choices(&mut tx).await?;
    let old_team_ids: Vec<i64> = teams_of(&teams, workspace_id)
        .iter()
        .map(|t| t.id)
        .collect();
    on_tx!(&mut tx, conn => execute sqlx::query(
        "UPDATE workspaces SET name = $1, description = $2 WHERE id = $3")
        .bind(&name)
        .bind(&description)
        .bind(workspace_id))
    .map_err(on_duplicate("name", DUPLICATE_NAME))?;
    let mut changes = ChangeList::default();
    changes.compare("Name", &before.name, &name);
    changes.compare("Description", &before.description, &description);
    if let Some(team_ids) = team_ids {
        let team_ids = check_teams(&teams, Some(workspace_id), team_ids)?;
        if before.is_main && !team_ids.is_empty() {
            return Err(AppError::invalid(
                "teams",
                "The main workspace is for everyone without a team workspace; it has no teams",
            ));
        }
        assign_teams(&mut tx, workspace_id, &team_ids).await?;
        changes.compare(
            "Teams",
            &team_names(&teams, &old_team_ids),
            &team_names(&teams, &team_ids),
        );
    }
    audit_log::record(&mut tx, actor, &area(&name, "General"), changes).await?;
    tx.publish(LiveEvent::WorkspaceChanged { workspace_id });
    tx.commit().await
}

/// Deletes a team workspace; its teams go back to the main workspace.
pub async fn delete_workspace(db: &Db, actor: i64, workspace_id: i64) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    lock_settings(&mut tx).await?;
    let row = workspace_row(&mut tx, workspace_id).await?;
    if row.is_main {
        return Err(AppError::Conflict(
            "The main workspace cannot be deleted".into(),
        ));
    }
    on_tx!(&mut tx, conn => execute sqlx::query("DELETE FROM workspaces WHERE id = $1")
        .bind(workspace_id))?;
    let mut changes = ChangeList::default();
    changes.note("Deleted");
    audit_log::record(&mut tx, actor, &area(&row.name, "General"), changes).await?;
    tx.publish(LiveEvent::WorkspaceChanged { workspace_id });
    tx.commit().await
}

/// The name of the workspace a team is assigned to, if any.
pub async fn workspace_of_team(db: &Db, team_id: i64) -> Result<Option<String>, AppError> {
    Ok(on_pool!(db, pool => sqlx::query_scalar(
        "SELECT w.name FROM workspace_teams wt JOIN workspaces w ON w.id = wt.workspace_id \
         WHERE wt.team_id = $1")
        .bind(team_id)
        .fetch_optional(pool)
        .await)?)
}

/// The workspace a user works in: the one holding their primary team, else the main one.
pub async fn viewer_workspace(db: &Db, user_id: i64) -> Result<ViewerWorkspace, AppError> {
    let row: Option<(i64, String, bool, bool)> = on_pool!(db, pool => sqlx::query_as(
        "SELECT id, name, services_tab_shown, revenue_tab_shown FROM workspaces \
         WHERE id = COALESCE(\
             (SELECT wt.workspace_id FROM team_members m \
              JOIN workspace_teams wt ON wt.team_id = m.team_id \
              WHERE m.user_id = $1 AND m.is_primary), \
             (SELECT id FROM workspaces WHERE is_main))")
        .bind(user_id)
        .fetch_optional(pool)
        .await)?;
    let (id, name, show_services_tab, show_revenue_tab) =
        row.ok_or_else(|| AppError::internal("viewer workspace", "no main workspace"))?;
    Ok(ViewerWorkspace {
        id,
        name,
        show_services_tab,
        show_revenue_tab,
    })
}

// ---------------------------------------------------------------------------------------------
// Tab settings

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
/// defaults described in the module docs.
fn object_property_settings(
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
struct SettingsContext {
    row: WorkspaceRow,
    customer_object: ObjectType,
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
    async fn load(db: &Db, workspace_id: i64) -> Result<SettingsContext, AppError> {
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

    fn properties_of(&self, object_type_id: i64) -> &[PropertyDef] {
        self.properties
            .iter()
            .find(|(id, _)| *id == object_type_id)
            .map_or(&[], |(_, p)| p.as_slice())
    }

    fn object_settings(&self, object: &ObjectType) -> ObjectPropertySettings {
        let stored = self
            .stored
            .iter()
            .find(|(id, _, _)| *id == object.id)
            .map(|(_, csm, date)| (*csm, *date));
        object_property_settings(object, self.properties_of(object.id), stored)
    }

    fn pipeline_tab(&self, tab: PipelineTab) -> PipelineTabSettings {
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

fn label_in(choices: &[PropertyChoice], id: Option<i64>) -> String {
    id.and_then(|id| choices.iter().find(|c| c.id == id))
        .map(|c| c.label.clone())
        .unwrap_or_default()
}

/// Checks a CSM and a date property chosen for `current`'s object.
fn check_properties(
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

async fn store_object_settings(
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

fn compare_object_settings(
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

/// An object as a workspace's tab uses it: the object and its CSM and date (renewal, end)
/// properties — the customer object on Customers, a pipeline's object on Services and Revenue.
pub struct ObjectTabSettings {
    pub object: ObjectType,
    pub properties: Vec<PropertyDef>,
    pub csm_property: Option<PropertyDef>,
    pub date_property: Option<PropertyDef>,
}

impl ObjectTabSettings {
    /// The columns the Customers tab shows: the name, a few identifying properties, the CSM,
    /// revenue, the renewal date and the last activity, as far as the object has them.
    pub fn columns(&self) -> Vec<String> {
        let csm = self.csm_property.as_ref().map(|p| p.name.as_str());
        let date = self.date_property.as_ref().map(|p| p.name.as_str());
        let wanted = ["name", "email", "domain", "industry"]
            .into_iter()
            .map(Some)
            .chain([csm, Some("arr"), date, Some("last_activity_date")])
            .flatten();
        let mut columns: Vec<String> = Vec::new();
        for name in wanted {
            if self.properties.iter().any(|p| p.name == name) && !columns.iter().any(|c| c == name)
            {
                columns.push(name.to_string());
            }
        }
        // A custom object without these gets its first properties instead.
        for property in &self.properties {
            if columns.len() >= 4 {
                break;
            }
            if !columns.contains(&property.name) && !property.computed {
                columns.push(property.name.clone());
            }
        }
        // A live health score: its score and category (the first score's, in property order).
        columns.extend(
            self.properties
                .iter()
                .filter(|p| p.computed)
                .take(2)
                .map(|p| p.name.clone()),
        );
        columns
    }

    /// The property lists sort by: the name if there is one, else the first property.
    pub fn sort_property(&self) -> Option<&str> {
        self.properties
            .iter()
            .find(|p| p.name == "name")
            .or(self.properties.first())
            .map(|p| p.name.as_str())
    }
}

/// What the Customers tab of `workspace_id` lists.
pub async fn customer_tab(db: &Db, workspace_id: i64) -> Result<ObjectTabSettings, AppError> {
    let context = SettingsContext::load(db, workspace_id).await?;
    let settings = context.object_settings(&context.customer_object);
    let properties = context.properties_of(context.customer_object.id).to_vec();
    let find = |id: Option<i64>| id.and_then(|id| properties.iter().find(|p| p.id == id).cloned());
    Ok(ObjectTabSettings {
        csm_property: find(settings.csm_property_id),
        date_property: find(settings.date_property_id),
        object: context.customer_object,
        properties,
    })
}

/// The Services or Revenue settings of `workspace_id`, as the tab itself uses them.
pub async fn pipeline_tab(
    db: &Db,
    workspace_id: i64,
    tab: PipelineTab,
) -> Result<PipelineTabSettings, AppError> {
    Ok(SettingsContext::load(db, workspace_id)
        .await?
        .pipeline_tab(tab))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn property(id: i64, name: &str, property_type: PropertyType) -> PropertyDef {
        PropertyDef {
            id,
            object_type_id: 1,
            name: name.into(),
            label: name.into(),
            property_type,
            is_standard: true,
            position: id,
            computed: false,
        }
    }

    fn object() -> ObjectType {
        ObjectType {
            id: 1,
            name: "deals".into(),
            singular_label: "Deal".into(),
            plural_label: "Deals".into(),
            is_custom: false,
            has_pipelines: true,
        }
    }

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

    fn pipelines() -> Vec<PipelineChoice> {
        [(10, "Sales"), (11, "Renewals"), (20, "Support")]
            .into_iter()
            .map(|(id, name)| PipelineChoice {
                id,
                object_type_id: 1,
                name: name.into(),
                object_label: "Deals".into(),
                rules: PipelineRules::default(),
            })
            .collect()
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

    fn field_of<T: std::fmt::Debug>(result: Result<T, AppError>) -> String {
        match result {
            Err(AppError::Invalid { field, .. }) => field,
            other => panic!("expected a field error, got {other:?}"),
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

    #[test]
    fn customer_columns_follow_the_object_and_its_settings() {
        let companies = vec![
            property(1, "name", PropertyType::Text),
            property(2, "domain", PropertyType::Text),
            property(3, "industry", PropertyType::Enumeration),
            property(4, "csm", PropertyType::User),
            property(5, "owner", PropertyType::User),
            property(6, "arr", PropertyType::Currency),
            property(7, "renewal_date", PropertyType::Date),
            property(8, "last_activity_date", PropertyType::DateTime),
        ];
        let tab = ObjectTabSettings {
            object: object(),
            csm_property: Some(companies[4].clone()),
            date_property: None,
            properties: companies,
        };
        assert_eq!(
            tab.columns(),
            [
                "name",
                "domain",
                "industry",
                "owner",
                "arr",
                "last_activity_date"
            ]
        );
        assert_eq!(tab.sort_property(), Some("name"));
        let custom = ObjectTabSettings {
            object: object(),
            csm_property: None,
            date_property: None,
            properties: vec![
                property(1, "title", PropertyType::Text),
                property(2, "seats", PropertyType::Number),
            ],
        };
        assert_eq!(custom.columns(), ["title", "seats"]);
        assert_eq!(custom.sort_property(), Some("title"));
    }

    #[test]
    fn a_team_in_another_workspace_is_refused() {
        let teams = vec![
            TeamChoice {
                id: 1,
                name: "Enterprise CS".into(),
                workspace_id: Some(5),
                workspace_name: Some("Enterprise".into()),
            },
            TeamChoice {
                id: 2,
                name: "Onboarding".into(),
                workspace_id: None,
                workspace_name: None,
            },
        ];
        assert_eq!(check_teams(&teams, None, &[2, 2]).unwrap(), vec![2]);
        assert_eq!(check_teams(&teams, Some(5), &[1, 2]).unwrap(), vec![1, 2]);
        assert_eq!(field_of(check_teams(&teams, None, &[1])), "teams");
        assert_eq!(field_of(check_teams(&teams, None, &[3])), "teams");
    }
}
