//! Pages, one per file, and the router that maps paths to them.

pub mod admin_audit_log_page;
pub mod admin_nav;
pub mod admin_teams_page;
pub mod admin_users_page;
pub mod app;
pub mod audit_log_filter;
pub mod feed;
pub mod health_scores;
pub mod lazy_pages;
pub mod login_page;
pub mod not_found_page;
pub mod profile_page;
pub mod record_list;
pub mod record_page;
pub mod schedule;
pub mod settings_nav;
pub mod settings_objects_page;
pub mod settings_workspaces_page;
pub mod summary;
pub mod workspace_settings;
