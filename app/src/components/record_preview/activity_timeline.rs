//! The record's timeline, newest first, paged with "Load older activities".

use leptos::prelude::*;

use crate::{
    components::viewer_zone::use_viewer_zone,
    functions::list_record_activities,
    models::{ActivityKind, record_detail::RecordDetail},
};

#[component]
pub(super) fn ActivityTimeline(detail: RwSignal<RecordDetail>) -> impl IntoView {
    let loading = RwSignal::new(false);
    let message = RwSignal::new(None::<String>);
    let load_older = move |_| {
        let Some((at, id)) = detail.with_untracked(|d| d.activities.next) else {
            return;
        };
        let record_id = detail.with_untracked(|d| d.id);
        loading.set(true);
        leptos::task::spawn_local(async move {
            match list_record_activities(record_id, Some(at), Some(id)).await {
                Ok(page) => detail.update(|d| {
                    d.activities.items.extend(page.items);
                    d.activities.next = page.next;
                }),
                Err(error) => message.set(Some(error.to_string())),
            }
            loading.set(false);
        });
    };
    let zone = use_viewer_zone();
    let items = move || {
        detail.with(|d| {
            d.activities
                .items
                .iter()
                .map(|item| {
                    let kind = match item.kind {
                        ActivityKind::Note => "Note",
                        ActivityKind::Email => "Email",
                        ActivityKind::Call => "Call",
                        ActivityKind::Task if item.completed => "Task (completed)",
                        ActivityKind::Task => "Task",
                        ActivityKind::Meeting => "Meeting",
                    };
                    let when = zone.format(item.occurred_at);
                    let by = item.owner_name.clone().map(|name| format!(" · {name}"));
                    let due = item
                        .due_at
                        .filter(|_| item.kind == ActivityKind::Task)
                        .map(|due| format!("Due {}", zone.format(due)));
                    view! {
                        <li class="timeline-item" data-kind=item.kind.as_str()>
                            <p class="timeline-meta">
                                <span class="timeline-kind">{kind}</span>
                                " · "{when}{by}
                            </p>
                            {(!item.subject.is_empty()).then(|| view! { <p class="timeline-subject">{item.subject.clone()}</p> })}
                            {(!item.body.is_empty()).then(|| view! { <p class="timeline-body">{item.body.clone()}</p> })}
                            {due.map(|due| view! { <p class="timeline-meta">{due}</p> })}
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section class="record-section" aria-labelledby="timeline-heading">
            <div class="section-heading">
                <h3 id="timeline-heading">"Activity"</h3>
                <a class="small-link" href=move || detail.with(|d| format!("/tasks?view=all&associated={}", d.id))>"Tasks of this record"</a>
            </div>
            <Show
                when=move || detail.with(|d| !d.activities.items.is_empty())
                fallback=|| view! { <p class="empty-state small">"No activities yet. Log a note, an email, a call, a task or a meeting above."</p> }
            >
                <ol class="timeline" aria-label="Timeline">{items}</ol>
            </Show>
            <Show when=move || detail.with(|d| d.activities.next.is_some())>
                <button type="button" class="button small" disabled=move || loading.get() on:click=load_older>
                    "Load older activities"
                </button>
            </Show>
            {move || message.get().map(|text| view! { <p class="field-error" role="alert">{text}</p> })}
        </section>
    }
}
