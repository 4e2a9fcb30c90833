//! Creates an account with an initial password.

use leptos::prelude::*;

use crate::error::AppError;

#[server(endpoint = "create_user", output = super::binary_answer::BinaryAnswer)]
pub async fn create_user(name: String, email: String, password: String) -> Result<i64, AppError> {
    use crate::{
        auth,
        db::{
            audit_log,
            passwords::NewPassword,
            users::{self, EmailAddress},
        },
        models::{Requirement, audit::AuditKind},
        state,
    };

    auth::respond(async move {
        let admin = auth::require(Requirement::SuperAdmin).await?;
        let email = EmailAddress::parse(&email)?;
        let password = NewPassword::parse(&password)?;
        let db = state::db()?;
        let id = users::create_user(&db, &email, &name, password).await?;
        let details = vec![format!("Name: “{}”", name.trim())];
        audit_log::record_account_event(&db, AuditKind::UserCreated, admin.id, id, details).await?;
        Ok(id)
    })
    .await
}
