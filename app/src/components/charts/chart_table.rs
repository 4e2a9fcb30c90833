//! A chart's figures as a table: what screen readers read, and anyone may open.

use leptos::prelude::*;

use crate::models::report::{ChartPoint, FigureFormat};

#[component]
pub fn ChartTable(
    points: Vec<ChartPoint>,
    format: FigureFormat,
    /// The chart's name, the table's caption.
    #[prop(into)]
    caption: String,
    #[prop(into)] group_heading: String,
    #[prop(into)] value_heading: String,
) -> impl IntoView {
    let rows = points
        .into_iter()
        .map(|p| view! { <tr><th scope="row">{p.label}</th><td>{format.format(p.value)}</td></tr> })
        .collect_view();
    view! {
        <details class="chart-figures">
            <summary>"Show the figures"</summary>
            <table class="chart-table">
                <caption class="visually-hidden">{caption}</caption>
                <thead>
                    <tr><th scope="col">{group_heading}</th><th scope="col">{value_heading}</th></tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </details>
    }
}
