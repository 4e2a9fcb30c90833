//! A record's score over time as an SVG line (0–100), by day or by month, with the figures in a
//! table for screen readers and on demand. Rendered on the server, so it shows without scripts.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;

use crate::{
    components::charts::{ChartTable, LineChart},
    models::{
        health_score_view::DayValue,
        report::{ChartPoint, FigureFormat},
    },
};

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
    let points = Memo::new(move |_| {
        history.with_value(|h| {
            points_at(h, scale.get())
                .into_iter()
                .map(|(label, value)| ChartPoint { label, value })
                .collect::<Vec<_>>()
        })
    });
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
    let chart = move || {
        let label = label.clone();
        view! {
            <LineChart points=points.get() format=FigureFormat::Count label=label.clone() max=100.0/>
            <ChartTable
                points=points.get()
                format=FigureFormat::Count
                caption=label
                group_heading="When"
                value_heading="Score"
            />
        }
    };
    view! {
        <figure class="score-chart">
            <div class="score-chart-tools" role="group" aria-label="Chart scale">
                {scale_button(ChartScale::Month, "By month")}
                {scale_button(ChartScale::Day, "By day")}
            </div>
            {chart}
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
