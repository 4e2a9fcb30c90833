//! Users, teams, team membership (one primary team per user) and permissions.

use chrono::Utc;
use sqlx::FromRow;

use super::{Db, passwords::NewPassword};
use crate::{
    error::{AppError, on_duplicate},
    models::{Permission, TeamSummary, UserSummary},
    on_pool, on_tx,
};

/// A syntactically valid email address, lower-cased.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(raw: &str) -> Result<EmailAddress, AppError> {
        let email = raw.trim().to_lowercase();
        let valid = email.len() <= 254
            && !email.contains(char::is_whitespace)
            && email.split_once('@').is_some_and(|(local, domain)| {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
            });
        if !valid {
            return Err(AppError::invalid("email", "Enter a valid email address"));
        }
        Ok(EmailAddress(email))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Clone, Debug, PartialEq, FromRow)]
pub struct UserRow {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub active: bool,
    /// An IANA name, `None` until the user (or their first login's browser) chose one.
    pub time_zone: Option<String>,
}

/// Creates an active user; the email must not be taken.
pub async fn create_user(
    db: &Db,
    email: &EmailAddress,
    name: &str,
    password: NewPassword,
) -> Result<i64, AppError> {
    let name = super::parse_name("name", name)?;
    let hash = password.hash().await?;
    on_pool!(db, pool => sqlx::query_scalar(
        "INSERT INTO users (email, name, password_hash, active, created_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id")
        .bind(email.as_str())
        .bind(&name)
        .bind(&hash)
        .bind(true)
        .bind(Utc::now())
        .fetch_one(pool)
        .await)
    .map_err(on_duplicate("email", DUPLICATE_EMAIL))
}

pub async fn user_by_email(db: &Db, email: &EmailAddress) -> Result<Option<UserRow>, AppError> {
    Ok(on_pool!(db, pool => sqlx::query_as(
        "SELECT id, email, name, password_hash, active, time_zone FROM users WHERE email = $1")
        .bind(email.as_str())
        .fetch_optional(pool)
        .await)?)
}

pub async fn user_by_id(db: &Db, id: i64) -> Result<Option<UserRow>, AppError> {
    Ok(on_pool!(db, pool => sqlx::query_as(
        "SELECT id, email, name, password_hash, active, time_zone FROM users WHERE id = $1")
        .bind(id)
        .fetch_optional(pool)
        .await)?)
}

pub async fn create_team(db: &Db, name: &str) -> Result<i64, AppError> {
    let name = super::parse_name("name", name)?;
    on_pool!(db, pool => sqlx::query_scalar(
        "INSERT INTO teams (name, created_at) VALUES ($1, $2) RETURNING id")
        .bind(&name)
        .bind(Utc::now())
        .fetch_one(pool)
        .await)
    .map_err(on_duplicate("name", DUPLICATE_TEAM))
}

/// Adds a user to a team; with `primary`, that team becomes the user's one primary team.
pub async fn add_team_member(
    db: &Db,
    user_id: i64,
    team_id: i64,
    primary: bool,
) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    if primary {
        on_tx!(&mut tx, conn => execute sqlx::query(
            "UPDATE team_members SET is_primary = $1 WHERE user_id = $2")
            .bind(false)
            .bind(user_id))?;
    }
    on_tx!(&mut tx, conn => execute sqlx::query(
        "INSERT INTO team_members (user_id, team_id, is_primary) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id, team_id) DO UPDATE SET is_primary = excluded.is_primary")
        .bind(user_id)
        .bind(team_id)
        .bind(primary))?;
    tx.commit().await
}

/// The user's primary team, if any.
pub async fn primary_team(db: &Db, user_id: i64) -> Result<Option<i64>, AppError> {
    Ok(on_pool!(db, pool => sqlx::query_scalar(
        "SELECT team_id FROM team_members WHERE user_id = $1 AND is_primary = $2")
        .bind(user_id)
        .bind(true)
        .fetch_optional(pool)
        .await)?)
}

pub async fn grant_permission(
    db: &Db,
    user_id: i64,
    permission: Permission,
) -> Result<(), AppError> {
    on_pool!(db, pool => execute sqlx::query(
        "INSERT INTO user_permissions (user_id, permission) VALUES ($1, $2) \
         ON CONFLICT (user_id, permission) DO NOTHING")
        .bind(user_id)
        .bind(permission.as_str()))?;
    Ok(())
}

