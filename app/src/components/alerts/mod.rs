//! Health alerts in the top bar: the bell with the unread count and the panel listing them.

mod alert_bell;
mod alert_item;
mod alerts_panel;

pub use alert_bell::AlertBell;
