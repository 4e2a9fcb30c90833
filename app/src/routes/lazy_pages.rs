//! Every page but the four list tabs (which share one page, the one most often opened first)
//! as lazily loaded routes: in the browser each page's code is split out of the first download
//! (`cargo xtask build` runs wasm-split) and fetched when the page is first opened, then cached
//! for good. On the server they render as any page.

use leptos::prelude::*;
use leptos_router::{LazyRoute, lazy_route};

use super::{
    admin_audit_log_page::AdminAuditLogPage,
    admin_teams_page::AdminTeamsPage,
    admin_users_page::AdminUsersPage,
    feed::FeedPage,
    health_scores::{HealthProfileEditorPage, HealthProfileListPage},
    profile_page::ProfilePage,
    record_page::RecordPage,
    schedule::SchedulePage,
    settings_objects_page::SettingsObjectsPage,
    settings_workspaces_page::SettingsWorkspacesPage,
    summary::SummaryPage,
    workspace_settings::WorkspaceSettingsPage,
};

/// A route whose page is loaded when opened. The pages read their own data, so the route has
/// none to start before the page's code arrives.
macro_rules! lazy_page {
    ($route:ident, $page:ident) => {
        #[doc = concat!("[`", stringify!($page), "`], loaded when opened.")]
        #[derive(Debug)]
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> AnyView {
                $page().into_any()
            }
        }
    };
}

lazy_page!(SummaryRoute, SummaryPage);
lazy_page!(RecordRoute, RecordPage);
lazy_page!(ScheduleRoute, SchedulePage);
lazy_page!(FeedRoute, FeedPage);
lazy_page!(AdminUsersRoute, AdminUsersPage);
lazy_page!(AdminTeamsRoute, AdminTeamsPage);
lazy_page!(AdminAuditLogRoute, AdminAuditLogPage);
lazy_page!(ProfileRoute, ProfilePage);
lazy_page!(SettingsObjectsRoute, SettingsObjectsPage);
lazy_page!(SettingsWorkspacesRoute, SettingsWorkspacesPage);
lazy_page!(WorkspaceSettingsRoute, WorkspaceSettingsPage);
lazy_page!(HealthProfileListRoute, HealthProfileListPage);
lazy_page!(HealthProfileEditorRoute, HealthProfileEditorPage);
