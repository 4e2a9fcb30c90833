//! The alert bell: the viewer's unread alert count, kept current by the live stream, and the
//! alerts panel it opens — whose code loads when first opened (in the `pages` group of lazily
//! loaded code, see `routes::lazy_pages`), as every page shows the bell and few open it.

use leptos::{html, prelude::*, task::spawn_local};

use super::alerts_panel::AlertsPanel;
use crate::{
    components::{live_events::use_live_events, loaded_or_unavailable},
    functions::count_unread_alerts,
    models::live_event::LiveEvent,
};

/// "Alerts, 3 unread": the button's accessible name, with the count that the badge shows.
pub(super) fn bell_label(unread: u64) -> String {
    match unread {
        0 => "Alerts, none unread".into(),
        n => format!("Alerts, {n} unread"),
    }
}

#[component]
pub fn AlertBell() -> impl IntoView {
    let changes = RwSignal::new(0u32);
    // Read in the browser only (effects do not run on the server): pages render without
    // waiting for it, and the bell stays the same until the count arrives. The last known
    // count stays shown while a new one loads.
    let count = RwSignal::new(0u64);
    Effect::new(move |_| {
        changes.track();
        spawn_local(async move {
            if let Ok(unread) = count_unread_alerts().await {
                let _ = count.try_set(unread);
            }
        });
    });
    let open = use_context::<super::AlertsPanelOpen>()
        .map_or_else(|| RwSignal::new(false), |panel| panel.0);
    let button = NodeRef::<html::Button>::new();
    // Closed, the focus goes back to the bell.
    let on_close = Callback::new(move |()| {
        open.set(false);
        if let Some(button) = button.get_untracked() {
            let _ = button.focus();
        }
    });
    use_live_events(move |event| {
        if matches!(event, LiveEvent::AlertsChanged { .. } | LiveEvent::Resync) {
            changes.update(|n| *n += 1);
        }
    });
    view! {
        <div class="alert-bell">
            <button
                type="button"
                class="bell-button"
                node_ref=button
                aria-label=move || bell_label(count.get())
                aria-haspopup="dialog"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                <svg class="bell-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
                    <path
                        d="M12 3a6 6 0 0 0-6 6v3.6l-1.7 2.9A1 1 0 0 0 5.2 17h13.6a1 1 0 0 0 .9-1.5L18 12.6V9a6 6 0 0 0-6-6Zm-2.5 15a2.5 2.5 0 0 0 5 0"
                        fill="none"
                        stroke="currentColor"
                        stroke-width="1.8"
                        stroke-linejoin="round"
                    />
                </svg>
                <Show when=move || { count.get() > 0 }>
                    <span class="bell-count" aria-hidden="true">{move || count.get()}</span>
                </Show>
            </button>
            <Show when=move || open.get()>
                {move || {
                    Suspend::new(async move {
                        loaded_or_unavailable(alerts_panel(changes, count, on_close).await)
                    })
                }}
            </Show>
        </div>
    }
}

/// The alerts panel, loaded with the `pages` group when first opened (code that cannot be
/// fetched shows [`CodeUnavailable`], and the next opening tries again).
#[wasm_split_helpers::wasm_split(pages, fallible)]
fn alerts_panel(
    changes: RwSignal<u32>,
    unread: RwSignal<u64>,
    on_close: Callback<()>,
) -> Result<AnyView, wasm_split_helpers::SplitLoaderError> {
    Ok(view! { <AlertsPanel changes unread on_close/> }.into_any())
}

#[cfg(test)]
mod tests {
    use super::bell_label;

    #[test]
    fn the_bell_says_how_many_are_unread() {
        assert_eq!(bell_label(0), "Alerts, none unread");
        assert_eq!(bell_label(3), "Alerts, 3 unread");
    }
}
