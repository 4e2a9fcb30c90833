//! Grants or revokes one permission of a user.

use leptos::prelude::*;

use crate::{error::AppError, models::Permission};

#[server(endpoint = "set_user_permission", output = super::binary_answer::BinaryAnswer)]
pub async fn set_user_permission(
    user_id: i64,
    permission: Permission,
    granted: bool,
) -> Result<(), AppError> {
    use crate::{
        auth,
        db::{audit_log, users},
        models::{Requirement, audit::AuditKind},
        state,
    };

    auth::respond(async move {
        let admin = auth::require(Requirement::SuperAdmin).await?;
        if admin.id == user_id && permission == Permission::SuperAdmin && !granted {
            return Err(AppError::invalid(
                "permission",
                "You cannot remove your own super admin permission",
            ));
        }
        let db = state::db()?;
        let kind = if granted {
            users::grant_permission(&db, user_id, permission).await?;
            AuditKind::PermissionGranted
        } else {
            users::revoke_permission(&db, user_id, permission).await?;
            AuditKind::PermissionRevoked
        };
        let details = vec![format!("Permission: {}", permission.label())];
        audit_log::record_account_event(&db, kind, admin.id, user_id, details).await
    })
    .await
}
