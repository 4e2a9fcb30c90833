//! The activity buttons Note, Email, Call, Task and Meeting, each opening a small form that
//! logs that activity on the record; the new entry heads the timeline at once.

use leptos::prelude::*;

use crate::{
    components::viewer_zone::use_viewer_zone,
    error::AppError,
    functions::LogActivity,
    models::{
        ActivityKind,
        record_detail::{ActivityInput, RecordDetail},
    },
};

fn kind_label(kind: ActivityKind) -> &'static str {
    match kind {
        ActivityKind::Note => "Note",
        ActivityKind::Email => "Email",
        ActivityKind::Call => "Call",
        ActivityKind::Task => "Task",
        ActivityKind::Meeting => "Meeting",
    }
}

#[component]
pub(super) fn ActivityComposer(detail: RwSignal<RecordDetail>) -> impl IntoView {
    let open = RwSignal::new(None::<ActivityKind>);
    let buttons = ActivityKind::ALL
        .iter()
        .map(|kind| {
            let kind = *kind;
            view! {
                <button
                    type="button"
                    class="activity-button"
                    aria-pressed=move || (open.get() == Some(kind)).to_string()
                    on:click=move |_| open.update(|o| *o = if *o == Some(kind) { None } else { Some(kind) })
                >
                    <span class="activity-icon" aria-hidden="true">{kind_label(kind).chars().next()}</span>
                    {kind_label(kind)}
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="activity-buttons" role="toolbar" aria-label="Log activity">{buttons}</div>
        {move || open.get().map(|kind| view! { <ActivityForm kind detail open/> })}
    }
}

#[component]
fn ActivityForm(
    kind: ActivityKind,
    detail: RwSignal<RecordDetail>,
    open: RwSignal<Option<ActivityKind>>,
) -> impl IntoView {
    let log = ServerAction::<LogActivity>::new();
    let subject = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let when = RwSignal::new(String::new());
    let until = RwSignal::new(String::new());
    let location = RwSignal::new(String::new());
    let duration = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<(&'static str, String)>::new());
    let error_for = move |field: &'static str| {
        errors.with(|e| e.iter().find(|(f, _)| *f == field).map(|(_, m)| m.clone()))
    };
    Effect::new(move |_| match log.value().get() {
        Some(Ok(fresh)) => {
            detail.set(fresh);
            open.set(None);
        }
        Some(Err(AppError::Invalid { field, message })) => {
            let field = match field.as_str() {
                "subject" => "subject",
                "body" => "body",
                "when" => "when",
                "until" => "until",
                _ => "form",
            };
            errors.set(vec![(field, message)]);
        }
        Some(Err(other)) => errors.set(vec![("form", other.to_string())]),
        None => {}
    });
    let label = kind_label(kind);
    // Times are typed in the viewer's zone, which the labels name.
    let zone = use_viewer_zone().name();
    let (subject_label, when_label) = match kind {
        ActivityKind::Task => ("Task title", format!("Due ({zone})")),
        ActivityKind::Meeting => ("Meeting title", format!("Starts ({zone})")),
        ActivityKind::Call => ("Call subject", format!("When ({zone})")),
        _ => ("Subject", format!("When ({zone})")),
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut found = Vec::new();
        if kind == ActivityKind::Note && body.get_untracked().trim().is_empty() {
            found.push(("body", "Write the note".to_string()));
        }
        if kind != ActivityKind::Note && subject.get_untracked().trim().is_empty() {
            found.push((
                "subject",
                format!("Enter the {}", subject_label.to_lowercase()),
            ));
        }
        if matches!(kind, ActivityKind::Task | ActivityKind::Meeting)
            && when.get_untracked().is_empty()
        {
            found.push(("when", "Choose a date and time".to_string()));
        }
        if kind == ActivityKind::Meeting {
            let end = until.get_untracked();
            if end.is_empty() {
                found.push(("until", "Choose when the meeting ends".to_string()));
            } else if end < when.get_untracked() {
                found.push(("until", "The meeting must end after it starts".to_string()));
            }
        }
        let minutes = duration.get_untracked();
        let duration_minutes = if minutes.trim().is_empty() {
            None
        } else {
            match minutes.trim().parse::<u32>() {
                Ok(m) => Some(m),
                Err(_) => {
                    found.push(("duration", "Enter whole minutes".to_string()));
                    None
                }
            }
        };
        if !found.is_empty() {
            errors.set(found);
            return;
        }
        errors.set(vec![]);
        log.dispatch(LogActivity {
            record_id: detail.with_untracked(|d| d.id),
            activity: ActivityInput {
                kind,
                subject: subject.get_untracked(),
                body: body.get_untracked(),
                when: when.get_untracked(),
                until: until.get_untracked(),
                location: location.get_untracked(),
                duration_minutes,
            },
        });
    };
    let field_error = move |field: &'static str| {
        move || {
            error_for(field).map(|text| view! { <p class="field-error" role="alert">{text}</p> })
        }
    };
    let subject_field = (kind != ActivityKind::Note).then(|| view! {
        <div class="form-field">
            <label for="activity-subject">{subject_label}</label>
            <input id="activity-subject" autofocus on:input=move |ev| subject.set(event_target_value(&ev))/>
            {field_error("subject")}
        </div>
    });
    let when_field = (kind != ActivityKind::Note).then(|| view! {
        <div class="form-field">
            <label for="activity-when">{when_label}</label>
            <input id="activity-when" type="datetime-local" on:input=move |ev| when.set(event_target_value(&ev))/>
            {field_error("when")}
        </div>
    });
    let meeting_fields = (kind == ActivityKind::Meeting).then(|| view! {
        <div class="form-field">
            <label for="activity-until">{format!("Ends ({zone})")}</label>
            <input id="activity-until" type="datetime-local" on:input=move |ev| until.set(event_target_value(&ev))/>
            {field_error("until")}
        </div>
        <div class="form-field">
            <label for="activity-location">"Location or link"</label>
            <input id="activity-location" on:input=move |ev| location.set(event_target_value(&ev))/>
        </div>
    });
    let call_fields = (kind == ActivityKind::Call).then(|| view! {
        <div class="form-field">
            <label for="activity-duration">"Duration (minutes)"</label>
            <input id="activity-duration" inputmode="numeric" on:input=move |ev| duration.set(event_target_value(&ev))/>
            {field_error("duration")}
        </div>
    });
    view! {
        <form class="activity-form" aria-label=format!("New {}", label.to_lowercase()) on:submit=on_submit>
            {subject_field}
            {when_field}
            {meeting_fields}
            {call_fields}
            <div class="form-field">
                <label for="activity-body">{if kind == ActivityKind::Note { "Note" } else { "Description" }}</label>
                <textarea
                    id="activity-body"
                    rows="3"
                    autofocus=kind == ActivityKind::Note
                    on:input=move |ev| body.set(event_target_value(&ev))
                ></textarea>
                {field_error("body")}
            </div>
            {field_error("form")}
            <div class="dialog-actions">
                <button type="button" class="button" on:click=move |_| open.set(None)>"Cancel"</button>
                <button type="submit" class="button primary" disabled=move || log.pending().get()>
                    {format!("Save {}", label.to_lowercase())}
                </button>
            </div>
        </form>
    }
}
