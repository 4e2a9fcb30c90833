//! The typed filter tree every list and board stands on (HubSpot's model): groups joined by OR,
//! conditions inside a group joined by AND, each condition a property, an operator and its
//! values. Values travel as text (URLs, forms) and are parsed here into typed operands, by the
//! browser (to show a message at the field before anything is sent) and by the server (which
//! refuses the same input with the same message). The SQL is built in `db::query`.

mod condition;
mod operator;
mod value;

pub use condition::{
    Condition, FilterGroup, FilterTree, MAX_CONDITION_VALUES, MAX_DAYS, MAX_FILTER_GROUPS,
    MAX_GROUP_CONDITIONS,
};
pub use operator::{Arity, Operator};
pub use value::{Operand, Scalar, ValueError, parse_scalar};
