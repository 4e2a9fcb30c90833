//! The demo teams and users: one account per permission combination of SPEC §1, all with the
//! same password.

use crate::{
    db::{
        Db,
        passwords::NewPassword,
        users::{EmailAddress, add_team_member, create_team, create_user, grant_permission},
    },
    error::AppError,
    models::Permission,
};

/// The password of every demo user.
pub const DEMO_PASSWORD: &str = "demo-password";

/// The demo accounts: `(email, name, primary team index, permissions)`.
pub const DEMO_USERS: &[(&str, &str, usize, &[Permission])] = &[
    (
        "admin@example.com",
        "Ada Admin",
        0,
        &[
            Permission::SuperAdmin,
            Permission::ServiceSeat,
            Permission::CsWorkspaceAccess,
            Permission::ManageCsSettings,
        ],
    ),
    (
        "superadmin.noseat@example.com",
        "Sam Seatless",
        0,
        &[Permission::SuperAdmin],
    ),
    (
        "manager@example.com",
        "Maya Manager",
        0,
        &[
            Permission::ServiceSeat,
            Permission::CsWorkspaceAccess,
            Permission::ManageCsSettings,
        ],
    ),
    (
        "csm@example.com",
        "Carl Customer",
        0,
        &[Permission::ServiceSeat, Permission::CsWorkspaceAccess],
    ),
    (
        "csm.midmarket@example.com",
        "Chloe Chen",
        1,
        &[Permission::ServiceSeat, Permission::CsWorkspaceAccess],
    ),
    (
        "csm.onboarding@example.com",
        "Ben Brooks",
        2,
        &[Permission::ServiceSeat, Permission::CsWorkspaceAccess],
    ),
    (
        "viewer@example.com",
        "Vera Viewer",
        1,
        &[Permission::CsWorkspaceAccess],
    ),
    ("noaccess@example.com", "Otto Outsider", 2, &[]),
];

pub const DEMO_TEAMS: &[&str] = &["Enterprise CS", "Mid-Market CS", "Onboarding"];

pub(super) async fn create_demo_users(db: &Db) -> Result<Vec<i64>, AppError> {
    let mut teams = Vec::new();
    for team in DEMO_TEAMS {
        teams.push(create_team(db, team).await?);
    }
    let mut users = Vec::new();
    for (email, name, team, permissions) in DEMO_USERS {
        let id = create_user(
            db,
            &EmailAddress::parse(email)?,
            name,
            NewPassword::parse(DEMO_PASSWORD)?,
        )
        .await?;
        add_team_member(db, id, teams[*team], true).await?;
        for permission in *permissions {
            grant_permission(db, id, *permission).await?;
        }
        users.push(id);
    }
    // The manager also works with the mid-market team.
    add_team_member(db, users[2], teams[1], false).await?;
    Ok(users)
}
