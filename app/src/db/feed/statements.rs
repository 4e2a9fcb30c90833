//! The Feed's statements, from fixed fragments, schema identifiers and bound values only (see
//! [`SqlBuilder`]): the ranges of the keyset paging and the two shapes the page query comes in
//! (see the parent module), over the portfolio ([`super::portfolio`]) and the filters
//! ([`super::filters`]).
//!
//! An event `e` is the viewer's when its contact is associated with a live customer whose CSM
//! property holds the viewer (or, when the customer object is the contacts, when the contact
//! itself is such a customer) and the viewer has not deleted its notification.

use super::{
    filters::{kind_condition, search_condition, sequence_condition},
    portfolio::{Portfolio, owned_by_gathering, owned_by_walk},
};
use crate::{
    db::{query::sql_builder::SqlBuilder, sql_value::SqlValue},
    models::feed::{FeedCursor, FeedUrl, SequenceFilter},
};

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
        newer_condition(sql, from, " >= ");
    }
    if let Some(after) = range.after {
        clause(sql, &mut first);
        newer_condition(sql, after, " > ");
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

/// Newer than `cursor` in the feed's order, or at it too: `(occurred_at, id) > (at, id)` with
/// `id_comparison` " > ", or `>=` with " >= ".
fn newer_condition(sql: &mut SqlBuilder, cursor: FeedCursor, id_comparison: &'static str) {
    sql.push("e.occurred_at >= ")
        .bind(SqlValue::from(cursor.at))
        .push(" AND (e.occurred_at > ")
        .bind(SqlValue::from(cursor.at))
        .push(" OR e.id")
        .push(id_comparison)
        .bind(SqlValue::from(cursor.id))
        .push(")");
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
