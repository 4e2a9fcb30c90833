//! Records a contact's sales activity (an email opened, a form submitted, a sequence
//! enrollment, …) as it happens, for the tools that track it — email, forms, sequences — to
//! post; open Feeds of that contact's CSMs announce it at once. Super admins only: it writes
//! what the Feed presents as the contact's own actions.

use leptos::prelude::*;

use crate::{error::AppError, models::SalesEventKind};

/// Most characters of an event's subject (an email subject, a page address, a form name).
pub const MAX_SALES_EVENT_DETAIL: usize = 500;

#[server(endpoint = "record_sales_event", output = super::binary_answer::BinaryAnswer)]
pub async fn record_sales_event(
    contact_id: i64,
    kind: SalesEventKind,
    detail: String,
    sequence_name: Option<String>,
) -> Result<i64, AppError> {
    use crate::{auth, db::sales_events, models::Requirement, on_pool, state};

    auth::respond(async move {
        auth::require(Requirement::SuperAdmin).await?;
        let db = state::db()?;
        let contacts = db.schema().await?.object_named("contacts")?.object.id;
        let object: Option<i64> = on_pool!(db, pool => sqlx::query_scalar(
            "SELECT object_type_id FROM records WHERE id = $1")
            .bind(contact_id)
            .fetch_optional(pool)
            .await)?;
        if object != Some(contacts) {
            return Err(AppError::invalid("contact_id", "Choose a contact"));
        }
        let detail = detail.trim();
        if detail.chars().count() > MAX_SALES_EVENT_DETAIL {
            return Err(AppError::invalid(
                "detail",
                format!("Use at most {MAX_SALES_EVENT_DETAIL} characters"),
            ));
        }
        let sequence_name = sequence_name
            .as_deref()
            .map(str::trim)
            .filter(|name| !name.is_empty());
        let sequence_event = matches!(
            kind,
            SalesEventKind::SequenceEnrolled | SalesEventKind::SequenceUnenrolled
        );
        if sequence_event != sequence_name.is_some() {
            return Err(AppError::invalid(
                "sequence_name",
                "Name the sequence of an enrollment, and only of one",
            ));
        }
        sales_events::record_sales_event(
            &db,
            contact_id,
            kind,
            chrono::Utc::now(),
            detail,
            sequence_name,
        )
        .await
    })
    .await
}
