//! Health alerts in the top bar: the bell with the unread count and the panel listing them.

mod alert_bell;
mod alert_item;
mod alerts_panel;

pub use alert_bell::AlertBell;

use leptos::prelude::RwSignal;

/// Whether the alerts panel is open: the bell toggles it, the Summary's "View more" opens it.
#[derive(Clone, Copy)]
pub struct AlertsPanelOpen(pub RwSignal<bool>);
