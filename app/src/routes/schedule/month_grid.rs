//! The Month calendar: a cell per day with its first items; a busier day shows "+N more",
//! which opens that day.

use leptos::prelude::*;

use super::{ScheduleUi, item_button::ItemButton};
use crate::models::schedule::{CalendarMode, MONTH_CELL_ITEMS, ScheduleView};

#[component]
pub(super) fn MonthGrid(calendar: StoredValue<ScheduleView>, ui: ScheduleUi) -> impl IntoView {
    let (days, today, month, columns) = calendar.with_value(|c| {
        let columns = if c.hide_weekends { 5 } else { 7 };
        (
            c.days.clone(),
            c.today,
            chrono::Datelike::month(&c.anchor),
            columns,
        )
    });
    let weekday_names = days
        .iter()
        .take(columns)
        .map(|d| view! { <div class="day-header">{d.date.format("%a").to_string()}</div> })
        .collect_view();
    let cells = days
        .into_iter()
        .map(|day| {
            let date = day.date;
            let day_href = calendar.with_value(|c| {
                c.href_with(|u| {
                    u.mode = Some(CalendarMode::Day);
                    u.date = Some(date);
                })
            });
            let all: Vec<usize> = day
                .all_day
                .iter()
                .copied()
                .chain(day.timed.iter().map(|p| p.item))
                .collect();
            let more = all.len().saturating_sub(MONTH_CELL_ITEMS);
            let items = all
                .into_iter()
                .take(MONTH_CELL_ITEMS)
                .map(|index| {
                    let item = calendar.with_value(|c| c.items[index].clone());
                    view! { <ItemButton item ui/> }
                })
                .collect_view();
            let outside = chrono::Datelike::month(&date) != month;
            let is_today = date == today;
            view! {
                <div class="month-cell" class:outside=outside class:today=is_today data-date=date.to_string()>
                    <a class="month-day" href=day_href.clone() aria-label=date.format("%A, %B %-d").to_string()>
                        {date.format("%-d").to_string()}
                    </a>
                    {is_today.then(|| view! { <span class="today-badge">"Today"</span> })}
                    <div class="month-items">{items}</div>
                    {(more > 0).then(|| view! {
                        <a class="more-link" href=day_href aria-label=format!("{more} more on {}", date.format("%b %-d"))>
                            {format!("+{more} more")}
                        </a>
                    })}
                </div>
            }
        })
        .collect_view();
    let template = format!("grid-template-columns: repeat({columns}, minmax(0, 1fr))");
    view! {
        <div class="month-grid" role="region" aria-label="Calendar">
            <div class="month-head" style=template.clone()>{weekday_names}</div>
            <div class="month-body" style=template>{cells}</div>
        </div>
    }
}
