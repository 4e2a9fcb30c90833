//! Customer Success workspaces: the main one and up to five team workspaces, their teams, and
//! the settings of their Customers, Services and Revenue tabs (SPEC §3). Every change is written
//! to the audit log in the same transaction.
//!
//! Settings a workspace has never saved fall back to defaults at read time: the object's `csm`
//! user property (else its first user property), its renewal/end date property, every pipeline
//! of the tab's objects, and the first shown pipeline as default. So a new pipeline or a newly
//! chosen object shows up without rewriting any workspace, until an admin picks explicitly.

mod customer_settings;
mod manage;
mod pipeline_settings;
mod settings;
mod tabs;

use sqlx::FromRow;

use super::Tx;
use crate::{
    error::AppError,
    models::workspace::{Layout, PipelineTab, TeamChoice, TeamRef},
    on_tx,
};

pub use customer_settings::save_customers_settings;
pub(crate) use manage::ensure_main_workspace;
pub use manage::{
    create_workspace, delete_workspace, update_workspace, viewer_workspace, workspace_of_team,
    workspaces_overview,
};
pub use pipeline_settings::{PipelineTabForm, save_pipeline_tab_settings};
pub(crate) use settings::default_csm_property;
pub use settings::workspace_settings;
pub use tabs::{ObjectTabSettings, customer_tab, pipeline_tab};

/// The name the main workspace starts with.
pub const MAIN_WORKSPACE_NAME: &str = "Main workspace";

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

fn area(workspace_name: &str, part: &str) -> String {
    format!("Workspace “{workspace_name}” · {part}")
}

/// Properties, an object and pipelines that the submodules' unit tests share.
#[cfg(test)]
mod test_fixtures {
    use crate::{
        db::schema::{ObjectType, PropertyDef},
        error::AppError,
        models::{PropertyType, pipeline::PipelineRules, workspace::PipelineChoice},
    };

    pub(super) fn property(id: i64, name: &str, property_type: PropertyType) -> PropertyDef {
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

    pub(super) fn object() -> ObjectType {
        ObjectType {
            id: 1,
            name: "deals".into(),
            singular_label: "Deal".into(),
            plural_label: "Deals".into(),
            is_custom: false,
            has_pipelines: true,
        }
    }

    pub(super) fn pipelines() -> Vec<PipelineChoice> {
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

    pub(super) fn field_of<T: std::fmt::Debug>(result: Result<T, AppError>) -> String {
        match result {
            Err(AppError::Invalid { field, .. }) => field,
            other => panic!("expected a field error, got {other:?}"),
        }
    }
}
