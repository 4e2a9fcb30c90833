//! A line over ordered points (periods, days) with the first, middle and last labels under it.

use leptos::prelude::*;

use super::{
    bar_chart::shorten,
    geometry::{nice_ceiling, spread},
};
use crate::models::report::{ChartPoint, FigureFormat};

const WIDTH: f64 = 360.0;
const HEIGHT: f64 = 150.0;
const LEFT: f64 = 48.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 10.0;
const BOTTOM: f64 = 24.0;

#[component]
pub fn LineChart(
    points: Vec<ChartPoint>,
    format: FigureFormat,
    #[prop(into)] label: String,
    /// A fixed top of the axis (100 for scores); else a round number above the largest value.
    #[prop(optional)]
    max: Option<f64>,
) -> impl IntoView {
    let top =
        max.unwrap_or_else(|| nice_ceiling(points.iter().map(|p| p.value).fold(0.0, f64::max)));
    let xs = spread(points.len(), LEFT, WIDTH - RIGHT);
    let y = move |value: f64| {
        HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * (value.max(0.0) / top).min(1.0)
    };
    let path: String = points
        .iter()
        .zip(&xs)
        .enumerate()
        .map(|(i, (p, x))| {
            format!(
                "{}{x:.1},{:.1}",
                if i == 0 { "M" } else { " L" },
                y(p.value)
            )
        })
        .collect();
    let dots = points
        .iter()
        .zip(&xs)
        .map(
            |(p, x)| view! { <circle cx=format!("{x:.1}") cy=format!("{:.1}", y(p.value)) r="3"/> },
        )
        .collect_view();
    let last = points.len().saturating_sub(1);
    let ticks = points
        .iter()
        .zip(&xs)
        .enumerate()
        .filter(|(i, _)| *i == 0 || *i == last || (last >= 4 && *i == last / 2))
        .map(|(i, (p, x))| {
            let anchor = if i == 0 && last > 0 { "start" } else if i == last && last > 0 { "end" } else { "middle" };
            view! { <text class="tick" x=format!("{x:.1}") y=HEIGHT - 6.0 text-anchor=anchor>{shorten(&p.label, 16)}</text> }
        })
        .collect_view();
    view! {
        <svg class="chart line-chart" viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-label=label>
            <line class="grid" x1=LEFT x2=WIDTH - RIGHT y1=TOP y2=TOP/>
            <line class="grid" x1=LEFT x2=WIDTH - RIGHT y1=y(top / 2.0) y2=y(top / 2.0)/>
            <line class="axis" x1=LEFT x2=WIDTH - RIGHT y1=HEIGHT - BOTTOM y2=HEIGHT - BOTTOM/>
            <text class="tick" x=LEFT - 6.0 y=TOP + 4.0 text-anchor="end">{format.format(top)}</text>
            <text class="tick" x=LEFT - 6.0 y=y(top / 2.0) + 4.0 text-anchor="end">{format.format(top / 2.0)}</text>
            <text class="tick" x=LEFT - 6.0 y=HEIGHT - BOTTOM + 4.0 text-anchor="end">"0"</text>
            <path d=path/>
            <g class="dots">{dots}</g>
            {ticks}
        </svg>
    }
}
