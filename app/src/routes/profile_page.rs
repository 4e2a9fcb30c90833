//! Profile, from the user menu: the user's time zone (a searchable list of IANA names), which
//! every time and "today" follows, and changing their own password.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::ViewerResource;
use crate::{
    components::{
        RequireAccess,
        field_error::{FieldError, field_message, general_message},
        viewer_zone::use_viewer_zone,
    },
    functions::{ChangePassword, SaveTimeZone},
    models::{Requirement, time_zone::ViewerZone},
};

#[component]
pub fn ProfilePage() -> impl IntoView {
    // Before the gate: a saved zone reloads the viewer, which draws the gate's children again,
    // and the outcome of the save must outlive that.
    let save = ServerAction::<SaveTimeZone>::new();
    let saved_zone = RwSignal::new(String::new());
    let change = ServerAction::<ChangePassword>::new();
    view! {
        <Title text="Profile"/>
        <RequireAccess requirement=Requirement::SignedIn>
            <section class="profile-page" aria-labelledby="profile-heading">
                <h1 id="profile-heading">"Profile"</h1>
                <TimeZoneForm save saved_zone/>
                <ChangePasswordForm change/>
            </section>
        </RequireAccess>
    }
}

#[component]
fn TimeZoneForm(
    save: ServerAction<SaveTimeZone>,
    /// The zone last sent, which the "Saved" status names.
    saved_zone: RwSignal<String>,
) -> impl IntoView {
    let viewer = expect_context::<ViewerResource>().0;
    let draft = RwSignal::new(use_viewer_zone().name().to_string());
    let message = RwSignal::new(None::<String>);
    let saved_version = save.version();
    Effect::new(move |seen: Option<usize>| {
        let version = saved_version.get();
        // Once per save (not again when this form is drawn anew): the header, the pages and
        // every time shown follow the new zone.
        if seen.is_some_and(|seen| seen != version)
            && matches!(save.value().get_untracked(), Some(Ok(())))
        {
            viewer.refetch();
        }
        version
    });
    let names = ViewerZone::names()
        .map(|name| view! { <option value=name></option> })
        .collect_view();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = draft.get_untracked().trim().to_string();
        if ViewerZone::is_name(&typed) {
            saved_zone.set(typed.clone());
            save.dispatch(SaveTimeZone { time_zone: typed });
        } else {
            message.set(Some(ViewerZone::not_a_zone(&typed)));
        }
    };
    let server_message = field_message(save.value(), "time_zone");
    view! {
        <form class="panel settings-form" on:submit=on_submit aria-labelledby="time-zone-heading">
            <h2 id="time-zone-heading">"Time zone"</h2>
            <p class="hint">
                "Times everywhere are shown in this zone, and “today”, “overdue” and calendar days follow it."
            </p>
            <div class="form-field">
                <label for="profile-time-zone">"Time zone"</label>
                <input
                    id="profile-time-zone"
                    name="time_zone"
                    list="time-zone-names"
                    autocomplete="off"
                    aria-invalid=move || message.get().is_some().to_string()
                    prop:value=move || draft.get()
                    on:input=move |ev| {
                        draft.set(event_target_value(&ev));
                        message.set(None);
                    }
                />
                <datalist id="time-zone-names">{names}</datalist>
                {move || message.get().map(|text| view! { <p class="field-error" role="alert">{text}</p> })}
                <FieldError message=server_message/>
            </div>
            <div class="form-actions">
                <button type="submit" class="button primary" disabled=move || save.pending().get()>
                    "Save time zone"
                </button>
                {move || matches!(save.value().get(), Some(Ok(()))).then(|| view! {
                    <span class="save-status" role="status">{move || format!("Saved: {}", saved_zone.get())}</span>
                })}
            </div>
        </form>
    }
}

#[component]
fn ChangePasswordForm(change: ServerAction<ChangePassword>) -> impl IntoView {
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    Effect::new(move |_| {
        if let Some(Ok(())) = change.value().get() {
            current.set(String::new());
            new.set(String::new());
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        change.dispatch(ChangePassword {
            current_password: current.get_untracked(),
            new_password: new.get_untracked(),
        });
    };
    let general = move || general_message(change.value().get().and_then(Result::err));
    view! {
        <form class="panel settings-form" on:submit=on_submit aria-labelledby="password-heading">
            <h2 id="password-heading">"Change password"</h2>
            <div class="form-field">
                <label for="profile-current-password">"Current password"</label>
                <input
                    id="profile-current-password"
                    type="password"
                    autocomplete="current-password"
                    prop:value=move || current.get()
                    on:input=move |ev| current.set(event_target_value(&ev))
                />
                <FieldError message=field_message(change.value(), "current_password")/>
            </div>
            <div class="form-field">
                <label for="profile-new-password">"New password"</label>
                <input
                    id="profile-new-password"
                    type="password"
                    autocomplete="new-password"
                    prop:value=move || new.get()
                    on:input=move |ev| new.set(event_target_value(&ev))
                />
                <p class="hint">"12 to 128 characters, not a common password. Your other sessions end; this one stays."</p>
                <FieldError message=field_message(change.value(), "new_password")/>
            </div>
            {move || general().map(|text| view! { <p class="error-banner" role="alert">{text}</p> })}
            <div class="form-actions">
                <button type="submit" class="button primary" disabled=move || change.pending().get()>
                    "Change password"
                </button>
                {move || matches!(change.value().get(), Some(Ok(()))).then(|| view! {
                    <span class="save-status" role="status">"Your password was changed"</span>
                })}
            </div>
        </form>
    }
}
