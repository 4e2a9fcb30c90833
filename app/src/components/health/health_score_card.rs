//! The health card(s) of a record: per live score profile, the score and its category, which
//! criteria earned or lost the points group by group, the latest changes and the history chart.
//! Scores are computed in the background, so after the record changes the card reads them again
//! a moment later.

use std::time::Duration;

use leptos::prelude::*;

use super::{CategoryBadge, ScoreHistoryChart};
use crate::{
    components::{ErrorBanner, viewer_zone::use_viewer_zone},
    error::AppError,
    functions::get_health_scores,
    models::{health_score_view::HealthScoreCard, record_detail::RecordDetail},
};

/// How long after a change the card reads the score again (the scorer takes a quarter second).
const RESCORE_DELAY: Duration = Duration::from_millis(1_200);

#[component]
pub fn HealthScoreCards(detail: RwSignal<RecordDetail>) -> impl IntoView {
    let record_id = detail.with_untracked(|d| d.id);
    // Rendered with the record (on the server too); read again on their own after a change,
    // not as a resource, so a refresh never redraws the record around them.
    let cards = RwSignal::new(detail.with_untracked(|d| d.health.clone()));
    let error = RwSignal::new(None::<AppError>);
    // A saved change (a new version) may move the score: read it again once it is scored.
    let seen_version = StoredValue::new(detail.with_untracked(|d| d.version));
    Effect::new(move |_| {
        let version = detail.with(|d| d.version);
        if version != seen_version.get_value() {
            seen_version.set_value(version);
            set_timeout(
                move || {
                    leptos::task::spawn_local(async move {
                        match get_health_scores(record_id).await {
                            Ok(fresh) => {
                                error.set(None);
                                cards.set(fresh);
                            }
                            Err(failure) => error.set(Some(failure)),
                        }
                    });
                },
                RESCORE_DELAY,
            );
        }
    });
    view! {
        {move || error.get().map(|error| view! { <ErrorBanner error/> })}
        {move || cards.get().into_iter().map(|card| view! { <HealthCard card/> }).collect_view()}
    }
}

#[component]
fn HealthCard(card: HealthScoreCard) -> impl IntoView {
    let zone = use_viewer_zone();
    let heading_id = format!("health-{}", card.profile_id);
    let HealthScoreCard {
        profile_name,
        score,
        category,
        scored_at,
        groups,
        changes,
        history,
        ..
    } = card;
    let headline = match (score, category) {
        (Some(score), Some(category)) => view! {
            <div class="health-headline">
                <span class="health-score" aria-label=format!("Score {score} of 100")>{score}</span>
                <span class="health-out-of">"/ 100"</span>
                <CategoryBadge category/>
            </div>
            {scored_at.map(|at| view! { <p class="field-hint">"Since "{zone.format(at)}</p> })}
        }
        .into_any(),
        _ => view! {
            <p class="empty-note">"Not scored yet: scores are computed a moment after a score is turned on, and only for records in its segments."</p>
        }
        .into_any(),
    };
    let groups = groups
        .into_iter()
        .map(|group| {
            let criteria = group
                .criteria
                .into_iter()
                .map(|c| {
                    let sign = if c.points > 0 { format!("+{}", c.points) } else { c.points.to_string() };
                    let (class, mark, state) = if c.held {
                        (if c.points > 0 { "criterion earned" } else { "criterion lost" }, "✓", "holds")
                    } else {
                        ("criterion idle", "–", "does not hold")
                    };
                    view! {
                        <li class=class>
                            <span class="criterion-mark" aria-hidden="true">{mark}</span>
                            <span class="criterion-text">{c.text}</span>
                            <span class="criterion-points">{sign}</span>
                            <span class="visually-hidden">{format!(", {state}")}</span>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <li class="health-group">
                    <div class="health-group-head">
                        <span>{group.name.clone()}</span>
                        <span class="health-group-points">{format!("{} / {}", group.points, group.max_points)}</span>
                    </div>
                    <ul class="criteria" aria-label=format!("Criteria of {}", group.name)>{criteria}</ul>
                </li>
            }
        })
        .collect_view();
    let changes_list = (!changes.is_empty()).then(|| {
        let items = changes
            .into_iter()
            .map(|c| {
                view! {
                    <li>
                        <span>{zone.format(c.at)}</span>
                        <span>{c.score}</span>
                        <CategoryBadge category=c.category/>
                    </li>
                }
            })
            .collect_view();
        view! {
            <h4>"Recent changes"</h4>
            <ul class="score-changes">{items}</ul>
        }
    });
    let chart = (history.len() > 1).then(|| {
        view! {
            <h4>"History"</h4>
            <ScoreHistoryChart history label=format!("{profile_name} over time")/>
        }
    });
    view! {
        <section class="record-section health-card" aria-labelledby=heading_id.clone()>
            <h3 id=heading_id.clone()>{profile_name.clone()}</h3>
            {headline}
            <h4>"Why this score"</h4>
            <ul class="health-groups">{groups}</ul>
            {changes_list}
            {chart}
        </section>
    }
}
