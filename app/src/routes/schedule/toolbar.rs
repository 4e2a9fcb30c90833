//! The calendar's heading and controls: **Day** / **Week** / **Month**, the previous and next
//! arrows, **Today**, the **Time zone** dropdown, **Hide weekends** and **Create meeting**.
//! The zone and weekends are a plain GET form (with an **Apply** button for browsers without
//! JavaScript); with it, a change applies at once.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::ScheduleUi;
use crate::models::{
    schedule::{CalendarMode, ScheduleView, step},
    time_zone::ViewerZone,
};

#[component]
pub(super) fn ScheduleToolbar(
    calendar: StoredValue<ScheduleView>,
    ui: ScheduleUi,
) -> impl IntoView {
    let navigate = use_navigate();
    let c = calendar.get_value();
    let unit = match c.mode {
        CalendarMode::Day => "day",
        CalendarMode::Week => "week",
        CalendarMode::Month => "month",
    };
    let previous = c.href_with(|u| u.date = Some(step(c.mode, c.anchor, -1)));
    let next = c.href_with(|u| u.date = Some(step(c.mode, c.anchor, 1)));
    let today = c.href_with(|u| u.date = None);
    let modes = CalendarMode::ALL
        .iter()
        .map(|mode| {
            let href = c.href_with(|u| u.mode = Some(*mode));
            let current = *mode == c.mode;
            view! {
                <a class="segment" href=href aria-current=current.then_some("page")>{mode.label()}</a>
            }
        })
        .collect_view();
    let zones = ViewerZone::names()
        .map(|name| view! { <option value=name selected=name == c.zone.name()>{name}</option> })
        .collect_view();
    let weekends_shown = c.mode != CalendarMode::Day;
    let apply = move |form: leptos::web_sys::HtmlFormElement| {
        let Ok(data) = leptos::web_sys::FormData::new_with_form(&form) else {
            return;
        };
        let zone = data.get("tz").as_string().unwrap_or_default();
        let hide = data.get("weekends").as_string().is_some();
        let href = calendar.with_value(|c| {
            c.href_with(|u| {
                u.zone = (zone != c.profile_zone).then(|| zone.clone());
                u.hide_weekends = hide;
            })
        });
        navigate(&href, Default::default());
    };
    let apply_on_submit = apply.clone();
    let on_change = move |ev: leptos::ev::Event| {
        if let Some(form) = crate::components::form_of::form_of(&ev) {
            apply(form);
        }
    };
    view! {
        <header class="schedule-header">
            <div class="list-heading">
                <h1 id="schedule-heading" class="list-title">
                    "Schedule"
                    <span class="list-view-name">{c.title.clone()}</span>
                </h1>
            </div>
            <div class="list-actions">
                <button type="button" class="button primary" on:click=move |_| ui.creating.set(Some(String::new()))>
                    "Create meeting"
                </button>
            </div>
        </header>
        <div class="schedule-controls">
            <nav class="segmented" aria-label="Calendar view">{modes}</nav>
            <nav class="schedule-nav" aria-label="Move the calendar">
                <a class="button" href=previous aria-label=format!("Previous {unit}")>"‹"</a>
                <a class="button" href=today>"Today"</a>
                <a class="button" href=next aria-label=format!("Next {unit}")>"›"</a>
            </nav>
            <form class="schedule-options" method="get" action="/schedule" on:change=on_change on:submit=move |ev| {
                ev.prevent_default();
                use leptos::wasm_bindgen::JsCast;
                if let Some(form) = ev.target().and_then(|t| t.dyn_into::<leptos::web_sys::HtmlFormElement>().ok()) {
                    apply_on_submit(form);
                }
            }>
                <input type="hidden" name="mode" value=c.mode.as_str()/>
                <input type="hidden" name="date" value=c.anchor.to_string()/>
                <label class="inline-field">
                    "Time zone"
                    <select name="tz">{zones}</select>
                </label>
                {weekends_shown.then(|| view! {
                    <label class="checkbox-field">
                        <input type="checkbox" name="weekends" value="hide" checked=c.hide_weekends/>
                        "Hide weekends"
                    </label>
                })}
                <noscript><button type="submit" class="button">"Apply"</button></noscript>
            </form>
        </div>
    }
}
