//! A category as a badge: its name in words with a colour and a symbol, never colour alone.

use leptos::prelude::*;

use crate::models::health_score::HealthCategory;

#[component]
pub fn CategoryBadge(category: HealthCategory) -> impl IntoView {
    let (class, symbol) = match category {
        HealthCategory::AtRisk => ("health-badge at-risk", "▼"),
        HealthCategory::Neutral => ("health-badge neutral", "●"),
        HealthCategory::Healthy => ("health-badge healthy", "▲"),
    };
    view! {
        <span class=class>
            <span aria-hidden="true">{symbol}" "</span>
            {category.label()}
        </span>
    }
}
