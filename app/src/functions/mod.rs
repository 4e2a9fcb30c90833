//! Server functions: the public POST endpoints the client calls, one per file. Each one calls
//! the permission guard (`auth::require`) before anything else; `server/tests/authorization.rs`
//! holds the list of what each requires and checks it for every role.

pub mod create_team;
pub mod create_user;
pub mod create_workspace;
pub mod delete_team;
pub mod delete_workspace;
pub mod get_cs_objects;
pub mod get_pipeline_tab;
pub mod get_viewer;
pub mod get_workspace_settings;
pub mod list_audit_log;
pub mod list_customers;
pub mod list_teams;
pub mod list_users;
pub mod list_workspaces;
pub mod log_in;
pub mod log_out;
pub mod rename_team;
pub mod reset_password;
pub mod save_cs_objects;
pub mod save_customers_settings;
pub mod save_pipeline_tab_settings;
pub mod save_workspace_general;
pub mod set_user_active;
pub mod set_user_permission;
pub mod set_user_teams;
pub mod update_user;
pub mod update_workspace_details;

pub use create_team::{CreateTeam, create_team};
pub use create_user::{CreateUser, create_user};
pub use create_workspace::{CreateWorkspace, create_workspace};
pub use delete_team::{DeleteTeam, delete_team};
pub use delete_workspace::{DeleteWorkspace, delete_workspace};
pub use get_cs_objects::{GetCsObjects, get_cs_objects};
pub use get_pipeline_tab::{GetPipelineTab, get_pipeline_tab};
pub use get_viewer::{GetViewer, get_viewer};
pub use get_workspace_settings::{GetWorkspaceSettings, get_workspace_settings};
pub use list_audit_log::{ListAuditLog, list_audit_log};
pub use list_customers::{ListCustomers, list_customers};
pub use list_teams::{ListTeams, list_teams};
pub use list_users::{ListUsers, list_users};
pub use list_workspaces::{ListWorkspaces, list_workspaces};
pub use log_in::{LogIn, log_in};
pub use log_out::{LogOut, log_out};
pub use rename_team::{RenameTeam, rename_team};
pub use reset_password::{ResetPassword, reset_password};
pub use save_cs_objects::{SaveCsObjects, save_cs_objects};
pub use save_customers_settings::{SaveCustomersSettings, save_customers_settings};
pub use save_pipeline_tab_settings::{SavePipelineTabSettings, save_pipeline_tab_settings};
pub use save_workspace_general::{SaveWorkspaceGeneral, save_workspace_general};
pub use set_user_active::{SetUserActive, set_user_active};
pub use set_user_permission::{SetUserPermission, set_user_permission};
pub use set_user_teams::{SetUserTeams, set_user_teams};
pub use update_user::{UpdateUser, update_user};
pub use update_workspace_details::{UpdateWorkspaceDetails, update_workspace_details};
