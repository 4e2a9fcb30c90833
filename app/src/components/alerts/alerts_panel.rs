//! The alerts panel: the viewer's alerts newest first, 25 at a time ("Load older alerts"),
//! each linking to its record, with "Mark as read" and "Mark all as read". It takes the focus
//! when it opens; Escape closes it.

use leptos::{html, prelude::*, task::spawn_local};

use super::alert_item::AlertItem;
use crate::{
    components::ErrorBanner,
    error::AppError,
    functions::{list_alerts, mark_all_alerts_read},
    models::alert::{ALERTS_PER_PAGE, Alert},
};

#[component]
pub(super) fn AlertsPanel(
    /// Bumped by the bell on every change of the viewer's alerts: what is shown reloads.
    changes: RwSignal<u32>,
    /// The bell's unread count, kept current by each page read here.
    unread: RwSignal<u64>,
    on_close: Callback<()>,
) -> impl IntoView {
    let alerts = RwSignal::new(Vec::<Alert>::new());
    let has_more = RwSignal::new(false);
    let loaded = RwSignal::new(false);
    let loading_older = RwSignal::new(false);
    let error = RwSignal::new(None::<AppError>);
    // Answers of an older read are dropped when a newer one started.
    let generation = StoredValue::new(0u32);
    let panel = NodeRef::<html::Section>::new();
    // Reads again as many alerts as are shown (at least a page), so a change keeps the place
    // of someone who loaded older ones.
    Effect::new(move |_| {
        changes.track();
        let shown = alerts.with_untracked(Vec::len).max(ALERTS_PER_PAGE);
        generation.update_value(|g| *g += 1);
        let this = generation.get_value();
        spawn_local(async move {
            let mut fresh: Vec<Alert> = Vec::new();
            let mut more = true;
            while more && fresh.len() < shown {
                match list_alerts(fresh.last().map(|a| a.id)).await {
                    Ok(page) => {
                        more = page.has_more;
                        let _ = unread.try_set(page.unread);
                        fresh.extend(page.alerts);
                    }
                    Err(e) => {
                        let _ = error.try_set(Some(e));
                        return;
                    }
                }
            }
            if generation.try_get_value() == Some(this) {
                alerts.set(fresh);
                has_more.set(more);
                loaded.set(true);
            }
        });
    });
    Effect::new(move |_| {
        if let Some(panel) = panel.get() {
            let _ = panel.focus();
        }
    });
    let load_older = move |_| {
        let last = alerts.with_untracked(|a| a.last().map(|a| a.id));
        loading_older.set(true);
        spawn_local(async move {
            match list_alerts(last).await {
                Ok(page) => {
                    alerts.update(|a| a.extend(page.alerts));
                    has_more.set(page.has_more);
                }
                Err(e) => error.set(Some(e)),
            }
            loading_older.set(false);
        });
    };
    let mark_all = move |_| {
        spawn_local(async move {
            match mark_all_alerts_read().await {
                Ok(()) => changes.update(|n| *n += 1),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    // The button that had the focus is gone: the panel keeps it.
    let on_read = Callback::new(move |()| {
        changes.update(|n| *n += 1);
        if let Some(panel) = panel.get_untracked() {
            let _ = panel.focus();
        }
    });
    let on_error = Callback::new(move |e: AppError| error.set(Some(e)));
    view! {
        <section
            class="alerts-panel"
            role="dialog"
            aria-labelledby="alerts-heading"
            tabindex="-1"
            node_ref=panel
            on:keydown=move |ev| {
                if ev.key() == "Escape" {
                    on_close.run(());
                }
            }
        >
            <header class="alerts-panel-header">
                <h2 id="alerts-heading">"Alerts"</h2>
                <button type="button" class="button subtle small" on:click=mark_all>
                    "Mark all as read"
                </button>
                <button type="button" class="icon-button" aria-label="Close alerts" on:click=move |_| on_close.run(())>
                    "×"
                </button>
            </header>
            {move || error.get().map(|error| view! { <ErrorBanner error/> })}
            <Show when=move || loaded.get() fallback=|| view! { <p class="loading">"Loading alerts…"</p> }>
                <Show
                    when=move || alerts.with(|a| !a.is_empty())
                    fallback=|| view! {
                        <div class="alerts-empty">
                            <p class="empty-title">"No alerts"</p>
                            <p>"When a customer you manage changes health category, it shows here."</p>
                        </div>
                    }
                >
                    <ul class="alert-list">
                        <For each=move || alerts.get() key=|a| (a.id, a.read) let:alert>
                            <AlertItem alert on_read on_error/>
                        </For>
                    </ul>
                </Show>
            </Show>
            <Show when=move || has_more.get()>
                <button type="button" class="button small load-older" disabled=move || loading_older.get() on:click=load_older>
                    "Load older alerts"
                </button>
            </Show>
        </section>
    }
}
