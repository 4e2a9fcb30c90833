//! The small form behind a notification's **Call**, **Send email**, **Create task**, **Create
//! note** and **Schedule**: it logs that activity (a call, an email, a task, a note, a meeting)
//! on the contact through `log_activity`, the server function of the record's own activity
//! buttons, so it lands in the contact's timeline exactly as one logged there. The fields and
//! their checks are those of the record preview's activity forms; times are typed in the
//! viewer's zone, which the labels name.
//!
//! (The record preview's form takes the whole record it shows, which the feed does not have;
//! this one needs only the contact's id.)

use chrono::{Duration, Timelike, Utc};
use leptos::{prelude::*, task::spawn_local};

use crate::{
    components::{
        Dialog,
        field_error::{FieldError, problem_invalid, problem_message},
        viewer_zone::use_viewer_zone,
    },
    functions::log_activity,
    models::{
        ActivityKind,
        input::format_local_date_time,
        record_detail::{ActivityInput, RecordLink},
        task::FieldProblem,
        time_zone::ViewerZone,
    },
};

/// The fields a refusal can name.
const FIELDS: [&str; 5] = ["subject", "when", "until", "duration", "body"];

/// The dialog's title, e.g. "Log a call with Ann Lee".
fn title(kind: ActivityKind, name: &str) -> String {
    match kind {
        ActivityKind::Call => format!("Log a call with {name}"),
        ActivityKind::Email => format!("Log an email to {name}"),
        ActivityKind::Task => format!("Create a task for {name}"),
        ActivityKind::Note => format!("Create a note on {name}"),
        ActivityKind::Meeting => format!("Schedule a meeting with {name}"),
    }
}

/// The times a form starts with, in the viewer's zone: a task due tomorrow at 09:00, a meeting
/// at the next full hour for 30 minutes; calls and emails happened now (left empty).
fn starting_times(kind: ActivityKind, zone: ViewerZone) -> (String, String) {
    let now = zone.local(Utc::now());
    let text = format_local_date_time;
    match kind {
        ActivityKind::Task => {
            let due = (now.date() + Duration::days(1))
                .and_hms_opt(9, 0, 0)
                .unwrap_or(now);
            (text(due), String::new())
        }
        ActivityKind::Meeting => {
            let start = (now + Duration::hours(1))
                .with_minute(0)
                .and_then(|t| t.with_second(0))
                .and_then(|t| t.with_nanosecond(0))
                .unwrap_or(now);
            (text(start), text(start + Duration::minutes(30)))
        }
        _ => (String::new(), String::new()),
    }
}

