//! Every page but the four list tabs (which share one page, the one most often opened first)
//! as lazily loaded routes: in the browser a page's code is split out of the first download
//! (`cargo xtask build` runs wasm-split) and fetched when the page is first opened, then cached
//! for good. On the server they render as any page.
//!
//! The pages are loaded in a few groups, not one by one: wasm-split puts code that several
//! lazily loaded modules share into a chunk per combination of sharers, so a module per page
//! (Leptos's `#[lazy_route]`) cut the client into a few hundred files, and a first load of the
//! Summary fetched dozens of them and hydrated later than with no splitting at all. A group is
//! a wasm-split module name given to several split functions; the groups are
//! - `summary`: the Summary, where logging in lands, alone so that it brings no other page;
//! - `pages`: what a CSM opens from anywhere — a record's page, the Schedule, the Feed, the
//!   alerts panel (`components::alerts::alert_bell`) and the Summary's dialogs
//!   (`summary::lazy_dialogs`);
//! - `settings`: the admin and settings pages, health score profiles and the Profile;
//! - `board`: a pipeline tab's board, and `list_parts`: what else a list tab opens (both in
//!   `record_list::lazy_parts`).
//!
//! Code that groups share then lands in a chunk per combination of sharers (two dozen, as
//! `cargo xtask build` lists them); a lazily loaded page's first load fetches its group's
//! module and the chunks it needs, 13 to 16 files when the board's group was made.
//! A group costs files: the record page in a group of its own (most of its code is the record
//! preview's, shared with the list parts) took ~100 KB on the wire (brotli) off the first load
//! of the Schedule, the Feed and the record page, but added four files to each first load, and
//! none of them hydrated sooner (the Summary, with four more files too, ~60 ms later). The
//! board's group pays its way: a pipeline tab, opened as often as a list, no longer brings the
//! record preview's and the dialogs' code (its first load 689.5 → 453.5 KB gzip), for ~1–2%
//! more on the other pages' first loads.

use leptos::prelude::*;
use leptos_router::LazyRoute;
use wasm_split_helpers::SplitLoaderError;

use super::{
    super::components::loaded_or_unavailable,
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

/// A route whose page is loaded, with the rest of its `group`, when opened. The pages read
/// their own data, so the route has none to start before the page's code arrives. `$view` and
/// `$preload` name the split function and its preloader (a `macro_rules!` cannot make names).
/// Code that cannot be fetched shows [`CodeUnavailable`] (wasm-split's infallible form would
/// abort the whole client), and the next visit tries again.
macro_rules! lazy_page {
    ($group:ident: $route:ident => $page:ident, $view:ident, $preload:ident) => {
        #[doc = concat!("[`", stringify!($page), "`], loaded when opened.")]
        #[derive(Debug)]
        pub struct $route;

        #[wasm_split_helpers::wasm_split($group, fallible, preload($preload))]
        fn $view() -> Result<AnyView, SplitLoaderError> {
            Ok($page().into_any())
        }

        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            async fn view(_this: Self) -> AnyView {
                loaded_or_unavailable($view().await)
            }

            async fn preload() {
                // A failure is met again, and shown, when the page is opened.
                let _ = $preload().await;
            }
        }
    };
}

lazy_page!(summary: SummaryRoute => SummaryPage, summary_view, preload_summary_view);
lazy_page!(pages: RecordRoute => RecordPage, record_view, preload_record_view);
lazy_page!(pages: ScheduleRoute => SchedulePage, schedule_view, preload_schedule_view);
lazy_page!(pages: FeedRoute => FeedPage, feed_view, preload_feed_view);
lazy_page!(settings: AdminUsersRoute => AdminUsersPage, admin_users_view, preload_admin_users_view);
lazy_page!(settings: AdminTeamsRoute => AdminTeamsPage, admin_teams_view, preload_admin_teams_view);
lazy_page!(settings: AdminAuditLogRoute => AdminAuditLogPage, admin_audit_log_view, preload_admin_audit_log_view);
lazy_page!(settings: ProfileRoute => ProfilePage, profile_view, preload_profile_view);
lazy_page!(settings: SettingsObjectsRoute => SettingsObjectsPage, settings_objects_view, preload_settings_objects_view);
lazy_page!(settings: SettingsWorkspacesRoute => SettingsWorkspacesPage, settings_workspaces_view, preload_settings_workspaces_view);
lazy_page!(settings: WorkspaceSettingsRoute => WorkspaceSettingsPage, workspace_settings_view, preload_workspace_settings_view);
lazy_page!(settings: HealthProfileListRoute => HealthProfileListPage, health_profile_list_view, preload_health_profile_list_view);
lazy_page!(settings: HealthProfileEditorRoute => HealthProfileEditorPage, health_profile_editor_view, preload_health_profile_editor_view);
