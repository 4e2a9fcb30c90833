//! The top bar: product name, the workspace tabs the viewer may open, the alert bell, and the
//! user menu.

use leptos::{prelude::*, server_fn::ServerFn};
use leptos_router::components::A;

use crate::{
    components::AlertBell,
    components::{LiveWorkspace, ViewerResource},
    functions::LogOut,
    models::Viewer,
};

/// The workspace tabs of SPEC §4, in order: `(label, path)`.
pub const WORKSPACE_TABS: &[(&str, &str)] = &[
    ("Summary", "/summary"),
    ("Customers", "/customers"),
    ("Services", "/services"),
    ("Revenue", "/revenue"),
    ("Tasks", "/tasks"),
    ("Schedule", "/schedule"),
    ("Feed", "/feed"),
];

/// The tabs a viewer sees: Summary with workspace access, the rest only with a service seat,
/// and Services and Revenue only where the viewer's workspace shows them.
pub fn visible_tabs(viewer: &Viewer) -> Vec<(&'static str, &'static str)> {
    WORKSPACE_TABS
        .iter()
        .copied()
        .filter(|(label, _)| match *label {
            "Summary" => viewer.can_open_summary(),
            "Services" => viewer.can_use_workspace() && viewer.workspace.show_services_tab,
            "Revenue" => viewer.can_use_workspace() && viewer.workspace.show_revenue_tab,
            _ => viewer.can_use_workspace(),
        })
        .collect()
}

#[component]
pub fn AppHeader() -> impl IntoView {
    let ViewerResource(viewer) = expect_context();
    view! {
        <header class="app-header">
            <a class="brand" href="/">
                <span class="brand-mark" aria-hidden="true">"◆"</span>
                <span class="brand-name">"Customer Success"</span>
            </a>
            <Transition fallback=|| ()>
                {move || {
                    viewer
                        .get()
                        .and_then(Result::ok)
                        .flatten()
                        .map(|viewer| view! { <SignedInBar viewer/> })
                }}
            </Transition>
        </header>
    }
}

#[component]
fn SignedInBar(viewer: Viewer) -> impl IntoView {
    let LiveWorkspace(live_workspace) = expect_context();
    let tabs = {
        let viewer = viewer.clone();
        move || {
            let mut viewer = viewer.clone();
            if let Some(workspace) = live_workspace.get() {
                viewer.workspace = workspace;
            }
            visible_tabs(&viewer)
                .into_iter()
                .map(|(label, path)| view! { <A href=path>{label}</A> })
                .collect_view()
        }
    };
    let admin = viewer
        .is_super_admin()
        .then(|| view! { <A href="/admin/users">"Admin"</A> });
    let settings = viewer.can_manage_settings().then(|| {
        view! {
            <A href="/settings" attr:class="settings-link" attr:aria-label="Settings" attr:title="Settings">
                <span aria-hidden="true">"⚙"</span>
            </A>
        }
    });
    let bell = viewer.can_use_workspace().then(|| view! { <AlertBell/> });
    view! {
        <nav class="workspace-tabs" aria-label="Workspace">{tabs}{admin}</nav>
        {bell}
        {settings}
        <details class="user-menu">
            <summary>
                <span class="avatar" aria-hidden="true">{initials(&viewer.name)}</span>
                <span>{viewer.name.clone()}</span>
            </summary>
            <div class="user-menu-panel">
                <p class="user-menu-email">{viewer.email.clone()}</p>
                <a class="menu-item" href="/profile">"Profile"</a>
                // A plain form, posted by the browser with or without JavaScript: the server
                // redirects to the login page, which loads whole, so nothing of the session
                // stays in the client (and the first load carries no action for it).
                <form method="post" action=LogOut::url()>
                    <button type="submit" class="menu-item">"Log out"</button>
                </form>
            </div>
        </details>
    }
}

fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .take(2)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::{Permission, workspace::ViewerWorkspace};

    #[test]
    fn a_seatless_viewer_sees_only_the_summary_tab() {
        let viewer = Viewer {
            id: 1,
            name: "Sam Seatless".into(),
            email: "sam@example.com".into(),
            permissions: vec![Permission::SuperAdmin],
            workspace: ViewerWorkspace {
                id: 1,
                name: "Main workspace".into(),
                show_services_tab: true,
                show_revenue_tab: true,
            },
            time_zone: Default::default(),
        };
        assert_eq!(visible_tabs(&viewer), vec![("Summary", "/summary")]);
        assert_eq!(initials(&viewer.name), "SS");
        let csm = Viewer {
            permissions: vec![Permission::ServiceSeat, Permission::CsWorkspaceAccess],
            ..viewer
        };
        assert_eq!(visible_tabs(&csm).len(), WORKSPACE_TABS.len());
        let without_services = Viewer {
            workspace: ViewerWorkspace {
                show_services_tab: false,
                ..csm.workspace.clone()
            },
            ..csm
        };
        let labels: Vec<&str> = visible_tabs(&without_services)
            .into_iter()
            .map(|(label, _)| label)
            .collect();
        assert_eq!(
            labels,
            [
                "Summary",
                "Customers",
                "Revenue",
                "Tasks",
                "Schedule",
                "Feed"
            ]
        );
    }
}