#[component]
pub(super) fn FeedActionDialog(
    contact: RecordLink,
    kind: ActivityKind,
    on_close: Callback<()>,
    /// The activity was saved.
    on_saved: Callback<()>,
) -> impl IntoView {
    let zone = use_viewer_zone();
    let zone_name = zone.name();
    let (start, end) = starting_times(kind, zone);
    let subject = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let when = RwSignal::new(start);
    let until = RwSignal::new(end);
    let location = RwSignal::new(String::new());
    let duration = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<FieldProblem>);
    let saving = RwSignal::new(false);
    let record_id = contact.id;
    let (subject_label, when_label, save_label) = match kind {
        ActivityKind::Call => ("Call subject", "When", "Save call"),
        ActivityKind::Email => ("Email subject", "Sent", "Save email"),
        ActivityKind::Task => ("Task title", "Due", "Save task"),
        ActivityKind::Note => ("Subject", "When", "Save note"),
        ActivityKind::Meeting => ("Meeting title", "Starts", "Save meeting"),
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let found = |field: &'static str, message: String| {
            problem.set(Some(FieldProblem { field, message }));
        };
        if kind == ActivityKind::Note && body.get_untracked().trim().is_empty() {
            return found("body", "Write the note".into());
        }
        if kind != ActivityKind::Note && subject.get_untracked().trim().is_empty() {
            return found(
                "subject",
                format!("Enter the {}", subject_label.to_lowercase()),
            );
        }
        if matches!(kind, ActivityKind::Task | ActivityKind::Meeting)
            && when.get_untracked().is_empty()
        {
            return found("when", "Choose a date and time".into());
        }
        if kind == ActivityKind::Meeting {
            let end = until.get_untracked();
            if end.is_empty() {
                return found("until", "Choose when the meeting ends".into());
            }
            // The same format on both sides: the text order is the time order.
            if end <= when.get_untracked() {
                return found("until", "The meeting must end after it starts".into());
            }
        }
        let minutes = duration.get_untracked();
        let duration_minutes = if minutes.trim().is_empty() {
            None
        } else if let Ok(m) = minutes.trim().parse::<u32>() {
            Some(m)
        } else {
            return found("duration", "Enter whole minutes".into());
        };
        problem.set(None);
        saving.set(true);
        let activity = ActivityInput {
            kind,
            subject: subject.get_untracked(),
            body: body.get_untracked(),
            when: if kind == ActivityKind::Note {
                String::new()
            } else {
                when.get_untracked()
            },
            until: until.get_untracked(),
            location: location.get_untracked(),
            duration_minutes,
        };
        spawn_local(async move {
            let result = log_activity(record_id, activity).await;
            saving.try_set(false);
            match result {
                Ok(_) => {
                    on_saved.try_run(());
                }
                Err(error) => {
                    problem.try_set(Some(FieldProblem::from_error(error, &FIELDS)));
                }
            }
        });
    };
    let message =
        move |field: &'static str| view! { <FieldError message=problem_message(problem, field)/> };
    let invalid = move |field: &'static str| problem_invalid(problem, field);

    let subject_field = (kind != ActivityKind::Note).then(|| {
        view! {
            <div class="form-field">
                <label for="feed-action-subject">{subject_label}</label>
                <input id="feed-action-subject" maxlength="200" aria-invalid=invalid("subject")
                    on:input=move |ev| subject.set(event_target_value(&ev))/>
                {message("subject")}
            </div>
        }
    });
    let when_field = (kind != ActivityKind::Note).then(|| {
        let hint = matches!(kind, ActivityKind::Call | ActivityKind::Email)
            .then(|| view! { <p class="hint">"Leave empty for now."</p> });
        view! {
            <div class="form-field">
                <label for="feed-action-when">{format!("{when_label} ({zone_name})")}</label>
                <input id="feed-action-when" type="datetime-local" aria-invalid=invalid("when")
                    prop:value=move || when.get()
                    on:input=move |ev| when.set(event_target_value(&ev))/>
                {hint}
                {message("when")}
            </div>
        }
    });
    let meeting_fields = (kind == ActivityKind::Meeting).then(|| {
        view! {
            <div class="form-field">
                <label for="feed-action-until">{format!("Ends ({zone_name})")}</label>
                <input id="feed-action-until" type="datetime-local" aria-invalid=invalid("until")
                    prop:value=move || until.get()
                    on:input=move |ev| until.set(event_target_value(&ev))/>
                {message("until")}
            </div>
            <div class="form-field">
                <label for="feed-action-location">"Location or link"</label>
                <input id="feed-action-location" on:input=move |ev| location.set(event_target_value(&ev))/>
            </div>
        }
    });
    let call_fields = (kind == ActivityKind::Call).then(|| {
        view! {
            <div class="form-field">
                <label for="feed-action-duration">"Duration (minutes)"</label>
                <input id="feed-action-duration" inputmode="numeric" aria-invalid=invalid("duration")
                    on:input=move |ev| duration.set(event_target_value(&ev))/>
                {message("duration")}
            </div>
        }
    });
    view! {
        <Dialog title=title(kind, &contact.name) title_id="feed-action-title" on_close>
            <form class="task-form feed-action-form" on:submit=on_submit novalidate>
                {subject_field}
                {when_field}
                {meeting_fields}
                {call_fields}
                <div class="form-field">
                    <label for="feed-action-body">
                        {if kind == ActivityKind::Note { "Note" } else { "Description" }}
                    </label>
                    <textarea id="feed-action-body" rows="3" aria-invalid=invalid("body")
                        on:input=move |ev| body.set(event_target_value(&ev))></textarea>
                    {message("body")}
                </div>
                {message("form")}
                <div class="dialog-actions">
                    <button type="button" class="button" on:click=move |_| on_close.run(())>"Cancel"</button>
                    <button type="submit" class="button primary" disabled=move || saving.get()>{save_label}</button>
                </div>
            </form>
        </Dialog>
    }
}
