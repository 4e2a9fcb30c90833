//! An item's summary: when, its records, description, attendees, location or link; a meeting
//! offers **Start meeting** (recorded as started, its link opened), a task **Mark complete**.

use leptos::{prelude::*, task::spawn_local};

use super::ScheduleUi;
use crate::{
    components::Dialog,
    functions::{set_task_completed, start_meeting},
    models::schedule::{ScheduleItem, ScheduleItemKind},
};

#[component]
pub(crate) fn ItemSummary(item: ScheduleItem, ui: ScheduleUi) -> impl IntoView {
    let close = Callback::new(move |()| ui.open_item.set(None));
    let outcome = RwSignal::new(None::<Result<String, String>>);
    let busy = RwSignal::new(false);
    let id = item.id;
    let link = item.link.clone();
    let start = move |_| {
        // Opened within the click, as browsers block windows opened after an await.
        if !link.is_empty()
            && let Some(window) = leptos::web_sys::window()
        {
            let _ = window.open_with_url_and_target(&link, "_blank");
        }
        busy.set(true);
        spawn_local(async move {
            let result = start_meeting(id).await;
            busy.try_set(false);
            match result {
                Ok(_) => {
                    outcome.try_set(Some(Ok("Meeting started".into())));
                    ui.reload.try_update(|n| *n += 1);
                }
                Err(error) => {
                    outcome.try_set(Some(Err(error.to_string())));
                }
            }
        });
    };
    let complete = move |_| {
        busy.set(true);
        spawn_local(async move {
            let result = set_task_completed(id, true).await;
            busy.try_set(false);
            match result {
                Ok(_) => {
                    outcome.try_set(Some(Ok("Task completed".into())));
                    ui.reload.try_update(|n| *n += 1);
                }
                Err(error) => {
                    outcome.try_set(Some(Err(error.to_string())));
                }
            }
        });
    };
    let records = |label: &'static str, records: Vec<crate::models::task::AssociableRecord>| {
        (!records.is_empty()).then(|| {
            let items = records
                .into_iter()
                .map(|r| view! { <li><a href=format!("/records/{}", r.id)>{r.name}</a>" · "{r.object_label}</li> })
                .collect_view();
            view! { <h3 class="summary-label">{label}</h3><ul class="summary-list" aria-label=label>{items}</ul> }
        })
    };
    let action = match item.kind {
        ScheduleItemKind::Meeting => view! {
            <button type="button" class="button primary" disabled=move || busy.get() on:click=start>
                "Start meeting"
            </button>
        }
        .into_any(),
        ScheduleItemKind::Task if !item.completed => view! {
            <button type="button" class="button primary" disabled=move || busy.get() on:click=complete>
                "Mark complete"
            </button>
        }
        .into_any(),
        ScheduleItemKind::Task => view! { <p class="hint">"✓ Completed"</p> }.into_any(),
    };
    let kind = match item.kind {
        ScheduleItemKind::Task => "Task",
        ScheduleItemKind::Meeting => "Meeting",
    };
    view! {
        <Dialog title=item.title.clone() title_id="item-summary-title" on_close=close>
            <p class="summary-kind">{kind}{item.started.then_some(" · started")}</p>
            <p class="summary-when">{item.when_label.clone()}</p>
            {records("Associated records", item.records.clone())}
            {records("Attendees", item.attendees.clone())}
            {(!item.description.is_empty()).then(|| view! { <p class="summary-description">{item.description.clone()}</p> })}
            {(!item.location.is_empty()).then(|| view! { <p>"Location: "{item.location.clone()}</p> })}
            {(!item.link.is_empty()).then(|| view! {
                <p>"Link: "<a href=item.link.clone() target="_blank" rel="noopener noreferrer">{item.link.clone()}</a></p>
            })}
            {move || outcome.get().map(|result| match result {
                Ok(text) => view! { <p class="saved-note" role="status">{text}</p> }.into_any(),
                Err(text) => view! { <p class="field-error" role="alert">{text}</p> }.into_any(),
            })}
            <div class="dialog-actions">
                <button type="button" class="button" on:click=move |_| close.run(())>"Close"</button>
                {action}
            </div>
        </Dialog>
    }
}
