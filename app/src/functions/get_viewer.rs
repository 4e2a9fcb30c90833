//! Who is logged in (nobody is an answer, not an error).

use leptos::prelude::*;

use crate::{error::AppError, models::Viewer};

#[server(endpoint = "get_viewer", output = super::binary_answer::BinaryAnswer)]
pub async fn get_viewer() -> Result<Option<Viewer>, AppError> {
    crate::auth::respond(crate::auth::current_viewer()).await
}
