//! Pages, one per file, and the router that maps paths to them.

pub mod app;
pub mod coming_later_page;
pub mod customers_page;
pub mod login_page;
pub mod not_found_page;
