//! The signed-in user changes their own password (Profile): the current one, then the new one
//! by the same rules as an admin's reset. Their other sessions end; this one stays.

use leptos::prelude::*;

use crate::error::AppError;

#[server(endpoint = "change_password", output = super::binary_answer::BinaryAnswer)]
pub async fn change_password(
    current_password: String,
    new_password: String,
) -> Result<(), AppError> {
    use crate::{auth, db::profiles, models::Requirement, state};

    auth::respond(async move {
        let viewer = auth::require(Requirement::SignedIn).await?;
        let token = auth::request_session_token().ok_or(AppError::Unauthenticated)?;
        profiles::change_password(
            &state::db()?,
            viewer.id,
            current_password,
            &new_password,
            &token,
            &auth::request_client_address(),
        )
        .await
    })
    .await
}
