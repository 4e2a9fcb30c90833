//! Creating, renaming, re-teaming and deleting workspaces, the Workspaces tab that lists them,
//! and which workspace a team or a user belongs to.

use std::collections::BTreeSet;

use chrono::Utc;

use super::{MAIN_WORKSPACE_NAME, area, lock_settings, team_choices, teams_of, workspace_row};
use crate::{
    db::{
        Db, Tx,
        audit_log::{self, ChangeList},
        parse_description, parse_name,
    },
    error::{AppError, on_duplicate},
    models::{
        live_event::LiveEvent,
        workspace::{
            MAX_TEAM_WORKSPACES, TeamChoice, ViewerWorkspace, WorkspaceSummary, WorkspacesOverview,
        },
    },
    on_pool, on_tx,
};

const DUPLICATE_NAME: &str = "A workspace with this name already exists";

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

/// Creates a team workspace holding `team_ids`; refused beyond [`MAX_TEAM_WORKSPACES`] and for
/// a team that another workspace holds.
pub async fn create_workspace(
    db: &Db,
    actor: i64,
    name: &str,
    description: &str,
    team_ids: &[i64],
) -> Result<i64, AppError> {
    let name = parse_name("name", name)?;
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
    let name = parse_name("name", name)?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::workspaces::test_fixtures::field_of;

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
