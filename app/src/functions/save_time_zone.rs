//! Sets the signed-in user's time zone (Profile).

use leptos::prelude::*;

use crate::error::AppError;

#[server(endpoint = "save_time_zone", output = super::binary_answer::BinaryAnswer)]
pub async fn save_time_zone(time_zone: String) -> Result<(), AppError> {
    use crate::{auth, db::profiles, models::Requirement, models::time_zone::ViewerZone, state};

    auth::respond(async move {
        let viewer = auth::require(Requirement::SignedIn).await?;
        let zone = ViewerZone::parse(&time_zone)
            .map_err(|message| AppError::invalid("time_zone", message))?;
        profiles::set_time_zone(&state::db()?, viewer.id, zone).await
    })
    .await
}
