//! **Create meeting**: title, start and end (in the calendar's zone), attendees (contacts),
//! link and description; checked at the fields before sending, refused the same way by the
//! server.

use chrono::Duration;
use leptos::{prelude::*, task::spawn_local};

use super::ScheduleUi;
use crate::{
    components::{
        Dialog,
        field_error::{FieldError, problem_invalid, problem_message},
        record_picker::RecordPicker,
    },
    functions::create_meeting,
    models::{
        input::{format_local_date_time, parse_local_date_time},
        meeting::MeetingDraft,
        task::{AssociableRecord, FieldProblem},
        time_zone::ViewerZone,
    },
};

#[component]
pub(super) fn CreateMeetingDialog(
    /// The start to offer (`YYYY-MM-DDTHH:MM`), or empty.
    start: String,
    /// The zone the times are typed in: the calendar's.
    zone: ViewerZone,
    ui: ScheduleUi,
) -> impl IntoView {
    let end = parse_local_date_time(&start)
        .map(|start| format_local_date_time(start + Duration::minutes(30)))
        .unwrap_or_default();
    let draft = RwSignal::new(MeetingDraft {
        starts: start,
        ends: end,
        ..MeetingDraft::default()
    });
    let attendees = RwSignal::new(Vec::<AssociableRecord>::new());
    let problem = RwSignal::new(None::<FieldProblem>);
    let saving = RwSignal::new(false);
    let close = Callback::new(move |()| ui.creating.set(None));
    let zone_name = zone.name();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut sent = draft.get_untracked();
        sent.attendee_ids = attendees.with_untracked(|a| a.iter().map(|r| r.id).collect());
        if let Err(found) = sent.check(zone) {
            problem.set(Some(found));
            return;
        }
        problem.set(None);
        saving.set(true);
        spawn_local(async move {
            let result = create_meeting(sent, zone_name.to_string()).await;
            saving.try_set(false);
            match result {
                Ok(_) => {
                    ui.creating.try_set(None);
                    ui.reload.try_update(|n| *n += 1);
                }
                Err(error) => {
                    let fields = ["title", "starts", "ends", "link", "attendees"];
                    problem.try_set(Some(FieldProblem::from_error(error, &fields)));
                }
            }
        });
    };
    let message =
        move |field: &'static str| view! { <FieldError message=problem_message(problem, field)/> };
    let invalid = move |field: &'static str| problem_invalid(problem, field);
    view! {
        <Dialog title="Create meeting" title_id="create-meeting-title" on_close=close>
            <form class="task-form" on:submit=on_submit novalidate>
                <div class="form-field">
                    <label for="meeting-title">"Title"</label>
                    <input id="meeting-title" maxlength="200" aria-invalid=invalid("title")
                        on:input=move |ev| draft.update(|d| d.title = event_target_value(&ev))/>
                    {message("title")}
                </div>
                <div class="form-row">
                    <div class="form-field">
                        <label for="meeting-starts">{format!("Starts ({zone_name})")}</label>
                        <input id="meeting-starts" type="datetime-local" aria-invalid=invalid("starts")
                            prop:value=move || draft.with(|d| d.starts.clone())
                            on:input=move |ev| draft.update(|d| d.starts = event_target_value(&ev))/>
                        {message("starts")}
                    </div>
                    <div class="form-field">
                        <label for="meeting-ends">{format!("Ends ({zone_name})")}</label>
                        <input id="meeting-ends" type="datetime-local" aria-invalid=invalid("ends")
                            prop:value=move || draft.with(|d| d.ends.clone())
                            on:input=move |ev| draft.update(|d| d.ends = event_target_value(&ev))/>
                        {message("ends")}
                    </div>
                </div>
                <RecordPicker chosen=attendees id_prefix="meeting" label="Attendees" attendees=true/>
                {message("attendees")}
                <div class="form-field">
                    <label for="meeting-link">"Meeting link"</label>
                    <input id="meeting-link" type="url" placeholder="https://" aria-invalid=invalid("link")
                        on:input=move |ev| draft.update(|d| d.link = event_target_value(&ev))/>
                    {message("link")}
                </div>
                <div class="form-field">
                    <label for="meeting-description">"Description"</label>
                    <textarea id="meeting-description" rows="3"
                        on:input=move |ev| draft.update(|d| d.description = event_target_value(&ev))></textarea>
                </div>
                {message("form")}
                <div class="dialog-actions">
                    <button type="button" class="button" on:click=move |_| close.run(())>"Cancel"</button>
                    <button type="submit" class="button primary" disabled=move || saving.get()>"Create"</button>
                </div>
            </form>
        </Dialog>
    }
}
