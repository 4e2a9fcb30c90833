//! Object types and property definitions, and the DDL that gives each its table and columns.
//!
//! See the [module docs of `db`](super) for why every property is a typed, indexed column.

mod builtin;
mod create;
mod read;
mod types;

pub use builtin::ensure_builtin_objects;
pub(crate) use create::bump_version;
pub use create::{create_object_type, create_property};
pub(super) use create::{insert_object_type, insert_property_definition};
pub(super) use read::OBJECT_COLUMNS;
pub use read::{
    all_properties, object_type_by_id, object_type_by_name, object_types, properties,
    property_options,
};
pub(crate) use read::{object_type_in, properties_in_tx};
pub(crate) use types::parse_label;
pub use types::{Identifier, NewProperty, ObjectType, PropertyDef};
