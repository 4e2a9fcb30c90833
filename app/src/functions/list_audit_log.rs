//! One page of the settings audit log, newest first (super admins).

use leptos::prelude::*;

use crate::{error::AppError, models::workspace::AuditLogPage};

#[server(endpoint = "list_audit_log")]
pub async fn list_audit_log(page: u32) -> Result<AuditLogPage, AppError> {
    use crate::{auth, db::audit_log, models::Requirement, state};

    auth::respond(async move {
        auth::require(Requirement::SuperAdmin).await?;
        audit_log::list_audit_log(&state::db()?, page).await
    })
    .await
}
