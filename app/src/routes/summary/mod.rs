//! The Summary tab, everyone's home page: Activities (alerts and the day's tasks), Customer
//! views, today's Schedule, the Health score summary and the user's Reports. Its state (the
//! health profile, and whose Summary a super admin views) is in the URL, so it reads without
//! JavaScript; the server draws every chart.

mod activities_card;
mod customer_views_card;
mod health_card;
mod lazy_dialogs;
mod report_card;
mod report_dialog;
mod reports_section;
mod schedule_card;
mod view_as_picker;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    components::{ErrorBanner, RequireAccess, live_events::use_live_events},
    functions::{binary_answer::load, get_summary},
    models::{Requirement, live_event::LiveEvent, summary::SummaryPage as SummaryData},
};
use activities_card::ActivitiesCard;
use customer_views_card::CustomerViewsCard;
use health_card::HealthCard;
use reports_section::ReportsSection;
use schedule_card::ScheduleCard;
use view_as_picker::ViewAsPicker;

/// `?as=` and `?profile=` as ids; anything else is ignored.
fn id_param(value: Option<String>) -> Option<i64> {
    value.and_then(|v| v.parse().ok())
}

#[component]
pub fn SummaryPage() -> impl IntoView {
    let query = use_query_map();
    let reload = RwSignal::new(0u32);
    let summary = load(
        move || {
            let (as_user, profile) =
                query.with(|q| (id_param(q.get("as")), id_param(q.get("profile"))));
            (as_user, profile, reload.get())
        },
        |(as_user, profile, _)| get_summary(as_user, profile),
    );
    // New alerts, and anything missed while the stream was down, show without a reload.
    use_live_events(move |event| {
        if matches!(event, LiveEvent::AlertsChanged { .. } | LiveEvent::Resync) {
            reload.update(|n| *n += 1);
        }
    });
    view! {
        <Title text="Summary"/>
        <RequireAccess requirement=Requirement::Summary>
            <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || summary.get().map(|result| match result {
                    Ok(page) => view! { <SummaryBody page reload/> }.into_any(),
                    Err(error) => view! { <ErrorBanner error/> }.into_any(),
                })}
            </Transition>
        </RequireAccess>
    }
}

#[component]
fn SummaryBody(page: SummaryData, reload: RwSignal<u32>) -> impl IntoView {
    let read_only = page.subject.read_only;
    let heading = if read_only {
        format!("{}’s Summary", page.subject.user.name)
    } else {
        "Summary".to_string()
    };
    let can_view_as = !page.subject.view_as.is_empty();
    view! {
        <section class="tab-page summary-page" aria-labelledby="tab-heading">
            <header class="tab-header">
                <h1 id="tab-heading">{heading}</h1>
                {can_view_as.then(|| view! {
                    <ViewAsPicker users=page.subject.view_as.clone() current=page.subject.user.id/>
                })}
            </header>
            {read_only.then(|| view! {
                <p class="notice" role="status">
                    "You are viewing this Summary as "{page.subject.user.name.clone()}
                    ". It is read-only: their reports and tasks are theirs to change."
                </p>
            })}
            <div class="summary-grid">
                <ActivitiesCard alerts=page.alerts task_lists=page.task_lists read_only/>
                <CustomerViewsCard customers=page.customers read_only/>
                <ScheduleCard schedule=page.schedule read_only reload/>
                <HealthCard profiles=page.health_profiles health=page.health/>
            </div>
            <ReportsSection reports=page.reports objects=page.report_objects read_only reload/>
        </section>
    }
}
