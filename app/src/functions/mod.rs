//! Server functions: the public POST endpoints the client calls. One per file.

pub mod list_customers;

pub use list_customers::list_customers;