/// Takes away a permission. The last active super admin keeps theirs: the check and the
/// change are one step under a lock, so two super admins revoking each other at the same
/// moment leave one.
pub async fn revoke_permission(
    db: &Db,
    user_id: i64,
    permission: Permission,
) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    if permission == Permission::SuperAdmin {
        keep_a_super_admin(&mut tx, user_id, "remove the super admin permission of").await?;
    }
    on_tx!(&mut tx, conn => execute sqlx::query(
        "DELETE FROM user_permissions WHERE user_id = $1 AND permission = $2")
        .bind(user_id)
        .bind(permission.as_str()))?;
    tx.commit().await
}

/// Held while a change may leave no active super admin: SQLite's write transaction
/// (`BEGIN IMMEDIATE`) serialises them already; PostgreSQL takes this advisory lock.
const SUPER_ADMINS_LOCK: i64 = 7_270_003;

/// Refuses (a [`AppError::Conflict`] completing "You cannot {action} …") when `user_id` is the
/// only active super admin. Call inside the transaction that makes the change.
async fn keep_a_super_admin(
    tx: &mut super::Tx,
    user_id: i64,
    action: &str,
) -> Result<(), AppError> {
    if let Some(pg) = tx.postgres() {
        sqlx::query("SELECT pg_advisory_xact_lock($1)")
            .bind(SUPER_ADMINS_LOCK)
            .execute(pg)
            .await?;
    }
    let (is_one, others): (i64, i64) = on_tx!(tx, conn => sqlx::query_as(
        "SELECT COALESCE(SUM(CASE WHEN u.id = $1 THEN 1 ELSE 0 END), 0), \
                COALESCE(SUM(CASE WHEN u.id <> $1 THEN 1 ELSE 0 END), 0) \
         FROM user_permissions p JOIN users u ON u.id = p.user_id \
         WHERE p.permission = $2 AND u.active = $3")
        .bind(user_id)
        .bind(Permission::SuperAdmin.as_str())
        .bind(true)
        .fetch_one(&mut *conn)
        .await)?;
    if is_one > 0 && others == 0 {
        return Err(AppError::Conflict(format!(
            "You cannot {action} the last super admin: make someone else a super admin first"
        )));
    }
    Ok(())
}

pub async fn permissions_of(db: &Db, user_id: i64) -> Result<Vec<Permission>, AppError> {
    let names: Vec<String> = on_pool!(db, pool => sqlx::query_scalar(
        "SELECT permission FROM user_permissions WHERE user_id = $1 ORDER BY permission")
        .bind(user_id)
        .fetch_all(pool)
        .await)?;
    Ok(names.iter().filter_map(|n| Permission::parse(n)).collect())
}

const DUPLICATE_EMAIL: &str = "A user with this email already exists";
const DUPLICATE_TEAM: &str = "A team with this name already exists";

/// Every user with permissions and teams, by name.
pub async fn list_users(db: &Db) -> Result<Vec<UserSummary>, AppError> {
    let (users, permissions, memberships) = on_pool!(db, pool => {
        let users: Vec<(i64, String, String, bool)> = sqlx::query_as(
            "SELECT id, name, email, active FROM users ORDER BY LOWER(name), id")
            .fetch_all(pool)
            .await?;
        let permissions: Vec<(i64, String)> =
            sqlx::query_as("SELECT user_id, permission FROM user_permissions ORDER BY permission")
                .fetch_all(pool)
                .await?;
        let memberships: Vec<(i64, i64, bool)> = sqlx::query_as(
            "SELECT user_id, team_id, is_primary FROM team_members ORDER BY team_id")
            .fetch_all(pool)
            .await?;
        (users, permissions, memberships)
    });
    Ok(users
        .into_iter()
        .map(|(id, name, email, active)| UserSummary {
            id,
            name,
            email,
            active,
            permissions: permissions
                .iter()
                .filter(|(user, _)| *user == id)
                .filter_map(|(_, p)| Permission::parse(p))
                .collect(),
            team_ids: memberships
                .iter()
                .filter(|m| m.0 == id)
                .map(|m| m.1)
                .collect(),
            primary_team_id: memberships.iter().find(|m| m.0 == id && m.2).map(|m| m.1),
        })
        .collect())
}

/// Renames a user and changes their email.
pub async fn update_user(
    db: &Db,
    user_id: i64,
    name: &str,
    email: &EmailAddress,
) -> Result<(), AppError> {
    let name = super::parse_name("name", name)?;
    let updated =
        on_pool!(db, pool => execute sqlx::query("UPDATE users SET name = $1, email = $2 WHERE id = $3")
        .bind(&name)
        .bind(email.as_str())
        .bind(user_id))
        .map_err(on_duplicate("email", DUPLICATE_EMAIL))?;
    super::require_found(updated, "The user")
}

