//! Saves which objects play the customer, services and revenue roles (at most two revenue).

use leptos::prelude::*;

use crate::error::AppError;

#[server(endpoint = "save_cs_objects", output = super::binary_answer::BinaryAnswer)]
pub async fn save_cs_objects(
    customer_object_id: i64,
    services_object_id: Option<i64>,
    #[server(default)] revenue_object_ids: Vec<i64>,
) -> Result<(), AppError> {
    use crate::{auth, db::cs_objects, models::Requirement, models::workspace::CsObjects, state};

    auth::respond(async move {
        let viewer = auth::require(Requirement::ManageSettings).await?;
        let chosen = CsObjects {
            customer_object_id,
            services_object_id,
            revenue_object_ids,
        };
        cs_objects::save_cs_objects(&state::db()?, viewer.id, &chosen).await
    })
    .await
}
