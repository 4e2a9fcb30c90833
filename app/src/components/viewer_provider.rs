//! Who is signed in, for every component: the viewer, loaded once per page, and their
//! workspace as live settings changes update it.

use crate::functions::binary_answer::{Loaded, load};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::{
    components::use_live_events,
    error::AppError,
    functions::get_viewer,
    models::{Viewer, live_event::LiveEvent, workspace::ViewerWorkspace},
};

/// Who is logged in, loaded once per page and shared by the header and the pages.
#[derive(Clone, Copy)]
pub struct ViewerResource(pub Loaded<Result<Option<Viewer>, AppError>>);

/// The viewer's workspace as changed since the page loaded (live), for the header's tabs.
#[derive(Clone, Copy)]
pub struct LiveWorkspace(pub RwSignal<Option<ViewerWorkspace>>);

/// Loads the viewer again on every navigation, so logging in or out, or a session that ended
/// elsewhere, shows at the next page; the workspace's settings also at once ([`LiveWorkspace`]).
#[component]
pub fn ViewerProvider(children: Children) -> impl IntoView {
    let location = use_location();
    let viewer = load(move || location.pathname.get(), |_| get_viewer());
    provide_context(ViewerResource(viewer));
    let workspace = LiveWorkspace(RwSignal::new(None));
    provide_context(workspace);
    // The next page reads the viewer with its workspace anew.
    Effect::new(move |_| {
        viewer.track();
        workspace.0.set(None);
    });
    // Settings that change what the viewer's workspace shows (its tabs) apply at once, without
    // redrawing the page (an admin saving them stays where they are).
    use_live_events(move |event| {
        let LiveEvent::WorkspaceChanged { workspace_id } = event else {
            return;
        };
        let current = viewer.with_untracked(|v| {
            v.as_ref()
                .and_then(|v| v.as_ref().ok())
                .and_then(Option::as_ref)
                .map(|v| v.workspace.id)
        });
        if current == Some(workspace_id) {
            leptos::task::spawn_local(async move {
                if let Ok(Some(fresh)) = get_viewer().await {
                    workspace.0.set(Some(fresh.workspace));
                }
            });
        }
    });
    children()
}
