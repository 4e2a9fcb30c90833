//! Users and teams as the admin pages show them.

use serde::{Deserialize, Serialize};

use super::Permission;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UserSummary {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub active: bool,
    pub permissions: Vec<Permission>,
    /// Every team the user belongs to, the primary one included.
    pub team_ids: Vec<i64>,
    pub primary_team_id: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TeamSummary {
    pub id: i64,
    pub name: String,
    pub members: i64,
}

impl Permission {
    /// The label the admin pages use.
    pub fn label(self) -> &'static str {
        match self {
            Permission::SuperAdmin => "Super admin",
            Permission::ServiceSeat => "Service seat",
            Permission::CsWorkspaceAccess => "Workspace access",
            Permission::ManageCsSettings => "Manage settings",
        }
    }
}
