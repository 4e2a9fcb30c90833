//! The signed-in viewer's time zone, for the components that show times.

use leptos::prelude::*;

use crate::{components::ViewerResource, models::time_zone::ViewerZone};

/// The viewer's zone (UTC until they choose one, or before anyone is signed in), read once as
/// the component is made. Not a subscription on purpose: the viewer reloads at every
/// navigation, and a component on its way out must not redraw then; a changed zone redraws the
/// pages behind `RequireAccess` anyway.
pub fn use_viewer_zone() -> ViewerZone {
    let ViewerResource(viewer) = expect_context();
    viewer
        .get_untracked()
        .and_then(|v| v.ok().flatten())
        .map(|v| v.time_zone)
        .unwrap_or_default()
}
