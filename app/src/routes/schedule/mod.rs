//! The Schedule tab: the viewer's tasks and meetings by **Day**, **Week** or **Month**, in the
//! time zone of the dropdown (their profile's by default). The calendar's state is in the URL
//! and the server lays it out, so every calendar can be linked and read without JavaScript;
//! with it, an item opens its summary (**Start meeting**, **Mark complete**) and
//! **Create meeting** (or a click on an empty hour) opens the meeting form.

mod create_meeting_dialog;
mod item_button;
mod item_summary;
mod month_grid;
mod time_grid;
mod toolbar;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

use crate::{
    components::{ErrorBanner, RequireAccess},
    functions::{binary_answer::load, load_schedule},
    models::{
        Requirement,
        schedule::{CalendarMode, ScheduleItem},
    },
};
use create_meeting_dialog::CreateMeetingDialog;
pub(crate) use item_button::ItemButton;
pub(crate) use item_summary::ItemSummary;
use month_grid::MonthGrid;
use time_grid::TimeGrid;
use toolbar::ScheduleToolbar;

/// What the page keeps across reloads of the calendar.
#[derive(Clone, Copy)]
pub(crate) struct ScheduleUi {
    /// The item whose summary is open.
    pub open_item: RwSignal<Option<ScheduleItem>>,
    /// The Create meeting form, open with this start (`YYYY-MM-DDTHH:MM`, maybe empty).
    pub creating: RwSignal<Option<String>>,
    /// Bumped to load the calendar again after a change.
    pub reload: RwSignal<u32>,
}

#[component]
pub fn SchedulePage() -> impl IntoView {
    let location = use_location();
    let ui = ScheduleUi {
        open_item: RwSignal::new(None),
        creating: RwSignal::new(None),
        reload: RwSignal::new(0),
    };
    let schedule = load(
        move || (location.search.get(), ui.reload.get()),
        |(query, _)| load_schedule(query),
    );
    view! {
        <Title text="Schedule"/>
        <RequireAccess requirement=Requirement::Workspace>
            <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || schedule.get().map(|result| match result {
                    Ok(calendar) => {
                        let calendar = StoredValue::new(calendar);
                        let grid = if calendar.with_value(|c| c.mode == CalendarMode::Month) {
                            view! { <MonthGrid calendar ui/> }.into_any()
                        } else {
                            view! { <TimeGrid calendar ui/> }.into_any()
                        };
                        view! {
                            <section class="schedule" aria-labelledby="schedule-heading">
                                <ScheduleToolbar calendar ui/>
                                {calendar.with_value(|c| c.truncated).then(|| view! {
                                    <p class="notice" role="status">"This range has more items than the calendar shows; pick a shorter one."</p>
                                })}
                                {grid}
                            </section>
                            {move || ui.creating.get().map(|start| view! {
                                <CreateMeetingDialog start zone=calendar.with_value(|c| c.zone) ui/>
                            })}
                        }
                        .into_any()
                    }
                    Err(error) => view! {
                        <h1 class="list-title">"Schedule"</h1>
                        <ErrorBanner error/>
                        <p><a href="/schedule">"Back to this week"</a></p>
                    }
                    .into_any(),
                })}
            </Transition>
            // Outside the transition: the calendar reloads after Start meeting or Mark complete
            // and the summary stays open with the outcome.
            {move || ui.open_item.get().map(|item| view! { <ItemSummary item ui/> })}
        </RequireAccess>
    }
}
