//! The notifications of a page of events: each with its contact's name and the viewer's
//! customer the contact belongs to, read for the whole page in two queries.

use std::collections::HashMap;

use super::{EventRow, portfolio::Portfolio};
use crate::{
    db::{
        Db,
        query::sql_builder::SqlBuilder,
        sql_value::{SqlValue, bind_values},
    },
    error::AppError,
    models::{SalesEventKind, feed::FeedEntry, record_detail::RecordLink},
    on_pool,
};

/// The notifications of `rows`, with their contacts' names and the viewer's customer each
/// belongs to: two queries for the whole page.
pub(super) async fn entries(
    db: &Db,
    p: &Portfolio,
    rows: Vec<EventRow>,
) -> Result<Vec<FeedEntry>, AppError> {
    if rows.is_empty() {
        return Ok(vec![]);
    }
    let mut contact_ids: Vec<i64> = rows.iter().map(|row| row.1).collect();
    contact_ids.sort_unstable();
    contact_ids.dedup();
    let mut names: HashMap<i64, String> = HashMap::new();
    if let Some(sql) = contact_names(p, &contact_ids) {
        let found: Vec<(i64, Option<String>)> = on_pool!(db, pool =>
            bind_values(sqlx::query_as::<_, (i64, Option<String>)>(sql.sql()), sql.params()).fetch_all(pool).await)?;
        names.extend(found.into_iter().filter_map(|(id, name)| Some((id, name?))));
    }
    // A contact of several of the viewer's customers is shown with the oldest of them.
    let mut customers: HashMap<i64, RecordLink> = HashMap::new();
    if !p.contacts_are_customers {
        let sql = customers_of(p, &contact_ids);
        let mut found: Vec<(i64, i64, Option<String>)> = on_pool!(db, pool =>
            bind_values(sqlx::query_as::<_, (i64, i64, Option<String>)>(sql.sql()), sql.params()).fetch_all(pool).await)?;
        found.sort_unstable_by_key(|(contact, customer, _)| (*contact, *customer));
        for (contact, customer, name) in found {
            customers.entry(contact).or_insert_with(|| RecordLink {
                id: customer,
                name: name.unwrap_or_else(|| format!("{} #{customer}", p.customer_singular)),
            });
        }
    }
    rows.into_iter()
        .map(
            |(id, contact_id, kind, occurred_at, detail, sequence_name)| {
                let kind = SalesEventKind::parse(&kind)
                    .ok_or_else(|| AppError::internal("unknown sales event kind", &kind))?;
                Ok(FeedEntry {
                    id,
                    kind,
                    occurred_at,
                    subject: detail,
                    sequence_name,
                    contact: RecordLink {
                        id: contact_id,
                        name: names
                            .get(&contact_id)
                            .cloned()
                            .unwrap_or_else(|| format!("Contact #{contact_id}")),
                    },
                    company: customers.get(&contact_id).cloned(),
                })
            },
        )
        .collect()
}

/// `(contact_id, customer id, customer name)` of the viewer's customers that `contact_ids`
/// are associated with.
fn customers_of(p: &Portfolio, contact_ids: &[i64]) -> SqlBuilder {
    let mut sql = SqlBuilder::new();
    for (contact_side, customer_side, union) in [
        ("from_record_id", "to_record_id", false),
        ("to_record_id", "from_record_id", true),
    ] {
        if union {
            sql.push(" UNION ALL ");
        }
        sql.push("SELECT a.")
            .push(contact_side)
            .push(", o.record_id, ");
        match &p.customer_name {
            Some(name) => {
                sql.push("o.").column(name);
            }
            None => {
                sql.push("CAST(NULL AS TEXT)");
            }
        }
        sql.push(" FROM associations a JOIN ")
            .table(&p.customers)
            .push(" o ON o.record_id = a.")
            .push(customer_side)
            .push(" WHERE o.");
        sql.column(&p.csm)
            .push(" = ")
            .bind(SqlValue::from(p.user_id))
            .push(" AND o.archived_at IS NULL AND a.")
            .push(contact_side)
            .push(" IN (")
            .bind_list(contact_ids.iter().map(|id| SqlValue::from(*id)))
            .push(")");
    }
    sql
}

/// `(record_id, name)` of `contact_ids`; `None` when contacts have no name property.
fn contact_names(p: &Portfolio, contact_ids: &[i64]) -> Option<SqlBuilder> {
    let name = p.contact_name.as_ref()?;
    let mut sql = SqlBuilder::new();
    sql.push("SELECT c.record_id, c.")
        .column(name)
        .push(" FROM ")
        .table(&p.contacts)
        .push(" c WHERE c.record_id IN (")
        .bind_list(contact_ids.iter().map(|id| SqlValue::from(*id)))
        .push(")");
    Some(sql)
}
