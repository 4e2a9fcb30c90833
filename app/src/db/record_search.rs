//! Finding records of one object by part of their name, through the list engine (a *contains*
//! condition on the name property), for the search boxes of merge, tasks and meetings.

use super::{
    Db,
    query::{ListSpec, QueryContext, list_page},
    record_detail::load_record,
    schema_cache::ObjectSchema,
};
use crate::{
    error::AppError,
    models::{
        filter::{Condition, FilterGroup, FilterTree, Operator},
        record_detail::RecordLink,
    },
};

/// At most `limit` live records of `object` whose name contains `query`, by name; none when
/// the object has no name property.
pub async fn records_named_like(
    db: &Db,
    object: &ObjectSchema,
    query: &str,
    limit: u32,
    cx: &QueryContext,
) -> Result<Vec<RecordLink>, AppError> {
    let Some(name) = object.name_property() else {
        return Ok(vec![]);
    };
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
        page_size: limit,
    };
    let page = list_page(db, object, &spec, cx).await?;
    Ok(page
        .rows
        .into_iter()
        .map(|row| RecordLink {
            id: row.id,
            name: row.cells[0]
                .as_ref()
                .map_or_else(|| format!("#{}", row.id), |v| v.to_canonical()),
        })
        .collect())
}

/// A live record's id and name (a list narrowed to it names it).
pub async fn record_link(db: &Db, record_id: i64) -> Result<RecordLink, AppError> {
    let schema = db.schema().await?;
    let record = load_record(db, &schema, record_id).await?;
    Ok(RecordLink {
        id: record_id,
        name: record.display_name(record_id),
    })
}
