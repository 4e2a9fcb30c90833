//! Saves the Customers settings tab: the CSM property and the renewal date property.

use leptos::prelude::*;

use crate::error::AppError;

#[server(endpoint = "save_customers_settings", output = super::binary_answer::BinaryAnswer)]
pub async fn save_customers_settings(
    workspace_id: i64,
    csm_property_id: Option<i64>,
    date_property_id: Option<i64>,
) -> Result<(), AppError> {
    use crate::{auth, db::workspaces, models::Requirement, state};

    auth::respond(async move {
        let viewer = auth::require(Requirement::ManageSettings).await?;
        workspaces::save_customers_settings(
            &state::db()?,
            viewer.id,
            workspace_id,
            csm_property_id,
            date_property_id,
        )
        .await
    })
    .await
}
