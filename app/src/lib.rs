//! The Customer Success Workspace application: domain types, server functions, components and
//! routes, compiled for the server (`ssr`) and for the browser (`hydrate`).

// Leptos views are deeply nested types; the admin tables exceed the default limit.
#![recursion_limit = "256"]

#[cfg(feature = "ssr")]
pub mod auth;
pub mod components;
pub mod error;
pub mod functions;
pub mod models;
pub mod routes;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod page_policy;
#[cfg(feature = "ssr")]
pub mod state;

pub use routes::app::{App, shell};

/// The name of the generated JS, WASM and CSS files under `/pkg`, before the content hash that
/// `cargo xtask build` adds (`cs_workspace.<hash>.js`).
pub const OUTPUT_NAME: &str = "cs_workspace";
