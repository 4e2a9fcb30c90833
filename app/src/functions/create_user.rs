//! Creates an account with an initial password.

use leptos::prelude::*;

use crate::error::AppError;

#[server(endpoint = "create_user")]
pub async fn create_user(name: String, email: String, password: String) -> Result<i64, AppError> {
    use crate::{
        auth,
        db::users::{self, EmailAddress, NewPassword},
        models::Requirement,
        state,
    };

    auth::respond(async move {
        auth::require(Requirement::SuperAdmin).await?;
        let email = EmailAddress::parse(&email)?;
        let password = NewPassword::parse(&password)?;
        users::create_user(&state::db()?, &email, &name, password).await
    })
    .await
}
