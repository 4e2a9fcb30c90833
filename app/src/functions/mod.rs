//! Server functions: the public POST endpoints the client calls, one per file. Each one calls
//! the permission guard (`auth::require`) before anything else; `server/tests/authorization.rs`
//! holds the list of what each requires and checks it for every role.

pub mod get_viewer;
pub mod list_customers;
pub mod log_in;
pub mod log_out;

pub use get_viewer::{GetViewer, get_viewer};
pub use list_customers::list_customers;
pub use log_in::{LogIn, log_in};
pub use log_out::{LogOut, log_out};
