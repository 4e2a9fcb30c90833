//! Customer Success workspaces and their teams. This is the part the accounts pages rely on
//! (which workspace holds a team); the workspace settings themselves build on it.

use chrono::Utc;

use super::Db;
use crate::{
    error::{AppError, on_duplicate},
    on_pool, on_tx,
};

/// Creates a team workspace holding `team_ids`; a team already in another workspace is refused.
pub async fn create_workspace(
    db: &Db,
    name: &str,
    description: &str,
    team_ids: &[i64],
) -> Result<i64, AppError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(AppError::invalid(
            "name",
            "Enter a name of 1 to 100 characters",
        ));
    }
    let mut tx = db.begin().await?;
    let id: i64 = on_tx!(&mut tx, conn => sqlx::query_scalar(
        "INSERT INTO workspaces (name, description, is_main, created_at) VALUES ($1, $2, $3, $4) \
         RETURNING id")
        .bind(name)
        .bind(description.trim())
        .bind(false)
        .bind(Utc::now())
        .fetch_one(&mut *conn)
        .await)
    .map_err(on_duplicate(
        "name",
        "A workspace with this name already exists",
    ))?;
    for team_id in team_ids {
        on_tx!(&mut tx, conn => sqlx::query(
            "INSERT INTO workspace_teams (workspace_id, team_id) VALUES ($1, $2)")
            .bind(id)
            .bind(team_id)
            .execute(&mut *conn)
            .await
            .map(|done| done.rows_affected()))
        .map_err(on_duplicate(
            "teams",
            "A team can belong to only one workspace",
        ))?;
    }
    tx.commit().await?;
    Ok(id)
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
