//! Server functions: the public POST endpoints the client calls, one per file. Each one calls
//! the permission guard (`auth::require`) before anything else; `server/tests/authorization.rs`
//! holds the list of what each requires and checks it for every role.

pub mod create_team;
pub mod create_user;
pub mod delete_team;
pub mod get_viewer;
pub mod list_customers;
pub mod list_teams;
pub mod list_users;
pub mod log_in;
pub mod log_out;
pub mod rename_team;
pub mod reset_password;
pub mod set_user_active;
pub mod set_user_permission;
pub mod set_user_teams;
pub mod update_user;

pub use create_team::CreateTeam;
pub use create_user::CreateUser;
pub use delete_team::DeleteTeam;
pub use get_viewer::{GetViewer, get_viewer};
pub use list_customers::list_customers;
pub use list_teams::list_teams;
pub use list_users::list_users;
pub use log_in::{LogIn, log_in};
pub use log_out::{LogOut, log_out};
pub use rename_team::RenameTeam;
pub use reset_password::ResetPassword;
pub use set_user_active::SetUserActive;
pub use set_user_permission::SetUserPermission;
pub use set_user_teams::SetUserTeams;
pub use update_user::UpdateUser;
