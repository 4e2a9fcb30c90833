//! An item on the calendar: a button that opens its summary, reading its time, title and kind
//! (a completed task is struck through and says so).

use leptos::prelude::*;

use super::ScheduleUi;
use crate::models::schedule::{ScheduleItem, ScheduleItemKind};

#[component]
pub(crate) fn ItemButton(
    item: ScheduleItem,
    ui: ScheduleUi,
    /// Inline style placing it in a time grid.
    #[prop(optional, into)]
    style: String,
) -> impl IntoView {
    let kind = match item.kind {
        ScheduleItemKind::Task => "Task",
        ScheduleItemKind::Meeting => "Meeting",
    };
    let mut label = format!("{kind}: {}", item.title);
    if !item.time_label.is_empty() {
        label = format!("{label}, {}", item.time_label);
    }
    if item.completed {
        label.push_str(", completed");
    }
    let class = format!(
        "calendar-item {}{}",
        item.kind.as_str(),
        if item.completed { " completed" } else { "" }
    );
    // The block shows when it starts; its label and summary say when it ends.
    let time = item
        .time_label
        .split(" – ")
        .next()
        .unwrap_or_default()
        .to_string();
    let title = item.title.clone();
    let tooltip = title.clone();
    let completed = item.completed;
    view! {
        <button type="button" class=class style=style aria-label=label title=tooltip on:click=move |_| ui.open_item.set(Some(item.clone()))>
            {(!time.is_empty()).then(|| view! { <span class="item-time">{time}</span> })}
            <span class="item-title">{completed.then_some("✓ ")}{title}</span>
        </button>
    }
}
