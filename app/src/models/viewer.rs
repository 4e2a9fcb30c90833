//! The signed-in user as the UI and the permission checks see them, and what each server
//! function requires (SPEC §1).

use serde::{Deserialize, Serialize};

use super::{Permission, time_zone::ViewerZone, workspace::ViewerWorkspace};
use crate::error::AppError;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Viewer {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub permissions: Vec<Permission>,
    /// The workspace whose settings shape this user's tabs.
    pub workspace: ViewerWorkspace,
    /// Where times are shown and days counted for this user.
    pub time_zone: ViewerZone,
}

impl Viewer {
    pub fn has(&self, permission: Permission) -> bool {
        self.permissions.contains(&permission)
    }

    pub fn is_super_admin(&self) -> bool {
        self.has(Permission::SuperAdmin)
    }

    /// The Summary tab: Customer Success workspace access, or a super admin.
    pub fn can_open_summary(&self) -> bool {
        self.is_super_admin() || self.has(Permission::CsWorkspaceAccess)
    }

    /// Every tab beyond Summary also needs a service seat — super admins included.
    pub fn can_use_workspace(&self) -> bool {
        self.can_open_summary() && self.has(Permission::ServiceSeat)
    }

    /// Workspace settings, Everyone views and featured views: a seat plus the settings
    /// permission (super admins hold it implicitly).
    pub fn can_manage_settings(&self) -> bool {
        self.has(Permission::ServiceSeat)
            && (self.has(Permission::ManageCsSettings) || self.is_super_admin())
    }

    /// Where users land after logging in: the Summary, everyone's home page (a user without
    /// access is told so there).
    pub fn home_path(&self) -> &'static str {
        "/summary"
    }
}

/// What a server function requires of its caller; checked first thing on the server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Requirement {
    /// Public: logging in, asking who is logged in.
    Anyone,
    SignedIn,
    Summary,
    Workspace,
    ManageSettings,
    SuperAdmin,
}

impl Requirement {
    /// Refuses with [`AppError::Unauthenticated`] or [`AppError::PermissionDenied`].
    pub fn check(self, viewer: Option<&Viewer>) -> Result<(), AppError> {
        let Some(viewer) = viewer else {
            return if self == Requirement::Anyone {
                Ok(())
            } else {
                Err(AppError::Unauthenticated)
            };
        };
        let (allowed, action) = match self {
            Requirement::Anyone | Requirement::SignedIn => (true, ""),
            Requirement::Summary => (
                viewer.can_open_summary(),
                "open the Customer Success workspace",
            ),
            Requirement::Workspace => (
                viewer.can_use_workspace(),
                "use this part of the workspace: it needs a service seat",
            ),
            Requirement::ManageSettings => (
                viewer.can_manage_settings(),
                "manage Customer Success settings",
            ),
            Requirement::SuperAdmin => (viewer.is_super_admin(), "administer users and teams"),
        };
        if allowed {
            Ok(())
        } else {
            Err(AppError::PermissionDenied(action.into()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn viewer(permissions: &[Permission]) -> Viewer {
        Viewer {
            id: 1,
            name: "V".into(),
            email: "v@example.com".into(),
            permissions: permissions.to_vec(),
            workspace: ViewerWorkspace {
                id: 1,
                name: "Main workspace".into(),
                show_services_tab: true,
                show_revenue_tab: true,
            },
            time_zone: Default::default(),
        }
    }

    #[test]
    fn a_seatless_super_admin_only_gets_the_summary() {
        let admin = viewer(&[Permission::SuperAdmin]);
        assert!(admin.can_open_summary());
        assert!(!admin.can_use_workspace());
        assert!(!admin.can_manage_settings());
        assert_eq!(admin.home_path(), "/summary");
        assert!(Requirement::Workspace.check(Some(&admin)).is_err());
        assert!(Requirement::SuperAdmin.check(Some(&admin)).is_ok());
    }

    #[test]
    fn settings_need_a_seat_and_the_permission() {
        let manager = viewer(&[
            Permission::ServiceSeat,
            Permission::CsWorkspaceAccess,
            Permission::ManageCsSettings,
        ]);
        assert!(manager.can_manage_settings());
        let no_seat = viewer(&[Permission::CsWorkspaceAccess, Permission::ManageCsSettings]);
        assert!(!no_seat.can_manage_settings());
    }

    #[test]
    fn anonymous_callers_must_log_in() {
        assert_eq!(
            Requirement::SignedIn.check(None),
            Err(AppError::Unauthenticated)
        );
        assert_eq!(Requirement::Anyone.check(None), Ok(()));
        let outsider = viewer(&[]);
        assert!(matches!(
            Requirement::Summary.check(Some(&outsider)),
            Err(AppError::PermissionDenied(_))
        ));
    }
}
