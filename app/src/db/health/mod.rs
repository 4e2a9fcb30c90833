//! Health scores (SPEC §5): score profiles of criteria groups ([`profiles`]), compiled to SQL
//! ([`criteria_sql`]) and computed over sets of records ([`compute`]), kept current by a
//! background scorer fed by a queue of changed records ([`queue`]), and explained on each
//! record's health card ([`card`]).
//!
//! A live profile's score and category are two computed properties of the customer object, so
//! every list shows, filters and sorts by them with the same engine as any other property.

pub mod card;
pub mod compute;
pub mod criteria_sql;
pub mod editor;
pub mod profiles;
pub mod queue;
pub mod score_writes;
pub mod segments;
pub mod summary;
