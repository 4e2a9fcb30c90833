//! The Create health score dialog: name, description, segments (up to five Everyone views),
//! and whether to start from the predefined groups or from scratch.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::{
    components::{
        Dialog,
        field_error::{FieldError, field_message, general_message},
        set_chosen,
    },
    functions::CreateHealthProfile,
    models::{
        health_score::MAX_SEGMENTS,
        health_score_view::{ProfileStart, SegmentChoice},
    },
};

#[component]
pub(super) fn CreateProfileDialog(
    segments: Vec<SegmentChoice>,
    on_close: Callback<()>,
) -> impl IntoView {
    let navigate = use_navigate();
    let create = ServerAction::<CreateHealthProfile>::new();
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let chosen = RwSignal::new(Vec::<i64>::new());
    let start = RwSignal::new(ProfileStart::PredefinedGroups);
    let name_message = RwSignal::new(None::<String>);
    let server_name = field_message(create.value(), "name");
    let segments_message = field_message(create.value(), "segments");
    Effect::new(move |_| {
        if let Some(Ok(id)) = create.value().get() {
            navigate(&format!("/settings/health-scores/{id}"), Default::default());
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if name.get_untracked().trim().is_empty() {
            name_message.set(Some("Enter a name for the health score".into()));
            return;
        }
        create.dispatch(CreateHealthProfile {
            name: name.get_untracked(),
            description: description.get_untracked(),
            segments: chosen.get_untracked(),
            start: start.get_untracked(),
        });
    };
    let segment_boxes = segments
        .into_iter()
        .map(|s| {
            let id = s.id;
            view! {
                <label class="check">
                    <input
                        type="checkbox"
                        prop:checked=move || chosen.with(|c| c.contains(&id))
                        prop:disabled=move || chosen.with(|c| !c.contains(&id) && c.len() >= MAX_SEGMENTS)
                        on:change=move |ev| chosen.update(|c| set_chosen(c, id, event_target_checked(&ev)))
                    />
                    {s.name}
                </label>
            }
        })
        .collect_view();
    let start_radio = move |value: ProfileStart, text: &'static str| {
        view! {
            <label class="check">
                <input
                    type="radio"
                    name="profile-start"
                    prop:checked=move || start.get() == value
                    on:change=move |_| start.set(value)
                />
                {text}
            </label>
        }
    };
    let error = move || general_message(create.value().get().and_then(Result::err));
    view! {
        <Dialog title="Create health score" title_id="create-health-title" on_close>
            <form class="dialog-form" on:submit=on_submit>
                <div class="form-field">
                    <label for="health-name">"Name"</label>
                    <input
                        id="health-name"
                        prop:value=move || name.get()
                        aria-invalid=move || (name_message.get().is_some() || server_name.get().is_some()).to_string()
                        on:input=move |ev| { name.set(event_target_value(&ev)); name_message.set(None); }
                    />
                    <FieldError message=Signal::derive(move || name_message.get().or_else(|| server_name.get()))/>
                </div>
                <div class="form-field">
                    <label for="health-description">"Description"</label>
                    <textarea id="health-description" prop:value=move || description.get()
                        on:input=move |ev| description.set(event_target_value(&ev))/>
                </div>
                <fieldset class="form-field">
                    <legend>"Segments"</legend>
                    <p class="field-hint">{format!("Apply the score to the records of up to {MAX_SEGMENTS} views shared with Everyone; none means every customer.")}</p>
                    <div class="check-list">{segment_boxes}</div>
                    <FieldError message=segments_message/>
                </fieldset>
                <fieldset class="form-field">
                    <legend>"Start"</legend>
                    {start_radio(ProfileStart::PredefinedGroups, "From predefined groups")}
                    {start_radio(ProfileStart::Scratch, "From scratch")}
                </fieldset>
                {move || error().map(|text| view! { <p class="field-error" role="alert">{text}</p> })}
                <div class="dialog-actions">
                    <button type="submit" class="button primary" disabled=move || create.pending().get()>"Create"</button>
                    <button type="button" class="button" on:click=move |_| on_close.run(())>"Cancel"</button>
                </div>
            </form>
        </Dialog>
    }
}