/// Activates or deactivates a user; deactivation ends their sessions at once. The last active
/// super admin stays active (see [`revoke_permission`]).
pub async fn set_user_active(db: &Db, user_id: i64, active: bool) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    if !active {
        keep_a_super_admin(&mut tx, user_id, "deactivate").await?;
    }
    let updated = on_tx!(&mut tx, conn => execute sqlx::query("UPDATE users SET active = $1 WHERE id = $2")
        .bind(active)
        .bind(user_id))?;
    super::require_found(updated, "The user")?;
    tx.commit().await?;
    if !active {
        super::sessions::end_sessions_of(db, user_id).await?;
    }
    Ok(())
}

/// Sets a new password and ends the user's sessions (an admin's reset).
pub async fn reset_password(db: &Db, user_id: i64, password: NewPassword) -> Result<(), AppError> {
    set_password(db, user_id, password).await?;
    super::sessions::end_sessions_of(db, user_id).await
}

/// Stores the hash of a new password.
pub async fn set_password(db: &Db, user_id: i64, password: NewPassword) -> Result<(), AppError> {
    let hash = password.hash().await?;
    let updated = on_pool!(db, pool => execute sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(&hash)
        .bind(user_id))?;
    super::require_found(updated, "The user")
}

/// Replaces a user's teams; the primary team must be one of them.
pub async fn set_user_teams(
    db: &Db,
    user_id: i64,
    team_ids: &[i64],
    primary_team_id: Option<i64>,
) -> Result<(), AppError> {
    let team_ids: std::collections::BTreeSet<i64> = team_ids.iter().copied().collect();
    if user_by_id(db, user_id).await?.is_none() {
        return Err(AppError::not_found("The user"));
    }
    if let Some(primary) = primary_team_id
        && !team_ids.contains(&primary)
    {
        return Err(AppError::invalid(
            "primary_team",
            "The primary team must be one of the user's teams",
        ));
    }
    let mut tx = db.begin().await?;
    on_tx!(&mut tx, conn => execute sqlx::query("DELETE FROM team_members WHERE user_id = $1")
        .bind(user_id))?;
    for team_id in team_ids {
        on_tx!(&mut tx, conn => execute sqlx::query(
            "INSERT INTO team_members (user_id, team_id, is_primary) VALUES ($1, $2, $3)")
            .bind(user_id)
            .bind(team_id)
            .bind(Some(team_id) == primary_team_id))?;
    }
    tx.commit().await
}

/// Every team with its number of members, by name.
pub async fn list_teams(db: &Db) -> Result<Vec<TeamSummary>, AppError> {
    let rows: Vec<(i64, String, i64)> = on_pool!(db, pool => sqlx::query_as(
        "SELECT t.id, t.name, COUNT(m.user_id) FROM teams t \
         LEFT JOIN team_members m ON m.team_id = t.id GROUP BY t.id, t.name ORDER BY LOWER(t.name), t.id")
        .fetch_all(pool)
        .await)?;
    Ok(rows
        .into_iter()
        .map(|(id, name, members)| TeamSummary { id, name, members })
        .collect())
}

pub async fn rename_team(db: &Db, team_id: i64, name: &str) -> Result<(), AppError> {
    let name = super::parse_name("name", name)?;
    let updated =
        on_pool!(db, pool => execute sqlx::query("UPDATE teams SET name = $1 WHERE id = $2")
        .bind(&name)
        .bind(team_id))
        .map_err(on_duplicate("name", DUPLICATE_TEAM))?;
    super::require_found(updated, "The team")
}

/// Deletes a team; its members simply lose that membership. A team assigned to a workspace is
/// refused with the workspace's name, so the admin knows where to remove it first.
pub async fn delete_team(db: &Db, team_id: i64) -> Result<(), AppError> {
    if let Some(workspace) = super::workspaces::workspace_of_team(db, team_id).await? {
        return Err(AppError::Conflict(format!(
            "This team is assigned to the workspace \"{workspace}\". Remove it from that workspace first."
        )));
    }
    let deleted = on_pool!(db, pool => execute sqlx::query("DELETE FROM teams WHERE id = $1")
        .bind(team_id))
    .map_err(|e| match AppError::from(e) {
        // Assigned to a workspace between the check above and the delete.
        AppError::Invalid { .. } => AppError::Conflict(
            "This team was just assigned to a workspace. Remove it from that workspace first."
                .into(),
        ),
        other => other,
    })?;
    super::require_found(deleted, "The team")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_checked_and_lowercased() {
        assert_eq!(
            EmailAddress::parse(" Ada@Example.COM ").unwrap().as_str(),
            "ada@example.com"
        );
        for bad in [
            "",
            "ada",
            "ada@",
            "@example.com",
            "ada@example",
            "a da@example.com",
            "a@b@c.com",
        ] {
            assert!(EmailAddress::parse(bad).is_err(), "{bad}");
        }
    }
}
