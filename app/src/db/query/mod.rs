//! The query engine every list and board stands on: a typed filter tree
//! ([`crate::models::filter`]) compiled by one SQL builder into bound parameters, over
//! identifiers that only the schema can make ([`field::Column`]).
//!
//! # Which index each operator uses (both backends)
//! Every property column has a partial index on `(sort key, record_id) WHERE archived_at IS
//! NULL`, the sort key being `LOWER(column)` for text and select properties.
//! - text **is** compares `LOWER(column) = LOWER($n)`: the very expression of the index, so it
//!   is an index lookup. **starts with** is the range `LOWER(column) >= LOWER($n) AND
//!   LOWER(column) < LOWER($n) || U+10FFFF` on the same index (PostgreSQL text columns use the
//!   "C" collation, SQLite compares bytes: both order by code point, so the range is exact).
//! - text **contains / does not contain** is `LIKE '%…%'`, which no B-tree can serve; it runs
//!   over the rows the other, indexed conditions leave (a trigram index is PostgreSQL-only).
//!   The list's count is capped, so such a scan stops after [`list::FILTERED_COUNT_CAP`]
//!   matches.
//! - **is not**, **≠**, **is none of** include records without a value, as people expect
//!   ("every customer not in Retail" includes those with no industry); they are
//!   `column IS NULL OR …`, a scan like `contains`.
//! - numbers, currencies, dates: `=`, `<`, `≤`, `>`, `≥`, **between** and the day ranges (**on**,
//!   **before**, **after**, **in the last/next N days**) are ranges on the column's index.
//!   Timestamps are compared with the UTC instants that bound the days.
//! - single select **is any of** compares `LOWER(column) IN (LOWER($a), …)`, the index's own
//!   expression; user **is any of / is me** are `IN (…)` lookups on the column's index;
//!   **known / unknown** are `IS [NOT] NULL`, which the index also holds.
//! - An OR of groups stays index-friendly when every group has an indexed condition: SQLite
//!   then runs one index lookup per group ("multi-index OR"), PostgreSQL a BitmapOr.
//! - multi-select values are also written one row per value to `multi_values`, keyed
//!   `(property_id, value, record_id)`: **contains any of / all of / none of** are lookups of
//!   that key, not a `LIKE` over the `;`-joined column.
//! - "Assigned in the last 30 days" reads `property_history` through its
//!   `(property_name, new_value, changed_at, record_id)` index.
//!
//! # Paging and counting
//! A page selects its ids by the sort index with `LIMIT/OFFSET` in a subquery, then reads only
//! those rows, so skipped rows cost index entries, never table rows. Counts stop at
//! `max(cap, the rows before this page's end) + 1`, and the list then says "10,000+": the cap is
//! 10,000 for the views' own (indexed) conditions and quick filters, 1,000 under advanced
//! filters, whose OR groups and `contains` may leave no index to count with.

pub mod aggregate;
pub mod board;
pub mod compile;
mod dates;
pub mod field;
pub mod list;
pub mod period_figures;
pub mod sql_builder;

pub use compile::{QueryContext, Scope};
pub use list::{ListSpec, list_page};
