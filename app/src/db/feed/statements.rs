//! The Feed's SQL, from fixed fragments, schema identifiers ([`Table`], [`Column`]) and bound
//! values only (see [`SqlBuilder`]): which events are the viewer's, the filters, the ranges of
//! the keyset paging, and the two shapes the page query comes in (see the parent module).
//!
//! An event `e` is the viewer's when its contact is associated with a live customer whose CSM
//! property holds the viewer (or, when the customer object is the contacts, when the contact
//! itself is such a customer) and the viewer has not deleted its notification.

use crate::{
    db::{
        query::{
            field::{Column, Table},
            sql_builder::SqlBuilder,
        },
        sql_value::SqlValue,
    },
    models::{
        SalesEventKind,
        feed::{FeedCursor, FeedUrl, SequenceFilter},
    },
};

/// The viewer's portfolio as the feed's SQL names it: tables and columns from the schema.
#[derive(Clone, Debug)]
pub(crate) struct Portfolio {
    pub user_id: i64,
    /// The workspace's customer object (companies in the demo) and its CSM property.
    pub customers: Table,
    pub csm: Column,
    pub customer_name: Option<Column>,
    /// "Company", for a customer without a name.
    pub customer_singular: String,
    pub contacts: Table,
    pub contact_name: Option<Column>,
    /// The customer object is the contacts themselves: a contact is the viewer's when it is
    /// their customer, and no company is named.
    pub contacts_are_customers: bool,
}

/// How the page query reaches the viewer's events.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    /// Walk the events newest first (the time or type index) and keep the viewer's: each
    /// event costs two association lookups, so this is for large portfolios, whose events are
    /// a good share of all.
    Walk,
    /// The events of the viewer's contacts (the contact index), then sorted: for small
    /// portfolios, whose events a walk would have to look for among everyone's.
    Gather,
}

/// Which part of the feed's order a query reads: older than `before`, at or newer than
/// `from` (inclusive), newer than `after`.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Range {
    pub before: Option<FeedCursor>,
    pub from: Option<FeedCursor>,
    pub after: Option<FeedCursor>,
}

/// `(id, contact_id, kind, occurred_at, detail, sequence_name)` of the viewer's events in
/// `range`, newest first, at most `limit`.
pub(crate) fn events(
    p: &Portfolio,
    url: &FeedUrl,
    shape: Shape,
    range: Range,
    limit: usize,
) -> SqlBuilder {
    let mut sql = SqlBuilder::new();
    sql.push(
        "SELECT e.id, e.contact_id, e.kind, e.occurred_at, e.detail, e.sequence_name \
         FROM sales_events e",
    );
    conditions(&mut sql, p, url, shape, range);
    sql.push(" ORDER BY e.occurred_at DESC, e.id DESC LIMIT ")
        .bind(SqlValue::from(i64::try_from(limit).unwrap_or(i64::MAX)));
    sql
}

/// How many of the viewer's events are newer than `after`, counting at most `cap`.
pub(crate) fn count_newer(
    p: &Portfolio,
    url: &FeedUrl,
    shape: Shape,
    after: FeedCursor,
    cap: i64,
) -> SqlBuilder {
    let mut sql = SqlBuilder::new();
    sql.push("SELECT COUNT(*) FROM (SELECT 1 FROM sales_events e");
    let range = Range {
        after: Some(after),
        ..Range::default()
    };
    conditions(&mut sql, p, url, shape, range);
    sql.push(" LIMIT ")
        .bind(SqlValue::from(cap))
        .push(") AS fresh");
    sql
}

/// The event `window` places older than `before` (of the filtered type, if any), whoever's it
/// is: a walk that searches stops there (an index-only walk of `window` entries).
pub(crate) fn window_end(url: &FeedUrl, before: Option<FeedCursor>, window: i64) -> SqlBuilder {
    let mut sql = SqlBuilder::new();
    sql.push("SELECT e.occurred_at, e.id FROM sales_events e");
    let mut first = true;
    if let Some(kind) = url.kind {
        clause(&mut sql, &mut first);
        kind_condition(&mut sql, kind);
    }
    if let Some(before) = before {
        clause(&mut sql, &mut first);
        before_condition(&mut sql, before);
    }
    sql.push(" ORDER BY e.occurred_at DESC, e.id DESC LIMIT 1 OFFSET ")
        .bind(SqlValue::from(window));
    sql
}

/// 1 if event `event_id` is the viewer's (deleted or not), else 0.
pub(crate) fn visible(p: &Portfolio, event_id: i64) -> SqlBuilder {
    let mut sql = SqlBuilder::new();
    sql.push("SELECT COUNT(*) FROM sales_events e WHERE e.id = ")
        .bind(SqlValue::from(event_id))
        .push(" AND ");
    owned_by_walk(&mut sql, p);
    sql
}

