//! A chart of any kind with its figures table: what a report or a summary section places.

use leptos::prelude::*;

use super::{BarChart, ChartTable, LineChart, PieChart};
use crate::models::report::{ChartKind, ChartPoint, FigureFormat};

#[component]
pub fn Chart(
    kind: ChartKind,
    points: Vec<ChartPoint>,
    format: FigureFormat,
    /// The total a Number chart shows.
    #[prop(optional)]
    total: f64,
    /// The chart's accessible name.
    #[prop(into)]
    label: String,
    #[prop(into)] group_heading: String,
    #[prop(into)] value_heading: String,
) -> impl IntoView {
    if kind == ChartKind::Number {
        return view! {
            <p class="chart-number" aria-label=format!("{label}: {}", format.format(total))>
                <span aria-hidden="true">{format.format(total)}</span>
                <span class="chart-number-caption" aria-hidden="true">{value_heading}</span>
            </p>
        }
        .into_any();
    }
    if points.is_empty() {
        return view! { <p class="muted chart-empty">"No records to count yet."</p> }.into_any();
    }
    let drawing = match kind {
        ChartKind::Line => {
            view! { <LineChart points=points.clone() format label=label.clone()/> }.into_any()
        }
        ChartKind::Pie => {
            view! { <PieChart points=points.clone() format label=label.clone()/> }.into_any()
        }
        _ => view! { <BarChart points=points.clone() format label=label.clone()/> }.into_any(),
    };
    view! {
        <figure class="chart-figure">
            {drawing}
            <ChartTable points format caption=label group_heading value_heading/>
        </figure>
    }
    .into_any()
}
