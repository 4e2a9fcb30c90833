//! The health score summary of a live profile (picked here): the average score, each
//! category's share, the scores' distribution and the daily average over time.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::{
    components::charts::{Chart, ChartTable, LineChart},
    models::{
        property::one_decimal,
        report::{ChartKind, FigureFormat},
        summary::{HealthSummary, ProfileChoice},
    },
};

#[component]
pub(super) fn HealthCard(
    profiles: Vec<ProfileChoice>,
    health: Option<HealthSummary>,
) -> impl IntoView {
    let body = match health {
        None => view! {
            <p class="muted">"No health score is live yet. Users with the settings permission create one under Settings → Health scores."</p>
        }
        .into_any(),
        Some(health) => view! {
            <ProfilePicker profiles current=health.profile_id/>
            <HealthFigures health/>
        }
        .into_any(),
    };
    view! {
        <section class="summary-card health-summary" aria-labelledby="health-summary-heading">
            <h2 id="health-summary-heading">"Health score summary"</h2>
            {body}
        </section>
    }
}

/// A GET form choosing the profile; with JavaScript it switches on change (keeping `?as=`).
#[component]
fn ProfilePicker(profiles: Vec<ProfileChoice>, current: i64) -> impl IntoView {
    let navigate = use_navigate();
    let query = use_query_map();
    let viewing_as = move || query.with_untracked(|q| q.get("as"));
    let as_field = viewing_as().map(|id| view! { <input type="hidden" name="as" value=id/> });
    let on_change = move |ev: leptos::ev::Event| {
        let profile = event_target_value(&ev);
        let path = match viewing_as() {
            Some(id) => format!("/summary?as={id}&profile={profile}"),
            None => format!("/summary?profile={profile}"),
        };
        navigate(&path, Default::default());
    };
    let options = profiles
        .into_iter()
        .map(
            |p| view! { <option value=p.id.to_string() selected=p.id == current>{p.name}</option> },
        )
        .collect_view();
    view! {
        <form class="profile-picker" method="get" action="/summary">
            {as_field}
            <label for="health-profile">"Health score"</label>
            <select id="health-profile" name="profile" on:change=on_change>{options}</select>
            <button type="submit" class="button small">"Show"</button>
        </form>
    }
}

#[component]
fn HealthFigures(health: HealthSummary) -> impl IntoView {
    if health.scored == 0 {
        return view! { <p class="muted">"No customer has a score yet: scores appear within a minute of a profile going live."</p> }.into_any();
    }
    let share = |label: &'static str, class: &'static str, count: u64| {
        view! {
            <li class=format!("category-share {class}")>
                <span class="share-label">{label}</span>
                <strong>{format!("{}%", health.share(count))}</strong>
                <span class="muted">{format!("{count} customers")}</span>
            </li>
        }
    };
    let average = health.average.map_or_else(|| "–".to_string(), one_decimal);
    let over_time_label = format!("{}: average score over time", health.profile_name);
    view! {
        <div class="health-stats">
            <p class="average-score"><span class="muted">"Average score"</span><strong>{average}</strong></p>
            <ul class="category-shares" aria-label="Customers per category">
                {share("At risk", "at-risk", health.at_risk)}
                {share("Neutral", "neutral", health.neutral)}
                {share("Healthy", "healthy", health.healthy)}
            </ul>
        </div>
        <h3>"Score distribution"</h3>
        <Chart
            kind=ChartKind::Bar
            points=health.distribution
            format=FigureFormat::Count
            label=format!("{}: customers per score range", health.profile_name)
            group_heading="Score"
            value_heading="Customers"
        />
        <h3>"Average score over time"</h3>
        <figure class="chart-figure">
            <LineChart points=health.over_time.clone() format=FigureFormat::Number label=over_time_label.clone() max=100.0/>
            <ChartTable points=health.over_time format=FigureFormat::Number caption=over_time_label group_heading="Day" value_heading="Average score"/>
        </figure>
    }
    .into_any()
}
