//! The Day and Week calendars: a column per day with a top row for all-day and untimed items
//! and a 24-hour grid where timed items sit at their hours, overlapping ones side by side.
//! An empty hour opens **Create meeting** at that hour.

use leptos::prelude::*;

use super::{ScheduleUi, item_button::ItemButton};
use crate::models::{
    calendar_layout::MIN_BLOCK_MINUTES,
    property::one_decimal,
    schedule::{ScheduleDay, ScheduleView},
};

/// Pixels per hour of the grid.
const HOUR_HEIGHT: u32 = 56;
/// The hour the grid opens scrolled to.
const FIRST_VISIBLE_HOUR: u32 = 7;

fn px(minutes: u32) -> f64 {
    f64::from(minutes) * f64::from(HOUR_HEIGHT) / 60.0
}

#[component]
pub(super) fn TimeGrid(calendar: StoredValue<ScheduleView>, ui: ScheduleUi) -> impl IntoView {
    let (days, today) = calendar.with_value(|c| (c.days.clone(), c.today));
    let columns = days.len();
    let scroller = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(element) = scroller.get() {
            element.set_scroll_top((FIRST_VISIBLE_HOUR * HOUR_HEIGHT) as i32);
        }
    });
    let template = format!("grid-template-columns: 4rem repeat({columns}, minmax(0, 1fr))");
    let headers = days
        .iter()
        .map(|day| {
            let is_today = day.date == today;
            view! {
                <div class="day-header" class:today=is_today>
                    <span class="day-name">{day.date.format("%a").to_string()}</span>
                    " "
                    <span class="day-number">{day.date.format("%-d").to_string()}</span>
                    {is_today.then(|| view! { <span class="today-badge">"Today"</span> })}
                </div>
            }
        })
        .collect_view();
    let all_day = days
        .iter()
        .map(|day| {
            let items = day
                .all_day
                .iter()
                .map(|index| {
                    let item = calendar.with_value(|c| c.items[*index].clone());
                    view! { <ItemButton item ui/> }
                })
                .collect_view();
            view! { <div class="all-day-cell">{items}</div> }
        })
        .collect_view();
    let hours = (0..24)
        .map(|hour| view! { <div class="hour-label" style=format!("height: {HOUR_HEIGHT}px")>{format!("{hour:02}:00")}</div> })
        .collect_view();
    let day_columns = days
        .into_iter()
        .map(|day| view! { <DayColumn day calendar ui/> })
        .collect_view();
    view! {
        <div class="time-grid" role="region" aria-label="Calendar">
            <div class="grid-row grid-head" style=template.clone()>
                <div class="corner"></div>
                {headers}
            </div>
            <div class="grid-row all-day-row" style=template.clone()>
                <div class="hour-label">"All day"</div>
                {all_day}
            </div>
            <div class="grid-scroll" node_ref=scroller>
                <div class="grid-row" style=template>
                    <div class="hour-labels">{hours}</div>
                    {day_columns}
                </div>
            </div>
        </div>
    }
}

#[component]
fn DayColumn(
    day: ScheduleDay,
    calendar: StoredValue<ScheduleView>,
    ui: ScheduleUi,
) -> impl IntoView {
    let date = day.date;
    let slots = (0..24)
        .map(|hour| {
            let start = format!("{date}T{hour:02}:00");
            let label = format!(
                "Create meeting on {} at {hour:02}:00",
                date.format("%a, %b %-d")
            );
            view! {
                <button
                    type="button"
                    class="hour-slot"
                    tabindex="-1"
                    aria-label=label
                    style=format!("height: {HOUR_HEIGHT}px")
                    on:click=move |_| ui.creating.set(Some(start.clone()))
                ></button>
            }
        })
        .collect_view();
    let items = day
        .timed
        .iter()
        .map(|placed| {
            let item = calendar.with_value(|c| c.items[placed.item].clone());
            let height = placed
                .end_minute
                .saturating_sub(placed.start_minute)
                .max(MIN_BLOCK_MINUTES);
            let columns = placed.placement.columns.max(1);
            let style = format!(
                "top: {}px; height: {}px; left: calc({} * 100% / {columns}); width: calc(100% / {columns})",
                one_decimal(px(placed.start_minute)),
                one_decimal(px(height)),
                placed.placement.column,
            );
            view! { <ItemButton item ui style/> }
        })
        .collect_view();
    view! {
        <div class="day-column" data-date=date.to_string()>
            {slots}
            <div class="day-items">{items}</div>
        </div>
    }
}
