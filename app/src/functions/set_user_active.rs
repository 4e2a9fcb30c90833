//! Deactivates (ending every session at once) or reactivates a user.

use leptos::prelude::*;

use crate::error::AppError;

#[server(endpoint = "set_user_active")]
pub async fn set_user_active(user_id: i64, active: bool) -> Result<(), AppError> {
    use crate::{auth, db::users, models::Requirement, state};

    auth::respond(async move {
        let admin = auth::require(Requirement::SuperAdmin).await?;
        if admin.id == user_id && !active {
            return Err(AppError::invalid(
                "active",
                "You cannot deactivate your own account",
            ));
        }
        users::set_user_active(&state::db()?, user_id, active).await
    })
    .await
}
