//! A line over ordered points (periods, days) with the first, middle and last labels under it.

use leptos::prelude::*;

use super::{
    bar_chart::shorten,
    geometry::{nice_ceiling, spread},
};
use crate::models::{
    property::one_decimal,
    report::{ChartPoint, FigureFormat},
};

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
                "{}{},{}",
                if i == 0 { "M" } else { " L" },
                one_decimal(*x),
                one_decimal(y(p.value))
            )
        })
        .collect();
    let dots = points
        .iter()
        .zip(&xs)
        .map(|(p, x)| view! { <circle cx=one_decimal(*x) cy=one_decimal(y(p.value)) r="3"/> })
        .collect_view();
    let last = points.len().saturating_sub(1);
    let ticks = points
        .iter()
        .zip(&xs)
        .enumerate()
        .filter(|(i, _)| *i == 0 || *i == last || (last >= 4 && *i == last / 2))
        .map(|(i, (p, x))| {
            let anchor = if i == 0 && last > 0 { "start" } else if i == last && last > 0 { "end" } else { "middle" };
            view! { <text class="tick" x=one_decimal(*x) y=one_decimal(HEIGHT - 6.0) text-anchor=anchor>{shorten(&p.label, 16)}</text> }
        })
        .collect_view();
    let (left, right, tick_x) = (
        one_decimal(LEFT),
        one_decimal(WIDTH - RIGHT),
        one_decimal(LEFT - 6.0),
    );
    let (top_y, middle_y, bottom_y) = (
        one_decimal(TOP),
        one_decimal(y(top / 2.0)),
        one_decimal(HEIGHT - BOTTOM),
    );
    view! {
        <svg class="chart line-chart" viewBox=format!("0 0 {} {}", one_decimal(WIDTH), one_decimal(HEIGHT)) role="img" aria-label=label>
            <line class="grid" x1=left.clone() x2=right.clone() y1=top_y.clone() y2=top_y/>
            <line class="grid" x1=left.clone() x2=right.clone() y1=middle_y.clone() y2=middle_y/>
            <line class="axis" x1=left x2=right y1=bottom_y.clone() y2=bottom_y/>
            <text class="tick" x=tick_x.clone() y=one_decimal(TOP + 4.0) text-anchor="end">{format.format(top)}</text>
            <text class="tick" x=tick_x.clone() y=one_decimal(y(top / 2.0) + 4.0) text-anchor="end">{format.format(top / 2.0)}</text>
            <text class="tick" x=tick_x y=one_decimal(HEIGHT - BOTTOM + 4.0) text-anchor="end">"0"</text>
            <path d=path/>
            <g class="dots">{dots}</g>
            {ticks}
        </svg>
    }
}
