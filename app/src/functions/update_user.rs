//! Inline edit of a user's name and email.

use leptos::prelude::*;

use crate::error::AppError;

#[server(endpoint = "update_user")]
pub async fn update_user(user_id: i64, name: String, email: String) -> Result<(), AppError> {
    use crate::{
        auth,
        db::users::{self, EmailAddress},
        models::Requirement,
        state,
    };

    auth::respond(async move {
        auth::require(Requirement::SuperAdmin).await?;
        let email = EmailAddress::parse(&email)?;
        users::update_user(&state::db()?, user_id, &name, &email).await
    })
    .await
}