/// How many live customers the viewer owns, counting at most `cap` (their CSM index).
pub(crate) fn owned_customers(p: &Portfolio, cap: i64) -> SqlBuilder {
    let mut sql = SqlBuilder::new();
    sql.push("SELECT COUNT(*) FROM (SELECT 1 FROM ")
        .table(&p.customers)
        .push(" o WHERE o.");
    sql.column(&p.csm)
        .push(" = ")
        .bind(SqlValue::from(p.user_id))
        .push(" AND o.archived_at IS NULL LIMIT ")
        .bind(SqlValue::from(cap))
        .push(") AS owned");
    sql
}

/// ` WHERE` before the first condition, ` AND` before the others.
fn clause(sql: &mut SqlBuilder, first: &mut bool) {
    sql.push(if *first { " WHERE " } else { " AND " });
    *first = false;
}

/// The filters, the range and the viewer's ownership, cheapest and most selective first:
/// SQLite tests the terms of a walk in order, and the ownership lookups are the dearest.
fn conditions(sql: &mut SqlBuilder, p: &Portfolio, url: &FeedUrl, shape: Shape, range: Range) {
    let mut first = true;
    if let Some(kind) = url.kind {
        clause(sql, &mut first);
        kind_condition(sql, kind);
    }
    if let Some(before) = range.before {
        clause(sql, &mut first);
        before_condition(sql, before);
    }
    if let Some(from) = range.from {
        clause(sql, &mut first);
        // At or after `from`: (occurred_at, id) >= (from.at, from.id).
        sql.push("e.occurred_at >= ")
            .bind(SqlValue::from(from.at))
            .push(" AND (e.occurred_at > ")
            .bind(SqlValue::from(from.at))
            .push(" OR e.id >= ")
            .bind(SqlValue::from(from.id))
            .push(")");
    }
    if let Some(after) = range.after {
        clause(sql, &mut first);
        sql.push("e.occurred_at >= ")
            .bind(SqlValue::from(after.at))
            .push(" AND (e.occurred_at > ")
            .bind(SqlValue::from(after.at))
            .push(" OR e.id > ")
            .bind(SqlValue::from(after.id))
            .push(")");
    }
    if url.sequence != SequenceFilter::Any {
        clause(sql, &mut first);
        sequence_condition(sql, &url.sequence);
    }
    if !url.search.is_empty() {
        clause(sql, &mut first);
        search_condition(sql, p, &url.search);
    }
    clause(sql, &mut first);
    match shape {
        Shape::Walk => owned_by_walk(sql, p),
        Shape::Gather => owned_by_gathering(sql, p),
    }
    sql.push(" AND NOT EXISTS (SELECT 1 FROM feed_dismissals d WHERE d.user_id = ")
        .bind(SqlValue::from(p.user_id))
        .push(" AND d.event_id = e.id)");
}

fn kind_condition(sql: &mut SqlBuilder, kind: SalesEventKind) {
    sql.push("e.kind = ").bind(SqlValue::from(kind.as_str()));
}

/// Older than `before`: (occurred_at, id) < (before.at, before.id). The plain `<=` on the time
/// comes first so both backends start the index walk at the cursor rather than at the top.
fn before_condition(sql: &mut SqlBuilder, before: FeedCursor) {
    sql.push("e.occurred_at <= ")
        .bind(SqlValue::from(before.at))
        .push(" AND (e.occurred_at < ")
        .bind(SqlValue::from(before.at))
        .push(" OR e.id < ")
        .bind(SqlValue::from(before.id))
        .push(")");
}

/// The contact's current enrollment: the kind (and, enrolled, the sequence) of its latest
/// enroll or unenroll event, through the `(contact_id, occurred_at)` index.
fn sequence_condition(sql: &mut SqlBuilder, filter: &SequenceFilter) {
    let enrolled = SalesEventKind::SequenceEnrolled.as_str();
    let unenrolled = SalesEventKind::SequenceUnenrolled.as_str();
    let latest = |sql: &mut SqlBuilder| {
        sql.push(" FROM sales_events s WHERE s.contact_id = e.contact_id AND s.kind IN (")
            .bind(SqlValue::from(enrolled))
            .push(", ")
            .bind(SqlValue::from(unenrolled))
            .push(") ORDER BY s.occurred_at DESC, s.id DESC LIMIT 1)");
    };
    match filter {
        SequenceFilter::Any => {
            sql.push("1 = 1");
        }
        SequenceFilter::Enrolled => {
            sql.push("(SELECT s.kind");
            latest(sql);
            sql.push(" = ").bind(SqlValue::from(enrolled));
        }
        SequenceFilter::NotEnrolled => {
            // Never enrolled reads as unenrolled.
            sql.push("COALESCE((SELECT s.kind");
            latest(sql);
            sql.push(", ")
                .bind(SqlValue::from(unenrolled))
                .push(") <> ")
                .bind(SqlValue::from(enrolled));
        }
        SequenceFilter::In(name) => {
            sql.push("(SELECT CASE WHEN s.kind = ")
                .bind(SqlValue::from(enrolled))
                .push(" THEN s.sequence_name END");
            latest(sql);
            sql.push(" = ").bind(SqlValue::from(name.clone()));
        }
    }
}

