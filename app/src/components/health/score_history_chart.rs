//! A record's score over time as an SVG line (0–100), by day or by month, with the figures in a
//! table for screen readers and on demand. Rendered on the server, so it shows without scripts.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;

use crate::models::health_score_view::DayValue;

const WIDTH: f64 = 320.0;
const HEIGHT: f64 = 120.0;
const PAD: f64 = 24.0;

/// How the chart groups its points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartScale {
    Day,
    Month,
}

/// The points shown at `scale`: every day a score changed, or each month's last score.
pub fn points_at(history: &[DayValue], scale: ChartScale) -> Vec<(String, f64)> {
    match scale {
        ChartScale::Day => history
            .iter()
            .map(|p| (p.day.format("%b %-d").to_string(), p.value))
            .collect(),
        ChartScale::Month => {
            let mut months: BTreeMap<(i32, u32), f64> = BTreeMap::new();
            for p in history {
                months.insert((p.day.year(), p.day.month()), p.value);
            }
            months
                .into_iter()
                .filter_map(|((y, m), v)| {
                    NaiveDate::from_ymd_opt(y, m, 1).map(|d| (d.format("%b %Y").to_string(), v))
                })
                .collect()
        }
    }
}

#[component]
pub fn ScoreHistoryChart(history: Vec<DayValue>, #[prop(into)] label: String) -> impl IntoView {
    let history = StoredValue::new(history);
    let scale = RwSignal::new(ChartScale::Month);
    let points = Memo::new(move |_| history.with_value(|h| points_at(h, scale.get())));
    // Each point's position in the drawing, oldest left, 100 at the top.
    let coordinates = Memo::new(move |_| {
        points.with(|points| {
            let n = points.len().max(2) as f64 - 1.0;
            points
                .iter()
                .enumerate()
                .map(|(i, (_, v))| {
                    let x = PAD + (WIDTH - 2.0 * PAD) * (i as f64 / n);
                    (x, HEIGHT - PAD - (HEIGHT - 2.0 * PAD) * (v / 100.0))
                })
                .collect::<Vec<(f64, f64)>>()
        })
    });
    let path = move || {
        coordinates.with(|c| {
            c.iter()
                .enumerate()
                .map(|(i, (x, y))| format!("{}{x:.1},{y:.1}", if i == 0 { "M" } else { " L" }))
                .collect::<String>()
        })
    };
    let dots = move || {
        coordinates.with(|c| {
            c.iter()
                .map(|(x, y)| view! { <circle cx=*x cy=*y r="3"/> })
                .collect_view()
        })
    };
    let rows = move || {
        points.with(|points| {
            points
                .iter()
                .map(|(when, v)| view! { <tr><th scope="row">{when.clone()}</th><td>{format!("{v:.0}")}</td></tr> })
                .collect_view()
        })
    };
    let scale_button = move |value: ChartScale, text: &'static str| {
        view! {
            <button
                type="button"
                class="button small"
                class:active=move || scale.get() == value
                aria-pressed=move || (scale.get() == value).to_string()
                on:click=move |_| scale.set(value)
            >
                {text}
            </button>
        }
    };
    view! {
        <figure class="score-chart">
            <div class="score-chart-tools" role="group" aria-label="Chart scale">
                {scale_button(ChartScale::Month, "By month")}
                {scale_button(ChartScale::Day, "By day")}
            </div>
            <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-label=label.clone()>
                <line class="grid" x1=PAD x2=WIDTH - PAD y1=PAD y2=PAD/>
                <line class="grid" x1=PAD x2=WIDTH - PAD y1=HEIGHT / 2.0 y2=HEIGHT / 2.0/>
                <line class="axis" x1=PAD x2=WIDTH - PAD y1=HEIGHT - PAD y2=HEIGHT - PAD/>
                <text x="2" y=PAD + 4.0>"100"</text>
                <text x="8" y=HEIGHT / 2.0 + 4.0>"50"</text>
                <text x="14" y=HEIGHT - PAD + 4.0>"0"</text>
                <path d=path/>
                <g class="dots">{dots}</g>
            </svg>
            <details>
                <summary>"Show the figures"</summary>
                <table class="chart-table">
                    <caption class="visually-hidden">{label}</caption>
                    <thead><tr><th scope="col">"When"</th><th scope="col">"Score"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </details>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32, value: f64) -> DayValue {
        DayValue {
            day: NaiveDate::from_ymd_opt(y, m, d).unwrap(),
            value,
        }
    }

    #[test]
    fn months_keep_their_last_score() {
        let history = vec![
            day(2026, 10, 3, 40.0),
            day(2026, 10, 20, 55.0),
            day(2026, 11, 2, 70.0),
        ];
        assert_eq!(
            points_at(&history, ChartScale::Month),
            vec![
                ("Oct 2026".to_string(), 55.0),
                ("Nov 2026".to_string(), 70.0)
            ]
        );
        assert_eq!(points_at(&history, ChartScale::Day).len(), 3);
    }
}
