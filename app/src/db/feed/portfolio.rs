//! Whose events the Feed shows: the viewer's portfolio as its SQL names it, and the two ways a
//! statement asks whether an event's contact belongs to it (see the parent module).

use crate::db::{
    query::{
        field::{Column, Table},
        sql_builder::SqlBuilder,
    },
    sql_value::SqlValue,
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

/// The event's contact is the viewer's, looked up from the event: associations are stored
/// once with the smaller id first, so both directions are asked, each through its index
/// (the primary key, `associations_to`), then the customer by its key.
pub(super) fn owned_by_walk(sql: &mut SqlBuilder, p: &Portfolio) {
    if p.contacts_are_customers {
        sql.push("EXISTS (SELECT 1 FROM ")
            .table(&p.customers)
            .push(" o WHERE o.record_id = e.contact_id AND o.");
        owner_is_viewer(sql, p);
        sql.push(")");
        return;
    }
    sql.push("(");
    for (i, direction) in ASSOCIATION_DIRECTIONS.into_iter().enumerate() {
        if i > 0 {
            sql.push(" OR ");
        }
        customer_of_contact_exists(sql, p, direction);
        owner_is_viewer(sql, p);
        sql.push(")");
    }
    sql.push(")");
}

/// The two ways an association of a contact and a customer is stored (the smaller id first):
/// `(contact's column, customer's column)`.
pub(super) const ASSOCIATION_DIRECTIONS: [(&str, &str); 2] = [
    ("from_record_id", "to_record_id"),
    ("to_record_id", "from_record_id"),
];

/// `EXISTS (SELECT 1 FROM associations a JOIN <customers> o … WHERE <the event's contact> AND o.`:
/// the event's contact is associated with a customer `o` in one `direction`; the caller adds
/// the conditions on `o` and the closing parenthesis.
pub(super) fn customer_of_contact_exists(
    sql: &mut SqlBuilder,
    p: &Portfolio,
    (contact_side, customer_side): (&'static str, &'static str),
) {
    sql.push("EXISTS (SELECT 1 FROM associations a JOIN ")
        .table(&p.customers)
        .push(" o ON o.record_id = a.")
        .push(customer_side)
        .push(" WHERE a.")
        .push(contact_side)
        .push(" = e.contact_id AND o.");
}

/// The event's contact is among the viewer's contacts, gathered once: the viewer's customers
/// through the CSM index, their associations both ways.
pub(super) fn owned_by_gathering(sql: &mut SqlBuilder, p: &Portfolio) {
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