/// `%text%` for `LIKE … ESCAPE '\'`, with `%`, `_` and `\` taken literally, lowercased as
/// both backends' `LOWER()` does on these columns (ASCII only: SQLite's built-in, PostgreSQL's
/// under the "C" collation), as the list engine's *contains* does.
fn contains_pattern(text: &str) -> SqlValue {
    let mut pattern = String::with_capacity(text.len() + 2);
    pattern.push('%');
    for c in text.chars() {
        if matches!(c, '\\' | '%' | '_') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    SqlValue::from(pattern.to_ascii_lowercase())
}

/// The subject (email subject, page, form), the sequence, the contact's name or the name of
/// the viewer's customer it belongs to contains `text`. The event's own columns come first:
/// they need no lookup.
fn search_condition(sql: &mut SqlBuilder, p: &Portfolio, text: &str) {
    let pattern = contains_pattern(text);
    sql.push("(LOWER(e.detail) LIKE ")
        .bind(pattern.clone())
        .push(" ESCAPE '\\' OR LOWER(e.sequence_name) LIKE ")
        .bind(pattern.clone())
        .push(" ESCAPE '\\'");
    if let Some(name) = &p.contact_name {
        sql.push(" OR EXISTS (SELECT 1 FROM ")
            .table(&p.contacts)
            .push(" c WHERE c.record_id = e.contact_id AND LOWER(c.")
            .column(name)
            .push(") LIKE ")
            .bind(pattern.clone())
            .push(" ESCAPE '\\')");
    }
    if let (Some(name), false) = (&p.customer_name, p.contacts_are_customers) {
        for (contact_side, customer_side) in [
            ("from_record_id", "to_record_id"),
            ("to_record_id", "from_record_id"),
        ] {
            sql.push(" OR EXISTS (SELECT 1 FROM associations a JOIN ")
                .table(&p.customers)
                .push(" o ON o.record_id = a.")
                .push(customer_side)
                .push(" WHERE a.")
                .push(contact_side)
                .push(" = e.contact_id AND o.");
            sql.column(&p.csm)
                .push(" = ")
                .bind(SqlValue::from(p.user_id))
                .push(" AND o.archived_at IS NULL AND LOWER(o.")
                .column(name)
                .push(") LIKE ")
                .bind(pattern.clone())
                .push(" ESCAPE '\\')");
        }
    }
    sql.push(")");
}

/// The event's contact is the viewer's, looked up from the event: associations are stored
/// once with the smaller id first, so both directions are asked, each through its index
/// (the primary key, `associations_to`), then the customer by its key.
fn owned_by_walk(sql: &mut SqlBuilder, p: &Portfolio) {
    if p.contacts_are_customers {
        sql.push("EXISTS (SELECT 1 FROM ")
            .table(&p.customers)
            .push(" o WHERE o.record_id = e.contact_id AND o.");
        owner_is_viewer(sql, p);
        sql.push(")");
        return;
    }
    sql.push("(");
    for (i, (contact_side, customer_side)) in [
        ("from_record_id", "to_record_id"),
        ("to_record_id", "from_record_id"),
    ]
    .into_iter()
    .enumerate()
    {
        if i > 0 {
            sql.push(" OR ");
        }
        sql.push("EXISTS (SELECT 1 FROM associations a JOIN ")
            .table(&p.customers)
            .push(" o ON o.record_id = a.")
            .push(customer_side)
            .push(" WHERE a.")
            .push(contact_side)
            .push(" = e.contact_id AND o.");
        owner_is_viewer(sql, p);
        sql.push(")");
    }
    sql.push(")");
}

/// The event's contact is among the viewer's contacts, gathered once: the viewer's customers
/// through the CSM index, their associations both ways.
fn owned_by_gathering(sql: &mut SqlBuilder, p: &Portfolio) {
    sql.push("e.contact_id IN (");
    if p.contacts_are_customers {
        sql.push("SELECT o.record_id FROM ")
            .table(&p.customers)
            .push(" o WHERE o.");
        owner_is_viewer(sql, p);
    } else {
        for (i, (customer_side, contact_side)) in [
            ("from_record_id", "to_record_id"),
            ("to_record_id", "from_record_id"),
        ]
        .into_iter()
        .enumerate()
        {
            if i > 0 {
                sql.push(" UNION ");
            }
            sql.push("SELECT a.")
                .push(contact_side)
                .push(" FROM ")
                .table(&p.customers)
                .push(" o JOIN associations a ON a.")
                .push(customer_side)
                .push(" = o.record_id WHERE o.");
            owner_is_viewer(sql, p);
        }
    }
    sql.push(")");
}

/// `<csm> = viewer AND o.archived_at IS NULL`, after `o.`.
fn owner_is_viewer(sql: &mut SqlBuilder, p: &Portfolio) {
    sql.column(&p.csm)
        .push(" = ")
        .bind(SqlValue::from(p.user_id))
        .push(" AND o.archived_at IS NULL");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_patterns_take_wildcards_literally() {
        assert_eq!(
            contains_pattern("50%_Off\\"),
            SqlValue::from("%50\\%\\_off\\\\%")
        );
    }
}
