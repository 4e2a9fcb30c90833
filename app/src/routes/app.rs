//! The HTML shell rendered on the server and the client-side router.

use leptos::prelude::*;
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::{
    Lazy, SsrMode,
    components::{Redirect, Route, Router, Routes},
    path,
};

use super::{
    lazy_pages::{
        AdminAuditLogRoute, AdminTeamsRoute, AdminUsersRoute, FeedRoute, HealthProfileEditorRoute,
        HealthProfileListRoute, ProfileRoute, RecordRoute, ScheduleRoute, SettingsObjectsRoute,
        SettingsWorkspacesRoute, SummaryRoute, WorkspaceSettingsRoute,
    },
    login_page::LoginPage,
    not_found_page::NotFoundPage,
    record_list::RecordListPage,
};
use crate::{
    components::{AppHeader, LiveConnection, LiveEvents, ViewerProvider, alerts::AlertsPanelOpen},
    models::view::ListTab,
};

/// The document around the app, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::page_policy::send_page_policy();
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                // The server names the client by its content (`output_name` is `<name>.<hash>`),
                // so a new build is never mixed with a cached old one.
                <link rel="stylesheet" href=format!("/pkg/{}.css", options.output_name)/>
                // When this page was rendered: the live stream compares it with the last change
                // the server saw, so a change made before the stream opened is not missed.
                <meta name="csw-rendered-at" content=chrono::Utc::now().timestamp_micros().to_string()/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    LiveEvents::provide();
    // The Summary's "View more" of alerts opens the bell's panel.
    provide_context(AlertsPanelOpen(RwSignal::new(false)));
    // Pages render whole on the server before the first byte (`SsrMode::Async`): they read the
    // same with scripts off, and a refused page can still answer 403.
    view! {
        <Title formatter=|page: String| format!("{page} · Customer Success Workspace")/>
        <Router>
            <ViewerProvider>
            <LiveConnection/>
            <AppHeader/>
            <main class="page">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=|| view! { <Redirect path="/summary"/> }/>
                    <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async/>
                    <Route path=path!("/profile") view={Lazy::<ProfileRoute>::new()} ssr=SsrMode::Async/>
                    <Route
                        path=path!("/admin/users")
                        view={Lazy::<AdminUsersRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/admin/teams")
                        view={Lazy::<AdminTeamsRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/customers")
                        view=|| view! { <RecordListPage tab=ListTab::Customers/> }
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/records/:id") view={Lazy::<RecordRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/summary") view={Lazy::<SummaryRoute>::new()} ssr=SsrMode::Async/>
                    <Route
                        path=path!("/services")
                        view=|| view! { <RecordListPage tab=ListTab::Services/> }
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/revenue")
                        view=|| view! { <RecordListPage tab=ListTab::Revenue/> }
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/settings") view=|| view! { <Redirect path="/settings/objects"/> }/>
                    <Route path=path!("/settings/objects") view={Lazy::<SettingsObjectsRoute>::new()} ssr=SsrMode::Async/>
                    <Route
                        path=path!("/settings/workspaces")
                        view={Lazy::<SettingsWorkspacesRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/settings/workspaces/:id")
                        view={Lazy::<WorkspaceSettingsRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/settings/health-scores")
                        view={Lazy::<HealthProfileListRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/settings/health-scores/:id")
                        view={Lazy::<HealthProfileEditorRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/admin/audit-log")
                        view={Lazy::<AdminAuditLogRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/tasks")
                        view=|| view! { <RecordListPage tab=ListTab::Tasks/> }
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/schedule") view={Lazy::<ScheduleRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/feed") view={Lazy::<FeedRoute>::new()} ssr=SsrMode::Async/>
                </Routes>
            </main>
            </ViewerProvider>
        </Router>
    }
}
