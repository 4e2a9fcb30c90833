//! Records of the same object as `record_id` whose name contains `query`: the merge dialog's
//! search. The record itself is left out.

use leptos::prelude::*;

use crate::{error::AppError, models::record_detail::RecordLink};

/// Most matches a search returns.
pub const SEARCH_LIMIT: u32 = 10;

#[server(endpoint = "search_records")]
pub async fn search_records(record_id: i64, query: String) -> Result<Vec<RecordLink>, AppError> {
    use crate::{
        auth,
        db::{
            query::{ListSpec, QueryContext, list_page},
            record_detail,
        },
        models::{
            Requirement,
            filter::{Condition, FilterGroup, FilterTree, Operator},
        },
        state,
    };

    auth::respond(async move {
        let viewer = auth::require(Requirement::Workspace).await?;
        let query = query.trim();
        if query.is_empty() {
            return Err(AppError::invalid("query", "Type part of a name to search"));
        }
        let db = state::db()?;
        let schema = db.schema().await?;
        let record = record_detail::load_record(&db, &schema, record_id).await?;
        let object = &record.schema_object;
        let name = object
            .name_property()
            .ok_or_else(|| AppError::invalid("query", "These records have no name to search"))?;
        let filters = FilterTree {
            groups: vec![FilterGroup {
                conditions: vec![Condition {
                    property: name.name.clone(),
                    operator: Operator::Contains,
                    values: vec![query.to_string()],
                }],
            }],
        };
        let columns = [name.name.clone()];
        let spec = ListSpec {
            columns: &columns,
            sort: None,
            scopes: &[],
            filters: &filters,
            page: 1,
            page_size: SEARCH_LIMIT + 1,
        };
        let cx = QueryContext::for_viewer(&viewer);
        let page = list_page(&db, object, &spec, &cx).await?;
        Ok(page
            .rows
            .into_iter()
            .filter(|row| row.id != record_id)
            .take(SEARCH_LIMIT as usize)
            .map(|row| RecordLink {
                id: row.id,
                name: row.cells[0]
                    .as_ref()
                    .map_or_else(|| format!("#{}", row.id), |v| v.to_canonical()),
            })
            .collect())
    })
    .await
}
