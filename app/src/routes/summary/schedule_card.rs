//! Today's schedule: the user's tasks and meetings of the day; an item opens its summary
//! (**Start meeting**, **Mark complete**) — the Schedule tab's own components (the summary's
//! code loads when one is first opened).

use leptos::prelude::*;
use leptos_router::components::A;

use super::lazy_dialogs::{SummaryDialog, summary_dialog};
use crate::{
    models::summary::TodaysSchedule,
    routes::schedule::{ItemButton, ScheduleUi},
};

#[component]
pub(super) fn ScheduleCard(
    schedule: TodaysSchedule,
    read_only: bool,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let ui = ScheduleUi {
        open_item: RwSignal::new(None),
        creating: RwSignal::new(None),
        reload,
    };
    let TodaysSchedule { items, total } = schedule;
    let more = total.saturating_sub(items.len() as u64);
    let list = if items.is_empty() {
        view! { <p class="muted">"Nothing scheduled today."</p> }.into_any()
    } else if read_only {
        items
            .into_iter()
            .map(|item| view! { <p class="calendar-item static">{item.time_label}" · "{item.title}</p> })
            .collect_view()
            .into_any()
    } else {
        view! {
            <ul class="summary-schedule">
                {items.into_iter().map(|item| view! { <li><ItemButton item ui/></li> }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="summary-card" aria-labelledby="schedule-heading">
            <h2 id="schedule-heading">"Schedule"</h2>
            {list}
            {(more > 0).then(|| view! { <p class="muted">{format!("{more} more today")}</p> })}
            {(!read_only).then(|| view! { <A href="/schedule?mode=day" attr:class="view-more">"Open schedule"</A> })}
            {move || ui.open_item.get().map(|item| {
                Suspend::new(summary_dialog(SummaryDialog::ScheduleItem { item, ui }))
            })}
        </section>
    }
}
