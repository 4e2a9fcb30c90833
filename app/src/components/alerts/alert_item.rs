//! One alert: what changed, the score change and when, a link to the record, and "Mark as
//! read" while unread ("New" says it is unread; colour alone never does).

use leptos::{prelude::*, task::spawn_local};
use leptos_router::components::A;

use crate::{
    components::viewer_zone::use_viewer_zone, error::AppError, functions::mark_alert_read,
    models::alert::Alert,
};

#[component]
pub(super) fn AlertItem(
    alert: Alert,
    on_read: Callback<()>,
    on_error: Callback<AppError>,
) -> impl IntoView {
    let zone = use_viewer_zone();
    let id = alert.id;
    let mark_read = move |_| {
        spawn_local(async move {
            match mark_alert_read(id).await {
                Ok(()) => on_read.run(()),
                Err(e) => on_error.run(e),
            }
        });
    };
    let headline = alert.headline();
    let mark_label = format!("Mark as read: {headline}");
    view! {
        <li class="alert-item" class:unread=!alert.read>
            <div class="alert-text">
                {(!alert.read).then(|| view! { <span class="badge">"New"</span> })}
                <A href=format!("/records/{}", alert.record_id) attr:class="alert-link">{headline.clone()}</A>
                <p class="alert-meta">{alert.score_change()}" · "{zone.format(alert.created_at)}</p>
            </div>
            {(!alert.read).then(|| view! {
                <button type="button" class="button subtle small" aria-label=mark_label on:click=mark_read>
                    "Mark as read"
                </button>
            })}
        </li>
    }
}
