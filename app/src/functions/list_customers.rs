//! One page of the customer accounts for the Customers tab: the records of the object chosen to
//! represent customers, all of them or those whose CSM property (of the viewer's workspace)
//! holds the viewer ("Owned by me").

use leptos::prelude::*;

use crate::{error::AppError, models::CustomerList};

/// Rows per page of the Customers tab.
pub const CUSTOMERS_PAGE_SIZE: u32 = 50;

#[server(endpoint = "list_customers")]
pub async fn list_customers(
    page: u32,
    #[server(default)] owned_by_me: bool,
) -> Result<CustomerList, AppError> {
    use crate::{
        auth,
        db::{
            records::{Condition, ListRequest, list_records},
            workspaces,
        },
        models::{PropertyValue, Requirement},
    };

    auth::respond(async move {
        let viewer = auth::require(Requirement::Workspace).await?;
        let db = crate::state::db()?;
        let tab = workspaces::customer_tab(&db, viewer.workspace.id).await?;
        let mut filters = Vec::new();
        if owned_by_me {
            let csm = tab.csm_property.as_ref().ok_or_else(|| {
                AppError::invalid(
                    "view",
                    "Your workspace has no CSM property yet, so no customers are assigned to you. \
                     An admin can choose one in the workspace settings.",
                )
            })?;
            filters.push(Condition::Equals {
                property: csm.name.clone(),
                value: PropertyValue::User(viewer.id),
            });
        }
        let request = ListRequest {
            columns: tab.columns(),
            sort_by: tab.sort_property().unwrap_or("name").to_string(),
            descending: false,
            page,
            page_size: CUSTOMERS_PAGE_SIZE,
            filters,
        };
        let page = list_records(&db, &tab.object, &request).await?;
        Ok(CustomerList {
            object_label: tab.object.plural_label.clone(),
            csm_label: tab.csm_property.as_ref().map(|p| p.label.clone()),
            owned_by_me,
            page,
        })
    })
    .await
}
