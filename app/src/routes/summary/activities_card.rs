//! Activities: the newest active alerts and the tasks due today, overdue and due tomorrow,
//! each with how many there are and **View more** (the alerts panel, or the Tasks tab's view).

use leptos::prelude::*;
use leptos_router::components::A;

use crate::{
    components::{alerts::AlertsPanelOpen, viewer_zone::use_viewer_zone},
    models::{
        summary::{AlertList, TaskList},
        view::BuiltinView,
    },
};

fn list_heading(view: BuiltinView) -> &'static str {
    match view {
        BuiltinView::Overdue => "Overdue tasks",
        BuiltinView::DueTomorrow => "Tasks due tomorrow",
        _ => "Tasks due today",
    }
}

#[component]
pub(super) fn ActivitiesCard(
    alerts: AlertList,
    task_lists: Vec<TaskList>,
    read_only: bool,
) -> impl IntoView {
    let zone = use_viewer_zone();
    let panel = use_context::<AlertsPanelOpen>();
    let no_alerts = alerts.alerts.is_empty();
    let show_more_alerts = !read_only && alerts.active > 0;
    let active = alerts.active;
    let alert_items = alerts
        .alerts
        .into_iter()
        .map(|alert| {
            let headline = alert.headline();
            let meta = format!(
                " · {} · {}",
                alert.score_change(),
                zone.format(alert.created_at)
            );
            view! {
                <li>
                    {(!alert.read).then(|| view! { <span class="badge">"New"</span> })}
                    <A href=format!("/records/{}", alert.record_id)>{headline}</A>
                    <span class="muted">{meta}</span>
                </li>
            }
        })
        .collect_view();
    let task_groups = task_lists
        .into_iter()
        .map(|list| {
            let heading = list_heading(list.view);
            let empty = list.tasks.is_empty();
            let view_param = list.view.as_str();
            let items = list
                .tasks
                .into_iter()
                .map(|task| {
                    view! {
                        <li>
                            <A href=format!("/tasks?view={view_param}")>{task.title}</A>
                            <span class="muted">{format!(" · {}", task.due_label)}</span>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="activity-group" aria-label=heading>
                    <h3>{heading}<span class="count-pill">{list.count}</span></h3>
                    {if empty {
                        view! { <p class="muted">"Nothing here."</p> }.into_any()
                    } else {
                        view! { <ul class="summary-items">{items}</ul> }.into_any()
                    }}
                    {(!read_only).then(|| view! {
                        <A href=format!("/tasks?view={}", list.view.as_str()) attr:class="view-more">"View more"</A>
                    })}
                </section>
            }
        })
        .collect_view();
    view! {
        <section class="summary-card" aria-labelledby="activities-heading">
            <h2 id="activities-heading">"Activities"</h2>
            <section class="activity-group" aria-label="Alerts">
                <h3>"Alerts"<span class="count-pill">{active}</span></h3>
                {if no_alerts {
                    view! { <p class="muted">"No active alerts: no customer changed health category in the last 14 days."</p> }.into_any()
                } else {
                    view! { <ul class="summary-items">{alert_items}</ul> }.into_any()
                }}
                {(show_more_alerts && panel.is_some()).then(|| view! {
                    <button
                        type="button"
                        class="view-more link-button"
                        on:click=move |_| {
                            if let Some(AlertsPanelOpen(open)) = panel {
                                open.set(true);
                            }
                        }
                    >
                        "View more"
                    </button>
                })}
            </section>
            {task_groups}
        </section>
    }
}
