//! Sets a new password for a user and ends their sessions.

use leptos::prelude::*;

use crate::error::AppError;

#[server(endpoint = "reset_password")]
pub async fn reset_password(user_id: i64, password: String) -> Result<(), AppError> {
    use crate::{
        auth,
        db::users::{self, NewPassword},
        models::Requirement,
        state,
    };

    auth::respond(async move {
        auth::require(Requirement::SuperAdmin).await?;
        let password = NewPassword::parse(&password)?;
        users::reset_password(&state::db()?, user_id, password).await
    })
    .await
}
