//! Sets a new password for a user and ends their sessions.

use leptos::prelude::*;

use crate::error::AppError;

#[server(endpoint = "reset_password", output = super::binary_answer::BinaryAnswer)]
pub async fn reset_password(user_id: i64, password: String) -> Result<(), AppError> {
    use crate::{
        auth,
        db::{audit_log, passwords::NewPassword, users},
        models::{Requirement, audit::AuditKind},
        state,
    };

    auth::respond(async move {
        let admin = auth::require(Requirement::SuperAdmin).await?;
        let password = NewPassword::parse(&password)?;
        let db = state::db()?;
        users::reset_password(&db, user_id, password).await?;
        let details = vec!["Their sessions ended".to_string()];
        audit_log::record_account_event(&db, AuditKind::PasswordReset, admin.id, user_id, details)
            .await
    })
    .await
}
