//! One page of the audit log, newest first, filtered by kind, user and date (super admins).

use leptos::prelude::*;

use crate::{
    error::AppError,
    models::audit::{AuditFilter, AuditLogPage},
};

#[server(endpoint = "list_audit_log", output = super::binary_answer::BinaryAnswer)]
pub async fn list_audit_log(
    page: u32,
    #[server(default)] filter: AuditFilter,
) -> Result<AuditLogPage, AppError> {
    use crate::{auth, db::audit_log, models::Requirement, state};

    auth::respond(async move {
        let admin = auth::require(Requirement::SuperAdmin).await?;
        audit_log::list_audit_log(&state::db()?, page, filter, admin.time_zone).await
    })
    .await
}
