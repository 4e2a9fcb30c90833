//! The Feed's filters as SQL conditions on an event `e`: its type, its contact's sequence
//! enrollment and the search, from fixed fragments, schema identifiers and bound values only.

use super::portfolio::{ASSOCIATION_DIRECTIONS, Portfolio, customer_of_contact_exists};
use crate::{
    db::{query::sql_builder::SqlBuilder, sql_value::SqlValue},
    models::{SalesEventKind, feed::SequenceFilter},
};

pub(super) fn kind_condition(sql: &mut SqlBuilder, kind: SalesEventKind) {
    sql.push("e.kind = ").bind(SqlValue::from(kind.as_str()));
}

/// The contact's current enrollment: the kind (and, enrolled, the sequence) of its latest
/// enroll or unenroll event, through the `(contact_id, occurred_at)` index.
pub(super) fn sequence_condition(sql: &mut SqlBuilder, filter: &SequenceFilter) {
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
pub(super) fn search_condition(sql: &mut SqlBuilder, p: &Portfolio, text: &str) {
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
        for direction in ASSOCIATION_DIRECTIONS {
            sql.push(" OR ");
            customer_of_contact_exists(sql, p, direction);
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
