//! One page of the customer accounts, sorted by name, for the Customers tab.

use leptos::prelude::*;

use crate::{error::AppError, models::RecordPage};

/// Rows per page of the Customers tab.
pub const CUSTOMERS_PAGE_SIZE: u32 = 50;

/// The columns the Customers tab shows, in order.
pub const CUSTOMER_COLUMNS: &[&str] = &[
    "name",
    "domain",
    "industry",
    "csm",
    "arr",
    "renewal_date",
    "last_activity_date",
];

#[server(endpoint = "list_customers")]
pub async fn list_customers(page: u32) -> Result<RecordPage, AppError> {
    use crate::{
        auth,
        db::{
            records::{ListRequest, list_records},
            schema::object_type_by_name,
        },
        models::Requirement,
    };

    auth::respond(async move {
        auth::require(Requirement::Workspace).await?;
        let db = crate::state::db()?;
        let companies = object_type_by_name(&db, "companies").await?;
        let request = ListRequest {
            columns: CUSTOMER_COLUMNS.iter().map(|c| c.to_string()).collect(),
            sort_by: "name".into(),
            descending: false,
            page,
            page_size: CUSTOMERS_PAGE_SIZE,
        };
        list_records(&db, &companies, &request).await
    })
    .await
}
