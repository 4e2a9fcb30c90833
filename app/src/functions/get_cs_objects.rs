//! The Objects settings tab: which objects play the customer, services and revenue roles.

use leptos::prelude::*;

use crate::{error::AppError, models::workspace::CsObjectsForm};

#[server(endpoint = "get_cs_objects", output = super::binary_answer::BinaryAnswer)]
pub async fn get_cs_objects() -> Result<CsObjectsForm, AppError> {
    use crate::{auth, db::cs_objects, models::Requirement, state};

    auth::respond(async move {
        auth::require(Requirement::ManageSettings).await?;
        cs_objects::cs_objects_form(&state::db()?).await
    })
    .await
}
