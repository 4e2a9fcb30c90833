//! Pages, one per file, and the router that maps paths to them.

pub mod admin_nav;
pub mod admin_teams_page;
pub mod admin_users_page;
pub mod app;
pub mod coming_later_page;
pub mod customers_page;
pub mod login_page;
pub mod not_found_page;
