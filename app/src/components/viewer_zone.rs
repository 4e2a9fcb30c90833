//! The signed-in viewer's time zone, for the components that show times.

use leptos::prelude::*;

use crate::{models::time_zone::ViewerZone, routes::app::ViewerResource};

/// The viewer's zone (UTC until they choose one, or before anyone is signed in); follows a
/// change made on the Profile page.
pub fn use_viewer_zone() -> Signal<ViewerZone> {
    let ViewerResource(viewer) = expect_context();
    Signal::derive(move || {
        viewer
            .get()
            .and_then(|v| v.ok().flatten())
            .map(|v| v.time_zone)
            .unwrap_or_default()
    })
}
