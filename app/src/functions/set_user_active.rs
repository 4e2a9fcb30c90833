//! Deactivates (ending every session at once) or reactivates a user.

use leptos::prelude::*;

use crate::error::AppError;

#[server(endpoint = "set_user_active", output = super::binary_answer::BinaryAnswer)]
pub async fn set_user_active(user_id: i64, active: bool) -> Result<(), AppError> {
    use crate::{
        auth,
        db::{audit_log, users},
        models::{Requirement, audit::AuditKind},
        state,
    };

    auth::respond(async move {
        let admin = auth::require(Requirement::SuperAdmin).await?;
        if admin.id == user_id && !active {
            return Err(AppError::invalid(
                "active",
                "You cannot deactivate your own account",
            ));
        }
        let db = state::db()?;
        users::set_user_active(&db, user_id, active).await?;
        let (kind, detail) = if active {
            (AuditKind::UserReactivated, "May log in again")
        } else {
            (AuditKind::UserDeactivated, "Their sessions ended")
        };
        audit_log::record_account_event(&db, kind, admin.id, user_id, vec![detail.to_string()])
            .await
    })
    .await
}
