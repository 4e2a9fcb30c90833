//! Horizontal bars, one row per group with its label and value written beside it, so long
//! names stay readable and no value depends on colour.

use leptos::prelude::*;

use super::geometry::nice_ceiling;
use crate::models::{
    property::one_decimal,
    report::{ChartPoint, FigureFormat},
};

const WIDTH: f64 = 360.0;
const ROW: f64 = 24.0;
const LABEL: f64 = 120.0;
const VALUE: f64 = 70.0;

#[component]
pub fn BarChart(
    points: Vec<ChartPoint>,
    format: FigureFormat,
    #[prop(into)] label: String,
) -> impl IntoView {
    let top = nice_ceiling(points.iter().map(|p| p.value).fold(0.0, f64::max));
    let height = ROW * points.len().max(1) as f64;
    let span = WIDTH - LABEL - VALUE;
    let bars = points
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            let y = ROW * i as f64;
            let width = (p.value.max(0.0) / top * span).max(1.0);
            view! {
                <g class=format!("bar series-{}", i % 8)>
                    <text class="bar-label" x=one_decimal(LABEL - 6.0) y=one_decimal(y + 16.0) text-anchor="end">
                        {shorten(&p.label, 18)}
                    </text>
                    <rect x=one_decimal(LABEL) y=one_decimal(y + 5.0) width=one_decimal(width) height=one_decimal(ROW - 10.0) rx="2"/>
                    <text class="bar-value" x=one_decimal(LABEL + width + 6.0) y=one_decimal(y + 16.0)>
                        {format.format(p.value)}
                    </text>
                </g>
            }
        })
        .collect_view();
    view! {
        <svg class="chart bar-chart" viewBox=format!("0 0 {} {}", one_decimal(WIDTH), one_decimal(height)) role="img" aria-label=label>
            {bars}
        </svg>
    }
}

/// A label cut to `max` characters with an ellipsis (the table has it whole).
pub(super) fn shorten(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        label.to_string()
    } else {
        let cut: String = label.chars().take(max - 1).collect();
        format!("{cut}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_labels_are_cut_with_an_ellipsis() {
        assert_eq!(shorten("Closed won", 18), "Closed won");
        assert_eq!(shorten("Appointment scheduled", 10), "Appointme…");
    }
}
