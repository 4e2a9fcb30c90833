//! Inline edit of a user's name and email.

use leptos::prelude::*;

use crate::error::AppError;

#[server(endpoint = "update_user", output = super::binary_answer::BinaryAnswer)]
pub async fn update_user(user_id: i64, name: String, email: String) -> Result<(), AppError> {
    use crate::{
        auth,
        db::{
            audit_log::{self, ChangeList},
            users::{self, EmailAddress},
        },
        models::{Requirement, audit::AuditKind},
        state,
    };

    auth::respond(async move {
        let admin = auth::require(Requirement::SuperAdmin).await?;
        let email = EmailAddress::parse(&email)?;
        let db = state::db()?;
        let before = users::user_by_id(&db, user_id)
            .await?
            .ok_or_else(|| AppError::not_found("The user"))?;
        users::update_user(&db, user_id, &name, &email).await?;
        let mut changes = ChangeList::default();
        changes.compare("Name", &before.name, name.trim());
        changes.compare("Email", &before.email, email.as_str());
        if !changes.is_empty() {
            let details = changes.into_lines();
            audit_log::record_account_event(&db, AuditKind::UserEdited, admin.id, user_id, details)
                .await?;
        }
        Ok(())
    })
    .await
}
