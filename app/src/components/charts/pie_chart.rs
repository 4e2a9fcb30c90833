//! A pie with a legend that names every slice with its value and share, so the colours only
//! repeat what the words say.

use leptos::prelude::*;

use super::geometry::{shares, slice_path};
use crate::models::report::{ChartPoint, FigureFormat};

#[component]
pub fn PieChart(
    points: Vec<ChartPoint>,
    format: FigureFormat,
    #[prop(into)] label: String,
) -> impl IntoView {
    let slices = shares(&points.iter().map(|p| p.value).collect::<Vec<_>>());
    let paths = slices
        .iter()
        .enumerate()
        .filter(|(_, (start, end))| end > start)
        .map(|(i, (start, end))| {
            view! { <path class=format!("slice series-{}", i % 8) d=slice_path(60.0, 60.0, 56.0, *start, *end)/> }
        })
        .collect_view();
    let legend = points
        .into_iter()
        .zip(slices)
        .enumerate()
        .map(|(i, (p, (start, end)))| {
            view! {
                <li>
                    <span class=format!("swatch series-{}", i % 8) aria-hidden="true"></span>
                    <span class="legend-label">{p.label}</span>
                    <span class="legend-value">
                        {format!("{} · {}%", format.format(p.value), ((end - start) * 100.0).round() as i64)}
                    </span>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="pie-chart">
            <svg class="chart" viewBox="0 0 120 120" role="img" aria-label=label>{paths}</svg>
            <ul class="chart-legend">{legend}</ul>
        </div>
    }
}
